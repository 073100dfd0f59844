// Search, filters and grouping of the overview's entries. Pure and shared: the page runs it on
// every keystroke (bundled into dist/overviewCore.js), the extension runs it for the exports, so
// an export always holds exactly what the page shows.

import type { StatusFilter, WorkFilter } from '../roadmap/roadmapFilter';
import type { OverviewEntry } from './overviewEntries';

export type OverviewGrouping = 'target' | 'status' | 'epic';

export interface OverviewQuery {
  /** Case-insensitive; every word must appear in the id, title, why or owner. */
  readonly text: string;
  readonly kinds: readonly string[];
  readonly statuses: readonly StatusFilter[];
  readonly owners: readonly string[];
  readonly work?: WorkFilter;
  readonly mine?: boolean;
  readonly groupBy: OverviewGrouping;
}

export const EMPTY_QUERY: OverviewQuery = { text: '', kinds: [], statuses: [], owners: [], groupBy: 'target' };

export interface OverviewGroup {
  /** Stable across updates (`target:2026-q2`, `status:shipped`, `lane:rel-3`, `…:none`): collapsed state and focus survive. */
  readonly key: string;
  readonly title: string;
  /** Indexes into the entries, in roadmap order (a swimlane's epic first). */
  readonly members: readonly number[];
}

export interface OverviewResult {
  readonly groups: readonly OverviewGroup[];
  readonly matched: number;
  readonly total: number;
}

const STATUSES: readonly StatusFilter[] = ['planned', 'in-progress', 'shipped', 'dropped', 'other'];
const STATUS_TITLES: Readonly<Record<StatusFilter, string>> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  shipped: 'Shipped',
  dropped: 'Dropped',
  other: 'Other or no status',
};
/** Bounds on what a page may send: the query is untrusted input like everything from the page. */
const MAX_TEXT = 200;
const MAX_LIST = 200;

/** A query from a page message: known fields of the right types only, bounded. */
export function queryFromUnknown(value: unknown): OverviewQuery {
  if (typeof value !== 'object' || value === null) return EMPTY_QUERY;
  const v = value as Record<string, unknown>;
  const strings = (x: unknown): string[] =>
    Array.isArray(x)
      ? x.filter((s): s is string => typeof s === 'string' && s.length <= MAX_TEXT).slice(0, MAX_LIST)
      : [];
  const groupBy = v['groupBy'] === 'status' || v['groupBy'] === 'epic' ? v['groupBy'] : 'target';
  const work = v['work'] === 'has-work' || v['work'] === 'no-work' ? v['work'] : undefined;
  return {
    text: typeof v['text'] === 'string' ? v['text'].slice(0, MAX_TEXT) : '',
    kinds: strings(v['kinds']),
    statuses: strings(v['statuses']).filter((s): s is StatusFilter => (STATUSES as readonly string[]).includes(s)),
    owners: strings(v['owners']),
    ...(work !== undefined ? { work } : {}),
    ...(v['mine'] === true ? { mine: true } : {}),
    groupBy,
  };
}

export function isFiltering(q: OverviewQuery): boolean {
  return (
    q.text.trim() !== '' ||
    q.kinds.length > 0 ||
    q.statuses.length > 0 ||
    q.owners.length > 0 ||
    q.work !== undefined ||
    q.mine === true
  );
}

/** "“pay” · status shipped · kind epic · has linked work · mine" */
export function describeQuery(q: OverviewQuery): string {
  const parts: string[] = [];
  const text = q.text.trim();
  if (text !== '') parts.push(`"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`);
  if (q.statuses.length > 0) parts.push(`status ${q.statuses.join(', ')}`);
  if (q.kinds.length > 0) parts.push(`kind ${q.kinds.join(', ')}`);
  if (q.owners.length > 0) parts.push(`owner ${q.owners.join(', ')}`);
  if (q.work === 'has-work') parts.push('has linked work');
  if (q.work === 'no-work') parts.push('no linked work');
  if (q.mine === true) parts.push('mine');
  return parts.join(' · ');
}

/**
 * What a search looks in, lower-cased once per entry (entries are immutable: new data brings new
 * objects), not once per entry per keystroke.
 */
const haystacks = new WeakMap<OverviewEntry, string>();
function haystack(e: OverviewEntry): string {
  let hay = haystacks.get(e);
  if (hay === undefined) haystacks.set(e, (hay = `${e.id}\n${e.title}\n${e.why}\n${e.owner ?? ''}`.toLowerCase()));
  return hay;
}

/** One matcher per query (words and sets prepared once, then one call per entry). */
export function entryMatcher(q: OverviewQuery): (e: OverviewEntry) => boolean {
  const words = q.text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const kinds = new Set(q.kinds.map((k) => k.toLowerCase()));
  const statuses = new Set(q.statuses);
  const owners = new Set(q.owners.map((o) => o.toLowerCase()));
  return (e) => {
    if (statuses.size > 0 && !statuses.has(e.bucket)) return false;
    if (kinds.size > 0 && !kinds.has(e.kind.toLowerCase())) return false;
    if (owners.size > 0 && !owners.has((e.owner ?? '').toLowerCase())) return false;
    const hasWork = e.branches + e.commits > 0;
    if (q.work === 'has-work' && !hasWork) return false;
    if (q.work === 'no-work' && hasWork) return false;
    if (q.mine === true && !e.mine) return false;
    if (words.length > 0) {
      const hay = haystack(e);
      for (const w of words) if (!hay.includes(w)) return false;
    }
    return true;
  };
}

/** Each id's (lower-cased) position, once per entries array: the swimlanes look lanes up by id. */
const positionsOf = new WeakMap<readonly OverviewEntry[], Map<string, number>>();
function positions(entries: readonly OverviewEntry[]): Map<string, number> {
  let map = positionsOf.get(entries);
  if (!map) {
    map = new Map();
    for (let i = 0; i < entries.length; i++) map.set((entries[i] as OverviewEntry).id.toLowerCase(), i);
    positionsOf.set(entries, map);
  }
  return map;
}

interface GroupDraft {
  key: string;
  title: string;
  /** Primary order: date key, status rank, lane position. */
  rank: number;
  text: string;
  members: number[];
}

const STATUS_RANK: Readonly<Record<StatusFilter, number>> = {
  planned: 0,
  'in-progress': 1,
  shipped: 2,
  dropped: 3,
  other: 4,
};
const LAST = Number.MAX_SAFE_INTEGER;

/**
 * Filters and groups. Targets: dates in date order (a month before the quarter that starts later),
 * free text after every date, "No target" last. Status: workflow order. Epic: swimlanes in roadmap
 * order, "Not under an epic" last. Members keep roadmap order, except that a lane's epic leads it.
 */
export function queryOverview(entries: readonly OverviewEntry[], q: OverviewQuery): OverviewResult {
  const match = entryMatcher(q);
  const groups = new Map<string, GroupDraft>();
  const lanePosition = q.groupBy === 'epic' ? positions(entries) : new Map<string, number>();
  let matched = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as OverviewEntry;
    if (!match(e)) continue;
    matched++;
    let key: string;
    let title: string;
    let rank: number;
    let text = '';
    if (q.groupBy === 'status') {
      key = `status:${e.bucket}`;
      title = STATUS_TITLES[e.bucket];
      rank = STATUS_RANK[e.bucket];
    } else if (q.groupBy === 'epic') {
      const lane = e.lane?.toLowerCase();
      key = lane === undefined ? 'lane:none' : `lane:${lane}`;
      // The title and rank only matter for a new group: 901 lanes, not 10,000 entries.
      if (groups.has(key)) title = '';
      else {
        const laneEntry = lane === undefined ? undefined : entries[lanePosition.get(lane) ?? -1];
        title =
          lane === undefined
            ? 'Not under an epic'
            : laneEntry
              ? `${laneEntry.id} · ${laneEntry.title}`
              : (e.lane ?? '');
      }
      rank = lane === undefined ? LAST : (lanePosition.get(lane) ?? LAST - 1);
    } else {
      const t = e.target?.trim() ?? '';
      key = t === '' ? 'target:none' : `target:${t.toLowerCase()}`;
      title = t === '' ? 'No target' : t;
      rank = t === '' ? LAST : (e.targetKey ?? LAST - 1);
      text = t.toLowerCase();
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title, rank, text, members: [] }));
    // A swimlane opens with its epic's own card, wherever the files put it (a backlog file read
    // before the epic's file lists its children first).
    if (q.groupBy === 'epic' && e.lane !== undefined && e.lane.toLowerCase() === e.id.toLowerCase())
      g.members.unshift(i);
    else g.members.push(i);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a.rank - b.rank || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) || (a.key < b.key ? -1 : 1),
  );
  return {
    groups: sorted.map(({ key, title, members }) => ({ key, title, members })),
    matched,
    total: entries.length,
  };
}

export interface OverviewFacets {
  readonly kinds: readonly string[];
  /** The most common owners first; the rest are found by typing them into the search. */
  readonly owners: readonly string[];
}

const MAX_OWNER_FACETS = 200;

/** What the filter menus offer: every kind, the commonest owners. */
export function overviewFacets(entries: readonly OverviewEntry[]): OverviewFacets {
  const kinds = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const e of entries) {
    const k = e.kind.toLowerCase();
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    if (e.owner !== undefined && e.owner.trim() !== '') owners.set(e.owner, (owners.get(e.owner) ?? 0) + 1);
  }
  return {
    kinds: [...kinds.keys()].sort(),
    owners: [...owners.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_OWNER_FACETS)
      .map(([o]) => o),
  };
}
