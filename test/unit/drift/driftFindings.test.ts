import * as assert from 'node:assert/strict';
import { driftFindings, type DriftFacts } from '../../../src/core/drift/driftFindings';
import type { RoadmapItem } from '../../../src/core/roadmap/roadmapTypes';

const DAY = 86_400;
const NOW = 1_800_000_000;

function item(id: string, status: string | undefined, paths: string[] = []): RoadmapItem {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return {
    id,
    kind: 'feature',
    title: id,
    ...(status ? { status } : {}),
    metrics: [],
    links: [],
    branches: [],
    paths,
    aliases: [],
    location: { file: '/r.yaml', range },
    idLocation: { file: '/r.yaml', range },
  };
}

function facts(over: Partial<DriftFacts>): DriftFacts {
  return {
    items: [],
    closing: [],
    lastCommit: new Map(),
    unmergedBranches: new Map(),
    deadGlobs: new Set(),
    base: 'main',
    now: NOW,
    staleDays: 30,
    ...over,
  };
}

describe('driftFindings', () => {
  it('planned or in-progress items closed on the base: mark shipped?', () => {
    const f = driftFindings(
      facts({
        items: [item('A', 'planned'), item('B', 'in-progress'), item('C', 'shipped'), item('D', 'dropped')],
        closing: [
          { sha: 'a'.repeat(40), time: NOW - DAY, subject: 'Fix A and B', itemIds: ['A', 'b', 'C', 'D'] },
          { sha: 'b'.repeat(40), time: NOW, subject: 'Newer fix of A', itemIds: ['A'] },
        ],
        lastCommit: new Map([['B', NOW]]),
      }),
    );
    assert.deepEqual(
      f.map((x) => [x.item.id, x.kind, x.suggestedStatus]),
      [
        ['A', 'closed-not-shipped', 'shipped'],
        ['B', 'closed-not-shipped', 'shipped'],
      ],
    );
    assert.match(f[0]?.message ?? '', /bbbbbbb \("Newer fix of A"\) on main closes it/);
    assert.equal(f[0]?.evidence.length, 2);
  });

  it('stale in-progress (old or no commits), dropped still active, shipped with unmerged tagged branches, dead paths', () => {
    const f = driftFindings(
      facts({
        items: [
          item('OLD', 'in-progress'),
          item('NONE', 'in-progress'),
          item('FRESH', 'in-progress'),
          item('DROP', 'dropped'),
          item('DROP-OLD', 'dropped'),
          item('SHIP', 'shipped'),
          item('P', undefined, ['gone/**', 'here/**']),
        ],
        lastCommit: new Map([
          ['OLD', NOW - 31 * DAY],
          ['FRESH', NOW - 29 * DAY],
          ['DROP', NOW - 2 * DAY],
          ['DROP-OLD', NOW - 40 * DAY],
        ]),
        unmergedBranches: new Map([['SHIP', [{ branch: 'feat/ship', ahead: 3 }]]]),
        deadGlobs: new Set(['gone/**']),
      }),
    );
    assert.deepEqual(
      f.map((x) => [x.item.id, x.kind]),
      [
        ['OLD', 'stale'],
        ['NONE', 'stale'],
        ['DROP', 'dropped-active'],
        ['SHIP', 'shipped-unmerged'],
        ['P', 'dead-path'],
      ],
    );
    assert.match(f[0]?.message ?? '', /31 days old \(more than 30\)/);
    assert.match(f[3]?.message ?? '', /feat\/ship \(3 commits\) is not merged into main/);
    assert.deepEqual(f[4]?.evidence, ['gone/**']);
  });
});
