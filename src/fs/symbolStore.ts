// The symbol finder's answers kept on disk next to the blame store: `<repository cache>/symbols/`,
// one file per path (a new save of the file replaces its entry), checked on read against the full
// key: path, digest of the bytes and the finder's build id (symbolsCodec). A second `why` on a
// large file then skips the finder, which in a fresh process runs on a cold JIT (issue #13: warm
// `why` ≤ 3 × `node -e 0`). Not tied to HEAD: a commit that leaves the file alone keeps its entry.
//
// Files here are untrusted input (symbolsCodec validates them; anything wrong is a miss). Writes
// are atomic (writeFileAtomic); the folder is kept within SYMBOL_STORE_LIMITS by evicting the least
// recently used files every few writes, as the blame store does. Clear Cache removes it with the
// rest of the repository's cache (RepoCache.clear).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { SymbolRange } from '../core/attribution/symbolRanges';
import { decodeSymbols, encodeSymbols, type SymbolsKey } from '../core/indexFile/symbolsCodec';
import type { CacheLimits } from './cacheEviction';
import { KeyedCacheFolder } from './keyedCacheFolder';
import type { RepoCache } from './repoCache';

export type { SymbolsKey } from '../core/indexFile/symbolsCodec';

export const SYMBOLS_FOLDER = 'symbols';

/**
 * 1–15 KB a file (commons-lang's 9,690-line ArrayUtils.java, 392 symbols: 14 KB): ~100 large files
 * or many more small ones. With BLAME_STORE_LIMITS and WHY_LINKS_LIMITS it keeps the repository
 * cache within twice the commit index for 100k commits (bench row `cache-on-disk`).
 */
export const SYMBOL_STORE_LIMITS: CacheLimits = { maxBytes: 1024 * 1024, maxFiles: 1000 };

/**
 * A hash of the symbol finder's bundled code, defined by esbuild.mjs. Unbundled code (the compiled
 * tests calling the CLI in-process) has none, so it neither reads nor writes this store: symbols
 * from a finder that cannot be named must never be taken for this one's.
 */
declare const __ROADMAP_LENS_SYMBOLS_BUILD__: string | undefined;
export const SYMBOLS_BUILD: string | undefined =
  typeof __ROADMAP_LENS_SYMBOLS_BUILD__ === 'string' && __ROADMAP_LENS_SYMBOLS_BUILD__ !== ''
    ? __ROADMAP_LENS_SYMBOLS_BUILD__
    : undefined;

/** The key of the finder's symbols for `bytes` (the file's content) at `relPath`, with this build's id. */
export function symbolsKeyOf(relPath: string, bytes: Uint8Array | string, build: string): SymbolsKey {
  return { path: relPath, digest: createHash('sha256').update(bytes).digest('hex'), build };
}

export type SymbolStoreRead =
  | { readonly kind: 'hit'; readonly symbols: SymbolRange[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'ignored'; readonly reason: string };

export class SymbolStore {
  private readonly folder: KeyedCacheFolder;

  constructor(
    readonly dir: string,
    limits: CacheLimits = SYMBOL_STORE_LIMITS,
  ) {
    this.folder = new KeyedCacheFolder(dir, limits, 'symbol cache files');
  }

  static in(cache: RepoCache): SymbolStore {
    return new SymbolStore(path.join(cache.dir, SYMBOLS_FOLDER));
  }

  fileOf(key: SymbolsKey): string {
    const name = createHash('sha256').update(key.path).digest('hex');
    return path.join(this.dir, `${name}.json`);
  }

  /** The stored symbols for `key` and a file of `lineCount` lines. Never throws. */
  async read(key: SymbolsKey, lineCount: number): Promise<SymbolStoreRead> {
    const read = await this.folder.read(this.fileOf(key), (bytes) => {
      const decoded = decodeSymbols(bytes, key, lineCount);
      return decoded.ok ? { ok: true, value: decoded.symbols } : decoded;
    });
    return read.kind === 'hit' ? { kind: 'hit', symbols: read.value } : read;
  }

  /** Stores `symbols` under `key` (atomically), then evicts now and then. Throws on a failed write. */
  async write(key: SymbolsKey, lineCount: number, symbols: readonly SymbolRange[]): Promise<void> {
    await this.folder.write(this.fileOf(key), encodeSymbols(key, lineCount, symbols));
  }
}
