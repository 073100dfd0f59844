// The *why* of an imported item, from the tracker's description: the "Problem" / "Why" /
// "Customer problem" section when there is one, else the first paragraph; as plain text, with
// Markdown, Jira wiki markup and HTML stripped. Bounded: a hostile description costs linear time.

export type Markup = 'markdown' | 'jira' | 'html';

/** Longer descriptions are cut here before any work (a why is a few sentences). */
const MAX_INPUT = 64 * 1024;
/** A why longer than this is cut at a word boundary with an ellipsis. */
export const MAX_WHY = 2000;

const WHY_HEADING = /^(?:customer\s+problem|problem(?:\s+statement)?|why|the\s+problem|user\s+problem)\s*[:?]?$/i;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6}|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (ENTITIES[lower] !== undefined) return ENTITIES[lower];
    const code = lower.startsWith('#x')
      ? parseInt(lower.slice(2), 16)
      : lower.startsWith('#')
        ? Number(lower.slice(1))
        : NaN;
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** HTML to lines: block elements end lines, tags go, entities decode. */
function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)\b[^>]{0,200}>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<\/?(strong|b)\b[^>]{0,200}>/gi, '**')
      .replace(/<h([1-6])\b[^>]{0,200}>/gi, (_m, level: string) => `\n\n${'#'.repeat(Number(level))} `)
      .replace(/<\/(p|div|h[1-6]|ul|ol|table|blockquote)\s*>/gi, '\n\n')
      .replace(/<(br|\/li|\/tr)\b[^>]{0,200}>/gi, '\n')
      .replace(/<li\b[^>]{0,200}>/gi, '- ')
      .replace(/<[^>]{0,500}>/g, ''),
  );
}

/** A heading line's text, or undefined: `## Why`, `h2. Why`, `**Why**`, `Why:` on its own line. */
function headingText(line: string, markup: Markup): string | undefined {
  const t = line.trim();
  const md = /^#{1,6}\s+(.*?)\s*#*$/.exec(t);
  if (md && markup !== 'jira') return md[1];
  const jira = /^h[1-6]\.\s+(.*)$/.exec(t);
  if (jira && markup === 'jira') return jira[1];
  const bold = /^(\*\*|__|\*)([^*_]{1,80})\1:?$/.exec(t);
  if (bold) return bold[2];
  return undefined;
}

/** Inline markup removed from one line of text. */
function stripInline(line: string, markup: Markup): string {
  let s = line;
  if (markup === 'jira') {
    s = s
      .replace(/^\s*(?:bq\.|h[1-6]\.)\s*/, '')
      .replace(/^\s*[#*-]+\s+/, '')
      .replace(/\{(?:color|panel|quote|noformat|code)(?::[^}]{0,100})?\}/g, '')
      .replace(/\{\{([^}]{0,500})\}\}/g, '$1')
      .replace(/\[([^|\]]{0,500})\|([^\]]{0,2000})\]/g, '$1')
      .replace(/\[(https?:[^\]]{0,2000})\]/g, '$1')
      .replace(/!([^!\s]{1,500})!/g, '')
      .replace(/(^|[\s(])[*_+^~-]([^\s*_+^~-][^*_+^~]{0,500}?)[*_+^~-](?=$|[\s).,;:!?])/g, '$1$2');
  } else {
    s = s
      .replace(/^\s*>+\s?/, '')
      .replace(/^\s*#{1,6}\s+/, '')
      .replace(/^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/, '')
      .replace(/!\[([^\]]{0,500})\]\([^)]{0,2000}\)/g, '$1')
      .replace(/\[([^\]]{0,500})\]\([^)]{0,2000}\)/g, '$1')
      .replace(/`{1,3}([^`]{0,500})`{1,3}/g, '$1')
      .replace(/(\*\*|__|~~)(?=\S)([^]{0,500}?\S)\1/g, '$2')
      .replace(/(^|[\s(])[*_](?=\S)([^*_]{0,500}?\S)[*_](?=$|[\s).,;:!?])/g, '$1$2')
      .replace(/<[^>]{0,500}>/g, '');
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** Lines that carry no prose: code fences, rules, table separators. */
function isNoise(line: string): boolean {
  const t = line.trim();
  return /^(```|~~~|\{code|\{noformat|-{3,}$|\*{3,}$|_{3,}$|\|?\s*:?-{3,})/.test(t);
}

/** Paragraphs (lists of raw lines) from text; headings are their own paragraphs. */
function blocks(lines: readonly string[], markup: Markup): { heading?: string; lines: string[] }[] {
  const out: { heading?: string; lines: string[] }[] = [];
  let current: string[] = [];
  let fenced = false;
  const flush = (): void => {
    if (current.length > 0) out.push({ lines: current });
    current = [];
  };
  for (const line of lines) {
    const t = line.trim();
    // A fence line toggles code; a Jira line with `{code}…{code}` on it opens and closes.
    const fences = /^(```|~~~)/.test(t) ? 1 : (t.match(/\{(?:code|noformat)(?::[^}]{0,100})?\}/g) ?? []).length;
    if (fences > 0) {
      if (fences % 2 === 1) fenced = !fenced;
      flush();
      continue;
    }
    if (fenced) continue;
    const heading = headingText(line, markup);
    if (heading !== undefined) {
      flush();
      out.push({ heading: stripInline(heading, markup), lines: [] });
      continue;
    }
    if (t.length === 0 || isNoise(line)) {
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return out;
}

function paragraphText(lines: readonly string[], markup: Markup): string {
  return lines
    .map((l) => stripInline(l, markup))
    .filter((l) => l.length > 0)
    .join(' ');
}

function cut(text: string): string {
  if (text.length <= MAX_WHY) return text;
  const head = text.slice(0, MAX_WHY);
  const space = head.lastIndexOf(' ');
  return `${(space > MAX_WHY / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** The why from a description, or undefined when it has no prose. */
export function whyFromDescription(description: string | undefined, markup: Markup): string | undefined {
  if (description === undefined) return undefined;
  let text = description.length > MAX_INPUT ? description.slice(0, MAX_INPUT) : description;
  if (markup === 'html' || /<\/?(p|div|br|h[1-6]|ul|li)\b/i.test(text)) text = htmlToText(text);
  const all = blocks(text.replace(/\r\n?/g, '\n').split('\n'), markup);
  // "Problem: shoppers lose carts" written inline also counts as the section.
  for (const block of all) {
    if (block.heading !== undefined) continue;
    const first = block.lines[0] ?? '';
    const inline =
      /^\s*(?:\*\*|__|\*)?(customer problem|problem|why)(?:\*\*|__|\*)?\s*:(?:\*\*|__|\*)?\s+(\S.*)$/i.exec(first);
    if (inline?.[2]) {
      const rest = paragraphText([inline[2], ...block.lines.slice(1)], markup);
      if (rest) return cut(rest);
    }
  }
  const at = all.findIndex((b) => b.heading !== undefined && WHY_HEADING.test(b.heading));
  if (at >= 0) {
    const section: string[] = [];
    for (const block of all.slice(at + 1)) {
      if (block.heading !== undefined) break;
      const p = paragraphText(block.lines, markup);
      if (p) section.push(p);
    }
    if (section.length > 0) return cut(section.join('\n\n'));
  }
  for (const block of all) {
    if (block.heading !== undefined) continue;
    const p = paragraphText(block.lines, markup);
    if (p) return cut(p);
  }
  return undefined;
}
