// A metric's `current` value over the roadmap file's own git history ("are we moving the
// metric?"): each revision's items with their metrics in, one series per (item, metric) out,
// holding only the commits where the value changed.

import { idKey, type Metric, type ParsedRoadmapFile } from '../roadmap/roadmapTypes';

/** One revision of a roadmap file, as read: its items' metrics, by item id (idKey). */
export interface RevisionMetrics {
  readonly sha: string;
  /** Commit time, seconds. */
  readonly time: number;
  readonly metrics: ReadonlyMap<string, readonly Metric[]>;
}

export interface MetricPoint {
  readonly sha: string;
  readonly time: number;
  /** `current` as written at that commit. */
  readonly value: string;
}

export interface MetricSeries {
  readonly name: string;
  /** Oldest first; consecutive commits with the same value are one point (the first of them). */
  readonly points: readonly MetricPoint[];
}

/** A card shows at most this many points per metric: the newest. */
export const MAX_POINTS = 40;

/**
 * yaml-level problems: the revision is not YAML (or not all of it), so what was recovered from it
 * is a guess. Such a revision is skipped rather than read as "the metric was removed".
 */
const UNREADABLE = new Set([
  'yaml-syntax',
  'too-deep',
  'duplicate-key',
  'multiple-documents',
  'invalid-root',
  'internal-error',
]);

/** The metrics of a parsed revision, or undefined when it is not valid YAML (skipped). */
export function revisionMetrics(sha: string, time: number, parsed: ParsedRoadmapFile): RevisionMetrics | undefined {
  if (parsed.diagnostics.some((d) => d.severity === 'error' && UNREADABLE.has(d.code))) return undefined;
  const metrics = new Map<string, readonly Metric[]>();
  for (const item of parsed.items) if (item.metrics.length > 0) metrics.set(idKey(item.id), item.metrics);
  return { sha, time, metrics };
}

/**
 * Series per item (idKey) and metric name, from revisions in any order (sorted by time, oldest
 * first; equal times keep their order reversed, as `git log` lists newest first). A revision
 * without the item or the metric, or the metric without `current`, is a gap, not a change.
 */
export function metricHistory(revisions: readonly RevisionMetrics[]): Map<string, MetricSeries[]> {
  const ordered = revisions
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.time - b.r.time || b.i - a.i)
    .map(({ r }) => r);
  const byItem = new Map<string, Map<string, MetricPoint[]>>();
  for (const rev of ordered) {
    for (const [item, metrics] of rev.metrics) {
      let series = byItem.get(item);
      for (const m of metrics) {
        const value = m.current?.trim();
        if (value === undefined || value === '') continue;
        if (!series) byItem.set(item, (series = new Map<string, MetricPoint[]>()));
        const points = series.get(m.name) ?? [];
        if (points.length === 0) series.set(m.name, points);
        if (points[points.length - 1]?.value !== value) points.push({ sha: rev.sha, time: rev.time, value });
      }
    }
  }
  const out = new Map<string, MetricSeries[]>();
  for (const [item, series] of byItem)
    out.set(
      item,
      [...series].map(([name, points]) => ({ name, points: points.slice(-MAX_POINTS) })),
    );
  return out;
}
