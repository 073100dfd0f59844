// Text from YAML inside Markdown documents people keep (overview and report exports): escape
// only what would change the meaning — links, emphasis, code, HTML, table cells, and block syntax
// at the start of a line — so `LANG-1793`, `2026-12-06` and `f()` stay as written. (Hovers and
// cards keep escapeMarkdown, which escapes every punctuation mark: nobody reads that source.)

/** One line of literal text in Markdown (whitespace collapsed). Safe inside table cells too. */
export function markdownInline(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // `$(` would be an icon where VS Code renders Markdown with theme icons.
  let out = flat.replace(/[\\`*[\]<>|~]|_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_|&(?=#?[A-Za-z0-9]+;)|\$(?=\()/gu, (ch) =>
    ch === '&' ? '&amp;' : `\\${ch}`,
  );
  // Block syntax only counts at the start of a line: a heading, quote, list item or rule.
  out = out.replace(/^([#>+-])/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  return out;
}
