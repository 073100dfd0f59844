// One folder of a repository's cache holding one file per key (blame/, why-links/, symbols/): the
// reading and writing the three stores share, so each store only names its files and its codec.
//
// Files here are untrusted input (a crafted clone can ship any bytes): reads are bounded
// (readCacheFile), the store's codec validates the content, and anything wrong is a miss with a
// reason, never a throw. Writes are atomic (writeFileAtomic), refuse a folder that is a link (it
// could point writes anywhere), and keep the folder within its bounds by evicting the least
// recently used files every few writes: listing the folder costs more than one write.
import { promises as fs } from 'node:fs';
import { evictLeastRecentlyUsed, touchCacheFile, type CacheLimits } from './cacheEviction';
import { readCacheFile, writeFileAtomic } from './repoCache';

/** What a store's codec says of a file's bytes: its value, or why not (`otherKey`: another key's file, a plain miss). */
export type KeyedDecoded<T> = { ok: true; value: T } | { ok: false; reason: string; otherKey?: boolean };

export type KeyedRead<T> =
  | { readonly kind: 'hit'; readonly value: T }
  /** None stored, or one of another key (the file was edited, HEAD moved). */
  | { readonly kind: 'missing' }
  /** A file was there but is not one we can use (damaged, another version, not a regular file). */
  | { readonly kind: 'ignored'; readonly reason: string };

/** Evict after every this many writes (listing the folder costs more than one write). */
export const EVICT_EVERY = 16;

export class KeyedCacheFolder {
  /**
   * Writes until the next eviction. Starts at a random point, so short-lived processes that write
   * once each (the CLI) still evict about every `evictEvery` writes between them.
   */
  private untilEviction: number;

  /** `what`: the files' name in messages, e.g. "blame cache files". */
  constructor(
    readonly dir: string,
    readonly limits: CacheLimits,
    private readonly what: string,
    private readonly evictEvery: number = EVICT_EVERY,
  ) {
    this.evictEvery = Math.max(1, evictEvery);
    this.untilEviction = 1 + Math.floor(Math.random() * this.evictEvery);
  }

  /** The value `file` holds by `decode`, touched as used on a hit (eviction keeps it longest). Never throws. */
  async read<T>(file: string, decode: (bytes: Uint8Array) => KeyedDecoded<T>): Promise<KeyedRead<T>> {
    const read = await readCacheFile(file, this.limits.maxBytes, this.what);
    if (read.kind === 'missing') return { kind: 'missing' };
    if (read.kind === 'unreadable') return { kind: 'ignored', reason: read.reason };
    const decoded = decode(read.bytes);
    if (!decoded.ok) return decoded.otherKey ? { kind: 'missing' } : { kind: 'ignored', reason: decoded.reason };
    await touchCacheFile(file);
    return { kind: 'hit', value: decoded.value };
  }

  /** Writes `bytes` to `file` in this folder (atomically; not at all past the bound), then evicts now and then. Throws on a failed write. */
  async write(file: string, bytes: Uint8Array): Promise<void> {
    if (bytes.length > this.limits.maxBytes) return;
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    // The folder comes from a clone we do not control: a link here could point writes anywhere.
    if (!(await fs.lstat(this.dir)).isDirectory())
      throw new Error(`${this.dir} is not a folder; the ${this.what} are not written`);
    await writeFileAtomic(file, bytes);
    if (--this.untilEviction <= 0) {
      this.untilEviction = this.evictEvery;
      await this.evict();
    }
  }

  /** Keeps the folder within its limits now (least recently used files go first). */
  async evict(): Promise<void> {
    await evictLeastRecentlyUsed(this.dir, this.limits);
  }
}
