// What the editor offers for a drift finding, and how many it shows. Pure: the diagnostics provider
// and the quick fix ask these, so the CLI, the card and the Problems panel agree.

import type { DriftFinding, DriftKind } from './driftFindings';

/**
 * Statuses a quick fix may set, preferred first. The finding says the status is out of date; the
 * fix is the status the evidence points at. A dead `paths` glob is not a status problem: no fix.
 */
const FIXES: Readonly<Record<DriftKind, readonly string[]>> = {
  'closed-not-shipped': ['shipped'],
  'shipped-unmerged': ['in-progress'],
  stale: ['planned', 'dropped'],
  'dropped-active': ['in-progress'],
  'dead-path': [],
};

export function statusFixes(finding: Pick<DriftFinding, 'kind' | 'suggestedStatus'>): readonly string[] {
  const fixes = FIXES[finding.kind];
  const preferred = finding.suggestedStatus;
  return preferred !== undefined && !fixes.includes(preferred) ? [preferred, ...fixes] : fixes;
}

/** Most actionable first: evidence that work shipped outranks the absence of commits. */
const RANK: Readonly<Record<DriftKind, number>> = {
  'closed-not-shipped': 0,
  'shipped-unmerged': 1,
  'dropped-active': 2,
  'dead-path': 3,
  stale: 4,
};

/**
 * At most `max` findings to show (most actionable first, then in file order) and how many were
 * left out: a 10,000-item roadmap that nobody updated must not bury the real problems of the file.
 */
export function capFindings<T extends Pick<DriftFinding, 'kind' | 'item'>>(
  findings: readonly T[],
  max: number,
): { readonly shown: T[]; readonly hidden: number } {
  const line = (f: T): number => f.item.idLocation.range.start.line;
  const sorted = [...findings].sort((a, b) => RANK[a.kind] - RANK[b.kind] || line(a) - line(b));
  const shown = sorted.slice(0, Math.max(0, max));
  return { shown: shown.sort((a, b) => line(a) - line(b)), hidden: findings.length - shown.length };
}
