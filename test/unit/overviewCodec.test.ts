// The overview's wire format: entries as columns, posted whole or in two parts (every entry with
// the whys of the first screen, then every why). Properties against the entries themselves: what
// the page decodes is what the extension built, and the two parts lead to the same complete set
// (so search, filters and the exports see every item either way).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyWhys,
  decodeOverviewEntries,
  encodeOverviewEntries,
  encodeWhys,
  leadingEntries,
} from '../../src/core/overview/overviewCodec';
import type { OverviewEntry } from '../../src/core/overview/overviewEntries';
import { EMPTY_QUERY, queryOverview, type OverviewQuery } from '../../src/core/overview/overviewQuery';
import type { StatusFilter } from '../../src/core/roadmap/roadmapFilter';

const text = fc.string({ maxLength: 12 });
const few = fc.constantFrom('epic', 'feature', 'story', 'Release', '', 'kind "quoted"');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const count = fc.nat({ max: 50 });

const entry: fc.Arbitrary<OverviewEntry> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    title: text,
    kind: few,
    status: maybe(fc.constantFrom('planned', 'Shipped', 'in-progress', 'weird ✓')),
    bucket: fc.constantFrom<StatusFilter>('planned', 'in-progress', 'shipped', 'dropped', 'other'),
    owner: maybe(fc.constantFrom('ana', 'bo', '')),
    why: fc.string({ maxLength: 30 }),
    target: maybe(fc.constantFrom('2026-Q2', '2026-03', 'after beta')),
    via: maybe(fc.constantFrom('REL-1', 'EP')),
    targetKey: maybe(fc.nat({ max: 99_991_231 })),
    lane: maybe(fc.constantFrom('EP', 'REL-1')),
    branches: count,
    commits: count,
    mine: fc.boolean(),
    children: count,
    shippedChildren: count,
  })
  // Absent optional fields are absent, not `undefined`, as buildOverviewEntries makes them.
  .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as OverviewEntry);

const query: fc.Arbitrary<OverviewQuery> = fc.record({
  text: fc.constantFrom('', 'a', 'why', 'e'),
  kinds: fc.constantFrom([], ['feature']),
  statuses: fc.constantFrom<StatusFilter[][]>([], ['shipped']),
  owners: fc.constantFrom([], ['ana']),
  groupBy: fc.constantFrom('target' as const, 'status' as const, 'epic' as const),
});

describe('overview codec: entries as columns, whole or in two parts', () => {
  it('decodes to exactly the entries it encoded', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const decoded = decodeOverviewEntries(encodeOverviewEntries(entries));
        assert.deepEqual(decoded.entries, entries);
        assert.equal(decoded.whysPending, false);
      }),
    );
  });

  it('in two parts: the first holds every entry and the leading whys, the second completes the same set', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), query, fc.nat({ max: 45 }), (entries, q, n) => {
        const lead = leadingEntries(entries, q, n);
        const first = decodeOverviewEntries(encodeOverviewEntries(entries, lead));
        assert.equal(first.whysPending, true);
        assert.equal(first.entries.length, entries.length);
        first.entries.forEach((e, i) => {
          assert.deepEqual({ ...e, why: '' }, { ...entries[i], why: '' });
          assert.equal(e.why, lead.has(i) ? entries[i]?.why : '');
        });
        // What the first screen shows is exact already: the first n members in display order.
        const shown = queryOverview(entries, q).groups.flatMap((g) => g.members);
        assert.deepEqual([...lead], shown.slice(0, n));
        const complete = applyWhys(first.entries, encodeWhys(entries));
        assert.deepEqual(complete, entries);
        // ... so every search, filter and grouping answers the same as on the whole data.
        assert.deepEqual(queryOverview(complete ?? [], q), queryOverview(entries, q));
      }),
    );
  });

  it('the second part of another data set is refused, not mixed in', () => {
    const entries = fc.sample(entry, 3);
    const first = decodeOverviewEntries(encodeOverviewEntries(entries, new Set([0]))).entries;
    assert.equal(applyWhys(first, encodeWhys(entries.slice(0, 2))), undefined);
    assert.equal(applyWhys(first, '{"not":"an array"}'), undefined);
  });

  it('refuses data of another version or cut short', () => {
    const good = encodeOverviewEntries(fc.sample(entry, 2));
    assert.throws(() => decodeOverviewEntries(good.replace('"v":1', '"v":99')), /another version/);
    assert.throws(() => decodeOverviewEntries(good.replace('"n":2', '"n":3')), /cut short/);
    assert.throws(() => decodeOverviewEntries(good.slice(0, -10)));
    assert.throws(() => decodeOverviewEntries('null'), /another version/);
  });

  it('is a fraction of the entries as JSON objects (the field names no longer repeat)', () => {
    const entries: OverviewEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `CHK-${i}`,
      title: `Feature number ${i}`,
      kind: 'feature',
      status: 'planned',
      bucket: 'planned',
      owner: 'chk-team',
      why: 'Shoppers cannot tell whether a coupon was applied.',
      target: '2026-Q2',
      via: 'EP-1',
      targetKey: 20260401,
      lane: 'EP-1',
      branches: 0,
      commits: 2,
      mine: false,
      children: 0,
      shippedChildren: 0,
    }));
    const columns = encodeOverviewEntries(entries).length;
    const objects = JSON.stringify(entries).length;
    assert.ok(columns < objects / 2, `${columns} bytes as columns, ${objects} as objects`);
    assert.deepEqual(leadingEntries(entries, EMPTY_QUERY, 5), new Set([0, 1, 2, 3, 4]));
  });
});
