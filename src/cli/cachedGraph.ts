// The commit graph `why` needs, from the repository's cache when it has one (RepoCache,
// `commit-graph.bin`): unchanged HEAD → no git process at all; a few new commits → one small
// `rev-list old...HEAD`; a rewritten history or a bad file → the full `rev-list --parents`, then
// the file is written again. A cache file that does not decode is ignored with one note, never
// trusted (commitGraphCodec validates every field).
import { decodeCommitGraph, encodeCommitGraph } from '../core/indexFile/commitGraphCodec';
import { readCommitGraph, updateCommitGraph, type CommitGraph, type GraphUpdate } from '../git/commitLookup';
import type { GitRunner } from '../git/gitRunner';
import type { RepoCache } from '../fs/repoCache';

export const GRAPH_FILE = 'commit-graph.bin';

export interface CachedGraph {
  readonly graph: CommitGraph;
  /** 'cold': no cache used (none, unreadable, or --no-cache). */
  readonly source: GraphUpdate | 'cold';
}

/** `head`: HEAD as the caller resolved it once (undefined on an unborn branch: no graph). */
export async function cachedCommitGraph(
  git: GitRunner,
  head: string | undefined,
  cache: RepoCache | undefined,
  note: (line: string) => void,
  signal?: AbortSignal,
): Promise<CachedGraph | undefined> {
  if (head === undefined) return undefined;
  const read = cache ? await cache.read(GRAPH_FILE) : undefined;
  let cached: ReturnType<typeof decodeCommitGraph> | undefined;
  if (read?.kind === 'hit') {
    cached = decodeCommitGraph(read.bytes);
    if (!cached.ok)
      note(`the cached commit graph ${cache?.pathOf(GRAPH_FILE) ?? ''} is ignored (${cached.reason}); rebuilding it`);
  } else if (read?.kind === 'unreadable') {
    note(`the cached commit graph is ignored (${read.reason}); rebuilding it`);
  }
  const { graph, kind } =
    cached?.ok === true
      ? await updateCommitGraph(git, cached.graph, head, signal)
      : { graph: await readCommitGraph(git, head, signal), kind: 'cold' as const };
  if (cache && kind !== 'unchanged') {
    try {
      await cache.write(GRAPH_FILE, encodeCommitGraph(graph));
    } catch (e) {
      // Not being able to cache never fails the answer.
      note(`could not write the commit graph cache (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return { graph, source: kind };
}
