// Builds and updates a CommitIndex from a repository. The first build streams the whole log of
// HEAD; later calls only ask git for what changed since the indexed head (and what was dropped by
// a rebase or reset), so an update after one commit costs about two small git processes.

import { CommitIndex } from '../core/commitIndex';
import { buildCommitIndex, collectCommits, type BuildOptions } from '../core/commitIndexBuilder';
import type { CommitLinker } from '../core/commitLinks';
import type { GitRepository } from './gitRepository';

export type IndexUpdateKind = 'unchanged' | 'relinked' | 'updated' | 'rebuilt';

/** Cold build over everything reachable from HEAD (an empty index on an unborn branch). */
export async function buildIndexForHead(repo: GitRepository, linker: CommitLinker, opts: BuildOptions = {}): Promise<CommitIndex> {
  const head = await repo.resolve('HEAD', opts.signal);
  if (head === undefined) {
    const empty = new CommitIndex();
    empty.finish(undefined, linker);
    return empty;
  }
  const { nonce, batches } = repo.log([head], opts.signal ? { signal: opts.signal } : {});
  return buildCommitIndex(batches, nonce, head, linker, opts);
}

/**
 * Brings `index` up to HEAD. Returns the index to use from now on (a new one when rebuilt) and
 * what happened. Falls back to a cold build when the old head is gone (gc after a force-push).
 */
export async function updateIndexToHead(
  repo: GitRepository,
  index: CommitIndex,
  linker: CommitLinker,
  opts: BuildOptions = {},
): Promise<{ index: CommitIndex; kind: IndexUpdateKind }> {
  const head = await repo.resolve('HEAD', opts.signal);
  const old = index.head;
  if (head === old) {
    if (indexFingerprint(index) !== linker.fingerprint) {
      index.relink(linker);
      return { index, kind: 'relinked' };
    }
    return { index, kind: 'unchanged' };
  }
  if (head === undefined || old === undefined || (await repo.resolve(old, opts.signal)) === undefined) {
    return { index: await buildIndexForHead(repo, linker, opts), kind: 'rebuilt' };
  }
  const signalOpts = opts.signal ? { signal: opts.signal } : {};
  const { nonce, batches } = repo.log([head, `^${old}`], signalOpts);
  const added = await collectCommits(batches, nonce, opts);
  // Cheap when old is an ancestor of head (the common case): git stops at once.
  const removed = await repo.revList([old, `^${head}`], opts.signal);
  index.update({ head, added, removed }, linker);
  return { index, kind: 'updated' };
}

function indexFingerprint(index: CommitIndex): string {
  return index.linkFingerprint;
}
