// The why-links cache as `why` uses it (see fs/whyLinksStore.ts): looked up under the blame's key
// (HEAD, path, the file's bytes) while blame runs, and written after a call that needed the commit
// graph, so the next call on the same file and HEAD links its blamed commits without the graph.
import type { WhyLinks } from '../core/indexFile/whyLinksCodec';
import { blameKeyOf } from '../fs/blameStore';
import type { RepoCache } from '../fs/repoCache';
import { WhyLinksStore } from '../fs/whyLinksStore';
import { trace } from './trace';

export interface WhyLinksLookup {
  /** The stored links for this key, if any (they may still not cover a blame: see whyLinksCover). */
  readonly links: WhyLinks | undefined;
  /** Stores what a call computed from the graph; never rejects (a failed write is one note). */
  readonly save: (links: WhyLinks) => Promise<void>;
}

/** Undefined without a cache (`--no-cache`) or a HEAD. Never rejects. */
export async function lookUpWhyLinks(
  cache: Promise<RepoCache> | undefined,
  head: Promise<string | undefined>,
  relPath: string,
  bytes: Uint8Array,
  note: (line: string) => void,
): Promise<WhyLinksLookup | undefined> {
  if (!cache) return undefined;
  try {
    const [opened, sha] = await Promise.all([cache, head]);
    if (sha === undefined) return undefined;
    const store = WhyLinksStore.in(opened);
    const key = blameKeyOf(sha, relPath, bytes);
    const read = await store.read(key);
    if (read.kind === 'ignored') note(`the cached why-links ${store.fileOf(key)} is ignored (${read.reason})`);
    trace(`why-links cache: ${read.kind}`);
    return {
      links: read.kind === 'hit' ? read.links : undefined,
      save: async (links) => {
        try {
          await store.write(key, links);
        } catch (e) {
          // Not being able to cache never fails the answer.
          note(`could not write the why-links cache (${e instanceof Error ? e.message : String(e)})`);
        }
      },
    };
  } catch {
    return undefined;
  }
}
