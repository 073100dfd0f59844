// The symbols `why` attributes by: the symbol finder's, from the repository's symbol store when
// this file's bytes were seen before by this finder (see fs/symbolStore.ts), else found now and
// stored. On a 10k-line file the finder was the largest step of a warm call (issue #13).
import { symbolRanges, type SymbolRange } from '../core/attribution/symbolRanges';
import type { RepoCache } from '../fs/repoCache';
import { SYMBOLS_BUILD, SymbolStore, symbolsKeyOf } from '../fs/symbolStore';
import { trace } from './trace';

/**
 * The symbols of `lines` (the file `bytes` decoded) at `relPath`. Without a cache (`--no-cache`, a
 * file outside the repository) or a finder build id, the finder alone. Never rejects: a cache that
 * cannot be read or written is one note, and the finder answers.
 */
export async function whySymbols(
  cache: Promise<RepoCache> | undefined,
  relPath: string,
  bytes: Uint8Array,
  lines: readonly string[],
  note: (line: string) => void,
  build: string | undefined = SYMBOLS_BUILD,
): Promise<SymbolRange[]> {
  if (!cache || build === undefined) return symbolRanges(relPath, lines);
  let store: SymbolStore;
  const key = symbolsKeyOf(relPath, bytes, build);
  try {
    store = SymbolStore.in(await cache);
    const read = await store.read(key, lines.length);
    trace(`symbol store: ${read.kind}`);
    if (read.kind === 'hit') return read.symbols;
    if (read.kind === 'ignored') note(`the cached symbols ${store.fileOf(key)} are ignored (${read.reason})`);
  } catch {
    return symbolRanges(relPath, lines);
  }
  const symbols = symbolRanges(relPath, lines);
  try {
    await store.write(key, lines.length, symbols);
  } catch (e) {
    // Not being able to cache never fails the answer.
    note(`could not write the symbol cache (${e instanceof Error ? e.message : String(e)})`);
  }
  return symbols;
}
