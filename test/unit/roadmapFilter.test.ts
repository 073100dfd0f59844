import * as assert from 'node:assert/strict';
import {
  describeFilter,
  filterRoadmap,
  isEmptyFilter,
  sortItems,
  type RoadmapFilter,
} from '../../src/core/roadmap/roadmapFilter';
import { idKey, type RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { makeItem } from './roadmapFixtures';

const items: RoadmapItem[] = [
  makeItem({ id: 'GOAL', kind: 'goal', title: 'Grow' }),
  makeItem({ id: 'REL-3.20', kind: 'epic', title: 'Release 3.20', parentId: 'GOAL', target: '2026-Q2' }),
  makeItem({ id: 'F-1', title: 'Pay with wallet', parentId: 'REL-3.20', status: 'shipped', owner: 'ana' }),
  makeItem({
    id: 'F-2',
    title: 'Saved carts',
    parentId: 'REL-3.20',
    status: 'In Progress',
    why: 'Shoppers lose carts',
  }),
  makeItem({ id: 'F-3', title: 'Search', status: 'planned', target: '2026-03', aliases: ['#423'] }),
];
const byKey = new Map(items.map((i) => [idKey(i.id), i]));
const roadmap = {
  items,
  parent: (id: string) => {
    const p = byKey.get(idKey(id))?.parentId;
    return p === undefined ? undefined : byKey.get(idKey(p));
  },
};
const facts = { hasWork: (i: RoadmapItem) => i.id === 'F-1', isMine: (i: RoadmapItem) => i.id === 'F-2' };
const run = (f: RoadmapFilter) => {
  const r = filterRoadmap(roadmap, f, facts);
  return { matches: [...r.matches].sort(), visible: [...r.visible].sort() };
};

describe('roadmap filter', () => {
  it('shows matches with their ancestors', () => {
    assert.deepEqual(run({ text: 'wallet' }), { matches: ['F-1'], visible: ['F-1', 'GOAL', 'REL-3.20'] });
  });

  it('text looks at id, title, why, owner and refs; every word must match', () => {
    assert.deepEqual(run({ text: 'lose' }).matches, ['F-2']);
    assert.deepEqual(run({ text: 'ANA' }).matches, ['F-1']);
    assert.deepEqual(run({ text: '#423' }).matches, ['F-3']);
    assert.deepEqual(run({ text: 'saved shoppers' }).matches, ['F-2']);
    assert.deepEqual(run({ text: 'saved wallet' }).matches, []);
  });

  it('status (spellings normalised), kind, owner, work and mine; groups combine with AND', () => {
    assert.deepEqual(run({ statuses: ['in-progress'] }).matches, ['F-2']);
    assert.deepEqual(run({ statuses: ['other'] }).matches, ['GOAL', 'REL-3.20']);
    assert.deepEqual(run({ kinds: ['EPIC'] }).matches, ['REL-3.20']);
    assert.deepEqual(run({ owners: ['ana'] }).matches, ['F-1']);
    assert.deepEqual(run({ work: 'has-work' }).matches, ['F-1']);
    assert.equal(run({ work: 'no-work' }).matches.length, 4);
    assert.deepEqual(run({ mine: true }).matches, ['F-2']);
    assert.deepEqual(run({ statuses: ['shipped', 'planned'], kinds: ['feature'] }).matches, ['F-1', 'F-3']);
    assert.deepEqual(run({ statuses: ['shipped'], mine: true }).matches, []);
  });

  it('knows an empty filter and says what a filter shows', () => {
    assert.ok(isEmptyFilter({}));
    assert.ok(isEmptyFilter({ text: '  ', statuses: [] }));
    assert.ok(!isEmptyFilter({ mine: true }));
    assert.equal(
      describeFilter({ text: 'pay', statuses: ['shipped'], work: 'no-work', mine: true }),
      '"pay" · status shipped · no linked work · mine',
    );
  });

  it('agrees with a naive filter on every combination of one status and one kind', () => {
    for (const status of ['planned', 'in-progress', 'shipped', 'dropped', 'other'] as const)
      for (const kind of ['goal', 'epic', 'feature']) {
        const f: RoadmapFilter = { statuses: [status], kinds: [kind] };
        const naive = items.filter((i) => {
          const s = (i.status ?? '').toLowerCase().replace(/\s+/g, '-');
          const bucket = ['planned', 'in-progress', 'shipped', 'dropped'].includes(s) ? s : 'other';
          return bucket === status && i.kind === kind;
        });
        assert.deepEqual(run(f).matches, naive.map((i) => i.id).sort(), `${status} ${kind}`);
      }
  });

  it('sorts siblings by target, status or activity, stable in roadmap order', () => {
    const ids = (list: readonly RoadmapItem[]) => list.map((i) => i.id);
    const none = () => undefined;
    assert.deepEqual(ids(sortItems(items, 'roadmap', none)), ids(items));
    assert.deepEqual(ids(sortItems(items, 'target', none)), ['F-3', 'REL-3.20', 'GOAL', 'F-1', 'F-2']);
    assert.deepEqual(ids(sortItems(items, 'status', none)), ['F-2', 'F-3', 'GOAL', 'REL-3.20', 'F-1']);
    const t = new Map([
      ['F-1', 5],
      ['F-3', 9],
    ]);
    assert.deepEqual(ids(sortItems(items, 'activity', (i) => t.get(i.id))), ['F-3', 'F-1', 'GOAL', 'REL-3.20', 'F-2']);
  });
});
