// What a folder's work status says, from the HEAD git reported: the head as views show it, and
// the words for each reason git is off (from gitOffText.ts).

import type { HeadState } from '../../core/linking/currentWork';
import type { WorkSummary } from '../../core/commitIndex/workSummary';
import { GIT_OFF_TEXT } from './gitOffText';
import type { HeadInfo, WorkStatus } from './workState';

export const EMPTY_SUMMARY: WorkSummary = {
  byItem: new Map(),
  unlinkedBranches: [],
  unlinkedCommits: [],
  rollup: new Map(),
  coverage: undefined,
  mine: new Set(),
};

export function headInfo(head: HeadState): HeadInfo | undefined {
  switch (head.kind) {
    case 'branch':
      return {
        kind: 'branch',
        branch: head.branch,
        shortCommit: head.sha.slice(0, 7),
        ...(head.operation ? { operation: head.operation } : {}),
      };
    case 'detached':
      return {
        kind: 'detached',
        shortCommit: head.sha.slice(0, 7),
        ...(head.branch ? { branch: head.branch } : {}),
        ...(head.operation ? { operation: head.operation } : {}),
      };
    case 'unborn':
      return { kind: 'unborn', branch: head.branch };
    default:
      return undefined;
  }
}

/** The off status for a HEAD that means git cannot run here, or undefined for any other HEAD. */
export function offStatus(head: HeadState): WorkStatus | undefined {
  if (head.kind !== 'untrusted' && head.kind !== 'git-missing' && head.kind !== 'not-a-repo') return undefined;
  const reason = head.kind === 'untrusted' ? 'untrusted' : head.kind === 'git-missing' ? 'no-git' : 'not-repo';
  return { kind: 'off', reason, message: GIT_OFF_TEXT[reason] };
}

/** The status of a folder the work model does not follow (it has no roadmap, or it is not on disk). */
export function statusWithoutRoadmap(onDisk: boolean, trusted: boolean): WorkStatus {
  if (!onDisk) return { kind: 'off', reason: 'virtual', message: GIT_OFF_TEXT.virtual };
  if (!trusted) return { kind: 'off', reason: 'untrusted', message: GIT_OFF_TEXT.untrusted };
  return { kind: 'off', reason: 'not-repo', message: GIT_OFF_TEXT['no-roadmap'] };
}
