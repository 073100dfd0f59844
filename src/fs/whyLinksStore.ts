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
import * as path from 'node:path';
import type { BlameKey } from '../core/indexFile/blameCodec';
import { decodeWhyLinks, encodeWhyLinks, type WhyLinks } from '../core/indexFile/whyLinksCodec';
import type { CacheLimits } from './cacheEviction';
import { KeyedCacheFolder } from './keyedCacheFolder';
import type { RepoCache } from './repoCache';

export const WHY_LINKS_FOLDER = 'why-links';

/**
 * ~10 KB for a typical file (the blamed commits' messages, merges and parent counts): a couple of
 * hundred files. Half the blame store's bound, with which it keeps the repository cache within
 * twice the commit index (see BLAME_STORE_LIMITS).
 */
export const WHY_LINKS_LIMITS: CacheLimits = { maxBytes: 2 * 1024 * 1024, maxFiles: 1000 };

export type WhyLinksRead =
  | { readonly kind: 'hit'; readonly links: WhyLinks }
  | { readonly kind: 'missing' }
  | { readonly kind: 'ignored'; readonly reason: string };

export class WhyLinksStore {
  private readonly folder: KeyedCacheFolder;

  constructor(
    readonly dir: string,
    limits: CacheLimits = WHY_LINKS_LIMITS,
  ) {
    this.folder = new KeyedCacheFolder(dir, limits, 'why-links cache files');
  }

  static in(cache: RepoCache): WhyLinksStore {
    return new WhyLinksStore(path.join(cache.dir, WHY_LINKS_FOLDER));
  }

  fileOf(key: BlameKey): string {
    const name = createHash('sha256').update(`${key.head}\0${key.path}`).digest('hex');
    return path.join(this.dir, `${name}.json`);
  }

  /** Never throws. */
  async read(key: BlameKey): Promise<WhyLinksRead> {
    const read = await this.folder.read(this.fileOf(key), (bytes) => {
      const decoded = decodeWhyLinks(bytes, key);
      return decoded.ok ? { ok: true, value: decoded.links } : decoded;
    });
    return read.kind === 'hit' ? { kind: 'hit', links: read.value } : read;
  }

  /** Stores `links` under `key` (atomically), then evicts now and then. Throws on a failed write. */
  async write(key: BlameKey, links: WhyLinks): Promise<void> {
    await this.folder.write(this.fileOf(key), encodeWhyLinks(key, links));
  }
}
