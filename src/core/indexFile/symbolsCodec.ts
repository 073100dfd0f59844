// The symbol finder's answer for one file, persisted (`<repository cache>/symbols/`, see
// fs/symbolStore.ts): on a 10k-line file the finder is the largest step of a warm `why` (it runs
// once per process, so always on a cold JIT: ~100 ms for commons-lang's 9,690-line ArrayUtils.java),
// and its answer depends only on the path's language, the bytes and the finder's code.
//
// Keyed by (path, digest of the bytes, the finder's build id): a file under another key is a plain
// miss. A cache file is untrusted input (a truncated write, another version, a crafted clone):
// decoding checks every field against the file as read now and returns a one-line reason instead
// of throwing.

import type { SymbolKindName, SymbolRange } from '../attribution/symbolRanges';

export const SYMBOLS_FORMAT = 'roadmap-lens-symbols';
export const SYMBOLS_VERSION = 1;

/** More symbols than any real file has; a bigger list is a crafted file. */
const MAX_SYMBOLS = 200_000;
const MAX_NAME = 1024;
const MAX_DEPTH = 10_000;

const KINDS: ReadonlySet<string> = new Set<SymbolKindName>([
  'class',
  'interface',
  'enum',
  'struct',
  'module',
  'function',
  'method',
  'file',
]);

export interface SymbolsKey {
  /** The path the finder was asked about (its extension picks the language). */
  readonly path: string;
  /** SHA-256 (hex) of the file's bytes. */
  readonly digest: string;
  /** The finder's build id: another build's symbols are never used. */
  readonly build: string;
}

/** [name, kind, start line, end line, depth] */
type SymbolRow = [string, string, number, number, number];

interface SymbolsJson {
  format: string;
  version: number;
  key: SymbolsKey;
  lineCount: number;
  symbols: SymbolRow[];
}

/** The JSON text of the finder's `symbols` for a file of `lineCount` lines under `key`, as UTF-8 bytes. */
export function encodeSymbols(key: SymbolsKey, lineCount: number, symbols: readonly SymbolRange[]): Uint8Array {
  const json: SymbolsJson = {
    format: SYMBOLS_FORMAT,
    version: SYMBOLS_VERSION,
    key: { path: key.path, digest: key.digest, build: key.build },
    lineCount,
    symbols: symbols.map((s) => [s.name, s.kind, s.startLine, s.endLine, s.depth]),
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

export type DecodedSymbols =
  | { readonly ok: true; readonly symbols: SymbolRange[] }
  /** `otherKey`: a well-formed file of another path, content or build (not damage: a plain miss). */
  | { readonly ok: false; readonly reason: string; readonly otherKey?: boolean };

const fail = (reason: string): DecodedSymbols => ({ ok: false, reason });

const isCount = (n: unknown, max: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;

/**
 * The symbols stored in `bytes`, if they are of this version for exactly `key` and a file of
 * `lineCount` lines (every range inside it). Never throws.
 */
export function decodeSymbols(bytes: Uint8Array, key: SymbolsKey, lineCount: number): DecodedSymbols {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('not JSON (truncated or damaged)');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('not a symbols file');
  const j = json as Partial<Record<keyof SymbolsJson, unknown>>;
  if (j.format !== SYMBOLS_FORMAT) return fail('not a symbols file');
  if (j.version !== SYMBOLS_VERSION) return fail(`version ${String(j.version)}, expected ${SYMBOLS_VERSION}`);
  const k = j.key as Partial<Record<keyof SymbolsKey, unknown>> | null | undefined;
  if (typeof k !== 'object' || k === null || k.path !== key.path || k.digest !== key.digest || k.build !== key.build)
    return { ok: false, reason: 'stored for another path, content or finder', otherKey: true };
  if (j.lineCount !== lineCount) return fail(`${String(j.lineCount)} lines stored, the file has ${lineCount}`);
  const rows: unknown = j.symbols;
  if (!Array.isArray(rows) || rows.length > MAX_SYMBOLS) return fail('bad symbol list');
  const symbols: SymbolRange[] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== 5) return fail('bad symbol');
    const [name, kind, startLine, endLine, depth] = row as unknown[];
    if (typeof name !== 'string' || name.length > MAX_NAME) return fail('bad symbol name');
    if (typeof kind !== 'string' || !KINDS.has(kind)) return fail('bad symbol kind');
    if (!isCount(startLine, lineCount) || !isCount(endLine, lineCount) || startLine > endLine || endLine >= lineCount)
      return fail('a symbol outside the file');
    if (!isCount(depth, MAX_DEPTH)) return fail('bad symbol depth');
    symbols.push({ name, kind: kind as SymbolKindName, startLine, endLine, depth });
  }
  return { ok: true, symbols };
}
