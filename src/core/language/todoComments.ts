// TODO comments (the trigger words are the `roadmapLens.todo.triggers` setting), found as whole words only: `TODONOW`, `todos` and `xTODO` are not
// triggers. The comment's own words become the title of a new roadmap item.

export interface TodoComment {
  readonly trigger: string;
  /** UTF-16 offsets of the trigger word in the text that was searched. */
  readonly start: number;
  readonly end: number;
  /** What the comment says after the trigger (`TODO(dana): retry on 503` → `retry on 503`). */
  readonly text: string;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}

/** The first whole-word trigger in `text` (case-sensitive, as people write them), if any. */
export function findTodo(text: string, triggers: readonly string[]): TodoComment | undefined {
  let best: TodoComment | undefined;
  for (const trigger of triggers) {
    if (trigger === '') continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(trigger, from);
      if (at < 0) break;
      const end = at + trigger.length;
      from = at + 1;
      if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
      if (best === undefined || at < best.start) best = { trigger, start: at, end, text: todoText(text.slice(end)) };
      break;
    }
  }
  return best;
}

/** Strips `(owner)`, `:` and the closing marker of a block comment from what follows the trigger. */
function todoText(rest: string): string {
  return rest
    .replace(/^\s*\([^)]*\)/, '')
    .replace(/^\s*[:\-–—!]*\s*/, '')
    .replace(/\s*(?:\*\/|-->|#>|\*\)|-\})\s*$/, '')
    .trim()
    .slice(0, 200);
}

/** A title from free text: first letter upper-cased, trailing punctuation dropped. */
export function titleFrom(text: string): string {
  const t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:,]+$/, '');
  return t.length === 0 ? t : t[0]?.toUpperCase() + t.slice(1);
}
