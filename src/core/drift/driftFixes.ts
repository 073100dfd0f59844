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
 * At most `max` findings to show across every roadmap file of the workspace (most actionable
 * first, then by file and line), each file's in file order, and how many were left out (in how
 * many files). A 10,000-item roadmap nobody updated must not bury the real problems: capped per
 * file, its 25 files still added up to a thousand diagnostics in the status bar's count.
 */
export function capFindingsByFile<T extends Pick<DriftFinding, 'kind' | 'item'>>(
  byFile: ReadonlyMap<string, readonly T[]>,
  max: number,
): { readonly shown: Map<string, T[]>; readonly hidden: number; readonly hiddenFiles: number } {
  const line = (f: T): number => f.item.idLocation.range.start.line;
  const files = [...byFile.keys()].sort();
  const all = files.flatMap((file, n) => (byFile.get(file) ?? []).map((f) => ({ f, n })));
  all.sort((a, b) => RANK[a.f.kind] - RANK[b.f.kind] || a.n - b.n || line(a.f) - line(b.f));
  const kept = all.slice(0, Math.max(0, max));
  const shown = new Map<string, T[]>();
  for (const { f, n } of kept) {
    const file = files[n] as string;
    const list = shown.get(file) ?? [];
    list.push(f);
    shown.set(file, list);
  }
  for (const list of shown.values()) list.sort((a, b) => line(a) - line(b));
  const hiddenFiles = files.filter((file) => (byFile.get(file)?.length ?? 0) > (shown.get(file)?.length ?? 0)).length;
  return { shown, hidden: all.length - kept.length, hiddenFiles };
}
