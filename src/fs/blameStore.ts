// Blame results kept on disk, shared by the CLI and the editor: `<repository cache>/blame/` (see
// RepoCache), one file per (HEAD, path). A second `why` on a file, a file reopened in the editor,
// or the editor after a restart answers from here instead of running git blame again.
//
// The file name is a hash of HEAD and the path only, not of the content: saving a file again
// replaces its entry instead of adding one per save. The content digest is checked on read
// (blameCodec), so a blame of other bytes is a miss, never a wrong answer.
//
// Files here are untrusted input (blameCodec validates them; anything wrong is a miss). Writes are
// atomic (writeFileAtomic), so a racing writer or reader sees a whole file or none. The folder is
// kept within BLAME_STORE_LIMITS by evicting the least recently used files, every few writes.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { decodeBlame, encodeBlame, type BlameKey } from '../core/indexFile/blameCodec';
import type { BlameResult } from '../core/gitOutput/blameParser';
import type { CacheLimits } from './cacheEviction';
import { KeyedCacheFolder } from './keyedCacheFolder';
import { RepoCache } from './repoCache';

export type { BlameKey } from '../core/indexFile/blameCodec';

export const BLAME_FOLDER = 'blame';

/**
 * A few hundred typical files (2–20 KB each), or ~10 of the largest (a 10k-line file with 2,000
 * commits stores ~400 KB). Sized with WHY_LINKS_LIMITS so the whole repository cache stays within
 * twice the commit index for 100k commits (issue #13; bench row `cache-on-disk`): index 10.7 MB +
 * commit graph 2.8 MB + these two folders at their bounds.
 */
export const BLAME_STORE_LIMITS: CacheLimits = { maxBytes: 4 * 1024 * 1024, maxFiles: 1000 };

/** The key of a blame of `bytes` (the file's content as blamed) at `head`, for `relPath` in the repository. */
export function blameKeyOf(head: string, relPath: string, bytes: Uint8Array | string): BlameKey {
  return { head, path: relPath, digest: createHash('sha256').update(bytes).digest('hex') };
}

export type BlameStoreRead =
  | { readonly kind: 'hit'; readonly blame: BlameResult }
  /** None stored, or one of other content (the file was edited since). */
  | { readonly kind: 'missing' }
  /** A file was there but is not a blame we can use (damaged, another version, not a regular file). */
  | { readonly kind: 'ignored'; readonly reason: string };

export interface BlameStoreOptions {
  readonly limits?: CacheLimits;
  /** Evict after every N writes (tests: 1). */
  readonly evictEvery?: number;
}

export class BlameStore {
  private readonly folder: KeyedCacheFolder;

  constructor(
    readonly dir: string,
    opts: BlameStoreOptions = {},
  ) {
    this.folder = new KeyedCacheFolder(dir, opts.limits ?? BLAME_STORE_LIMITS, 'blame cache files', opts.evictEvery);
  }

  /** The store of the repository whose git common dir is `commonDir` (in its RepoCache). */
  static async open(commonDir: string, opts: BlameStoreOptions = {}): Promise<BlameStore> {
    return BlameStore.in(await RepoCache.open(commonDir), opts);
  }

  /** The store inside a repository cache already opened. */
  static in(cache: RepoCache, opts: BlameStoreOptions = {}): BlameStore {
    return new BlameStore(path.join(cache.dir, BLAME_FOLDER), opts);
  }

  /** The file a key is stored in: a hash of HEAD and path (see the file comment). */
  fileOf(key: BlameKey): string {
    const name = createHash('sha256').update(`${key.head}\0${key.path}`).digest('hex');
    return path.join(this.dir, `${name}.json`);
  }

  /** The stored blame for `key`; `lineCount`, when given, must match too. Never throws. */
  async read(key: BlameKey, lineCount?: number): Promise<BlameStoreRead> {
    const read = await this.folder.read(this.fileOf(key), (bytes) => {
      const decoded = decodeBlame(bytes, key, lineCount);
      return decoded.ok ? { ok: true, value: decoded.blame } : decoded;
    });
    return read.kind === 'hit' ? { kind: 'hit', blame: read.value } : read;
  }

  /** Stores `blame` under `key` (atomically), then evicts now and then. Throws on a failed write. */
  async write(key: BlameKey, blame: BlameResult): Promise<void> {
    await this.folder.write(this.fileOf(key), encodeBlame(key, blame));
  }

  /**
   * Stores a blame git computed against `key.head`, unless HEAD has moved since (`headNow` reads it
   * again): it would be stored under a HEAD it was not computed against. True when written.
   */
  async writeIfHeadStill(
    key: BlameKey,
    blame: BlameResult,
    headNow: () => Promise<string | undefined>,
  ): Promise<boolean> {
    if ((await headNow()) !== key.head) return false;
    await this.write(key, blame);
    return true;
  }

  /** Keeps the folder within its limits now (least recently used files go first). */
  async evict(): Promise<void> {
    await this.folder.evict();
  }
}
