// Which roadmap item is the engineer working on? Decided in a fixed order: a tag on the current
// branch, then an id/ref in the branch name, then references in the commits on this branch since
// it left the base branch. Every repository state that prevents an answer is a named state.

import type { CommitLinker } from './commitLinks';

export type RepoOperation = 'rebase' | 'merge' | 'cherry-pick' | 'revert' | 'bisect';

export type HeadState =
  | { readonly kind: 'untrusted' }
  | { readonly kind: 'git-missing' }
  | { readonly kind: 'not-a-repo' }
  | { readonly kind: 'unborn'; readonly branch: string }
  /** During a rebase HEAD is detached; `branch` is then the branch being rebased. */
  | { readonly kind: 'detached'; readonly sha: string; readonly operation?: RepoOperation; readonly branch?: string }
  | { readonly kind: 'branch'; readonly branch: string; readonly sha: string; readonly operation?: RepoOperation };

export type CurrentReason = 'branch-tag' | 'branch-name' | 'commits';

export type CurrentWork =
  | {
      readonly kind: 'item';
      readonly itemId: string;
      readonly reason: CurrentReason;
      readonly branch: string;
      /** branch-tag: the `branches` entry that matched. */
      readonly pattern?: string;
      /** commits: how many commits since the base reference the item, of how many. */
      readonly commitCount?: number;
      readonly commitTotal?: number;
      /** Other items that also matched at the same step (shown, not chosen). */
      readonly others: readonly string[];
    }
  | {
      readonly kind: 'none';
      readonly state: 'untrusted' | 'git-missing' | 'not-a-repo' | 'unborn' | 'detached' | 'no-link';
      readonly branch?: string;
    };

export interface CommitMessage {
  readonly sha: string;
  readonly message: string;
}

export interface CurrentWorkInput {
  readonly head: HeadState;
  /** Commits on the branch since the base branch, newest first (empty when on the base itself). */
  readonly commitsSinceBase?: readonly CommitMessage[];
  /** Remote names, so `origin/x` tags also match when checked out as `x`. */
  readonly remotes?: readonly string[];
}

function branchOf(head: HeadState): string | undefined {
  if (head.kind === 'branch' || head.kind === 'unborn') return head.branch;
  if (head.kind === 'detached') return head.branch;
  return undefined;
}

export function decideCurrentWork(input: CurrentWorkInput, linker: CommitLinker): CurrentWork {
  const { head } = input;
  if (head.kind === 'untrusted' || head.kind === 'git-missing' || head.kind === 'not-a-repo')
    return { kind: 'none', state: head.kind };
  const branch = branchOf(head);
  if (branch === undefined) return { kind: 'none', state: 'detached' };

  const names = [branch, ...(input.remotes ?? []).map((r) => `${r}/${branch}`)];
  const tags = linker.tags.matchDetailed(names);
  const firstTag = tags[0];
  if (firstTag) {
    return {
      kind: 'item',
      itemId: firstTag.itemId,
      reason: 'branch-tag',
      branch,
      pattern: firstTag.pattern,
      others: tags.slice(1).map((t) => t.itemId),
    };
  }
  const inName = linker.branch([branch]).itemIds;
  const firstName = inName[0];
  if (firstName !== undefined)
    return { kind: 'item', itemId: firstName, reason: 'branch-name', branch, others: inName.slice(1) };

  const commits = input.commitsSinceBase ?? [];
  // Count commits per item; ties go to the item referenced most recently (commits are newest first).
  const counts = new Map<string, { count: number; newest: number }>();
  commits.forEach((c, position) => {
    const ids = new Set(linker.direct(c.message).map((e) => e.itemId));
    for (const id of ids) {
      const entry = counts.get(id);
      if (entry) entry.count++;
      else counts.set(id, { count: 1, newest: position });
    }
  });
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].newest - b[1].newest);
  const best = ranked[0];
  if (best) {
    return {
      kind: 'item',
      itemId: best[0],
      reason: 'commits',
      branch,
      commitCount: best[1].count,
      commitTotal: commits.length,
      others: ranked.slice(1).map((r) => r[0]),
    };
  }
  return {
    kind: 'none',
    state: head.kind === 'unborn' ? 'unborn' : head.kind === 'detached' ? 'detached' : 'no-link',
    branch,
  };
}
