// Targets understood as dates: `2026`, `2026-H2`, `2026-Q2`, `2026-03`, `2026-03-15`, `Q2 2026`,
// `March 2026`. Free text (`next`, `v3.20`, `after beta`) stays allowed and sorts after dates; what
// is checked is text that *tries* to be a date and is not one (`YYY-MM-DD`, `2026-13`, `2026-02-30`
// — typos in exported data), so a timeline never silently files it under "no date".

export interface TargetPeriod {
  readonly kind: 'year' | 'half' | 'quarter' | 'month' | 'day';
  readonly year: number;
  /** 1-based first month of the period. */
  readonly month: number;
  readonly day: number;
  /** The first day as yyyymmdd: orders targets. */
  readonly sortKey: number;
  /** The canonical spelling (`2026-Q2`, `2026-03`, `2026-03-15`). */
  readonly canonical: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function period(kind: TargetPeriod['kind'], year: number, month: number, day: number): TargetPeriod | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const canonical =
    kind === 'year'
      ? String(year)
      : kind === 'half'
        ? `${year}-H${month === 1 ? 1 : 2}`
        : kind === 'quarter'
          ? `${year}-Q${(month - 1) / 3 + 1}`
          : kind === 'month'
            ? `${year}-${pad(month)}`
            : `${year}-${pad(month)}-${pad(day)}`;
  return { kind, year, month, day, sortKey: year * 10000 + month * 100 + day, canonical };
}

/** The period a target names, when it is written in one of the readable forms; otherwise undefined. */
export function parseTarget(text: string): TargetPeriod | undefined {
  const t = text.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return period('year', Number(m[1]), 1, 1);
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return period('month', Number(m[1]), Number(m[2]), 1);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return period('day', Number(m[1]), Number(m[2]), Number(m[3]));
  const q = /^(\d{4})[-\s]?q([1-4])$/i.exec(t);
  if (q) return period('quarter', Number(q[1]), (Number(q[2]) - 1) * 3 + 1, 1);
  const q2 = /^q([1-4])[-\s/]?(\d{4})$/i.exec(t);
  if (q2) return period('quarter', Number(q2[2]), (Number(q2[1]) - 1) * 3 + 1, 1);
  const h = /^(\d{4})[-\s]?h([12])$/i.exec(t);
  if (h) return period('half', Number(h[1]), h[2] === '1' ? 1 : 7, 1);
  const h2 = /^h([12])[-\s/]?(\d{4})$/i.exec(t);
  if (h2) return period('half', Number(h2[2]), h2[1] === '1' ? 1 : 7, 1);
  const named = /^([a-z]+)\.?\s+(\d{4})$/i.exec(t);
  if (named) {
    const word = (named[1] as string).toLowerCase();
    const month = MONTHS.findIndex((mo) => word.startsWith(mo) && (word.length === 3 || isMonthName(word)));
    if (month >= 0) return period('month', Number(named[2]), month + 1, 1);
  }
  return undefined;
}

function isMonthName(word: string): boolean {
  return [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
    'sept',
  ].includes(word);
}

/**
 * Text that tries to be a date (digits or `Y/M/D` placeholders joined by `-`, `/` or `.`, or a
 * quarter/half with a bad number) but is not a readable one.
 */
export function looksLikeDate(text: string): boolean {
  const t = text.trim();
  if (/^[\dYy]{2,4}[-/.][\dMm]{1,2}([-/.][\dDd]{1,2})?$/.test(t)) return true;
  if (/^[\dDd]{1,2}[-/.][\dMm]{1,2}[-/.][\dYy]{2,4}$/.test(t)) return true;
  if (/^(\d{4}[-\s]?[qh]\d+|[qh]\d+[-\s/]?\d{4})$/i.test(t)) return true;
  if (/^\d{5,8}$/.test(t)) return true;
  return false;
}

export interface TargetProblem {
  readonly message: string;
  /** A readable spelling we are confident about (a quick fix), when there is one. */
  readonly suggestion?: string;
}

/** Why a target is not readable, or undefined when it is fine (a date, or plain free text). */
export function targetProblem(text: string): TargetProblem | undefined {
  const t = text.trim();
  if (parseTarget(t) !== undefined || !looksLikeDate(t)) return undefined;
  const suggestion = guessTarget(t);
  const forms = '`2026`, `2026-H2`, `2026-Q2`, `2026-03` or `2026-03-15`';
  return suggestion === undefined
    ? { message: `The target "${t}" is not a date Roadmap Lens can read; write it as ${forms}.` }
    : {
        message: `The target "${t}" is not a date Roadmap Lens can read; did you mean \`${suggestion}\`? (${forms})`,
        suggestion,
      };
}

/** A readable target the text most likely meant, only when there is one clear answer. */
export function guessTarget(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m) return period('month', Number(m[1]), Number(m[2]), 1)?.canonical;
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return period('day', Number(m[1]), Number(m[2]), Number(m[3]))?.canonical;
  // Day first (15.03.2026, 15/03/2026): only when the day cannot be a month.
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m && Number(m[1]) > 12) return period('day', Number(m[3]), Number(m[2]), Number(m[1]))?.canonical;
  if (m && Number(m[2]) > 12) return period('day', Number(m[3]), Number(m[1]), Number(m[2]))?.canonical;
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (m) {
    const p =
      m[3] === undefined
        ? period('month', Number(m[1]), Number(m[2]), 1)
        : period('day', Number(m[1]), Number(m[2]), Number(m[3]));
    return p?.canonical;
  }
  return undefined;
}
