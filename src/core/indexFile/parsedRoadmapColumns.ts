// The items of one parsed roadmap file as columns (format version 2 of the parsed-roadmap cache):
// three flat arrays with a fixed number of entries per item instead of one nested array per item.
// JSON.parse builds far fewer objects from flat arrays of strings and numbers: on the bench's
// 10,000-item roadmap the body parsed in ~22 ms instead of ~45 ms in a fresh process, where a warm
// `why` pays it on every call (issue #13).
//
//   s  strings, STRINGS per item: id, kind, title, then why, status, owner, target, parentId (or null)
//   r  numbers, NUMBERS per item: location, idLocation, parentLocation (4 each: start line and
//      character, end line and character; parentLocation all -1 when absent)
//   x  lists, LISTS per item: metrics, links, branches, paths, aliases (0 when empty), aliasLocations
//      (0 when absent); a metric is [name, baseline, target, current, unit], absent fields null
//
// Decoding is read as untrusted input: every entry is checked for its type and shape and the first
// one that is not what encodeItemColumns writes throws Malformed (the caller turns it into a miss).
import type { Metric, RoadmapItem, SourceLocation, SourceRange } from '../roadmap/roadmapTypes';

export const STRINGS = 8;
export const NUMBERS = 12;
export const LISTS = 6;

export interface ItemColumns {
  readonly n: number;
  readonly s: (string | null)[];
  readonly r: number[];
  readonly x: (0 | unknown[])[];
}

/** Thrown while decoding only: the first entry that is not what the encoder writes. */
export class Malformed extends Error {}

const OPTIONAL_STRINGS = ['why', 'status', 'owner', 'target', 'parentId'] as const;
const METRIC_FIELDS = ['baseline', 'target', 'current', 'unit'] as const;

/** [start line, start character, end line, end character] */
export function rangeNumbers(range: SourceRange): [number, number, number, number] {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** The columns of `items`; `ownFile` is called with each location's file (paths are not stored). */
export function encodeItemColumns(items: readonly RoadmapItem[], ownFile: (file: string) => void): ItemColumns {
  const s: (string | null)[] = [];
  const r: number[] = [];
  const x: (0 | unknown[])[] = [];
  const list = (l: readonly unknown[]): 0 | unknown[] => (l.length === 0 ? 0 : [...l]);
  const loc = (l: SourceLocation): SourceRange => {
    ownFile(l.file);
    return l.range;
  };
  for (const it of items) {
    s.push(it.id, it.kind, it.title);
    for (const k of OPTIONAL_STRINGS) s.push(it[k] ?? null);
    r.push(...rangeNumbers(loc(it.location)), ...rangeNumbers(loc(it.idLocation)));
    r.push(...(it.parentLocation ? rangeNumbers(loc(it.parentLocation)) : [-1, -1, -1, -1]));
    x.push(
      it.metrics.length === 0
        ? 0
        : it.metrics.map((m) => [m.name, m.baseline ?? null, m.target ?? null, m.current ?? null, m.unit ?? null]),
      list(it.links),
      list(it.branches),
      list(it.paths),
      list(it.aliases),
      it.aliasLocations ? it.aliasLocations.map((a) => rangeNumbers(loc(a))) : 0,
    );
  }
  return { n: items.length, s, r, x };
}

export function str(v: unknown): string {
  if (typeof v !== 'string') throw new Malformed();
  return v;
}

function count(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Malformed();
  return v;
}

export function array(v: unknown, length?: number): unknown[] {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) throw new Malformed();
  return v;
}

/** A range at `at` in a list of numbers (read as untrusted: each a count). */
export function rangeAt(r: readonly unknown[], at: number): SourceRange {
  return {
    start: { line: count(r[at]), character: count(r[at + 1]) },
    end: { line: count(r[at + 2]), character: count(r[at + 3]) },
  };
}

/** A range stored as its own list of four numbers (read as untrusted). */
export const rangeOf = (v: unknown): SourceRange => rangeAt(array(v, 4), 0);

/**
 * One empty list for every item with none (most items have no links, branches, paths, aliases or
 * metrics): 10,000 items made ~40,000 empty arrays, each one more object for the young
 * generation's collector to copy in a process that lives a few hundred milliseconds. Frozen, so a
 * caller that ever wrote to an item's list would fail loudly instead of changing every item.
 */
const NONE: readonly never[] = Object.freeze([]);

function strings(v: unknown): readonly string[] {
  if (v === 0) return NONE;
  const list = array(v);
  if (list.length === 0) throw new Malformed();
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') throw new Malformed();
  // The parsed JSON's own array: nothing else holds it.
  return list as string[];
}

function metrics(v: unknown): readonly Metric[] {
  if (v === 0) return NONE;
  const list = array(v);
  if (list.length === 0) throw new Malformed();
  const out: Metric[] = [];
  for (let m = 0; m < list.length; m++) {
    const raw = array(list[m], 5);
    const metric: { -readonly [K in keyof Metric]: Metric[K] } = { name: str(raw[0]) };
    for (let k = 0; k < METRIC_FIELDS.length; k++) {
      const value = raw[1 + k];
      if (value !== null) metric[METRIC_FIELDS[k] ?? 'unit'] = str(value);
    }
    out.push(metric);
  }
  return out;
}

/**
 * The items of columns `v` (untrusted), every location in `file`. Indexed reads only: this runs
 * once per process in V8's interpreter, where destructuring and per-item copies cost twice as much.
 */
export function decodeItemColumns(v: Record<string, unknown>, file: string): RoadmapItem[] {
  const n = count(v['n']);
  const s = array(v['s'], n * STRINGS);
  const r = array(v['r'], n * NUMBERS);
  const x = array(v['x'], n * LISTS);
  const location = (at: number): SourceLocation => ({ file, range: rangeAt(r, at) });
  const items: RoadmapItem[] = [];
  for (let i = 0; i < n; i++) {
    const si = i * STRINGS;
    const ri = i * NUMBERS;
    const xi = i * LISTS;
    // The parser's own key order, so anything printing an item prints it alike, cached or not.
    const item: { -readonly [K in keyof RoadmapItem]: RoadmapItem[K] } = {
      id: str(s[si]),
      kind: str(s[si + 1]),
      title: str(s[si + 2]),
      metrics: metrics(x[xi]),
      links: strings(x[xi + 1]),
      branches: strings(x[xi + 2]),
      paths: strings(x[xi + 3]),
      aliases: strings(x[xi + 4]),
      location: location(ri),
      idLocation: location(ri + 4),
    };
    const aliasLocs = x[xi + 5];
    if (aliasLocs !== 0) item.aliasLocations = array(aliasLocs).map((a) => ({ file, range: rangeOf(a) }));
    for (let k = 0; k < OPTIONAL_STRINGS.length; k++) {
      const value = s[si + 3 + k];
      if (value !== null) item[OPTIONAL_STRINGS[k] ?? 'why'] = str(value);
    }
    if (r[ri + 8] !== -1) item.parentLocation = location(ri + 8);
    else if (r[ri + 9] !== -1 || r[ri + 10] !== -1 || r[ri + 11] !== -1) throw new Malformed();
    items.push(item);
  }
  return items;
}
