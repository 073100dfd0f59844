import assert from 'node:assert/strict';
import {
  newestShas,
  progressBar,
  progressFraction,
  progressText,
  rollUpSteps,
  statusBucket,
  subtreeIds,
  type ItemRollup,
  type RollupBranch,
  type RollupHierarchy,
} from '../../src/core/rollup/rollup';
import { idKey, type RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { runToEnd } from '../../src/core/util/timeSlices';
import { makeItem } from './roadmapFixtures';

function hierarchy(items: readonly RoadmapItem[]): RollupHierarchy & { children: (id: string) => RoadmapItem[] } {
  const byKey = new Map(items.map((i) => [idKey(i.id), i]));
  return {
    items,
    parent: (id) => {
      const p = byKey.get(idKey(id))?.parentId;
      return p === undefined ? undefined : byKey.get(idKey(p));
    },
    children: (id) => items.filter((i) => i.parentId !== undefined && idKey(i.parentId) === idKey(id)),
  };
}

/** The oracle: each item's subtree by recursion, then plain set unions. */
function naive(
  h: ReturnType<typeof hierarchy>,
  commits: ReadonlyMap<string, readonly string[]>,
  times: ReadonlyMap<string, number>,
  branches: ReadonlyMap<string, readonly RollupBranch[]>,
): Map<string, ItemRollup> {
  const out = new Map<string, ItemRollup>();
  for (const item of h.items) {
    const subtree = subtreeIds(item.id, h.children).map(idKey);
    const shas = new Set(subtree.flatMap((k) => [...(commits.get(k) ?? [])]));
    const names = new Set(subtree.flatMap((k) => (branches.get(k) ?? []).map((b) => b.name)));
    const activity = [
      ...[...shas].map((s) => times.get(s) ?? 0),
      ...subtree.flatMap((k) => (branches.get(k) ?? []).map((b) => b.time)),
    ];
    const count = (list: readonly RoadmapItem[]) => {
      const c = { total: list.length, shipped: 0, inProgress: 0, planned: 0, dropped: 0, other: 0 };
      for (const i of list) c[statusBucket(i.status)]++;
      return c;
    };
    const key = idKey(item.id);
    out.set(key, {
      commits: shas.size,
      ownCommits: commits.get(key)?.length ?? 0,
      branches: names.size,
      ownBranches: new Set((branches.get(key) ?? []).map((b) => b.name)).size,
      lastActivity: activity.length === 0 ? undefined : Math.max(...activity),
      children: count(h.children(item.id)),
      descendants: count(subtree.slice(1).map((k) => h.items.find((i) => idKey(i.id) === k) as RoadmapItem)),
    });
  }
  return out;
}

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('roll-up', () => {
  const items = [
    makeItem({ id: 'GOAL', kind: 'goal' }),
    makeItem({ id: 'REL-3.20', kind: 'epic', parentId: 'GOAL', status: 'in-progress' }),
    makeItem({ id: 'F-1', parentId: 'REL-3.20', status: 'shipped' }),
    makeItem({ id: 'F-2', parentId: 'REL-3.20', status: 'Shipped' }),
    makeItem({ id: 'F-3', parentId: 'REL-3.20', status: 'in progress' }),
    makeItem({ id: 'F-4', parentId: 'REL-3.20', status: 'dropped' }),
  ];
  const h = hierarchy(items);

  it('adds descendants’ commits to every ancestor, counting a commit shared by two children once', () => {
    const commits = new Map([
      ['F-1', ['c3', 'c1']],
      ['F-2', ['c3', 'c2']],
      ['REL-3.20', ['c4']],
    ]);
    const times = new Map([
      ['c1', 10],
      ['c2', 20],
      ['c3', 30],
      ['c4', 5],
    ]);
    const r = runToEnd(rollUpSteps({ roadmap: h, commits, commitTime: (s) => times.get(s), branches: new Map() }));
    assert.equal(r.get('REL-3.20')?.commits, 4);
    assert.equal(r.get('REL-3.20')?.ownCommits, 1);
    assert.equal(r.get('GOAL')?.commits, 4);
    assert.equal(r.get('GOAL')?.lastActivity, 30);
    assert.equal(r.get('F-3')?.commits, 0);
    assert.equal(r.get('F-3')?.lastActivity, undefined);
  });

  it('counts children’s statuses: "2 of 3 shipped" (dropped is not progress left to do)', () => {
    const r = runToEnd(
      rollUpSteps({ roadmap: h, commits: new Map(), commitTime: () => undefined, branches: new Map() }),
    );
    const rel = r.get('REL-3.20') as ItemRollup;
    assert.deepEqual(rel.children, { total: 4, shipped: 2, inProgress: 1, planned: 0, dropped: 1, other: 0 });
    assert.equal(progressText(rel.children), '2 of 3 shipped');
    assert.equal(progressFraction(rel.children), 2 / 3);
    assert.equal(r.get('GOAL')?.children.total, 1);
    assert.equal(r.get('GOAL')?.descendants.total, 5);
    assert.equal(progressText(r.get('F-1')?.children as ItemRollup['children']), '');
  });

  it('de-duplicates branch names across the subtree and takes their tips as activity', () => {
    const branches = new Map([
      ['F-1', [{ name: 'feature/f-1', time: 50 }]],
      [
        'REL-3.20',
        [
          { name: 'feature/f-1', time: 50 },
          { name: 'release/3.20', time: 60 },
        ],
      ],
    ]);
    const r = runToEnd(rollUpSteps({ roadmap: h, commits: new Map(), commitTime: () => undefined, branches }));
    assert.equal(r.get('REL-3.20')?.branches, 2);
    assert.equal(r.get('GOAL')?.branches, 2);
    assert.equal(r.get('GOAL')?.lastActivity, 60);
    assert.equal(r.get('F-1')?.ownBranches, 1);
  });

  it('agrees with a naive recomputation on random roadmaps (shared commits, deep chains)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed);
      const n = 2 + Math.floor(rand() * 60);
      const statuses = ['planned', 'in-progress', 'shipped', 'dropped', undefined, 'blocked'];
      const list: RoadmapItem[] = [];
      for (let i = 0; i < n; i++) {
        const parent = i > 0 && rand() < 0.85 ? `I${Math.floor(rand() * i)}` : undefined;
        const status = statuses[Math.floor(rand() * statuses.length)];
        list.push(
          makeItem({
            id: `I${i}`,
            ...(parent ? { parentId: parent } : {}),
            ...(status ? { status } : {}),
          }),
        );
      }
      const hh = hierarchy(list);
      const times = new Map<string, number>();
      const shaCount = Math.floor(rand() * 80);
      for (let s = 0; s < shaCount; s++) times.set(`s${s}`, Math.floor(rand() * 1000));
      const commits = new Map<string, string[]>();
      const branches = new Map<string, RollupBranch[]>();
      for (const item of list) {
        if (rand() < 0.5 && shaCount > 0) {
          const shas = new Set<string>();
          const k = 1 + Math.floor(rand() * 6);
          for (let j = 0; j < k; j++) shas.add(`s${Math.floor(rand() * shaCount)}`);
          commits.set(
            idKey(item.id),
            [...shas].sort((a, b) => (times.get(b) ?? 0) - (times.get(a) ?? 0)),
          );
        }
        if (rand() < 0.3)
          branches.set(idKey(item.id), [{ name: `b${Math.floor(rand() * 5)}`, time: Math.floor(rand() * 1000) }]);
      }
      const fast = runToEnd(rollUpSteps({ roadmap: hh, commits, commitTime: (s) => times.get(s), branches }, 3));
      assert.deepEqual(
        new Map([...fast].map(([k, v]) => [k, { ...v }])),
        naive(hh, commits, times, branches),
        `seed ${seed}`,
      );
    }
  });

  it('subtreeIds walks depth-first, stops at the limit and survives a repeated child', () => {
    assert.deepEqual(subtreeIds('REL-3.20', h.children), ['REL-3.20', 'F-1', 'F-2', 'F-3', 'F-4']);
    assert.deepEqual(subtreeIds('GOAL', h.children, 2), ['GOAL', 'REL-3.20']);
    const loop = (id: string): RoadmapItem[] => [makeItem({ id: id === 'A' ? 'B' : 'A' })];
    assert.deepEqual(subtreeIds('A', loop), ['A', 'B']);
  });

  it('newestShas keeps the newest distinct commits of several lists', () => {
    const t = new Map([
      ['a', 5],
      ['b', 4],
      ['c', 3],
      ['d', 9],
    ]);
    assert.deepEqual(
      newestShas(
        [
          ['a', 'b', 'c'],
          ['d', 'a'],
        ],
        (s) => t.get(s) ?? 0,
        3,
      ),
      ['d', 'a', 'b'],
    );
  });

  it('draws a text progress bar', () => {
    assert.equal(progressBar(0.5, 4), '■■□□');
    assert.equal(progressBar(1, 3), '■■■');
    assert.equal(progressBar(-1, 2), '□□');
  });
});
