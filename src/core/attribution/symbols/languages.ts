// Which languages the symbol finder reads, and how: the lexical rules that tell code from strings
// and comments (so a `}` in "}" or // } never closes a scope), and the kind of block structure
// (braces, indentation or keywords). Keyed by VS Code language id; file extensions map onto them
// so the CLI, which has no language ids, reads the same way.
import { languageIdForPath } from '../../language/languageIds';

export type Structure = 'brace' | 'python' | 'yaml' | 'ruby' | 'lua';

/** Declaration grammar of a brace language (see braceDeclarations.ts). */
export type BraceDialect =
  'ts' | 'java' | 'csharp' | 'kotlin' | 'swift' | 'scala' | 'php' | 'c' | 'go' | 'rust' | 'dart' | 'shell' | 'perl';

export interface StringRule {
  readonly open: string;
  readonly close: string;
  /** Backslash escapes the next character. */
  readonly escape: boolean;
  /** May span lines (otherwise an unterminated string ends with its line: error recovery). */
  readonly multiline: boolean;
  /** Opens code inside the string (`${`, `#{`, `\(`, `{`); it ends at the matching bracket. */
  readonly interpolation?: string;
}

export interface Lexicon {
  readonly lineComments: readonly string[];
  /** `#` starts a comment only at a word start (shell, YAML): `$#` and `a#b` are not comments. */
  readonly commentAtWordStart?: boolean;
  readonly blockComments: readonly (readonly [string, string])[];
  readonly nestedBlockComments?: boolean;
  /** Longest openers first. */
  readonly strings: readonly StringRule[];
  /** `'x'` is a char literal only when it closes within a few characters (Rust lifetimes, Scala symbols). */
  readonly shortQuote?: boolean;
  /** JavaScript regular expression literals (`/[{]/`). */
  readonly regexLiterals?: boolean;
  readonly rawStrings?: 'rust' | 'cpp' | 'swift';
  /** Here-documents: shell/Perl `<<EOF`, `<<-EOF`, `<< 'EOF'`; Ruby `<<~EOS`; PHP `<<<EOT`. */
  readonly heredocs?: 'shell' | 'ruby' | 'php';
  /** C preprocessor lines (with `\` continuations) are not code for structure. */
  readonly preprocessor?: boolean;
  /** Lua long brackets: `[[ … ]]`, `[==[ … ]==]`, and `--[[ … ]]` comments. */
  readonly luaLongBrackets?: boolean;
  /** Ruby `=begin` … `=end` at line start. */
  readonly rubyBlockComments?: boolean;
}

export interface LanguageSpec {
  readonly id: string;
  readonly structure: Structure;
  readonly dialect?: BraceDialect;
  readonly lexicon: Lexicon;
  /** Statements end at a newline as well as at `;` (Go, Kotlin, Swift, JS without semicolons, shell). */
  readonly newlineStatements?: boolean;
}

const dq = (interpolation?: string, multiline = false): StringRule => ({
  open: '"',
  close: '"',
  escape: true,
  multiline,
  ...(interpolation ? { interpolation } : {}),
});
const sq: StringRule = { open: "'", close: "'", escape: true, multiline: false };
const triple = (q: string, escape: boolean, interpolation?: string): StringRule => ({
  open: q,
  close: q,
  escape,
  multiline: true,
  ...(interpolation ? { interpolation } : {}),
});
const cComments = { lineComments: ['//'], blockComments: [['/*', '*/']] as const };

const LEX = {
  ts: {
    ...cComments,
    strings: [dq(), sq, { open: '`', close: '`', escape: true, multiline: true, interpolation: '${' }],
    regexLiterals: true,
  },
  java: { ...cComments, strings: [triple('"""', true), dq(), sq] },
  csharp: {
    ...cComments,
    strings: [
      triple('"""', false),
      { open: '$@"', close: '"', escape: false, multiline: true, interpolation: '{' },
      { open: '@$"', close: '"', escape: false, multiline: true, interpolation: '{' },
      { open: '@"', close: '"', escape: false, multiline: true },
      { open: '$"', close: '"', escape: true, multiline: false, interpolation: '{' },
      dq(),
      sq,
    ],
  },
  kotlin: { ...cComments, nestedBlockComments: true, strings: [triple('"""', false, '${'), dq('${'), sq] },
  swift: {
    ...cComments,
    nestedBlockComments: true,
    rawStrings: 'swift',
    strings: [triple('"""', true, '\\('), dq('\\(')],
  },
  scala: { ...cComments, nestedBlockComments: true, shortQuote: true, strings: [triple('"""', false, '${'), dq()] },
  dart: {
    ...cComments,
    nestedBlockComments: true,
    strings: [triple('"""', true, '${'), triple("'''", true, '${'), dq('${'), { ...sq, interpolation: '${' }],
  },
  php: { lineComments: ['//', '#'], blockComments: [['/*', '*/']], heredocs: 'php', strings: [dq(), sq] },
  c: { ...cComments, preprocessor: true, rawStrings: 'cpp', strings: [dq(), sq] },
  go: { ...cComments, strings: [dq(), { open: '`', close: '`', escape: false, multiline: true }, sq] },
  rust: {
    ...cComments,
    nestedBlockComments: true,
    rawStrings: 'rust',
    shortQuote: true,
    strings: [dq(undefined, true)],
  },
  shell: {
    lineComments: ['#'],
    commentAtWordStart: true,
    blockComments: [],
    heredocs: 'shell',
    strings: [
      { open: "$'", close: "'", escape: true, multiline: true },
      { open: "'", close: "'", escape: false, multiline: true },
      dq(undefined, true),
    ],
  },
  perl: { lineComments: ['#'], commentAtWordStart: true, blockComments: [], heredocs: 'shell', strings: [dq(), sq] },
  python: {
    lineComments: ['#'],
    blockComments: [],
    strings: [triple('"""', true), triple("'''", true), dq(), sq],
  },
  yaml: {
    lineComments: ['#'],
    commentAtWordStart: true,
    blockComments: [],
    strings: [dq(), { open: "'", close: "'", escape: false, multiline: false }],
  },
  ruby: {
    lineComments: ['#'],
    blockComments: [],
    rubyBlockComments: true,
    heredocs: 'ruby',
    strings: [dq('#{', true), { open: "'", close: "'", escape: true, multiline: true }],
  },
  lua: { lineComments: ['--'], blockComments: [], luaLongBrackets: true, strings: [dq(), sq] },
} satisfies Record<string, Lexicon>;

const brace = (id: string, dialect: BraceDialect, lexicon: Lexicon, newlineStatements = false): LanguageSpec => ({
  id,
  structure: 'brace',
  dialect,
  lexicon,
  newlineStatements,
});

const SPECS: readonly LanguageSpec[] = [
  brace('typescript', 'ts', LEX.ts, true),
  brace('typescriptreact', 'ts', LEX.ts, true),
  brace('javascript', 'ts', LEX.ts, true),
  brace('javascriptreact', 'ts', LEX.ts, true),
  brace('java', 'java', LEX.java),
  brace('groovy', 'java', LEX.java, true),
  brace('csharp', 'csharp', LEX.csharp),
  brace('kotlin', 'kotlin', LEX.kotlin, true),
  brace('swift', 'swift', LEX.swift, true),
  brace('scala', 'scala', LEX.scala, true),
  brace('dart', 'dart', LEX.dart),
  brace('php', 'php', LEX.php),
  brace('c', 'c', LEX.c),
  brace('cpp', 'c', LEX.c),
  brace('objective-c', 'c', LEX.c),
  brace('go', 'go', LEX.go, true),
  brace('rust', 'rust', LEX.rust),
  brace('shellscript', 'shell', LEX.shell, true),
  brace('perl', 'perl', LEX.perl),
  { id: 'python', structure: 'python', lexicon: LEX.python },
  { id: 'yaml', structure: 'yaml', lexicon: LEX.yaml },
  { id: 'ruby', structure: 'ruby', lexicon: LEX.ruby },
  { id: 'lua', structure: 'lua', lexicon: LEX.lua },
];

const BY_ID = new Map(SPECS.map((s) => [s.id, s]));

/**
 * The language of a file: VS Code's language id when it names one we read (an editor may know
 * better than the extension, e.g. a shebang script), else the file name or extension.
 */
export function languageSpec(path: string, languageId?: string): LanguageSpec | undefined {
  const byId = languageId === undefined ? undefined : BY_ID.get(languageId);
  if (byId) return byId;
  return BY_ID.get(languageIdForPath(path));
}
