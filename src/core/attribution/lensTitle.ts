// The CodeLens line above a symbol: the customer problem first, then the item, truncated to fit.
// `$(lightbulb) Weekly shoppers rebuild the same cart every week — CHK-12 One-click reorder (+2 more)`

export interface LensItem {
  readonly id: string;
  readonly title: string;
  readonly why?: string | undefined;
}

/** `$(` in user text would render as an icon: break it with a zero-width space. */
function noIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/, '')}…`;
}

/** Below this many items, or when one item has most of the lines, the lens leads with the why. */
const MANY_ITEMS = 5;

/**
 * The lens over a range that serves many items (a 9,000-line class): the count and the item with
 * the most lines, `89 items · most lines: LANG-853 StringUtils join APIs (183 lines)`, since no
 * single why speaks for it. Undefined when the range is better described by its first item's why.
 */
export function manyItemsTitle(
  items: readonly (LensItem & { readonly lines: number })[],
  rangeLines: number,
  maxTitle = 50,
): string | undefined {
  const first = items[0];
  if (!first || items.length < MANY_ITEMS || first.lines * 2 >= rangeLines) return undefined;
  const lines = `${first.lines.toLocaleString('en-US')} line${first.lines === 1 ? '' : 's'}`;
  return `$(lightbulb) ${noIcons(`${items.length} items · most lines: ${first.id} ${truncate(first.title, maxTitle)} (${lines})`)}`;
}

/** `items` ranked, strongest first; empty → undefined (no lens). */
export function lensTitle(items: readonly LensItem[], maxWhy = 70, maxTitle = 40): string | undefined {
  const first = items[0];
  if (!first) return undefined;
  const item = `${first.id} ${truncate(first.title, maxTitle)}`;
  const why = first.why ? `${truncate(first.why, maxWhy)} — ` : '';
  const more = items.length > 1 ? ` (+${items.length - 1} more)` : '';
  return `$(lightbulb) ${noIcons(why + item)}${more}`;
}
