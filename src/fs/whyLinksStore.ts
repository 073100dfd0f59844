// The history `why FILE` linked a blame with, kept next to the blame store: `<repository
// cache>/why-links/`, one file per (HEAD, path) as there, checked on read against the full key
// (whyLinksCodec). A second `why` on a file then needs neither the commit graph nor a `git log`
// for the blamed commits' messages (issue #13: a warm call's fixed cost).
//
// Files here are untrusted input (whyLinksCodec validates them; anything wrong is a miss). Writes
// are atomic (writeFileAtomic); the folder is kept within WHY_LINKS_LIMITS by evicting the least
// recently used files every few writes, as the blame store does. Clear Cache removes it with the
// rest of the repository's cache (RepoCache.clear).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { BlameKey } from '../core/indexFile/blameCodec';
import { decodeWhyLinks, encodeWhyLinks, type WhyLinks } from '../core/indexFile/whyLinksCodec';
import { evictLeastRecentlyUsed, touchCacheFile, type CacheLimits } from './cacheEviction';
import { readCacheFile, writeFileAtomic, type RepoCache } from './repoCache';

export const WHY_LINKS_FOLDER = 'why-links';

/**
 * ~10 KB for a typical file (the blamed commits' messages, merges and parent counts): a couple of
 * hundred files. Half the blame store's bound, with which it keeps the repository cache within
 * twice the commit index (see BLAME_STORE_LIMITS).
 */
export const WHY_LINKS_LIMITS: CacheLimits = { maxBytes: 2 * 1024 * 1024, maxFiles: 1000 };

const EVICT_EVERY = 16;

export type WhyLinksRead =
  | { readonly kind: 'hit'; readonly links: WhyLinks }
  | { readonly kind: 'missing' }
  | { readonly kind: 'ignored'; readonly reason: string };

export class WhyLinksStore {
  /** Starts at a random point, so short-lived processes that write once each still evict now and then. */
  private untilEviction = 1 + Math.floor(Math.random() * EVICT_EVERY);

  constructor(
    readonly dir: string,
    private readonly limits: CacheLimits = WHY_LINKS_LIMITS,
  ) {}

  static in(cache: RepoCache): WhyLinksStore {
    return new WhyLinksStore(path.join(cache.dir, WHY_LINKS_FOLDER));
  }

  fileOf(key: BlameKey): string {
    const name = createHash('sha256').update(`${key.head}\0${key.path}`).digest('hex');
    return path.join(this.dir, `${name}.json`);
  }

  /** Never throws. */
  async read(key: BlameKey): Promise<WhyLinksRead> {
    const file = this.fileOf(key);
    const read = await readCacheFile(file, this.limits.maxBytes, 'why-links cache files');
    if (read.kind === 'missing') return { kind: 'missing' };
    if (read.kind === 'unreadable') return { kind: 'ignored', reason: read.reason };
    const decoded = decodeWhyLinks(read.bytes, key);
    if (!decoded.ok) return decoded.otherKey ? { kind: 'missing' } : { kind: 'ignored', reason: decoded.reason };
    await touchCacheFile(file);
    return { kind: 'hit', links: decoded.links };
  }

  /** Stores `links` under `key` (atomically), then evicts now and then. Throws on a failed write. */
  async write(key: BlameKey, links: WhyLinks): Promise<void> {
    const bytes = encodeWhyLinks(key, links);
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
