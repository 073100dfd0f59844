// What the work model tells views about one workspace folder's repository. Plain data: views
// render it, they never ask git themselves.

import type { CommitInfo } from '../../core/commitIndex/commitIndex';
import type { BranchLink } from '../../core/commitIndex/workSummary';
import type { CurrentReason } from '../../core/linking/currentWork';
import type { RoadmapItem } from '../../core/roadmap/roadmapTypes';

/** Why a folder has no git features; each reason gets its own clear text, never a popup. */
export type WorkOffReason = 'untrusted' | 'virtual' | 'no-git' | 'not-repo' | 'error';

/** A rebase, merge, cherry-pick, … stopped half-way: the branch name alone would mislead. */
export type WorkOperation = 'rebase' | 'merge' | 'cherry-pick' | 'revert' | 'bisect';

/** How the current item was found: a tag on the branch, an id in its name, or its commits. */
export type CurrentVia = CurrentReason;

export interface CurrentItem {
  readonly item: RoadmapItem;
  readonly via: CurrentVia;
}

export interface HeadInfo {
  readonly kind: 'branch' | 'detached' | 'unborn';
  /** The branch name (kind branch or unborn). */
  readonly branch?: string;
  /** The abbreviated commit (kind branch or detached). */
  readonly shortCommit?: string;
  readonly operation?: WorkOperation;
}

export type WorkStatus =
  | { readonly kind: 'off'; readonly reason: WorkOffReason; readonly message: string }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly head: HeadInfo; readonly current: CurrentItem | undefined };

export interface BranchWork {
  /** As git names it: `feature/x` or `origin/feature/x`. */
  readonly name: string;
  /** The name without the remote (`feature/x` for `origin/feature/x`): what a tag records. */
  readonly branch: string;
  readonly remote: boolean;
  /** True when a roadmap `branches:` entry names it (an explicit tag), false for an id in the name. */
  readonly tagged: boolean;
  /** The exact `branches:` entry that matched (a name or a glob), when tagged. */
  readonly tagPattern?: string;
  readonly isHead: boolean;
  readonly lastCommit?: {
    readonly sha: string;
    readonly subject: string;
    readonly author: string;
    readonly date: Date;
  };
}

export interface CommitWork {
  readonly sha: string;
  readonly subject: string;
  readonly author: string;
  readonly date: Date;
}

export interface ItemWork {
  readonly branches: readonly BranchWork[];
  readonly commits: readonly CommitWork[];
}

export const NO_WORK: ItemWork = { branches: [], commits: [] };

export function toCommitWork(c: CommitInfo): CommitWork {
  return { sha: c.sha, subject: c.subject, author: c.author, date: new Date(c.time * 1000) };
}

export function toBranchWork(link: BranchLink, itemKey: string | undefined): BranchWork {
  const { ref } = link;
  const pattern = itemKey === undefined ? undefined : link.patterns.get(itemKey);
  return {
    name: ref.name,
    branch: ref.branch,
    remote: ref.remote !== undefined,
    tagged: link.tagged,
    ...(pattern !== undefined ? { tagPattern: pattern } : {}),
    isHead: ref.isHead,
    lastCommit: { sha: ref.sha, subject: ref.subject, author: ref.author, date: new Date(ref.time * 1000) },
  };
}
