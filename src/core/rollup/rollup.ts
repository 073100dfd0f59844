// Roll-up: what a parent (goal, initiative, epic, release) adds up to — its own linked work plus
// every descendant's, each commit and branch counted once, and its children's statuses — so a
// manager sees an epic's progress although its commits name only the features under it.
// Pure; one pass over the links, each walking up its item's ancestor chain (10k items × 100k
// commits in well under the cold index build).

import { idKey, type RoadmapItem } from '../roadmap/roadmapTypes';

/** What roll-up needs from a roadmap (a subset of RoadmapIndex, so tests can pass plain objects). */
export interface RollupHierarchy {
  readonly items: readonly RoadmapItem[];
  parent(id: string): RoadmapItem | undefined;
}

export interface RollupBranch {
  readonly name: string;
  /** Time of the branch's last commit, seconds since the epoch. */
  readonly time: number;
}

export interface RollupInput {
  readonly roadmap: RollupHierarchy;
  /** Each item's linked commit shas, newest first, keyed by `idKey(id)` (CommitIndex.linkedShasByItem). */
  readonly commits: ReadonlyMap<string, readonly string[]>;
  /** A commit's time in seconds (asked once per item with commits: for its newest one). */
  readonly commitTime: (sha: string) => number | undefined;
  /** Each item's linked branches, keyed by `idKey(id)`. */
  readonly branches: ReadonlyMap<string, readonly RollupBranch[]>;
}

/** How many items have each status; `other` is any status we do not know, or none. */
export interface StatusCounts {
  readonly total: number;
  readonly shipped: number;
  readonly inProgress: number;
  readonly planned: number;
  readonly dropped: number;
  readonly other: number;
}

export interface ItemRollup {
  /** Distinct commits linked to the item or any descendant. */
  readonly commits: number;
  readonly ownCommits: number;
  /** Distinct branch names linked to the item or any descendant. */
  readonly branches: number;
  readonly ownBranches: number;
  /** Newest commit or branch tip of the item and its descendants, seconds; undefined without work. */
  readonly lastActivity: number | undefined;
  /** Statuses of the direct children ("4 of 4 shipped"). */
  readonly children: StatusCounts;
  /** Statuses of every descendant. */
  readonly descendants: StatusCounts;
}

export type Rollup = ReadonlyMap<string, ItemRollup>;

type MutableCounts = { -readonly [K in keyof StatusCounts]: number };
type MutableRollup = {
  commits: number;
  ownCommits: number;
  branches: number;
  ownBranches: number;
  lastActivity: number | undefined;
  children: MutableCounts;
  descendants: MutableCounts;
};

export const NO_STATUS: StatusCounts = { total: 0, shipped: 0, inProgress: 0, planned: 0, dropped: 0, other: 0 };

/** `In Progress`, `in_progress` and `in-progress` are one status. */
export function statusBucket(status: string | undefined): keyof Omit<StatusCounts, 'total'> {
  const s = (status ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (s === 'shipped') return 'shipped';
  if (s === 'in-progress') return 'inProgress';
  if (s === 'planned') return 'planned';
  if (s === 'dropped') return 'dropped';
  return 'other';
}

/**
 * Every item's roll-up, keyed by `idKey(id)`. `step` items/links between yields (runInSlices);
 * run with runToEnd for a one-off (the CLI).
 */
export function* rollUpSteps(input: RollupInput, step = 2000): Generator<void, Rollup> {
  const { roadmap } = input;
  const out = new Map<string, MutableRollup>();
  const parentKey = new Map<string, string | undefined>();
  for (const item of roadmap.items) {
    const key = idKey(item.id);
    const parent = roadmap.parent(item.id);
    parentKey.set(key, parent === undefined ? undefined : idKey(parent.id));
    out.set(key, {
      commits: 0,
      ownCommits: 0,
      branches: 0,
      ownBranches: 0,
      lastActivity: undefined,
      children: { ...NO_STATUS },
      descendants: { ...NO_STATUS },
    });
  }
  // Ancestor-or-self chains, memoised: chain(k) = [k, ...chain(parent(k))].
  const chains = new Map<string, readonly string[]>();
  const chain = (key: string): readonly string[] => {
    const known = chains.get(key);
    if (known) return known;
    const path: string[] = [];
    let cur: string | undefined = key;
    // Bounded: the index broke every cycle, and a chain is never longer than the roadmap.
    while (cur !== undefined && path.length <= parentKey.size) {
      const memo = chains.get(cur);
      if (memo) {
        path.push(...memo);
        break;
      }
      path.push(cur);
      cur = parentKey.get(cur);
    }
    for (let i = 0; i < path.length; i++) {
      const k = path[i] as string;
      if (chains.has(k)) break;
      chains.set(k, path.slice(i));
    }
    return chains.get(key) ?? path;
  };

  let n = 0;
  for (const item of roadmap.items) {
    if (++n % step === 0) yield;
    const key = idKey(item.id);
    const bucket = statusBucket(item.status);
    const up = chain(key);
    for (let i = 1; i < up.length; i++) {
      const r = out.get(up[i] as string);
      if (!r) continue;
      r.descendants.total++;
      r.descendants[bucket]++;
      if (i === 1) {
        r.children.total++;
        r.children[bucket]++;
      }
    }
  }

  // Commits: a commit linked to two items under one parent counts once for that parent.
  const itemsOfSha = new Map<string, string | string[]>();
  for (const [key, shas] of input.commits) {
    const own = out.get(key);
    if (!own) continue;
    own.ownCommits = shas.length;
    const newest = shas[0] === undefined ? undefined : input.commitTime(shas[0]);
    if (newest !== undefined) for (const a of chain(key)) bumpActivity(out.get(a), newest);
    for (const sha of shas) {
      if (++n % step === 0) yield;
      const seen = itemsOfSha.get(sha);
      if (seen === undefined) itemsOfSha.set(sha, key);
      else if (typeof seen === 'string') itemsOfSha.set(sha, [seen, key]);
      else seen.push(key);
    }
  }
  const touched = new Set<string>();
  for (const keys of itemsOfSha.values()) {
    if (++n % step === 0) yield;
    if (typeof keys === 'string') {
      for (const a of chain(keys)) (out.get(a) as MutableRollup).commits++;
      continue;
    }
    touched.clear();
    for (const k of keys) for (const a of chain(k)) touched.add(a);
    for (const a of touched) (out.get(a) as MutableRollup).commits++;
  }

  // Branches: distinct names per subtree (one branch may name an epic and its feature).
  const namesUnder = new Map<string, Set<string>>();
  for (const [key, list] of input.branches) {
    const own = out.get(key);
    if (!own) continue;
    const names = new Set(list.map((b) => b.name));
    own.ownBranches = names.size;
    for (const a of chain(key)) {
      let set = namesUnder.get(a);
      if (!set) namesUnder.set(a, (set = new Set()));
      for (const name of names) set.add(name);
      for (const b of list) bumpActivity(out.get(a), b.time);
    }
  }
  for (const [a, set] of namesUnder) (out.get(a) as MutableRollup).branches = set.size;
  return out;
}

function bumpActivity(r: MutableRollup | undefined, time: number): void {
  if (r && (r.lastActivity === undefined || time > r.lastActivity)) r.lastActivity = time;
}

/** "4 of 4 shipped" (dropped children do not count against progress), or '' without children. */
export function progressText(counts: StatusCounts): string {
  const live = counts.total - counts.dropped;
  if (counts.total === 0) return '';
  if (live === 0) return `${counts.total} dropped`;
  return `${counts.shipped} of ${live} shipped`;
}

/** Shipped share of the children that were not dropped, 0..1; undefined without any. */
export function progressFraction(counts: StatusCounts): number | undefined {
  const live = counts.total - counts.dropped;
  return live > 0 ? counts.shipped / live : undefined;
}

/** A text progress bar for places without HTML (tooltips, the terminal): `■■■■■□□□□□`. */
export function progressBar(fraction: number, width = 10): string {
  const full = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return '■'.repeat(full) + '□'.repeat(width - full);
}

/**
 * The ids of an item and all its descendants (for the card's rolled-up commit list and files).
 * `children` is RoadmapIndex.children; bounded by the roadmap's size.
 */
export function subtreeIds(
  rootId: string,
  children: (id: string) => readonly RoadmapItem[],
  limit = Number.MAX_SAFE_INTEGER,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0 && out.length < limit) {
    const id = stack.pop() as string;
    const key = idKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(id);
    const kids = children(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push((kids[i] as RoadmapItem).id);
  }
  return out;
}

/**
 * The newest `limit` distinct shas among several newest-first lists (an item's and its
 * descendants'): the newest `limit` of the union lie within the first `limit` of each list.
 */
export function newestShas(
  lists: readonly (readonly string[])[],
  timeOf: (sha: string) => number,
  limit: number,
): string[] {
  const pool = new Set<string>();
  for (const list of lists) for (let i = 0; i < list.length && i < limit; i++) pool.add(list[i] as string);
  return [...pool].sort((a, b) => timeOf(b) - timeOf(a)).slice(0, limit);
}
