// Turns a metric's free-text baseline / target / current ("18%", "$1.2M", "< 2.5 s", "1,200")
// into numbers a bar can show. Anything we cannot read with confidence stays text: a wrong bar
// is worse than no bar.

import type { Metric } from '../roadmap/roadmapTypes';

export interface MetricValue {
  readonly value: number;
  /** Normalised unit: '%' for percentages, a lower-cased suffix such as 'ms', or '' for none. */
  readonly unit: string;
}

const MULTIPLIERS: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, bn: 1e9 };
const CURRENCY = /^[$€£¥₹]/u;

/**
 * Parses one metric value. Returns undefined for text that is not a single number with an
 * optional unit (ranges, dates, words, two numbers).
 */
export function parseMetricValue(text: string | undefined): MetricValue | undefined {
  if (text === undefined) return undefined;
  let s = text.trim().normalize('NFKC');
  if (s === '' || s.length > 40) return undefined;
  // Comparators and approximations say "about" or "at most": the number is still the number.
  s = s.replace(/^(?:<=|>=|[<>≤≥~≈])\s*/u, '');
  let currency = '';
  const cur = CURRENCY.exec(s);
  if (cur) {
    currency = cur[0];
    s = s.slice(currency.length).trim();
  }
  const m = /^([+\-−]?)(\d+(?:[.,]\d+)*|\.\d+)\s*([a-zA-Z%µμ]*|[a-zA-Z%µμ]+\/[a-zA-Z]+)$/u.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' || m[1] === '−' ? -1 : 1;
  const num = parseNumber(m[2] ?? '');
  if (num === undefined) return undefined;
  let suffix = (m[3] ?? '').toLowerCase();
  let value = sign * num;
  if (suffix === '%') return { value, unit: '%' };
  // "1.2k", "$3M": a magnitude suffix, not a unit ("m" alone after currency means million).
  const mult = MULTIPLIERS[suffix];
  if (mult !== undefined && (currency !== '' || suffix !== 'm')) {
    value *= mult;
    suffix = '';
  }
  const unit = currency + suffix;
  if (!Number.isFinite(value)) return undefined;
  return { value, unit };
}

/** "1,200.5", "1.200,5", "1,5", "0.25": thousands separators come in groups of exactly three. */
function parseNumber(text: string): number | undefined {
  const seps = text.replace(/\d/g, '');
  const groups = text.split(/[.,]/);
  let normalised: string;
  if (seps === '') {
    normalised = text;
  } else if (seps.length === 1) {
    const [int = '', frac = ''] = groups;
    // "1,200" is twelve hundred; "1,5" and "0,250" are fractions.
    normalised = seps === ',' && frac.length === 3 && int !== '0' && int !== '' ? int + frac : `${int}.${frac}`;
  } else {
    const thousands = seps[0];
    const last = seps[seps.length - 1];
    if (![...seps.slice(0, -1)].every((c) => c === thousands)) return undefined;
    if (last === thousands) {
      if (!groups.slice(1).every((g) => g.length === 3)) return undefined;
      normalised = groups.join('');
    } else {
      if (!groups.slice(1, -1).every((g) => g.length === 3)) return undefined;
      normalised = `${groups.slice(0, -1).join('')}.${groups[groups.length - 1] ?? ''}`;
    }
  }
  if (normalised.startsWith('.')) normalised = `0${normalised}`;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : undefined;
}

export interface NumericMetricProgress {
  readonly kind: 'numeric';
  readonly unit: string;
  readonly baseline: number;
  readonly target: number;
  readonly current: number | undefined;
  /** The axis the bar spans, always containing baseline, target and current. */
  readonly min: number;
  readonly max: number;
  /** Positions on the axis, 0..1. */
  readonly baselineAt: number;
  readonly targetAt: number;
  readonly currentAt: number | undefined;
  /** Share of the way from baseline to target the current value has come, clamped to 0..1. */
  readonly progress: number | undefined;
  /** True when lower numbers are better (target below baseline). */
  readonly lowerIsBetter: boolean;
  readonly reached: boolean;
}

export interface TextMetricProgress {
  readonly kind: 'text';
}

export type MetricProgress = NumericMetricProgress | TextMetricProgress;

/**
 * Numbers for a metric's bar, or `{ kind: 'text' }` when baseline and target are not both
 * numbers in the same unit (or are equal, so there is no distance to show).
 */
export function metricProgress(metric: Metric): MetricProgress {
  const baseline = parseMetricValue(metric.baseline);
  const target = parseMetricValue(metric.target);
  if (!baseline || !target) return { kind: 'text' };
  const unit = target.unit !== '' ? target.unit : baseline.unit;
  if (!sameUnit(baseline.unit, target.unit)) return { kind: 'text' };
  if (baseline.value === target.value) return { kind: 'text' };
  const cur = parseMetricValue(metric.current);
  const current = cur && sameUnit(cur.unit, unit) ? cur.value : undefined;

  const values = [baseline.value, target.value, ...(current === undefined ? [] : [current])];
  let min = Math.min(...values);
  let max = Math.max(...values);
  // Percentages and non-negative counts read best on an axis that starts at zero; a whole 0–100%
  // axis only when the values are big enough to be seen on it (2.1% → 3.5% would be a sliver).
  if (min >= 0) min = 0;
  if (unit === '%' && max <= 100 && max >= 25 && min >= 0) max = 100;
  if (max === min) max = min + 1;
  const at = (v: number): number => (v - min) / (max - min);

  const lowerIsBetter = target.value < baseline.value;
  let progress: number | undefined;
  let reached = false;
  if (current !== undefined) {
    const raw = (current - baseline.value) / (target.value - baseline.value);
    progress = Math.min(1, Math.max(0, raw));
    reached = raw >= 1;
  }
  return {
    kind: 'numeric',
    unit,
    baseline: baseline.value,
    target: target.value,
    current,
    min,
    max,
    baselineAt: at(baseline.value),
    targetAt: at(target.value),
    currentAt: current === undefined ? undefined : at(current),
    progress,
    lowerIsBetter,
    reached,
  };
}

/** A unitless number sits happily next to any unit ("18" → "30%"); two different units do not. */
function sameUnit(a: string, b: string): boolean {
  return a === b || a === '' || b === '';
}
