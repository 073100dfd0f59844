// Adapts the commit index (#3) to what attribution asks of it: a commit's items, each with a
// short phrase saying how the commit names it ("trailer", "merge of chk-12-reorder").

import type { CommitLinksLookup } from '../attribution/attributionTypes';
import type { CommitLink } from './commitLinks';

const HOW: Readonly<Record<CommitLink['kind'], string>> = {
  trailer: 'trailer',
  message: 'message',
  squash: 'squash merge',
  merge: 'merge of',
  'branch-tag': 'tagged branch',
};

export function describeCommitEvidence(e: CommitLink): string {
  const how = HOW[e.kind];
  return e.branch !== undefined && (e.kind === 'merge' || e.kind === 'branch-tag') ? `${how} ${e.branch}` : how;
}

/** A lookup over anything with the CommitIndex's `evidence(sha)` (strongest evidence first). */
export function commitItemLinks(index: { evidence(sha: string): readonly CommitLink[] }): CommitLinksLookup {
  return {
    linksFor(sha) {
      const list = index.evidence(sha);
      return list.length === 0
        ? undefined
        : list.map((e) => ({ itemId: e.itemId, evidence: describeCommitEvidence(e) }));
    },
  };
}
