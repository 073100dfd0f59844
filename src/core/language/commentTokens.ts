// The comment syntax of a language, by VS Code language id: where ids may be completed, found and
// renamed ("in comments only, not in strings or code"), and how a new annotation is written.
// A table rather than the languages' own configuration files: those are only reachable by reading
// other extensions' files, and the common languages' tokens do not change.

export interface CommentTokens {
  /** Line comment markers, longest first where one is a prefix of another. */
  readonly line: readonly string[];
  /** Block comment pairs. */
  readonly block: readonly (readonly [string, string])[];
  /** String delimiters whose contents are never comments. A `'` or `"` string ends at the line end. */
  readonly quotes: readonly string[];
}

/** Files that are prose as a whole (except code): ids may appear anywhere outside code spans. */
export type DocumentStyle = { readonly kind: 'code'; readonly tokens: CommentTokens } | { readonly kind: 'prose' };

const C_LIKE: CommentTokens = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'] };
const HASH: CommentTokens = { line: ['#'], block: [], quotes: ['"', "'"] };
const PYTHON: CommentTokens = { line: ['#'], block: [], quotes: ['"""', "'''", '"', "'"] };
const DASH: CommentTokens = { line: ['--'], block: [], quotes: ['"', "'"] };
const MARKUP: CommentTokens = { line: [], block: [['<!--', '-->']], quotes: [] };
const CSS: CommentTokens = { line: [], block: [['/*', '*/']], quotes: ['"', "'"] };

const BY_LANGUAGE: Readonly<Record<string, CommentTokens>> = {
  typescript: C_LIKE,
  typescriptreact: C_LIKE,
  javascript: C_LIKE,
  javascriptreact: C_LIKE,
  java: { line: ['//'], block: [['/*', '*/']], quotes: ['"""', '"', "'"] },
  c: C_LIKE,
  cpp: C_LIKE,
  'objective-c': C_LIKE,
  'objective-cpp': C_LIKE,
  csharp: C_LIKE,
  go: C_LIKE,
  rust: { line: ['//'], block: [['/*', '*/']], quotes: ['"'] },
  swift: { line: ['//'], block: [['/*', '*/']], quotes: ['"""', '"'] },
  kotlin: { line: ['//'], block: [['/*', '*/']], quotes: ['"""', '"', "'"] },
  scala: { line: ['//'], block: [['/*', '*/']], quotes: ['"""', '"', "'"] },
  dart: { line: ['//'], block: [['/*', '*/']], quotes: ["'''", '"""', '"', "'"] },
  groovy: C_LIKE,
  php: { line: ['//', '#'], block: [['/*', '*/']], quotes: ['"', "'"] },
  jsonc: C_LIKE,
  json5: C_LIKE,
  scss: C_LIKE,
  less: C_LIKE,
  css: CSS,
  fsharp: { line: ['//'], block: [['(*', '*)']], quotes: ['"'] },
  python: PYTHON,
  shellscript: HASH,
  ruby: HASH,
  perl: HASH,
  r: HASH,
  yaml: HASH,
  toml: HASH,
  dockerfile: HASH,
  makefile: HASH,
  powershell: { line: ['#'], block: [['<#', '#>']], quotes: ['"', "'"] },
  coffeescript: HASH,
  elixir: PYTHON,
  julia: { line: ['#'], block: [['#=', '=#']], quotes: ['"""', '"'] },
  graphql: HASH,
  terraform: { line: ['#', '//'], block: [['/*', '*/']], quotes: ['"'] },
  properties: { line: ['#', '!'], block: [], quotes: [] },
  ini: { line: [';', '#'], block: [], quotes: [] },
  sql: { line: ['--'], block: [['/*', '*/']], quotes: ["'", '"'] },
  lua: { line: ['--'], block: [['--[[', ']]']], quotes: ['"', "'"] },
  haskell: { line: ['--'], block: [['{-', '-}']], quotes: ['"'] },
  elm: { line: ['--'], block: [['{-', '-}']], quotes: ['"'] },
  ada: DASH,
  html: MARKUP,
  xml: MARKUP,
  xsl: MARKUP,
  vue: {
    line: ['//'],
    block: [
      ['<!--', '-->'],
      ['/*', '*/'],
    ],
    quotes: ['"', "'", '`'],
  },
  svelte: {
    line: ['//'],
    block: [
      ['<!--', '-->'],
      ['/*', '*/'],
    ],
    quotes: ['"', "'", '`'],
  },
  clojure: { line: [';'], block: [], quotes: ['"'] },
  lisp: { line: [';'], block: [], quotes: ['"'] },
  latex: { line: ['%'], block: [], quotes: [] },
  tex: { line: ['%'], block: [], quotes: [] },
  erlang: { line: ['%'], block: [], quotes: ['"'] },
  matlab: { line: ['%'], block: [['%{', '%}']], quotes: ['"', "'"] },
  vb: { line: ["'"], block: [], quotes: ['"'] },
  bat: { line: ['REM ', 'rem ', '::'], block: [], quotes: ['"'] },
  vim: { line: ['"'], block: [], quotes: ["'"] },
  razor: {
    line: ['//'],
    block: [
      ['@*', '*@'],
      ['<!--', '-->'],
      ['/*', '*/'],
    ],
    quotes: ['"', "'"],
  },
};

/** What most files in an unknown language use; the markers people write ids after. */
const FALLBACK: CommentTokens = {
  line: ['//', '#'],
  block: [
    ['/*', '*/'],
    ['<!--', '-->'],
  ],
  quotes: ['"', "'", '`'],
};

const PROSE = new Set(['markdown', 'plaintext', 'mdx', 'restructuredtext', 'asciidoc', 'git-commit']);

export function documentStyle(languageId: string): DocumentStyle {
  if (PROSE.has(languageId)) return { kind: 'prose' };
  return { kind: 'code', tokens: BY_LANGUAGE[languageId] ?? FALLBACK };
}

/** The known comment tokens of a language, or undefined for prose and unknown languages. */
export function commentTokensOf(languageId: string): CommentTokens | undefined {
  return BY_LANGUAGE[languageId];
}

/**
 * One comment line naming an item, in the language's syntax: `// Roadmap: CHK-12`,
 * `# Roadmap: CHK-12`, `<!-- Roadmap: CHK-12 -->`. Prose (Markdown) gets an HTML comment.
 */
export function annotationText(languageId: string, itemId: string): string {
  const style = documentStyle(languageId);
  const body = `Roadmap: ${itemId}`;
  if (style.kind === 'prose') return `<!-- ${body} -->`;
  const line = style.tokens.line[0];
  if (line !== undefined) return `${line.trimEnd()} ${body}`;
  const block = style.tokens.block[0];
  return block ? `${block[0]} ${body} ${block[1]}` : `// ${body}`;
}

export { languageIdForPath } from './languageIds';
