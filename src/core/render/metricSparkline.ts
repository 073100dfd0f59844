// A metric's history drawn small: a sparkline of its numeric values (an SVG built from numbers
// only) above the list of dated values (text, escaped). A value that is not a number (a word,
// a range) is still listed; the line is drawn only through the numbers.

import type { MetricPoint } from '../drift/metricHistory';
import { html, raw, type SafeHtml } from './html';
import { parseMetricValue } from './metricProgress';

const WIDTH = 120;
const HEIGHT = 24;
const PAD = 3;

function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Coordinates of the numeric points, oldest left; a flat line when all are equal. */
export function sparklinePoints(values: readonly number[]): { x: number; y: number }[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  return values.map((v, i) => ({
    x: Math.round((PAD + i * step) * 10) / 10,
    y: Math.round((hi === lo ? HEIGHT / 2 : PAD + (1 - (v - lo) / (hi - lo)) * (HEIGHT - 2 * PAD)) * 10) / 10,
  }));
}

export function metricSparkline(name: string, points: readonly MetricPoint[]): SafeHtml {
  if (points.length < 2) return html``;
  const numeric = points.flatMap((p) => {
    const v = parseMetricValue(p.value);
    return v === undefined || !Number.isFinite(v.value) ? [] : [v.value];
  });
  const xy = sparklinePoints(numeric);
  const line =
    xy.length >= 2
      ? `<polyline class="spark-line" fill="none" points="${xy.map((p) => `${p.x},${p.y}`).join(' ')}"/>` +
        xy.map((p) => `<circle class="spark-dot" cx="${p.x}" cy="${p.y}" r="1.8"/>`).join('')
      : '';
  const first = points[0];
  const last = points[points.length - 1];
  const label = `${name} over time: ${first?.value ?? ''} on ${day(first?.time ?? 0)} to ${last?.value ?? ''} on ${day(last?.time ?? 0)}`;
  return html`<div class="metric-history">
    ${
      line !== ''
        ? html`<svg
          class="sparkline"
          width="${WIDTH}"
          height="${HEIGHT}"
          viewBox="0 0 ${WIDTH} ${HEIGHT}"
          role="img"
          aria-label="${label}"
          xmlns="http://www.w3.org/2000/svg"
        >
          ${raw(line)}
        </svg>`
        : ''
    }
    <ol class="metric-history-values" aria-label="${name} history">
      ${points.map(
        (p) =>
          html`<li><time datetime="${day(p.time)}">${day(p.time)}</time> <span class="value">${p.value}</span></li>`,
      )}
    </ol>
  </div>`;
}
