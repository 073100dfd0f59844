// The item card's "Success metrics" section: each metric's baseline, target and current value, and
// a bar drawn from numbers only (raw SVG of numbers, like the history's sparkline; every text goes
// through `html`).

import { html, raw, type SafeHtml } from '../../core/render/html';
import { metricProgress, type NumericMetricProgress } from '../../core/render/metricProgress';
import type { Metric } from '../../core/roadmap/roadmapTypes';
import type { MetricSeries } from '../../core/drift/metricHistory';
import { metricSparkline } from '../../core/render/metricSparkline';

function formatValue(text: string | undefined, unit: string | undefined): string {
  if (text === undefined) return '?';
  return unit !== undefined && !text.includes(unit) ? `${text} ${unit}` : text;
}

/** `history`: each metric's past values (by name), drawn as a sparkline with dates under its bar. */
export function metricsSection(metrics: readonly Metric[], history: readonly MetricSeries[] = []): SafeHtml {
  if (metrics.length === 0) return html``;
  const rows = metrics.map((m) => {
    const p = metricProgress(m);
    const values = html`<span class="metric-values">
      <span><span class="muted">Baseline</span> ${formatValue(m.baseline, m.unit)}</span>
      <span aria-hidden="true">→</span>
      <span><span class="muted">Target</span> ${formatValue(m.target, m.unit)}</span>
      ${m.current !== undefined ? html`<span class="now"><span class="muted">Now</span> ${formatValue(m.current, m.unit)}</span>` : ''}
    </span>`;
    const bar = p.kind === 'numeric' ? metricBar(p, m) : html``;
    const summary = p.kind === 'numeric' ? progressSummary(p) : '';
    return html`<li class="metric">
      <div class="metric-head"><span class="metric-name">${m.name}</span>${values}</div>
      ${bar}${summary !== '' ? html`<div class="metric-summary muted">${summary}</div>` : ''}
      ${metricSparkline(m.name, history.find((h) => h.name === m.name)?.points ?? [])}
    </li>`;
  });
  return html`<section class="metrics" aria-label="Success metrics">
    <h2 class="section-label">Success metrics</h2>
    <ul class="metric-list">
      ${rows}
    </ul>
  </section>`;
}

function progressSummary(p: NumericMetricProgress): string {
  const direction = p.lowerIsBetter ? 'lower is better' : '';
  if (p.progress === undefined) return direction;
  const pct = `${Math.round(p.progress * 100)}% of the way`;
  const text = p.reached ? 'target reached' : pct;
  return direction === '' ? text : `${text} · ${direction}`;
}

function pct(n: number): string {
  return `${Math.round(Math.min(1, Math.max(0, n)) * 10000) / 100}%`;
}

/**
 * Percent positions let the SVG stretch to the card's width without distorting the markers. When
 * lower is better the axis is mirrored, so progress always grows to the right.
 */
function metricBar(numeric: NumericMetricProgress, m: Metric): SafeHtml {
  const flip = (v: number): number => (numeric.lowerIsBetter ? 1 - v : v);
  const p = {
    ...numeric,
    baselineAt: flip(numeric.baselineAt),
    targetAt: flip(numeric.targetAt),
    currentAt: numeric.currentAt === undefined ? undefined : flip(numeric.currentAt),
  };
  const lo = Math.min(p.baselineAt, p.targetAt);
  const hi = Math.max(p.baselineAt, p.targetAt);
  const label = `${m.name}: baseline ${m.baseline ?? ''}, target ${m.target ?? ''}${m.current !== undefined ? `, now ${m.current}` : ''}`;
  let progress = '';
  if (p.currentAt !== undefined) {
    const a = Math.min(p.baselineAt, p.currentAt);
    const b = Math.max(p.baselineAt, p.currentAt);
    const cls = p.reached ? 'bar-progress reached' : 'bar-progress';
    progress =
      `<rect class="${cls}" x="${pct(a)}" y="7" width="${pct(b - a)}" height="8" rx="2"/>` +
      `<circle class="bar-current" cx="${pct(p.currentAt)}" cy="11" r="5"/>`;
  }
  const svg =
    `<rect class="bar-track" x="0" y="9" width="100%" height="4" rx="2"/>` +
    `<rect class="bar-range" x="${pct(lo)}" y="7" width="${pct(hi - lo)}" height="8" rx="2"/>` +
    progress +
    `<line class="bar-baseline" x1="${pct(p.baselineAt)}" x2="${pct(p.baselineAt)}" y1="2" y2="20"/>` +
    `<line class="bar-target" x1="${pct(p.targetAt)}" x2="${pct(p.targetAt)}" y1="0" y2="22"/>`;
  return html`<svg
    class="metric-bar"
    width="100%"
    height="22"
    role="img"
    aria-label="${label}"
    xmlns="http://www.w3.org/2000/svg"
  >
    ${raw(svg)}
  </svg>`;
}
