// Symbols of brace languages from their blanked code (maskCode): one walk over the characters with
// a stack of scopes. Each `{` is judged by its header (braceDeclarations); declarations nest only
// in files, namespaces, types and object literals, so lambdas, local classes and blocks inside a
// method never become symbols. A missing `}` (a syntax error mid-edit) would swallow the rest of
// the file into one method: a declaration line indented no deeper than the method that should have
// ended closes it there instead.

import { classifyHeader, type ScopeKind } from './braceDeclarations';
import type { BraceDialect, LanguageSpec } from './languages';
import type { SymbolKindName, SymbolRange } from '../symbolRanges';

// Every Scope, and every context handed to classifyHeader, is one object literal with all its
// fields: no spread, no optional field left out. An object built by spread gets a map (V8's hidden
// class) that only its instances keep alive; when a major GC finds none, the finder's optimized
// code that checks for that map is thrown away ("weak objects"), and the next calls run
// unoptimized again, 4-10× slower (docs/performance.md, Symbol finder).
interface Scope {
  readonly kind: ScopeKind | 'inline';
  readonly symbol: { name: string; kind: SymbolKindName; startLine: number; depth: number } | undefined;
  /** Indentation of the header's first line (for recovery). */
  readonly indent: number;
}

/** A line that can only start a declaration, by dialect (used to recover from a missing `}`). */
const DECLARATION_LINE: Partial<Record<BraceDialect, RegExp>> = {
  java: /^\s*(?:@\w+\s*)*(?:(?:public|private|protected|static|final|abstract|synchronized|native|default)\s+)+[\w<>[\],.? ]+\(|^\s*(?:public|private|protected)?\s*(?:static\s+)?(?:final\s+)?(?:class|interface|enum|record)\s+\w/,
  csharp:
    /^\s*(?:(?:public|private|protected|internal|static|override|virtual|abstract|async|sealed|partial)\s+)+[\w<>[\],.? ]+\(/,
  kotlin: /^\s*(?:(?:public|private|protected|internal|override|open|suspend|inline)\s+)*fun\s/,
  swift: /^\s*(?:(?:public|private|internal|fileprivate|open|static|override|mutating)\s+)*func\s/,
  scala: /^\s*(?:(?:private|protected|override|final)\s+)*def\s/,
  php: /^\s*(?:(?:public|private|protected|static|abstract|final)\s+)*function\s/,
  dart: /^\s*(?:static\s+)?[\w<>?]+\s+\w+\s*\([^;]*$/,
  go: /^func\s/,
  rust: /^\s*(?:pub(?:\(\w+\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s/,
  ts: /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b|^\s*(?:export\s+)?(?:abstract\s+)?class\s/,
  shell: /^(?:function\s+[\w.:-]+|[\w.:-]+\s*\(\s*\))/,
};

/** The next brace, for the scan through method bodies (global: `lastIndex` says where to start). */
const BRACE = /[{}]/g;
/** The end of a run of blanks (global, like BRACE). */
const NON_BLANK = /[^ \t]/g;
/** The next character the header walk treats specially (global, like BRACE): all others are appended as they are. */
const SPECIAL = /[ \t{}[\]();,]/g;
/** A block inside a method body: no symbol, no header, so one shared object serves them all. */
const INNER_BLOCK: Scope = { kind: 'block', symbol: undefined, indent: 0 };

const CONTINUES_AFTER = new Set(',(=+-*/&|.:<?\\'.split(''));
const CONTINUES_BEFORE = /^(?:[{.:?|&=+\-*/)>]|->|where\b|throws\b|extends\b|implements\b)/;

/** Generic brackets still open at the end of a header (`class View<T extends {`), ignoring `=>` and `->`. */
function openAngles(header: string): number {
  let n = 0;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '<') n++;
    else if (c === '>' && header[i - 1] !== '=' && header[i - 1] !== '-') n = Math.max(0, n - 1);
  }
  return n;
}

function indentOf(line: string): number {
  let i = 0;
  for (let c = line.charCodeAt(0); c === 32 || c === 9; c = line.charCodeAt(++i));
  return i;
}

/**
 * `indentOf(line) > indent`, reading at most `indent + 1` characters: the recovery check asks this
 * of every line of a method body, and the lines of a body are the most of a file.
 */
function deeperThan(line: string, indent: number): boolean {
  if (line.length <= indent) return false;
  for (let i = 0; i <= indent; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export function braceSymbols(masked: readonly string[], spec: LanguageSpec): SymbolRange[] {
  const dialect = spec.dialect ?? 'c';
  const out: SymbolRange[] = [];
  const stack: Scope[] = [];
  let header = '';
  let headerLine = -1;
  let parens = 0;
  let brackets = 0;
  let symbolDepth = 0;
  /** Scopes open inside the outermost method body or block (0: at declaration level). */
  let opaque = 0;
  const recover = DECLARATION_LINE[dialect];

  const resetHeader = (): void => {
    header = '';
    headerLine = -1;
    parens = 0;
    brackets = 0;
  };
  const lastCodeLine = (before: number): number => {
    let l = before;
    while (l > 0 && (masked[l] ?? '').trim() === '') l--;
    return Math.max(0, l);
  };
  const close = (scope: Scope, endLine: number): void => {
    if (!scope.symbol) return;
    symbolDepth--;
    const { name, kind, startLine, depth } = scope.symbol;
    out.push({ name, kind, startLine, depth, endLine: Math.max(startLine, endLine) });
  };
  // Guarded: `stack[-1]` on an empty stack is a slow prototype-chain lookup in V8.
  const innermost = (): Scope | undefined => (stack.length === 0 ? undefined : stack[stack.length - 1]);
  const declarationParent = (): { parent: 'ns' | 'type' | 'container'; typeName: string | undefined } | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const s = stack[i];
      if (!s || s.kind === 'inline') continue;
      if (s.kind === 'body' || s.kind === 'block') return undefined;
      if (s.kind === 'ns') return { parent: 'ns', typeName: undefined };
      return { parent: s.kind, typeName: s.kind === 'type' ? s.symbol?.name : undefined };
    }
    return { parent: 'ns', typeName: undefined };
  };

  for (let l = 0; l < masked.length; l++) {
    const line = masked[l] ?? '';
    // The outermost method body still open: a declaration at its indentation or less means it ended.
    let k = -1;
    if (recover !== undefined)
      for (let s = 0; s < stack.length; s++)
        if (stack[s]?.kind === 'body' && stack[s]?.symbol !== undefined) {
          k = s;
          break;
        }
    const owner = k < 0 ? undefined : stack[k];
    // Cheapest test first: most lines of a body are indented deeper than its declaration.
    if (owner && !deeperThan(line, owner.indent) && line.trim() !== '' && recover?.test(line)) {
      const end = lastCodeLine(l - 1);
      while (stack.length > k) {
        const s = stack.pop();
        if (s) close(s, end);
      }
      opaque = 0;
      resetHeader();
    }
    for (let i = 0; i < line.length; i++) {
      if (opaque > 0) {
        // Inside a method body only braces matter: nothing in there is a declaration. The regex
        // jumps to the next one at native speed (one linear scan of the line, whatever it holds).
        BRACE.lastIndex = i;
        if (!BRACE.test(line)) break;
        i = BRACE.lastIndex - 1;
        const c = line.charCodeAt(i);
        if (c === 123) {
          stack.push(INNER_BLOCK);
          opaque++;
        } else if (c === 125) {
          const top = stack.pop();
          opaque--;
          if (top) close(top, l);
          if (opaque === 0) resetHeader();
        }
        continue;
      }
      const ch = line[i] ?? ' ';
      if (ch === ' ' || ch === '\t') {
        // A run of blanks (masked comments are whole lines of them) in one step, each kept as a space.
        NON_BLANK.lastIndex = i;
        const j = NON_BLANK.exec(line)?.index ?? line.length;
        if (headerLine >= 0) header += ' '.repeat(j - i);
        i = j - 1;
        continue;
      }
      if (ch === '{') {
        const top = innermost();
        const trimmed = header.trimEnd();
        const before = trimmed[trimmed.length - 1] ?? '';
        const inline =
          top?.kind === 'inline' ||
          parens > 0 ||
          brackets > 0 ||
          line[i - 1] === '$' ||
          (dialect === 'ts' && ':|&<,?'.includes(before) && before !== '') ||
          (dialect !== 'shell' && openAngles(trimmed) > 0) ||
          (dialect === 'c' && /\)\s*(?:const\s*)?(?:noexcept\s*)?:[^{;]*[\w>]$/.test(trimmed));
        if (inline) {
          stack.push({ kind: 'inline', symbol: undefined, indent: 0 });
          if (headerLine < 0) headerLine = l;
          header += '{';
          continue;
        }
        const ctx = declarationParent();
        const indent = indentOf(masked[headerLine >= 0 ? headerLine : l] ?? '');
        if (ctx === undefined) {
          stack.push({ kind: 'block', symbol: undefined, indent });
          opaque = 1;
        } else {
          const decision = classifyHeader(header, { dialect, parent: ctx.parent, typeName: ctx.typeName });
          const s = decision.symbol;
          stack.push({
            kind: decision.scope,
            symbol: s
              ? { name: s.name, kind: s.kind, startLine: headerLine >= 0 ? headerLine : l, depth: symbolDepth }
              : undefined,
            indent,
          });
          if (s) symbolDepth++;
          if (decision.scope === 'body' || decision.scope === 'block') opaque = 1;
        }
        resetHeader();
        continue;
      }
      if (ch === '}') {
        const top = stack.pop();
        if (top?.kind === 'inline') {
          header += '}';
          continue;
        }
        if (top) close(top, l);
        resetHeader();
        continue;
      }
      // `,` separates object-literal members: `},` then `save: (x) => {` starts a new header.
      const boundary = ch === ';' || (ch === ',' && dialect === 'ts' && innermost()?.kind === 'container');
      if (boundary && parens === 0 && brackets === 0 && innermost()?.kind !== 'inline') {
        resetHeader();
        continue;
      }
      if (ch === '(') parens++;
      else if (ch === ')') parens = Math.max(0, parens - 1);
      else if (ch === '[') brackets++;
      else if (ch === ']') brackets = Math.max(0, brackets - 1);
      if (headerLine < 0) headerLine = l;
      // The run of ordinary characters from here in one step, when it cannot reach the cap below.
      SPECIAL.lastIndex = i + 1;
      const runEnd = SPECIAL.test(line) ? SPECIAL.lastIndex - 1 : line.length;
      if (header.length + (runEnd - i) <= 4000) {
        header += line.slice(i, runEnd);
        i = runEnd - 1;
        continue;
      }
      header += ch;
      if (header.length > 4000) header = header.slice(-2000);
    }
    if (headerLine >= 0) header += ' ';
    // C++ access specifiers are not part of the next declaration.
    if (dialect === 'c' && /^(?:public|private|protected)\s*:$/.test(header.trim())) resetHeader();
    if (spec.newlineStatements && headerLine >= 0 && parens === 0 && brackets === 0 && innermost()?.kind !== 'inline') {
      const last = line.trimEnd();
      let next = '';
      for (let n = l + 1; n < masked.length && n <= l + 20 && next === ''; n++) next = (masked[n] ?? '').trim();
      // A decorator line (`@Input()`, `@Test`) belongs to the declaration below it.
      const decorator = /^@/.test(last.trimStart());
      if (!decorator && !CONTINUES_AFTER.has(last[last.length - 1] ?? ',') && !CONTINUES_BEFORE.test(next))
        resetHeader();
    }
  }
  const end = lastCodeLine(masked.length - 1);
  while (stack.length > 0) {
    const s = stack.pop();
    if (s) close(s, end);
  }
  return out.sort((a, b) => a.startLine - b.startLine || a.depth - b.depth);
}
