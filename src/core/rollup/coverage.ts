// Honest coverage: how much of the indexed history links to a roadmap item at all, overall and
// per month — "1,630 of 9,738 commits (17%)" says more than a list of the ten latest unlinked ones.
// Merges are left out on both sides (they carry their branch's links; counting them would double).

export interface CoverageCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Seconds since the epoch. */
  readonly time: number;
}

export interface MonthCoverage {
  /** `YYYY-MM` (UTC). */
  readonly month: string;
  readonly commits: number;
  readonly linked: number;
}

export interface Coverage {
  readonly commits: number;
  readonly linked: number;
  /** Oldest first, every month between the first and the last commit (empty months included). */
  readonly months: readonly MonthCoverage[];
}

export const NO_COVERAGE: Coverage = { commits: 0, linked: 0, months: [] };

/** `linked` answers whether a commit links to any item (CommitIndex.isLinked). */
export function* coverageSteps(
  commits: readonly CoverageCommit[],
  linked: (sha: string) => boolean,
  step = 5000,
): Generator<void, Coverage> {
  const byMonth = new Map<number, { commits: number; linked: number }>();
  let total = 0;
  let linkedTotal = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < commits.length; i++) {
    if (i % step === step - 1) yield;
    const c = commits[i] as CoverageCommit;
    if (c.parents.length > 1) continue;
    const d = new Date(c.time * 1000);
    const m = d.getUTCFullYear() * 12 + d.getUTCMonth();
    if (!Number.isFinite(m)) continue;
    const isLinked = linked(c.sha);
    total++;
    if (isLinked) linkedTotal++;
    let bucket = byMonth.get(m);
    if (!bucket) byMonth.set(m, (bucket = { commits: 0, linked: 0 }));
    bucket.commits++;
    if (isLinked) bucket.linked++;
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const months: MonthCoverage[] = [];
  // Bounded: a corrupt timestamp must not make a million empty months.
  if (total > 0 && last - first < 12 * 200) {
    for (let m = first; m <= last; m++) {
      const b = byMonth.get(m);
      months.push({ month: monthName(m), commits: b?.commits ?? 0, linked: b?.linked ?? 0 });
    }
  }
  return { commits: total, linked: linkedTotal, months };
}

function monthName(m: number): string {
  const year = Math.floor(m / 12);
  return `${String(year).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** Whole percent, but never 0% for some or 100% for not all. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  const p = Math.round((part / whole) * 100);
  if (p === 0 && part > 0) return 1;
  if (p === 100 && part < whole) return 99;
  return p;
}

/** "1,630 of 9,738 commits (17%) link to an item". */
export function coverageText(c: Pick<Coverage, 'commits' | 'linked'>): string {
  if (c.commits === 0) return 'No commits indexed yet';
  return `${c.linked.toLocaleString('en-US')} of ${c.commits.toLocaleString('en-US')} commit${c.commits === 1 ? '' : 's'} (${percent(c.linked, c.commits)}%) link to an item`;
}
