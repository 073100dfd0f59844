// Builds and updates a CommitIndex from a repository. The first build streams the whole log of
// HEAD; later calls read HEAD from the git dir's files and ask one `git log old...new` for what
// changed since the indexed head and what a rebase or reset dropped: an update after one commit
// costs one small git process, an unchanged HEAD none.

import { CommitIndex } from '../core/commitIndex';
import { buildCommitIndex, collectCommits, type BuildOptions } from '../core/commitIndexBuilder';
import type { CommitLinker } from '../core/commitLinks';
import type { RawCommit } from '../core/gitLogParser';
import { GitError, NotARepositoryError } from './gitErrors';
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
  const head = await repo.headSha(opts.signal);
  const old = index.head;
  if (head === old) return sameHead(index, linker);
  if (head === undefined || old === undefined) return { index: await buildIndexForHead(repo, linker, opts), kind: 'rebuilt' };
  let changes: { added: RawCommit[]; removed: string[] };
  try {
    changes = await changesBetween(repo, old, head, opts);
  } catch (e) {
    // Most likely the old head is gone (gc after a force-push); the step-by-step checks tell.
    if (!(e instanceof GitError) || e instanceof NotARepositoryError) throw e;
    return updateStepByStep(repo, index, linker, opts);
  }
  index.update({ head, ...changes }, linker);
  return { index, kind: 'updated' };
}

/**
 * Added (reachable from `head` only) and removed (from `old` only) commits in one `git log
 * --left-right old...head`. Removed commits come with their messages, which only a rebase or a
 * branch switch pays for: after a commit, `old` is an ancestor of `head` and the left side is empty.
 */
async function changesBetween(repo: GitRepository, old: string, head: string, opts: BuildOptions): Promise<{ added: RawCommit[]; removed: string[] }> {
  const { nonce, batches, right } = repo.logLeftRight(old, head, opts.signal ? { signal: opts.signal } : {});
  const commits = await collectCommits(batches, nonce, opts);
  const added: RawCommit[] = [];
  const removed: string[] = [];
  for (const c of commits) {
    if (right.has(c.sha)) added.push(c);
    else removed.push(c.sha);
  }
  return { added, removed };
}

/** The careful path, one question per process, for when the one-process update failed. */
async function updateStepByStep(
  repo: GitRepository,
  index: CommitIndex,
  linker: CommitLinker,
  opts: BuildOptions,
): Promise<{ index: CommitIndex; kind: IndexUpdateKind }> {
  const head = await repo.resolve('HEAD', opts.signal);
  const old = index.head;
  if (head === old) return sameHead(index, linker);
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

function sameHead(index: CommitIndex, linker: CommitLinker): { index: CommitIndex; kind: IndexUpdateKind } {
  if (indexFingerprint(index) !== linker.fingerprint) {
    index.relink(linker);
    return { index, kind: 'relinked' };
  }
  return { index, kind: 'unchanged' };
}

function indexFingerprint(index: CommitIndex): string {
  return index.linkFingerprint;
}
