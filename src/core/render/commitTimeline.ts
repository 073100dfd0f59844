// Commits per week as a tiny bar chart for the item card. Pure: dates in, SVG markup out, so the
// chart is unit-tested and the webview needs no charting script.

import { escapeHtml } from './html';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface WeekBucket {
  /** Start of the week (ms since epoch), counting back from `now` in whole weeks. */
  readonly start: number;
  readonly count: number;
}

/**
 * Counts dates into `weeks` buckets ending at `now` (oldest first). Dates in the future or older
 * than the window are left out; invalid dates are ignored.
 */
export function weeklyCounts(dates: readonly number[], now: number, weeks = 12): WeekBucket[] {
  const n = Math.max(1, Math.min(520, Math.floor(weeks)));
  const counts = new Array<number>(n).fill(0);
  const windowStart = now - n * WEEK_MS;
  for (const d of dates) {
    if (!Number.isFinite(d) || d > now || d <= windowStart) continue;
    const index = Math.min(n - 1, Math.floor((d - windowStart) / WEEK_MS));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((count, i) => ({ start: windowStart + i * WEEK_MS, count }));
}

/**
 * Where the chart's window ends: now, unless nothing happened in the last `weeks` weeks; then it
 * ends at the latest commit, so finished work still shows its rhythm instead of an empty chart.
 */
export function chartWindowEnd(dates: readonly number[], now: number, weeks = 12): { end: number; isNow: boolean } {
  const past = dates.filter((d) => Number.isFinite(d) && d <= now);
  if (past.length === 0 || past.some((d) => d > now - weeks * WEEK_MS)) return { end: now, isNow: true };
  return { end: Math.max(...past) + 1, isNow: false };
}

export interface BarChartOptions {
  readonly width?: number;
  readonly height?: number;
  /** Accessible name of the chart; escaped. */
  readonly label: string;
  /** Formats a bucket's tooltip (escaped), e.g. "3 commits, week of 2026-05-04". */
  readonly describe?: (bucket: WeekBucket) => string;
}

/**
 * An inline SVG bar chart. Colours come from CSS classes (`tl-bar`, `tl-bar-empty`, `tl-axis`)
 * so the chart follows the theme; no inline styles, which the webview's CSP would block.
 */
export function renderWeeklyBarsSvg(buckets: readonly WeekBucket[], options: BarChartOptions): string {
  const width = options.width ?? 240;
  const height = options.height ?? 48;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const slot = buckets.length > 0 ? width / buckets.length : width;
  const gap = Math.min(2, slot * 0.2);
  const plotHeight = height - 2;
  const describe = options.describe ?? defaultDescribe;
  const bars = buckets.map((b, i) => {
    const h = b.count === 0 ? 1 : Math.max(2, (b.count / max) * plotHeight);
    const x = round(i * slot + gap / 2);
    const y = round(plotHeight - h);
    const cls = b.count === 0 ? 'tl-bar-empty' : 'tl-bar';
    return `<rect class="${cls}" x="${x}" y="${y}" width="${round(slot - gap)}" height="${round(h)}"><title>${escapeHtml(describe(b))}</title></rect>`;
  });
  const axis = `<line class="tl-axis" x1="0" y1="${plotHeight + 0.5}" x2="${width}" y2="${plotHeight + 0.5}"/>`;
  return (
    `<svg class="tl-chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.label)}">` +
    `${bars.join('')}${axis}</svg>`
  );
}

function defaultDescribe(bucket: WeekBucket): string {
  const day = new Date(bucket.start).toISOString().slice(0, 10);
  return `${bucket.count} commit${bucket.count === 1 ? '' : 's'}, week from ${day}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** "3 days ago", "2 weeks ago": short relative dates for branch activity. */
export function relativeTime(then: number, now: number): string {
  const diff = now - then;
  if (!Number.isFinite(diff)) return 'unknown';
  if (diff < 0) return 'in the future';
  const minutes = Math.floor(diff / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 14) return plural(days, 'day');
  if (days < 60) return plural(Math.floor(days / 7), 'week');
  if (days < 730) return plural(Math.floor(days / 30), 'month');
  return plural(Math.floor(days / 365), 'year');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
