// The overview's entries as the extension posts them to the page: columns, not one object per
// item. A 10,000-item roadmap was 3.3 MB of JSON as objects (every field name repeated 10,000
// times); as columns with the repeating values (kind, status, owner, target, lane, via) interned
// it is about a third of that, and it is posted as bytes, which the webview channel carries as
// they are instead of escaping them into its own JSON. The whys may follow in a second message
// (only the first screen's go with the first), so the first paint waits for less. Pure: the page
// decodes with the same code (bundled into dist/overviewCore.js).

import type { StatusFilter } from '../roadmap/roadmapFilter';
import type { OverviewEntry } from './overviewEntries';
import { queryOverview, type OverviewQuery } from './overviewQuery';

/** Bumped when the columns change: a page with another version's script ignores the message. */
export const OVERVIEW_CODEC_VERSION = 1;

const BUCKETS: readonly StatusFilter[] = ['planned', 'in-progress', 'shipped', 'dropped', 'other'];

/** The columns; -1 marks an absent value in the interned and numeric columns. */
interface EntryColumns {
  readonly v: number;
  readonly n: number;
  /** The interned values (kind, status, owner, target, lane, via). */
  readonly strings: readonly string[];
  readonly id: readonly string[];
  readonly title: readonly string[];
  /** Every why, or only some ('' elsewhere) when `whysPending`: the rest come with `encodeWhys`. */
  readonly why: readonly string[];
  readonly whysPending: boolean;
  readonly kind: readonly number[];
  readonly status: readonly number[];
  readonly bucket: readonly number[];
  readonly owner: readonly number[];
  readonly target: readonly number[];
  readonly via: readonly number[];
  readonly targetKey: readonly number[];
  readonly lane: readonly number[];
  readonly branches: readonly number[];
  readonly commits: readonly number[];
  readonly mine: readonly number[];
  readonly children: readonly number[];
  readonly shipped: readonly number[];
}

/**
 * The entries as one JSON text of columns. `whysFor`: when given, only those entries' whys are
 * in it (the rest follow with `encodeWhys`); else every why.
 */
export function encodeOverviewEntries(entries: readonly OverviewEntry[], whysFor?: ReadonlySet<number>): string {
  const strings: string[] = [];
  const interned = new Map<string, number>();
  const intern = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = interned.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      interned.set(s, i);
    }
    return i;
  };
  const column = <T>(f: (e: OverviewEntry, i: number) => T): T[] => entries.map(f);
  const columns: EntryColumns = {
    v: OVERVIEW_CODEC_VERSION,
    n: entries.length,
    id: column((e) => e.id),
    title: column((e) => e.title),
    why: column((e, i) => (whysFor === undefined || whysFor.has(i) ? e.why : '')),
    whysPending: whysFor !== undefined,
    kind: column((e) => intern(e.kind)),
    status: column((e) => intern(e.status)),
    bucket: column((e) => BUCKETS.indexOf(e.bucket)),
    owner: column((e) => intern(e.owner)),
    target: column((e) => intern(e.target)),
    via: column((e) => intern(e.via)),
    targetKey: column((e) => e.targetKey ?? -1),
    lane: column((e) => intern(e.lane)),
    branches: column((e) => e.branches),
    commits: column((e) => e.commits),
    mine: column((e) => (e.mine ? 1 : 0)),
    children: column((e) => e.children),
    shipped: column((e) => e.shippedChildren),
    strings,
  };
  return JSON.stringify(columns);
}

/** Every entry's why, in order: the second part when the first carried only some. */
export function encodeWhys(entries: readonly OverviewEntry[]): string {
  return JSON.stringify(entries.map((e) => e.why));
}

export interface DecodedEntries {
  readonly entries: OverviewEntry[];
  /** True when only some whys came: `applyWhys` completes them. */
  readonly whysPending: boolean;
}

/** The entries back from `encodeOverviewEntries`; throws on text that is not that (another version, cut short). */
export function decodeOverviewEntries(text: string): DecodedEntries {
  const c = JSON.parse(text) as EntryColumns;
  if (typeof c !== 'object' || c === null || c.v !== OVERVIEW_CODEC_VERSION)
    throw new Error('overview data of another version');
  const n = c.n;
  const cols = [c.id, c.title, c.why, c.kind, c.status, c.bucket, c.owner, c.target, c.via, c.targetKey, c.lane];
  const counts = [c.branches, c.commits, c.mine, c.children, c.shipped];
  if (
    !Number.isInteger(n) ||
    n < 0 ||
    !Array.isArray(c.strings) ||
    ![...cols, ...counts].every((x) => Array.isArray(x) && x.length === n)
  )
    throw new Error('overview data cut short');
  const str = (i: number | undefined): string | undefined =>
    i === undefined || i < 0 ? undefined : (c.strings[i] ?? undefined);
  const entries: OverviewEntry[] = new Array<OverviewEntry>(n);
  for (let i = 0; i < n; i++) {
    const status = str(c.status[i]);
    const owner = str(c.owner[i]);
    const target = str(c.target[i]);
    const via = str(c.via[i]);
    const key = c.targetKey[i] ?? -1;
    const lane = str(c.lane[i]);
    entries[i] = {
      id: String(c.id[i]),
      title: String(c.title[i]),
      kind: str(c.kind[i]) ?? '',
      ...(status !== undefined ? { status } : {}),
      bucket: BUCKETS[c.bucket[i] ?? -1] ?? 'other',
      ...(owner !== undefined ? { owner } : {}),
      why: String(c.why[i]),
      ...(target !== undefined ? { target } : {}),
      ...(via !== undefined ? { via } : {}),
      ...(key >= 0 ? { targetKey: key } : {}),
      ...(lane !== undefined ? { lane } : {}),
      branches: c.branches[i] ?? 0,
      commits: c.commits[i] ?? 0,
      mine: c.mine[i] === 1,
      children: c.children[i] ?? 0,
      shippedChildren: c.shipped[i] ?? 0,
    };
  }
  return { entries, whysPending: c.whysPending === true };
}

/**
 * The entries with every why from `encodeWhys`; undefined when the whys do not belong to these
 * entries (another count: a newer `data` message is on its way and brings its own).
 */
export function applyWhys(entries: readonly OverviewEntry[], text: string): OverviewEntry[] | undefined {
  const whys = JSON.parse(text) as unknown;
  if (!Array.isArray(whys) || whys.length !== entries.length) return undefined;
  return entries.map((e, i) => ({ ...e, why: String(whys[i]) }));
}

/**
 * The first `count` entries the page shows under `query` (display order, nothing collapsed): a
 * first part with their whys draws the first screen exactly as the complete data will.
 */
export function leadingEntries(entries: readonly OverviewEntry[], query: OverviewQuery, count: number): Set<number> {
  const lead = new Set<number>();
  for (const g of queryOverview(entries, query).groups)
    for (const m of g.members) {
      if (lead.size >= count) return lead;
      lead.add(m);
    }
  return lead;
}
