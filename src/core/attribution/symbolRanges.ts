// Symbol ranges without a language server, for the CLI (the extension asks VS Code instead).
// A HEURISTIC by design: declaration lines recognised by pattern, bodies found by brace depth
// (TS/JS, Go, Rust, Java, C#, Kotlin, C/C++) or by indentation (Python). It is right for ordinary
// code and degrades to the whole file, never to an error; it is not a parser.

export type SymbolKindName = 'class' | 'interface' | 'enum' | 'struct' | 'module' | 'function' | 'method' | 'file';

export interface SymbolRange {
  readonly name: string;
  readonly kind: SymbolKindName;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** Nesting depth: 0 for top level. */
  readonly depth: number;
}

type Family = 'ts' | 'go' | 'rust' | 'java' | 'c' | 'python';

const FAMILY_BY_EXT: Record<string, Family> = {
  ts: 'ts',
  tsx: 'ts',
  mts: 'ts',
  cts: 'ts',
  js: 'ts',
  jsx: 'ts',
  mjs: 'ts',
  cjs: 'ts',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'java',
  kts: 'java',
  cs: 'java',
  scala: 'java',
  swift: 'java',
  php: 'java',
  c: 'c',
  h: 'c',
  cc: 'c',
  cpp: 'c',
  cxx: 'c',
  hpp: 'c',
  hh: 'c',
  py: 'python',
  pyi: 'python',
};

export function languageFamily(path: string): Family | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : FAMILY_BY_EXT[path.slice(dot + 1).toLowerCase()];
}

interface Pattern {
  readonly re: RegExp;
  readonly kind: SymbolKindName;
  /** Only inside a class-like body (methods). */
  readonly member?: boolean;
}

const NOT_A_METHOD = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'function',
  'new',
  'await',
  'typeof',
  'do',
  'else',
  'with',
  'super',
  'this',
  'throw',
  'case',
  'delete',
  'void',
  'yield',
  'constructor_',
]);

const PATTERNS: Record<Exclude<Family, 'python'>, readonly Pattern[]> = {
  ts: [
    { re: /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+([\w$]+)/, kind: 'class' },
    { re: /^\s*(?:export\s+)?(?:declare\s+)?interface\s+([\w$]+)/, kind: 'interface' },
    { re: /^\s*(?:export\s+)?(?:declare\s+)?(?:const\s+)?enum\s+([\w$]+)/, kind: 'enum' },
    { re: /^\s*(?:export\s+)?(?:declare\s+)?(?:namespace|module)\s+([\w$.]+)\s*\{/, kind: 'module' },
    { re: /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]+)/, kind: 'function' },
    {
      re: /^\s*(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\(|[\w$]+\s*=>)/,
      kind: 'function',
    },
    {
      re: /^\s*(?:(?:public|private|protected|static|readonly|async|override|abstract|get|set)\s+)*\*?\s*(#?[\w$]+)\s*(?:<[^>]*>)?\s*\(/,
      kind: 'method',
      member: true,
    },
    {
      re: /^\s*(?:(?:public|private|protected|static|readonly)\s+)*(#?[\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>/,
      kind: 'method',
      member: true,
    },
  ],
  go: [
    { re: /^func\s+(?:\([^)]*\)\s*)?(\w+)/, kind: 'function' },
    { re: /^type\s+(\w+)\s+struct\b/, kind: 'struct' },
    { re: /^type\s+(\w+)\s+interface\b/, kind: 'interface' },
  ],
  rust: [
    {
      re: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+(\w+)/,
      kind: 'function',
    },
    { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?struct\s+(\w+)/, kind: 'struct' },
    { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?enum\s+(\w+)/, kind: 'enum' },
    { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?trait\s+(\w+)/, kind: 'interface' },
    { re: /^\s*(?:unsafe\s+)?impl(?:<[^>]*>)?\s+(?:[\w:<>, ]+\s+for\s+)?([\w:]+)/, kind: 'class' },
    { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*\{/, kind: 'module' },
  ],
  java: [
    {
      re: /^\s*(?:(?:public|private|protected|internal|static|final|abstract|sealed|partial|open|data|inner)\s+)*(?:class|interface|enum|record|struct|object|trait)\s+(\w+)/,
      kind: 'class',
    },
    {
      re: /^\s*(?:(?:public|private|protected|internal|static|final|abstract|override|open|suspend|inline|private)\s+)*fun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?(\w+)\s*\(/,
      kind: 'function',
    },
    {
      re: /^\s*(?:(?:public|private|protected|internal|static|final|abstract|synchronized|override|virtual|async|native)\s+)+[\w<>[\],.?\s]*?\b(\w+)\s*\(/,
      kind: 'method',
    },
    { re: /^\s*(?:public\s+|private\s+|protected\s+)?func\s+(\w+)/, kind: 'function' },
  ],
  c: [
    { re: /^\s*(?:typedef\s+)?(?:struct|class|union|enum)\s+(\w+)\s*(?::[^{;]*)?\{?\s*$/, kind: 'struct' },
    { re: /^\s*namespace\s+(\w+)/, kind: 'module' },
    {
      re: /^(?!\s*(?:if|for|while|switch|return|else)\b)[A-Za-z_][\w\s*&:<>,]*?\b([A-Za-z_~][\w:~]*)\s*\([^;]*$/,
      kind: 'function',
    },
  ],
};

interface Depths {
  readonly atStart: Int32Array;
  readonly max: Int32Array;
  readonly atEnd: Int32Array;
}

/** Brace depth per line, skipping strings and comments well enough for ordinary code. */
function braceDepths(lines: readonly string[], family: Family): Depths {
  const n = lines.length;
  const atStart = new Int32Array(n);
  const max = new Int32Array(n);
  const atEnd = new Int32Array(n);
  let depth = 0;
  let inBlock = false;
  let template = false;
  for (let l = 0; l < n; l++) {
    const line = lines[l] ?? '';
    atStart[l] = depth;
    let peak = depth;
    let quote: number = template ? 96 : 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (inBlock) {
        if (c === 42 && line.charCodeAt(i + 1) === 47) {
          inBlock = false;
          i++;
        }
        continue;
      }
      if (quote !== 0) {
        if (c === 92) i++;
        else if (c === quote) quote = 0;
        continue;
      }
      if (c === 47 && line.charCodeAt(i + 1) === 47) break;
      if (c === 47 && line.charCodeAt(i + 1) === 42) {
        inBlock = true;
        i++;
        continue;
      }
      if (c === 34 || c === 96) {
        quote = c;
        continue;
      }
      // `'` is a string in TS/JS; elsewhere only a char literal (`'a'`, `'\n'`), never Rust's `'a`.
      if (c === 39) {
        if (family === 'ts') {
          quote = c;
          continue;
        }
        const close = line.indexOf("'", i + 1);
        if (close > i && close <= i + 3) i = close;
        continue;
      }
      if (c === 123) {
        depth++;
        if (depth > peak) peak = depth;
      } else if (c === 125 && depth > 0) depth--;
    }
    template = quote === 96;
    max[l] = peak;
    atEnd[l] = depth;
  }
  return { atStart, max, atEnd };
}

/** The last line of a body opening at or after `start`, or -1 when a `;` ends the declaration first. */
function bodyEnd(lines: readonly string[], depths: Depths, start: number): number {
  const base = depths.atStart[start] ?? 0;
  let opened = false;
  for (let l = start; l < lines.length; l++) {
    if ((depths.max[l] ?? 0) > base) opened = true;
    if (!opened) {
      if (l - start > 20) return -1;
      if (/;\s*(?:\/\/.*)?$/.test(lines[l] ?? '')) return -1;
      continue;
    }
    if ((depths.atEnd[l] ?? 0) <= base) return l;
  }
  return opened ? lines.length - 1 : -1;
}

function braceSymbols(lines: readonly string[], family: Exclude<Family, 'python'>): SymbolRange[] {
  const depths = braceDepths(lines, family);
  const patterns = PATTERNS[family];
  const out: SymbolRange[] = [];
  const open: SymbolRange[] = [];
  for (let l = 0; l < lines.length; l++) {
    while (open.length > 0 && (open[open.length - 1]?.endLine ?? 0) < l) open.pop();
    const line = lines[l] ?? '';
    if (line.length > 500) continue;
    const parent = open[open.length - 1];
    const inClass =
      parent !== undefined &&
      (parent.kind === 'class' || parent.kind === 'struct') &&
      (depths.atStart[l] ?? 0) === (depths.atStart[parent.startLine] ?? 0) + 1;
    for (const p of patterns) {
      if (p.member && !inClass) continue;
      const m = p.re.exec(line);
      const name = m?.[1];
      if (!name || NOT_A_METHOD.has(name)) continue;
      const end = bodyEnd(lines, depths, l);
      if (end < 0) continue;
      const kind = p.kind === 'function' && inClass ? 'method' : p.kind;
      const symbol: SymbolRange = { name, kind, startLine: l, endLine: end, depth: open.length };
      out.push(symbol);
      open.push(symbol);
      break;
    }
  }
  return out;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

function pythonSymbols(lines: readonly string[]): SymbolRange[] {
  const out: SymbolRange[] = [];
  const re = /^(\s*)(?:async\s+)?(def|class)\s+(\w+)/;
  const pending: { name: string; kind: SymbolKindName; start: number; indent: number; depth: number }[] = [];
  const close = (upTo: number, indent: number): void => {
    while (pending.length > 0 && (pending[pending.length - 1]?.indent ?? 0) >= indent) {
      const p = pending.pop();
      if (!p) break;
      let end = upTo;
      while (end > p.start && (lines[end] ?? '').trim().length === 0) end--;
      out.push({ name: p.name, kind: p.kind, startLine: p.start, endLine: end, depth: p.depth });
    }
  };
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] ?? '';
    const trimmed = line.trim();
    if (trimmed.length === 0 || trimmed.startsWith('#')) continue;
    const indent = indentOf(line);
    close(l - 1, indent);
    const m = re.exec(line);
    if (m) {
      const parentKind = pending[pending.length - 1];
      const kind: SymbolKindName = m[2] === 'class' ? 'class' : parentKind?.kind === 'class' ? 'method' : 'function';
      pending.push({ name: m[3] ?? '', kind, start: l, indent, depth: pending.length });
    }
  }
  close(lines.length - 1, 0);
  return out.sort((a, b) => a.startLine - b.startLine || a.depth - b.depth);
}

/**
 * The symbols of a file, outermost first within each start line. When no symbol is recognised
 * (unknown language, or none found), one range covering the whole file.
 */
export function symbolRanges(path: string, lines: readonly string[]): SymbolRange[] {
  const family = languageFamily(path);
  let found: SymbolRange[] = [];
  if (family === 'python') found = pythonSymbols(lines);
  else if (family !== undefined) found = braceSymbols(lines, family);
  if (found.length > 0 || lines.length === 0) return found;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return [{ name: base, kind: 'file', startLine: 0, endLine: lines.length - 1, depth: 0 }];
}
