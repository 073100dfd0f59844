// Builds and updates a CommitIndex from a repository. Both read HEAD from the git dir's
// files (a git process only for what they cannot answer). The first build streams the whole log of
// HEAD in one process; later calls ask one `git log old...new` for what changed since the indexed
// head and what a rebase or reset dropped: an update after one commit costs one small git process,
// an unchanged HEAD none. `maxCount` (the `history.maxCommits` setting) bounds every full build,
// including the fallbacks after a rewrite or a huge jump.

import { CommitIndex } from '../core/commitIndex/commitIndex';
import {
  buildCommitIndex,
  buildCommitIndexLinkedLater,
  collectCommits,
  type BuildOptions,
} from '../core/commitIndex/commitIndexBuilder';
import type { CommitLinker } from '../core/linking/commitLinks';
import type { RawCommit } from '../core/gitOutput/gitLogParser';
import { GitError, NotARepositoryError } from './gitErrors';
import type { GitRepository } from './gitRepository';

export type IndexUpdateKind = 'unchanged' | 'relinked' | 'updated' | 'rebuilt';

export interface IndexBuildOptions extends BuildOptions {
  /** The newest commits a full build reads; unbounded when absent. */
  readonly maxCount?: number;
}

/** Cold build over what is reachable from HEAD, newest `maxCount` first (an empty index on an unborn branch). */
export async function buildIndexForHead(
  repo: GitRepository,
  linker: CommitLinker,
  opts: IndexBuildOptions = {},
): Promise<CommitIndex> {
  // From the git dir's files (a git process only for what they do not answer): on a history of a
  // thousand commits, a second process start was a fifth of the whole cold build.
  const head = await repo.headSha(opts.signal);
  if (head === undefined) {
    const empty = new CommitIndex();
    empty.finish(undefined, linker);
    return empty;
  }
  const { nonce, batches } = repo.log([head], {
    ...signalOf(opts),
    ...(opts.maxCount !== undefined ? { maxCount: opts.maxCount } : {}),
  });
  return buildCommitIndex(batches, nonce, head, linker, opts);
}

/** buildIndexForHead with the linker still coming (see buildCommitIndexLinkedLater); unbounded. */
export async function buildIndexForHeadLinkedLater(
  repo: GitRepository,
  linker: Promise<CommitLinker>,
  opts: BuildOptions = {},
): Promise<CommitIndex> {
  const head = await repo.headSha(opts.signal);
  if (head === undefined) {
    const empty = new CommitIndex();
    empty.finish(undefined, await linker);
    return empty;
  }
  const { nonce, batches } = repo.log([head], signalOf(opts));
  return buildCommitIndexLinkedLater(batches, nonce, head, linker, opts);
}

/**
 * Brings `index` up to HEAD. Returns the index to use from now on (a new one when rebuilt) and
 * what happened. Falls back to a cold build (bounded by `maxCount`) when the old head is gone
 * (gc after a force-push), and when the difference alone reaches `maxCount` commits (a rewritten
 * root, a jump to unrelated history): reading it all would cost more than the bounded build.
 */
export async function updateIndexToHead(
  repo: GitRepository,
  index: CommitIndex,
  linker: CommitLinker,
  opts: IndexBuildOptions = {},
): Promise<{ index: CommitIndex; kind: IndexUpdateKind }> {
  const head = await repo.headSha(opts.signal);
  const old = index.head;
  if (head === old) return sameHead(index, linker);
  if (head === undefined || old === undefined)
    return { index: await buildIndexForHead(repo, linker, opts), kind: 'rebuilt' };
  let changes: { added: RawCommit[]; removed: string[] } | 'too-many';
  try {
    changes = await changesBetween(repo, old, head, opts);
  } catch (e) {
    // Most likely the old head is gone (gc after a force-push); the step-by-step checks tell.
    if (!(e instanceof GitError) || e instanceof NotARepositoryError) throw e;
    return updateStepByStep(repo, index, linker, opts);
  }
  if (changes === 'too-many') return { index: await buildIndexForHead(repo, linker, opts), kind: 'rebuilt' };
  index.update({ head, ...changes }, linker);
  return { index, kind: 'updated' };
}

/**
 * Added (reachable from `head` only) and removed (from `old` only) commits in one `git log
 * --left-right old...head`. Removed commits come with their messages, which only a rebase or a
 * branch switch pays for: after a commit, `old` is an ancestor of `head` and the left side is empty.
 */
async function changesBetween(
  repo: GitRepository,
  old: string,
  head: string,
  opts: IndexBuildOptions,
): Promise<{ added: RawCommit[]; removed: string[] } | 'too-many'> {
  const { nonce, batches, right } = repo.logLeftRight(old, head, {
    ...signalOf(opts),
    ...(opts.maxCount !== undefined ? { maxCount: opts.maxCount } : {}),
  });
  const commits = await collectCommits(batches, nonce, opts);
  if (opts.maxCount !== undefined && commits.length >= opts.maxCount) return 'too-many';
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
  opts: IndexBuildOptions,
): Promise<{ index: CommitIndex; kind: IndexUpdateKind }> {
  const head = await repo.resolve('HEAD', opts.signal);
  const old = index.head;
  if (head === old) return sameHead(index, linker);
  if (head === undefined || old === undefined || (await repo.resolve(old, opts.signal)) === undefined) {
    return { index: await buildIndexForHead(repo, linker, opts), kind: 'rebuilt' };
  }
  const signalOpts = signalOf(opts);
  const { nonce, batches } = repo.log([head, `^${old}`], {
    ...signalOpts,
    ...(opts.maxCount !== undefined ? { maxCount: opts.maxCount } : {}),
  });
  const added = await collectCommits(batches, nonce, opts);
  if (opts.maxCount !== undefined && added.length >= opts.maxCount)
    return { index: await buildIndexForHead(repo, linker, opts), kind: 'rebuilt' };
  // Cheap when old is an ancestor of head (the common case): git stops at once.
  const removed = await repo.revList([old, `^${head}`], opts.signal);
  index.update({ head, added, removed }, linker);
  return { index, kind: 'updated' };
}

function signalOf(opts: BuildOptions): { signal?: AbortSignal } {
  return opts.signal ? { signal: opts.signal } : {};
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
