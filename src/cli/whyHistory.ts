// The history side of `roadmap-lens why`: opening the repository, the commit graph (from the
// repository's cache when allowed), and the commit links of exactly the commits blame named.
// whyAnalysis.ts runs these alongside blame and the roadmap load.
import type { CommitLinksLookup } from '../core/attribution/attributionTypes';
import type { MessageLinker } from '../core/linking/commitLinks';
import type { RepoCache } from '../fs/repoCache';
import { lookupCommitLinks, type CommitGraph } from '../git/commitLookup';
import { GitNotFoundError, NotARepositoryError, UntrustedWorkspaceError } from '../git/gitErrors';
import { GitRepository } from '../git/gitRepository';
import { GitRunner } from '../git/gitRunner';
import type { MessagePrefetch } from '../git/messagePrefetch';
import { cachedCommitGraph, type CachedGraph } from './cachedGraph';
import { trace } from './trace';

/** Where the commit graph came from: the cache as it was, brought up to HEAD, rebuilt, or git alone. */
export type GraphSource = CachedGraph['source'] | 'off' | 'none';

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

/** Links for exactly the commits blame named, as the full commit index would give them. */
export async function commitLinksForBlame(
  git: GitRunner,
  graph: CommitGraph,
  blamed: readonly { sha: string; uncommitted: boolean }[],
  linker: MessageLinker,
  prefetch: MessagePrefetch | undefined,
): Promise<CommitLinksLookup | undefined> {
  try {
    const shas = blamed.filter((c) => !c.uncommitted).map((c) => c.sha);
    return await lookupCommitLinks(
      git,
      graph,
      shas,
      linker,
      undefined,
      prefetch ? (wanted) => prefetch.get(wanted) : undefined,
    );
  } catch {
    return undefined;
  }
}
