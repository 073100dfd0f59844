// The overview at size, its pure parts: entries (inherited targets, swimlanes, roll-up facts),
// search/filters/grouping (a table, then properties against a plain oracle), windowing maths
// (properties against a linear scan) and exports that hold exactly what the query shows.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOverviewEntries, type OverviewEntry } from '../../src/core/overview/overviewEntries';
import { overviewForExport } from '../../src/core/overview/overviewExport';
import {
  EMPTY_QUERY,
  describeQuery,
  overviewFacets,
  queryFromUnknown,
  queryOverview,
  type OverviewQuery,
} from '../../src/core/overview/overviewQuery';
import { layoutRows, rowAt, rowOfMember, visibleRows, cardsPerRow } from '../../src/core/overview/overviewWindow';
import { renderOverviewMarkdown } from '../../src/core/render/roadmapOverview';
import { idKey, type RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { makeItem } from './roadmapFixtures';

function hierarchy(items: readonly RoadmapItem[]) {
  const byKey = new Map<string, RoadmapItem>();
  for (const i of items) if (!byKey.has(idKey(i.id))) byKey.set(idKey(i.id), i);
  const kids = new Map<string, RoadmapItem[]>();
  for (const i of items) {
    if (i.parentId === undefined) continue;
    const k = idKey(i.parentId);
    kids.set(k, [...(kids.get(k) ?? []), i]);
  }
  return {
    items,
    get: (id: string) => byKey.get(idKey(id)),
    parent: (id: string) => {
      const p = byKey.get(idKey(id))?.parentId;
      return p === undefined ? undefined : byKey.get(idKey(p));
    },
    children: (id: string) => kids.get(idKey(id)) ?? [],
  };
}

const ITEMS: RoadmapItem[] = [
  makeItem({ id: 'GOAL', kind: 'goal', title: 'Grow', target: '2026' }),
  makeItem({ id: 'REL-3.20', kind: 'release', title: 'Release 3.20', parentId: 'GOAL', target: '2026-Q2' }),
  makeItem({ id: 'F-1', title: 'Pay with wallet', parentId: 'REL-3.20', status: 'shipped', owner: 'ana' }),
  makeItem({
    id: 'F-2',
    title: 'Saved carts',
    parentId: 'REL-3.20',
    status: 'In Progress',
    why: 'Shoppers lose carts',
  }),
  makeItem({ id: 'S-1', kind: 'story', title: 'Cart API', parentId: 'F-2', status: 'planned' }),
  makeItem({ id: 'EP', kind: 'epic', title: 'Search', parentId: 'GOAL', target: '2026-03-15' }),
  makeItem({ id: 'F-3', title: 'Typo tolerance', parentId: 'EP', target: '2026-03', owner: 'bo' }),
  makeItem({ id: 'F-4', title: 'Someday', target: 'after beta', status: 'dropped' }),
  makeItem({ id: 'F-5', title: 'Orphan', status: 'planned' }),
];
const WORK: Record<string, { branches: number; commits: number }> = { 'F-1': { branches: 1, commits: 3 } };
const entries = buildOverviewEntries(hierarchy(ITEMS), {
  work: (i) => WORK[i.id] ?? { branches: 0, commits: 0 },
  isMine: (i) => i.id === 'F-2',
});
const byId = new Map(entries.map((e) => [e.id, e]));
const q = (over: Partial<OverviewQuery>): OverviewQuery => ({ ...EMPTY_QUERY, ...over });
const groups = (query: OverviewQuery) =>
  queryOverview(entries, query).groups.map((g) => `${g.title}: ${g.members.map((i) => entries[i]?.id).join(' ')}`);

describe('overview entries', () => {
  it('takes the nearest ancestor’s target and says from where ("via")', () => {
    assert.deepEqual(
      ['F-1', 'S-1', 'F-3', 'F-5', 'REL-3.20'].map((id) => [id, byId.get(id)?.target, byId.get(id)?.via]),
      [
        ['F-1', '2026-Q2', 'REL-3.20'],
        ['S-1', '2026-Q2', 'REL-3.20'],
        ['F-3', '2026-03', undefined],
        ['F-5', undefined, undefined],
        ['REL-3.20', '2026-Q2', undefined],
      ],
    );
  });

  it('reads targets as dates, places swimlanes, counts shipped children, keeps work and mine', () => {
    assert.equal(byId.get('F-3')?.targetKey, 20260301);
    assert.equal(byId.get('F-1')?.targetKey, 20260401);
    assert.equal(byId.get('F-4')?.targetKey, undefined);
    assert.equal(byId.get('S-1')?.lane, 'REL-3.20');
    assert.equal(byId.get('EP')?.lane, 'EP');
    assert.equal(byId.get('GOAL')?.lane, undefined);
    assert.deepEqual([byId.get('REL-3.20')?.children, byId.get('REL-3.20')?.shippedChildren], [2, 1]);
    assert.deepEqual([byId.get('F-1')?.commits, byId.get('F-1')?.branches, byId.get('F-2')?.mine], [3, 1, true]);
    assert.equal(byId.get('F-2')?.bucket, 'in-progress');
  });

  it('skips a duplicate id (the index keeps the first) so every entry is one item', () => {
    const dup = buildOverviewEntries(
      hierarchy([makeItem({ id: 'A', title: 'one' }), makeItem({ id: 'a', title: 'two' })]),
      {
        work: () => ({ branches: 0, commits: 0 }),
        isMine: () => false,
      },
    );
    assert.deepEqual(
      dup.map((e) => e.title),
      ['one'],
    );
  });
});

describe('overview query', () => {
  it('groups by target as dates: a day before its month’s quarter, free text after dates, none last', () => {
    assert.deepEqual(groups(q({ groupBy: 'target' })), [
      '2026: GOAL',
      '2026-03: F-3',
      '2026-03-15: EP',
      '2026-Q2: REL-3.20 F-1 F-2 S-1',
      'after beta: F-4',
      'No target: F-5',
    ]);
  });

  it('puts a swimlane’s epic first even when its children come first in the files', () => {
    const later = buildOverviewEntries(
      hierarchy([
        makeItem({ id: 'F-9', title: 'Early child', parentId: 'EP-9' }),
        makeItem({ id: 'EP-9', kind: 'epic', title: 'Epic' }),
      ]),
      { work: () => ({ branches: 0, commits: 0 }), isMine: () => false },
    );
    const lanes = queryOverview(later, q({ groupBy: 'epic' })).groups;
    assert.deepEqual(
      lanes.map((g) => g.members.map((i) => later[i]?.id)),
      [['EP-9', 'F-9']],
    );
  });

  it('groups by status in workflow order and by epic as swimlanes in roadmap order', () => {
    assert.deepEqual(groups(q({ groupBy: 'status' })), [
      'Planned: S-1 F-5',
      'In progress: F-2',
      'Shipped: F-1',
      'Dropped: F-4',
      'Other or no status: GOAL REL-3.20 EP F-3',
    ]);
    assert.deepEqual(groups(q({ groupBy: 'epic' })), [
      'REL-3.20 · Release 3.20: REL-3.20 F-1 F-2 S-1',
      'EP · Search: EP F-3',
      'Not under an epic: GOAL F-4 F-5',
    ]);
  });

  const table: ReadonlyArray<readonly [string, Partial<OverviewQuery>, string]> = [
    ['text in the title, any case', { text: 'WALLET' }, 'F-1'],
    ['text in the why', { text: 'lose' }, 'F-2'],
    ['text in the owner', { text: 'bo' }, 'F-3'],
    ['text in the id', { text: 's-1' }, 'S-1'],
    ['every word must match', { text: 'cart api' }, 'S-1'],
    ['kind', { kinds: ['Story'] }, 'S-1'],
    ['status', { statuses: ['shipped', 'dropped'] }, 'F-1 F-4'],
    ['owner', { owners: ['ANA'] }, 'F-1'],
    ['has work', { work: 'has-work' }, 'F-1'],
    ['mine', { mine: true }, 'F-2'],
    ['filters combine', { text: 'a', statuses: ['planned'] }, 'S-1 F-5'],
  ];
  for (const [name, over, expected] of table)
    it(`filters: ${name}`, () => {
      const r = queryOverview(entries, q({ ...over, groupBy: 'status' }));
      const ids = r.groups.flatMap((g) => g.members.map((i) => entries[i]?.id));
      assert.deepEqual(ids.sort(), expected.split(' ').sort());
      assert.equal(r.matched, ids.length);
      assert.equal(r.total, entries.length);
    });

  it('reads a query from a page message: known fields, right types, bounded', () => {
    assert.deepEqual(queryFromUnknown(null), EMPTY_QUERY);
    assert.deepEqual(
      queryFromUnknown({
        text: 'x'.repeat(500),
        kinds: ['epic', 3],
        statuses: ['shipped', 'bogus'],
        work: 'maybe',
        mine: 'yes',
        groupBy: 'evil',
      }),
      { text: 'x'.repeat(200), kinds: ['epic'], statuses: ['shipped'], owners: [], groupBy: 'target' },
    );
    assert.equal(describeQuery(q({ text: 'pay', statuses: ['shipped'], mine: true })), '"pay" · status shipped · mine');
  });

  it('offers every kind and the commonest owners first', () => {
    assert.deepEqual(overviewFacets(entries), {
      kinds: ['epic', 'feature', 'goal', 'release', 'story'],
      owners: ['ana', 'bo'],
    });
  });
});

// ---- properties against an oracle ---------------------------------------------------------------

const word = fc.constantFrom('pay', 'cart', 'Search', 'wallet', 'ana', 'x', 'ä', 'A-1');
const entryArb: fc.Arbitrary<OverviewEntry> = fc
  .record({
    id: fc.stringMatching(/^[A-Z]{1,3}-\d{1,3}$/),
    title: fc.array(word, { maxLength: 4 }).map((w) => w.join(' ')),
    kind: fc.constantFrom('feature', 'Epic', 'story'),
    bucket: fc.constantFrom('planned', 'in-progress', 'shipped', 'dropped', 'other' as const),
    owner: fc.option(fc.constantFrom('ana', 'bo', 'Cy'), { nil: undefined }),
    why: fc.array(word, { maxLength: 3 }).map((w) => w.join(' ')),
    target: fc.option(fc.constantFrom('2026-Q2', '2026-03', '2026', 'later', '2025-12-01'), { nil: undefined }),
    lane: fc.option(fc.constantFrom('E-1', 'E-2'), { nil: undefined }),
    branches: fc.nat(2),
    commits: fc.nat(3),
    mine: fc.boolean(),
    children: fc.constant(0),
    shippedChildren: fc.constant(0),
  })
  .map((e) => {
    const { owner, target, lane, ...rest } = e;
    const keys: Readonly<Record<string, number>> = {
      '2026-Q2': 20260401,
      '2026-03': 20260301,
      '2026': 20260101,
      '2025-12-01': 20251201,
    };
    const key = target === undefined ? undefined : keys[target];
    return {
      ...rest,
      ...(owner !== undefined ? { owner } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(key !== undefined ? { targetKey: key } : {}),
      ...(lane !== undefined ? { lane } : {}),
    };
  });
const queryArb: fc.Arbitrary<OverviewQuery> = fc
  .record({
    text: fc.array(word, { maxLength: 2 }).map((w) => w.join(' ')),
    kinds: fc.subarray(['feature', 'epic', 'story']),
    statuses: fc.subarray(['planned', 'in-progress', 'shipped', 'dropped', 'other'] as const),
    owners: fc.subarray(['ana', 'bo', 'cy']),
    groupBy: fc.constantFrom('target', 'status', 'epic' as const),
    work: fc.constantFrom(undefined, 'has-work', 'no-work' as const),
    mine: fc.boolean(),
  })
  .map(({ work, mine, ...rest }) => ({ ...rest, ...(work ? { work } : {}), ...(mine ? { mine } : {}) }));

/** The oracle: the obvious, slow reading of the query. */
function oracleMatches(e: OverviewEntry, query: OverviewQuery): boolean {
  const hay = [e.id, e.title, e.why, e.owner ?? ''].join(' ').toLowerCase();
  const words = query.text.toLowerCase().split(' ').filter(Boolean);
  return (
    words.every((w) => hay.includes(w)) &&
    (query.kinds.length === 0 || query.kinds.some((k) => k.toLowerCase() === e.kind.toLowerCase())) &&
    (query.statuses.length === 0 || query.statuses.includes(e.bucket)) &&
    (query.owners.length === 0 || query.owners.some((o) => o.toLowerCase() === (e.owner ?? '').toLowerCase())) &&
    (query.work !== 'has-work' || e.branches + e.commits > 0) &&
    (query.work !== 'no-work' || e.branches + e.commits === 0) &&
    (query.mine !== true || e.mine)
  );
}

describe('overview query: properties', () => {
  it('holds exactly the matching entries, each once, in roadmap order within a group', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), queryArb, (es, query) => {
        const r = queryOverview(es, query);
        const shown = r.groups.flatMap((g) => g.members);
        const expected = es.flatMap((e, i) => (oracleMatches(e, query) ? [i] : []));
        assert.deepEqual(
          [...shown].sort((a, b) => a - b),
          expected,
        );
        assert.equal(r.matched, expected.length);
        for (const g of r.groups) {
          assert.ok(g.members.length > 0);
          // Roadmap order, but a swimlane's own epic leads it.
          const head = g.members[0] as number;
          const leads = query.groupBy === 'epic' && es[head]?.lane?.toLowerCase() === es[head]?.id.toLowerCase();
          const rest = leads ? g.members.slice(1) : [...g.members];
          assert.deepEqual(
            rest,
            [...rest].sort((a, b) => a - b),
          );
        }
        assert.equal(new Set(r.groups.map((g) => g.key)).size, r.groups.length);
      }),
    );
  });

  it('orders target groups: dates by day, then free text, then none', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), (es) => {
        const r = queryOverview(es, { ...EMPTY_QUERY, groupBy: 'target' });
        const ranks = r.groups.map((g) => {
          const e = es[g.members[0] as number] as OverviewEntry;
          return e.target === undefined ? 3e9 : (e.targetKey ?? 2e9);
        });
        assert.deepEqual(
          ranks,
          [...ranks].sort((a, b) => a - b),
        );
      }),
    );
  });

  it('the export holds what the query shows, and says it is filtered', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), queryArb, (es, query) => {
        const unique = [...new Map(es.map((e) => [e.id, e])).values()];
        const items = new Map(unique.map((e) => [e.id, makeItem({ id: e.id, title: e.title })]));
        const overview = overviewForExport({
          entries: unique,
          query,
          item: (id) => items.get(id),
          product: 'P',
          unlinked: undefined,
        });
        const r = queryOverview(unique, query);
        assert.deepEqual(
          overview.columns.map((c) => c.cards.map((x) => x.item.id)),
          r.groups.map((g) => g.members.map((i) => unique[i]?.id)),
        );
        const md = renderOverviewMarkdown(overview, '2026-01-01');
        assert.equal((md.match(/^- \*\*/gm) ?? []).length, r.matched);
        assert.equal(/_Filtered \(/.test(md), overview.filter !== undefined);
      }),
    );
  });
});

describe('overview windowing', () => {
  const H = { header: 40, cards: 132 };

  it('lays out a header per group and rows of cards; collapsed groups keep only the header', () => {
    const layout = layoutRows(
      [
        { key: 'a', size: 5 },
        { key: 'b', size: 3 },
        { key: 'c', size: 0 },
      ],
      new Set(['b']),
      2,
      H,
    );
    assert.deepEqual(
      layout.rows.map((r) => (r.kind === 'header' ? `H${r.group}` : `${r.group}:${r.start}-${r.end}`)),
      ['H0', '0:0-2', '0:2-4', '0:4-5', 'H1', 'H2'],
    );
    assert.deepEqual(layout.tops, [0, 40, 172, 304, 436, 476, 516]);
    assert.equal(rowOfMember(layout, 0, 4), 3);
    assert.equal(rowOfMember(layout, 1, 0), -1);
    assert.deepEqual(visibleRows(layout, 200, 100, 0), { first: 2, end: 3 });
    assert.equal(cardsPerRow(1000, 260, 10), 3);
    assert.equal(cardsPerRow(0, 260, 10), 1);
  });

  const groupsArb = fc.array(fc.record({ key: fc.string({ maxLength: 3 }), size: fc.nat(25) }), { maxLength: 12 });

  it('rowAt and visibleRows agree with a linear scan, and the window is bounded by the viewport', () => {
    fc.assert(
      fc.property(
        groupsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.nat(6000),
        fc.integer({ min: 1, max: 1200 }),
        fc.nat(4),
        (gs, per, scrollTop, viewport, overscan) => {
          const layout = layoutRows(gs, new Set(), per, H);
          const n = layout.rows.length;
          let linear = 0;
          while (linear < n && (layout.tops[linear + 1] as number) <= scrollTop) linear++;
          assert.equal(rowAt(layout, scrollTop), linear);
          const { first, end } = visibleRows(layout, scrollTop, viewport, overscan);
          const meets = (i: number) =>
            (layout.tops[i] as number) < scrollTop + viewport && (layout.tops[i + 1] as number) > scrollTop;
          for (let i = 0; i < n; i++)
            if (meets(i)) assert.ok(i >= first && i < end, `row ${i} on screen but not drawn`);
          const onScreen = Math.ceil(viewport / H.header) + 1;
          assert.ok(end - first <= onScreen + 2 * overscan, `window of ${end - first} rows`);
        },
      ),
    );
  });

  it('every member of an open group is in exactly one row, and rowOfMember finds it', () => {
    fc.assert(
      fc.property(groupsArb, fc.integer({ min: 1, max: 5 }), (gs, per) => {
        const keyed = gs.map((g, i) => ({ ...g, key: `${i}` }));
        const layout = layoutRows(keyed, new Set(), per, H);
        keyed.forEach((g, gi) => {
          for (let m = 0; m < g.size; m++) {
            const r = rowOfMember(layout, gi, m);
            const row = layout.rows[r];
            assert.ok(row && row.group === gi && row.kind === 'cards' && m >= row.start && m < row.end);
            assert.ok(row.end - row.start <= per);
          }
        });
        assert.equal(layout.height, layout.tops[layout.rows.length]);
      }),
    );
  });
});
