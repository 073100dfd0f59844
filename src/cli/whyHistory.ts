// The history side of `roadmap-lens why`: opening the repository, the commit graph (from the
// repository's cache when allowed), and the commit links of exactly the commits blame named.
// whyAnalysis.ts runs these alongside blame and the roadmap load.
import type { CommitLinksLookup } from '../core/attribution/attributionTypes';
import type { MessageLinker } from '../core/linking/commitLinks';
import type { RepoCache } from '../fs/repoCache';
import {
  commitsToLink,
  linkGraphOf,
  linksFromMessages,
  readCommits,
  type CommitGraph,
  type LinkGraph,
} from '../git/commitLookup';
import { whyLinksCover, type WhyLinks } from '../core/indexFile/whyLinksCodec';
import { GitNotFoundError, NotARepositoryError, UntrustedWorkspaceError } from '../git/gitErrors';
import { GitRepository } from '../git/gitRepository';
import { GitRunner } from '../git/gitRunner';
import type { MessagePrefetch } from '../git/messagePrefetch';
import { cachedCommitGraph, type CachedGraph } from './cachedGraph';
import { trace } from './trace';

/**
 * Where the commit graph came from: the cache as it was, brought up to HEAD, rebuilt, or git alone;
 * 'why-links': not needed, the blamed commits' links came from the why-links cache.
 */
export type GraphSource = CachedGraph['source'] | 'off' | 'none' | 'why-links';

/** The repository containing `dir` (the CLI is run deliberately: trusted), or why there is none. */
export async function openRepo(
  dir: string,
): Promise<{ repo: GitRepository; git: GitRunner } | { state: 'not-in-repo' | 'no-git' }> {
  const git = new GitRunner({ cwd: dir, isTrusted: () => true });
  try {
    return { repo: await GitRepository.open(git), git };
  } catch (e) {
    if (e instanceof GitNotFoundError) return { state: 'no-git' };
    if (e instanceof NotARepositoryError || e instanceof UntrustedWorkspaceError) return { state: 'not-in-repo' };
    throw e;
  }
}

/**
 * The parent graph of `head` (no messages: those are asked for once blame names its commits), from
 * the repository's cache when there is one (undefined: `--no-cache`; see cachedGraph.ts).
 */
export async function readGraph(
  git: GitRunner,
  head: Promise<string | undefined>,
  cache: Promise<RepoCache> | undefined,
  notes: string[],
  source: { value: GraphSource },
  signal?: AbortSignal,
): Promise<CommitGraph | undefined> {
  try {
    const got = await cachedCommitGraph(
      git,
      await head,
      cache ? await cache : undefined,
      (line) => notes.push(line),
      signal,
    );
    source.value = !got ? 'none' : cache ? got.source : 'off';
    trace(`commit graph: ${source.value}`);
    return got?.graph;
  } catch {
    // No history is a state (the lines show without commit links), not a failure of `why`.
    return undefined;
  }
}

/**
 * Links for exactly the commits blame named, as the full commit index would give them: from the
 * why-links cache when it answers for all of them (no graph, no git), else from `graph` and the
 * blamed commits' messages, and then what was used is offered to `cached.save` for the next call.
 */
export async function commitLinksForBlame(
  git: GitRunner,
  graph: () => Promise<CommitGraph | undefined>,
  blamed: readonly { sha: string; uncommitted: boolean }[],
  linker: MessageLinker,
  prefetch: MessagePrefetch | undefined,
  cached?: { readonly links: WhyLinks | undefined; readonly save: (links: WhyLinks) => Promise<void> },
): Promise<CommitLinksLookup | undefined> {
  try {
    const shas = blamed.filter((c) => !c.uncommitted).map((c) => c.sha);
    const hit = cached?.links;
    if (hit && whyLinksCover(hit, shas)) {
      trace('commit links from the why-links cache');
      const fromCache: LinkGraph = {
        has: (sha) => hit.merges.has(sha),
        parentCount: (sha) => hit.parentCounts.get(sha) ?? 0,
        inheritingMerges: (sha) => hit.merges.get(sha) ?? [],
      };
      return linksFromMessages(fromCache, commitsToLink(fromCache, shas).wanted, hit.messages, linker);
    }
    const full = await graph();
    if (!full) return undefined;
    const links = linkGraphOf(full);
    const { wanted, fetch } = commitsToLink(links, shas);
    const messages = prefetch
      ? await prefetch.get([...fetch])
      : new Map((await readCommits(git, [...fetch])).map((c) => [c.sha, c.message]));
    if (cached) {
      const used: WhyLinks = {
        outside: new Set(shas.filter((sha) => !wanted.has(sha))),
        merges: new Map([...wanted].map((sha) => [sha, links.inheritingMerges(sha)])),
        parentCounts: new Map([...fetch].map((sha) => [sha, links.parentCount(sha)])),
        messages: new Map([...fetch].map((sha) => [sha, messages.get(sha) ?? ''])),
      };
      await cached.save(used);
    }
    return linksFromMessages(links, wanted, messages, linker);
  } catch {
    return undefined;
  }
}
