// The roadmap overview as data: items grouped into columns by target (a timeline) or by status
// (a board), plus its Markdown export for planning docs. Pure, so the webview, the SVG export and
// tests all agree on what the columns are.

import { markdownInline } from './markdownText';
import type { RoadmapItem } from '../roadmap/roadmapTypes';

/** Columns by target (a timeline), by status (a board) or by parent epic (swimlanes). */
export type OverviewMode = 'target' | 'status' | 'epic';

export interface WorkCount {
  readonly branches: number;
  readonly commits: number;
}

export interface OverviewCard {
  readonly item: RoadmapItem;
  /** Linked branches and commits (zeros when git is off). */
  readonly work: WorkCount;
  /** The target the item takes from an ancestor, and that ancestor's id ("2026-Q2 via REL-3"). */
  readonly inherited?: { readonly target: string; readonly via: string };
}

/** "2 branches · 5 commits", or '' when there is none. */
export function describeWork(work: WorkCount): string {
  const parts: string[] = [];
  if (work.branches > 0) parts.push(`${work.branches} branch${work.branches === 1 ? '' : 'es'}`);
  if (work.commits > 0) parts.push(`${work.commits} commit${work.commits === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export interface OverviewColumn {
  /** Stable key, e.g. `target:2026-Q3` or `status:shipped`; the empty group is `…:none`. */
  readonly key: string;
  readonly title: string;
  readonly cards: readonly OverviewCard[];
}

export interface UnlinkedWork {
  readonly branches: number;
  readonly commits: number;
}

export interface Overview {
  readonly product: string | undefined;
  readonly mode: OverviewMode;
  readonly columns: readonly OverviewColumn[];
  /** Undefined when git is off: we do not know, which is not the same as zero. */
  readonly unlinked: UnlinkedWork | undefined;
  /** What the overview was narrowed to when it was exported, so a partial export says so. */
  readonly filter?: { readonly description: string; readonly matched: number; readonly total: number };
}

const STATUS_ORDER = ['planned', 'in-progress', 'shipped', 'dropped'];
const STATUS_TITLES: Readonly<Record<string, string>> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  shipped: 'Shipped',
  dropped: 'Dropped',
};

function normaliseStatus(status: string): string {
  return status
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * Sort key for a target such as `2026-Q3`, `Q3 2026`, `2026-07`, `2026-07-15`, `July 2026`: the
 * first day of the period as yyyymmdd. Free text we cannot place sorts after all dates.
 */
export function targetSortKey(target: string): number | undefined {
  const t = target.trim().toLowerCase();
  const year = /(?<!\d)((?:19|20)\d\d)(?!\d)/.exec(t)?.[1];
  if (year === undefined) return undefined;
  const y = Number(year) * 10000;
  const quarter = /\bq([1-4])\b|(?:^|[^a-z])q([1-4])(?:$|[^0-9])/.exec(t);
  if (quarter) return y + ((Number(quarter[1] ?? quarter[2]) - 1) * 3 + 1) * 100 + 1;
  const half = /\bh([12])\b/.exec(t);
  if (half) return y + (half[1] === '1' ? 1 : 7) * 100 + 1;
  const ymd = /\b\d{4}-(\d{1,2})(?:-(\d{1,2}))?\b/.exec(t);
  if (ymd) {
    const month = Number(ymd[1]);
    const day = ymd[2] === undefined ? 1 : Number(ymd[2]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return y + month * 100 + day;
  }
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const monthIndex = months.findIndex((m) => new RegExp(`\\b${m}`).test(t));
  if (monthIndex >= 0) return y + (monthIndex + 1) * 100 + 1;
  return y + 101;
}

function compareTargets(a: string, b: string): number {
  const ka = targetSortKey(a);
  const kb = targetSortKey(b);
  if (ka !== undefined && kb !== undefined && ka !== kb) return ka - kb;
  if (ka !== undefined && kb === undefined) return -1;
  if (ka === undefined && kb !== undefined) return 1;
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** Groups items into columns. Items keep roadmap order inside a column. */
export function buildOverview(options: {
  readonly items: readonly RoadmapItem[];
  readonly mode: 'target' | 'status';
  readonly workCount: (item: RoadmapItem) => WorkCount;
  readonly product?: string | undefined;
  readonly unlinked?: UnlinkedWork | undefined;
}): Overview {
  const groups = new Map<string, { title: string; cards: OverviewCard[] }>();
  const add = (key: string, title: string, card: OverviewCard): void => {
    const g = groups.get(key) ?? { title, cards: [] };
    g.cards.push(card);
    groups.set(key, g);
  };
  for (const item of options.items) {
    const card = { item, work: options.workCount(item) };
    if (options.mode === 'target') {
      const t = item.target?.trim();
      if (t === undefined || t === '') add('target:none', 'No target', card);
      else add(`target:${t.toLowerCase()}`, t, card);
    } else {
      const s = item.status === undefined ? '' : normaliseStatus(item.status);
      if (s === '') add('status:none', 'No status', card);
      else add(`status:${s}`, STATUS_TITLES[s] ?? item.status?.trim() ?? s, card);
    }
  }
  const columns = [...groups.entries()].map(([key, g]) => ({ key, title: g.title, cards: g.cards }));
  columns.sort(
    (a, b) => columnRank(a, options.mode) - columnRank(b, options.mode) || compareColumns(a, b, options.mode),
  );
  return { product: options.product, mode: options.mode, columns, unlinked: options.unlinked };
}

/** Known statuses in workflow order, then other statuses, then the "none" column last. */
function columnRank(column: OverviewColumn, mode: OverviewMode): number {
  if (column.key.endsWith(':none')) return 1000;
  if (mode === 'status') {
    const i = STATUS_ORDER.indexOf(column.key.slice('status:'.length));
    return i >= 0 ? i : 100;
  }
  return 0;
}

function compareColumns(a: OverviewColumn, b: OverviewColumn, mode: OverviewMode): number {
  return mode === 'target'
    ? compareTargets(a.title, b.title)
    : a.title.localeCompare(b.title, 'en', { sensitivity: 'base' });
}

/** One line of a why for a card: whitespace collapsed, cut at a word near `max` characters. */
export function clampText(text: string | undefined, max: number): string {
  if (text === undefined) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function overviewHeading(overview: Overview): string {
  const by = overview.mode === 'target' ? 'by target' : overview.mode === 'status' ? 'by status' : 'by epic';
  return overview.product === undefined ? `Roadmap ${by}` : `${overview.product} roadmap ${by}`;
}

/** Markdown for a planning doc: one section per column, one bullet per item. Text escaped only where it would change the meaning. */
export function renderOverviewMarkdown(overview: Overview, generatedOn: string): string {
  const lines: string[] = [
    `# ${markdownInline(overviewHeading(overview))}`,
    '',
    `_Generated by Roadmap Lens on ${markdownInline(generatedOn)}._`,
    '',
  ];
  if (overview.filter !== undefined)
    lines.push(
      `_Filtered (${markdownInline(overview.filter.description)}): ${overview.filter.matched.toLocaleString('en-US')} of ${overview.filter.total.toLocaleString('en-US')} items._`,
      '',
    );
  for (const column of overview.columns) {
    lines.push(`## ${markdownInline(column.title)} (${column.cards.length})`, '');
    for (const { item, work, inherited } of column.cards) {
      const target = inherited ? `${inherited.target} via ${inherited.via}` : item.target;
      const facts = [
        overview.mode !== 'status' ? item.status : undefined,
        overview.mode !== 'target' ? target : inherited ? `via ${inherited.via}` : undefined,
        describeWork(work),
      ]
        .filter((f): f is string => f !== undefined && f.trim() !== '')
        .map((f) => markdownInline(f.replace(/\s+/g, ' ')));
      const why = clampText(item.why, 200);
      lines.push(
        `- **${markdownInline(item.id)}** ${markdownInline(item.title.replace(/\s+/g, ' '))}` +
          (facts.length > 0 ? ` — ${facts.join(' · ')}` : '') +
          (why !== '' ? `  \n  ${markdownInline(why)}` : ''),
      );
    }
    lines.push('');
  }
  if (overview.unlinked !== undefined) {
    lines.push(
      '## Unlinked work',
      '',
      `${overview.unlinked.branches} branches and ${overview.unlinked.commits} recent commits reference no roadmap item.`,
      '',
    );
  }
  return lines.join('\n');
}
