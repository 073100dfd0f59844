// The overview's rows as plain data: one entry per roadmap item with what a card shows and what
// the search, filters and grouping read (its effective target, its swimlane, its work). Built once
// per roadmap or work change in the extension host, posted to the page as JSON, and searched there
// with the same core code (overviewQuery.ts), so a keystroke never waits for the extension.

import { clampText } from '../render/roadmapOverview';
import { idKey, type RoadmapItem } from '../roadmap/roadmapTypes';
import { statusOf, type StatusFilter } from '../roadmap/roadmapFilter';
import { parseTarget } from '../roadmap/targetDate';

/** What the overview needs from a roadmap (a subset of RoadmapIndex, so tests pass plain objects). */
export interface OverviewHierarchy {
  readonly items: readonly RoadmapItem[];
  get(id: string): RoadmapItem | undefined;
  parent(id: string): RoadmapItem | undefined;
  children(id: string): readonly RoadmapItem[];
}

/** Work facts per item, from the work model (zeros and false when git is off). */
export interface OverviewFacts {
  /** Own plus descendants' distinct branches and commits (the roll-up). */
  work(item: RoadmapItem): { readonly branches: number; readonly commits: number };
  isMine(item: RoadmapItem): boolean;
}

export interface OverviewEntry {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  /** As written (may be absent). */
  readonly status?: string;
  readonly bucket: StatusFilter;
  readonly owner?: string;
  /** The why on one line, clamped: a card shows three lines of it at most. */
  readonly why: string;
  /** The item's own target, or the nearest ancestor's. */
  readonly target?: string;
  /** The ancestor whose target this is ("via REL-3.20"), when it is not the item's own. */
  readonly via?: string;
  /** First day of the target as yyyymmdd, when it reads as a date. */
  readonly targetKey?: number;
  /** The swimlane: the nearest epic-like ancestor-or-self's id; undefined for items above any. */
  readonly lane?: string;
  readonly branches: number;
  readonly commits: number;
  readonly mine: boolean;
  /** Direct children and how many of them shipped ("3 of 4 shipped"). */
  readonly children: number;
  readonly shippedChildren: number;
}

/** Kinds that make a swimlane: the things a release plan is made of. */
const LANE_KINDS = new Set(['epic', 'release', 'milestone']);

const WHY_CHARS = 280;

/** One entry per item with a unique id, in roadmap order (duplicates are the index's problems). */
export function buildOverviewEntries(roadmap: OverviewHierarchy, facts: OverviewFacts): OverviewEntry[] {
  const targetOf = new Map<string, { target: string; via: string | undefined } | null>();
  const laneOf = new Map<string, string | null>();
  const limit = roadmap.items.length;
  // Walk up once per item, memoised per key: 10,000 items cost 10,000 steps, not depth × that.
  const inherited = (item: RoadmapItem): { target: string; via: string | undefined } | null => {
    const key = idKey(item.id);
    const known = targetOf.get(key);
    if (known !== undefined) return known;
    const own = item.target?.trim();
    let result: { target: string; via: string | undefined } | null;
    if (own !== undefined && own !== '') result = { target: own, via: undefined };
    else {
      const path: string[] = [key];
      let cur = roadmap.parent(item.id);
      result = null;
      for (let n = 0; cur !== undefined && n < limit; n++) {
        const k = idKey(cur.id);
        const memo = targetOf.get(k);
        if (memo !== undefined) {
          result = memo === null ? null : { target: memo.target, via: memo.via ?? cur.id };
          break;
        }
        const t = cur.target?.trim();
        if (t !== undefined && t !== '') {
          targetOf.set(k, { target: t, via: undefined });
          result = { target: t, via: cur.id };
          break;
        }
        path.push(k);
        cur = roadmap.parent(cur.id);
      }
      for (const k of path) targetOf.set(k, result);
    }
    targetOf.set(key, result);
    return result;
  };
  const lane = (item: RoadmapItem): string | undefined => {
    const key = idKey(item.id);
    const known = laneOf.get(key);
    if (known !== undefined) return known ?? undefined;
    let found: string | null = null;
    let cur: RoadmapItem | undefined = item;
    const path: string[] = [];
    for (let n = 0; cur !== undefined && n <= limit; n++) {
      const k = idKey(cur.id);
      const memo = laneOf.get(k);
      if (memo !== undefined) {
        found = memo;
        break;
      }
      path.push(k);
      if (LANE_KINDS.has(cur.kind.trim().toLowerCase())) {
        found = cur.id;
        break;
      }
      cur = roadmap.parent(cur.id);
    }
    for (const k of path) if (!laneOf.has(k)) laneOf.set(k, found);
    return found ?? undefined;
  };

  const out: OverviewEntry[] = [];
  for (const item of roadmap.items) {
    if (roadmap.get(item.id) !== item) continue;
    const t = inherited(item);
    const children = roadmap.children(item.id);
    let shipped = 0;
    for (const c of children) if (statusOf(c) === 'shipped') shipped++;
    const work = facts.work(item);
    const l = lane(item);
    const key = t === null ? undefined : parseTarget(t.target)?.sortKey;
    out.push({
      id: item.id,
      title: item.title,
      kind: item.kind,
      ...(item.status !== undefined ? { status: item.status } : {}),
      bucket: statusOf(item),
      ...(item.owner !== undefined ? { owner: item.owner } : {}),
      why: clampText(item.why, WHY_CHARS),
      ...(t !== null ? { target: t.target } : {}),
      ...(t?.via !== undefined ? { via: t.via } : {}),
      ...(key !== undefined ? { targetKey: key } : {}),
      ...(l !== undefined ? { lane: l } : {}),
      branches: work.branches,
      commits: work.commits,
      mine: facts.isMine(item),
      children: children.length,
      shippedChildren: shipped,
    });
  }
  return out;
}
