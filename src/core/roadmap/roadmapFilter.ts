// Filtering and ordering a roadmap for views at size (10,000 items): which items match, which
// ancestors must stay visible so every match keeps its place in the tree, and the sort orders.
// Pure: work facts (has work, mine, last activity) come in as functions.

import { statusBucket } from '../rollup/rollup';
import { targetSortKey } from '../render/roadmapOverview';
import { idKey, type RoadmapItem } from './roadmapTypes';

export type StatusFilter = 'planned' | 'in-progress' | 'shipped' | 'dropped' | 'other';
export type WorkFilter = 'has-work' | 'no-work';

export interface RoadmapFilter {
  /** Case-insensitive; every word must appear in the id, title, why, owner or aliases (YAML `refs`). */
  readonly text?: string;
  readonly statuses?: readonly StatusFilter[];
  /** Kinds as written, compared ignoring case. */
  readonly kinds?: readonly string[];
  readonly owners?: readonly string[];
  readonly work?: WorkFilter;
  /** My current item, or items linked to my local branches or to commits I authored. */
  readonly mine?: boolean;
}

export interface FilterFacts {
  hasWork(item: RoadmapItem): boolean;
  isMine(item: RoadmapItem): boolean;
}

export type SortOrder = 'roadmap' | 'target' | 'status' | 'activity';

export const SORT_ORDERS: readonly SortOrder[] = ['roadmap', 'target', 'status', 'activity'];

/** True when the filter would let everything through. */
export function isEmptyFilter(f: RoadmapFilter): boolean {
  return (
    (f.text ?? '').trim() === '' &&
    (f.statuses ?? []).length === 0 &&
    (f.kinds ?? []).length === 0 &&
    (f.owners ?? []).length === 0 &&
    f.work === undefined &&
    f.mine !== true
  );
}

export function statusOf(item: RoadmapItem): StatusFilter {
  const b = statusBucket(item.status);
  return b === 'inProgress' ? 'in-progress' : b;
}

/** A matcher for one filter (words and sets prepared once, then one call per item). */
export function itemMatcher(f: RoadmapFilter, facts: FilterFacts): (item: RoadmapItem) => boolean {
  const words = (f.text ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const statuses = new Set(f.statuses ?? []);
  const kinds = new Set((f.kinds ?? []).map((k) => k.toLowerCase()));
  const owners = new Set((f.owners ?? []).map((o) => o.toLowerCase()));
  return (item) => {
    if (statuses.size > 0 && !statuses.has(statusOf(item))) return false;
    if (kinds.size > 0 && !kinds.has(item.kind.toLowerCase())) return false;
    if (owners.size > 0 && !owners.has((item.owner ?? '').toLowerCase())) return false;
    if (f.work === 'has-work' && !facts.hasWork(item)) return false;
    if (f.work === 'no-work' && facts.hasWork(item)) return false;
    if (f.mine === true && !facts.isMine(item)) return false;
    if (words.length > 0) {
      const hay =
        `${item.id}\n${item.title}\n${item.why ?? ''}\n${item.owner ?? ''}\n${item.aliases.join(' ')}`.toLowerCase();
      for (const w of words) if (!hay.includes(w)) return false;
    }
    return true;
  };
}

export interface FilterResult {
  /** Keys (`idKey`) of the matching items. */
  readonly matches: ReadonlySet<string>;
  /** Keys of the matches and all their ancestors: what a tree shows. */
  readonly visible: ReadonlySet<string>;
}

export function filterRoadmap(
  roadmap: { readonly items: readonly RoadmapItem[]; parent(id: string): RoadmapItem | undefined },
  f: RoadmapFilter,
  facts: FilterFacts,
): FilterResult {
  const match = itemMatcher(f, facts);
  const matches = new Set<string>();
  const visible = new Set<string>();
  for (const item of roadmap.items) {
    if (!match(item)) continue;
    const key = idKey(item.id);
    matches.add(key);
    visible.add(key);
    // Stop at the first ancestor already shown: its chain is in already (bounded by the roadmap).
    let cur = roadmap.parent(item.id);
    for (let n = 0; cur !== undefined && n < roadmap.items.length; n++) {
      const k = idKey(cur.id);
      if (visible.has(k)) break;
      visible.add(k);
      cur = roadmap.parent(cur.id);
    }
  }
  return { matches, visible };
}

const STATUS_RANK: Readonly<Record<StatusFilter, number>> = {
  'in-progress': 0,
  planned: 1,
  other: 2,
  shipped: 3,
  dropped: 4,
};

/**
 * Siblings in the chosen order (stable: roadmap order breaks ties). Target: earliest date first,
 * free text after dates, none last. Status: in progress, planned, other, shipped, dropped.
 * Activity: most recent first, none last.
 */
export function sortItems(
  items: readonly RoadmapItem[],
  order: SortOrder,
  lastActivity: (item: RoadmapItem) => number | undefined,
): readonly RoadmapItem[] {
  if (order === 'roadmap' || items.length < 2) return items;
  const keyed = items.map((item, i) => {
    let k: number;
    let text = '';
    if (order === 'target') {
      const t = item.target?.trim() ?? '';
      k = t === '' ? Number.MAX_SAFE_INTEGER : (targetSortKey(t) ?? Number.MAX_SAFE_INTEGER - 1);
      text = t.toLowerCase();
    } else if (order === 'status') k = STATUS_RANK[statusOf(item)];
    else k = -(lastActivity(item) ?? -Number.MAX_SAFE_INTEGER);
    return { item, i, k, text };
  });
  keyed.sort((a, b) => a.k - b.k || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) || a.i - b.i);
  return keyed.map((x) => x.item);
}

/** "status: shipped · kind: epic · text "pay"" — what a filtered view says it shows. */
export function describeFilter(f: RoadmapFilter): string {
  const parts: string[] = [];
  const text = (f.text ?? '').trim();
  if (text !== '') parts.push(`"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`);
  if ((f.statuses ?? []).length > 0) parts.push(`status ${(f.statuses ?? []).join(', ')}`);
  if ((f.kinds ?? []).length > 0) parts.push(`kind ${(f.kinds ?? []).join(', ')}`);
  if ((f.owners ?? []).length > 0) parts.push(`owner ${(f.owners ?? []).join(', ')}`);
  if (f.work === 'has-work') parts.push('has linked work');
  if (f.work === 'no-work') parts.push('no linked work');
  if (f.mine === true) parts.push('mine');
  return parts.join(' · ');
}
