// Symbols without a language server: the CLI's, and the editor's when VS Code has none for a file
// (no Java extension installed, a language server still starting). A HEURISTIC by design, not a
// parser: strings and comments are blanked first (symbols/maskCode), then declarations are found
// by braces (Java, C#, Go, Rust, JS/TS, C/C++, Kotlin, Swift, Scala, Dart, PHP, shell, Perl), by
// indentation (Python, YAML) or by `end` keywords (Ruby, Lua). It is right for ordinary code and
// degrades to fewer symbols or the whole file, never to an error.

import { braceSymbols } from './symbols/braceSymbols';
import { pythonSymbols, yamlSymbols } from './symbols/indentSymbols';
import { luaSymbols, rubySymbols } from './symbols/keywordSymbols';
import { languageSpec, type LanguageSpec } from './symbols/languages';
import { maskCode } from './symbols/maskCode';
import { ContentMemo, linesHash } from './symbolMemo';

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

/**
 * The symbols of a file, outermost first within each start line, for the language VS Code names
 * (`languageId`) or else the file's extension. A language the finder cannot read, or a file in
 * which it finds no symbol, gets one range covering the whole file (kind `file`).
 */
export function symbolRanges(path: string, lines: readonly string[], languageId?: string): SymbolRange[] {
  const found = findSymbols(path, lines, languageId) ?? [];
  if (found.length > 0 || lines.length === 0) return found;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return [{ name: base, kind: 'file', startLine: 0, endLine: lines.length - 1, depth: 0 }];
}

/** The last few answers by language and text (see symbolMemo.ts); a hit returns a copy of the list. */
const memo = new ContentMemo<LanguageSpec, readonly SymbolRange[]>();

/** The finder's symbols, or undefined for a language it does not read. Never throws. */
export function findSymbols(path: string, lines: readonly string[], languageId?: string): SymbolRange[] | undefined {
  const spec = languageSpec(path, languageId);
  if (!spec) return undefined;
  if (!memo.worthKeying()) return findWith(spec, lines);
  const key = linesHash(lines);
  const known = memo.get(key, spec, lines.length);
  if (known) return [...known];
  const found = findWith(spec, lines);
  memo.set(key, spec, lines.length, found);
  return [...found];
}

/** The finder run afresh, without the memo (the bench's finder row measures this). Never throws. */
export function findSymbolsFresh(
  path: string,
  lines: readonly string[],
  languageId?: string,
): SymbolRange[] | undefined {
  const spec = languageSpec(path, languageId);
  return spec ? findWith(spec, lines) : undefined;
}

function findWith(spec: LanguageSpec, lines: readonly string[]): SymbolRange[] {
  const masked = maskCode(lines, spec.lexicon);
  switch (spec.structure) {
    case 'brace':
      return braceSymbols(masked, spec);
    case 'python':
      return pythonSymbols(masked);
    case 'yaml':
      return yamlSymbols(masked);
    case 'ruby':
      return rubySymbols(masked);
    case 'lua':
      return luaSymbols(masked);
  }
}
