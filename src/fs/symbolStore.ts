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
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SymbolRange } from '../core/attribution/symbolRanges';
import { decodeSymbols, encodeSymbols, type SymbolsKey } from '../core/indexFile/symbolsCodec';
import { evictLeastRecentlyUsed, touchCacheFile, type CacheLimits } from './cacheEviction';
import { readCacheFile, writeFileAtomic, type RepoCache } from './repoCache';

export type { SymbolsKey } from '../core/indexFile/symbolsCodec';

export const SYMBOLS_FOLDER = 'symbols';

/**
 * 1–15 KB a file (commons-lang's 9,690-line ArrayUtils.java, 392 symbols: 14 KB): ~100 large files
 * or many more small ones. With BLAME_STORE_LIMITS and WHY_LINKS_LIMITS it keeps the repository
 * cache within twice the commit index for 100k commits (bench row `cache-on-disk`).
 */
export const SYMBOL_STORE_LIMITS: CacheLimits = { maxBytes: 1024 * 1024, maxFiles: 1000 };

const EVICT_EVERY = 16;

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
  /** Starts at a random point, so short-lived processes that write once each still evict now and then. */
  private untilEviction = 1 + Math.floor(Math.random() * EVICT_EVERY);

  constructor(
    readonly dir: string,
    private readonly limits: CacheLimits = SYMBOL_STORE_LIMITS,
  ) {}

  static in(cache: RepoCache): SymbolStore {
    return new SymbolStore(path.join(cache.dir, SYMBOLS_FOLDER));
  }

  fileOf(key: SymbolsKey): string {
    const name = createHash('sha256').update(key.path).digest('hex');
    return path.join(this.dir, `${name}.json`);
  }

  /** The stored symbols for `key` and a file of `lineCount` lines. Never throws. */
  async read(key: SymbolsKey, lineCount: number): Promise<SymbolStoreRead> {
    const file = this.fileOf(key);
    const read = await readCacheFile(file, this.limits.maxBytes, 'symbol cache files');
    if (read.kind === 'missing') return { kind: 'missing' };
    if (read.kind === 'unreadable') return { kind: 'ignored', reason: read.reason };
    const decoded = decodeSymbols(read.bytes, key, lineCount);
    if (!decoded.ok) return decoded.otherKey ? { kind: 'missing' } : { kind: 'ignored', reason: decoded.reason };
    await touchCacheFile(file);
    return { kind: 'hit', symbols: decoded.symbols };
  }

  /** Stores `symbols` under `key` (atomically), then evicts now and then. Throws on a failed write. */
  async write(key: SymbolsKey, lineCount: number, symbols: readonly SymbolRange[]): Promise<void> {
    const bytes = encodeSymbols(key, lineCount, symbols);
    if (bytes.length > this.limits.maxBytes) return;
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    // The folder comes from a clone we do not control: a link here could point writes anywhere.
    if (!(await fs.lstat(this.dir)).isDirectory()) throw new Error(`${this.dir} is not a folder`);
    await writeFileAtomic(this.fileOf(key), bytes);
    if (--this.untilEviction <= 0) {
      this.untilEviction = EVICT_EVERY;
      await evictLeastRecentlyUsed(this.dir, this.limits);
    }
  }
}
