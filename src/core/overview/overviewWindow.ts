// Windowing maths for the overview page: groups become rows of fixed height (a group header, then
// rows of up to `perRow` cards), and only the rows that meet the viewport (plus a margin) are put
// in the DOM. Fixed heights make every position a prefix sum and every lookup a binary search, so
// scrolling 10,000 cards costs the same as scrolling ten.

export interface WindowGroup {
  readonly key: string;
  readonly size: number;
}

export interface LayoutRow {
  readonly group: number;
  /** `header`, or a row of cards: members [start, end) of the group. */
  readonly kind: 'header' | 'cards';
  readonly start: number;
  readonly end: number;
}

export interface Layout {
  readonly rows: readonly LayoutRow[];
  /** Top of each row in pixels; `tops[rows.length]` is the total height. */
  readonly tops: readonly number[];
  readonly height: number;
}

export interface RowHeights {
  readonly header: number;
  readonly cards: number;
}

/** How many cards fit side by side (at least one). */
export function cardsPerRow(width: number, minCard: number, gap: number): number {
  if (!(width > 0) || !(minCard > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (minCard + gap)));
}

export function layoutRows(
  groups: readonly WindowGroup[],
  collapsed: ReadonlySet<string>,
  perRow: number,
  heights: RowHeights,
): Layout {
  const per = Math.max(1, Math.floor(perRow));
  const rows: LayoutRow[] = [];
  const tops: number[] = [];
  let y = 0;
  groups.forEach((g, gi) => {
    rows.push({ group: gi, kind: 'header', start: 0, end: 0 });
    tops.push(y);
    y += heights.header;
    if (collapsed.has(g.key)) return;
    for (let s = 0; s < g.size; s += per) {
      rows.push({ group: gi, kind: 'cards', start: s, end: Math.min(g.size, s + per) });
      tops.push(y);
      y += heights.cards;
    }
  });
  tops.push(y);
  return { rows, tops, height: y };
}

/** The first row whose bottom is below `y` (the row at pixel `y`); rows.length when past the end. */
export function rowAt(layout: Layout, y: number): number {
  const n = layout.rows.length;
  let lo = 0;
  let hi = n;
  // Invariant: every row before lo ends at or above y; every row from hi on ends below y.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((layout.tops[mid + 1] as number) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows [first, end) that meet [scrollTop, scrollTop + viewport), widened by `overscan` rows each side. */
export function visibleRows(
  layout: Layout,
  scrollTop: number,
  viewport: number,
  overscan: number,
): { readonly first: number; readonly end: number } {
  const n = layout.rows.length;
  if (n === 0 || viewport <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(n, rowAt(layout, top));
  let end = first;
  while (end < n && (layout.tops[end] as number) < top + viewport) end++;
  return { first: Math.max(0, first - overscan), end: Math.min(n, end + overscan) };
}

/** The row holding member `member` of group `group`, or -1 (collapsed or absent). */
export function rowOfMember(layout: Layout, group: number, member: number): number {
  // Rows are in group order: binary search the group's header, then step through its card rows.
  let lo = 0;
  let hi = layout.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((layout.rows[mid] as LayoutRow).group < group) lo = mid + 1;
    else hi = mid;
  }
  for (let r = lo; r < layout.rows.length; r++) {
    const row = layout.rows[r] as LayoutRow;
    if (row.group !== group) break;
    if (row.kind === 'cards' && member >= row.start && member < row.end) return r;
  }
  return -1;
}
