import * as assert from 'node:assert/strict';
import { capFindingsByFile, statusFixes } from '../../../src/core/drift/driftFixes';
import {
  newestInSubtree,
  resolveClosing,
  type DriftFinding,
  type DriftKind,
} from '../../../src/core/drift/driftFindings';
import type { RoadmapItem } from '../../../src/core/roadmap/roadmapTypes';

function item(id: string, line: number): RoadmapItem {
  const range = { start: { line, character: 6 }, end: { line, character: 6 + id.length } };
  return {
    id,
    kind: 'feature',
    title: id,
    metrics: [],
    links: [],
    branches: [],
    paths: [],
    aliases: [],
    location: { file: '/r.yaml', range },
    idLocation: { file: '/r.yaml', range },
  };
}

function finding(kind: DriftKind, line: number): DriftFinding {
  return { kind, item: item(`X-${line}`, line), message: `${kind} ${line}`, evidence: [] };
}

const KINDS: DriftKind[] = ['closed-not-shipped', 'shipped-unmerged', 'stale', 'dropped-active', 'dead-path'];

describe('drift fixes', () => {
  it('offers the status the evidence points at, and nothing for a dead glob', () => {
    const table: [DriftKind, string[]][] = [
      ['closed-not-shipped', ['shipped']],
      ['shipped-unmerged', ['in-progress']],
      ['stale', ['planned', 'dropped']],
      ['dropped-active', ['in-progress']],
      ['dead-path', []],
    ];
    for (const [kind, want] of table) assert.deepEqual([...statusFixes({ kind })], want, kind);
    assert.deepEqual([...statusFixes({ kind: 'closed-not-shipped', suggestedStatus: 'shipped' })], ['shipped']);
    assert.deepEqual([...statusFixes({ kind: 'stale', suggestedStatus: 'done' })], ['done', 'planned', 'dropped']);
  });

  it('caps across files: keeps the most actionable, shows each file in file order, counts the rest (property)', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const order = ['closed-not-shipped', 'shipped-unmerged', 'dropped-active', 'dead-path', 'stale'];
    for (let run = 0; run < 200; run++) {
      const byFile = new Map<string, DriftFinding[]>();
      const fileCount = 1 + rand(5);
      for (let f = 0; f < fileCount; f++) {
        const n = rand(30);
        byFile.set(
          `/roadmap/f${f}.yaml`,
          Array.from({ length: n }, (_, i) => finding(KINDS[rand(KINDS.length)] as DriftKind, i * 3 + rand(3))),
        );
      }
      const all = [...byFile.values()].flat();
      const max = rand(40);
      const { shown, hidden, hiddenFiles } = capFindingsByFile(byFile, max);
      const kept = [...shown.values()].flat();
      assert.equal(kept.length, Math.min(all.length, max));
      assert.equal(hidden, all.length - kept.length);
      assert.equal(
        hiddenFiles,
        [...byFile].filter(([file, list]) => list.length > (shown.get(file)?.length ?? 0)).length,
      );
      for (const [file, list] of shown) {
        assert.ok(
          list.every((f) => byFile.get(file)?.includes(f)),
          'each finding stays in its own file',
        );
        const lines = list.map((f) => f.item.idLocation.range.start.line);
        assert.deepEqual(
          lines,
          [...lines].sort((a, b) => a - b),
          'file order',
        );
      }
      // Nothing left out, in any file, outranks anything shown.
      const worstShown = Math.max(-1, ...kept.map((f) => order.indexOf(f.kind)));
      for (const f of all.filter((x) => !kept.includes(x)))
        assert.ok(order.indexOf(f.kind) >= worstShown, `${f.kind} left out before ${worstShown}`);
    }
  });

  it('caps across files: a thousand stale items in 25 files show as the first hundred', () => {
    const byFile = new Map<string, DriftFinding[]>();
    for (let f = 0; f < 25; f++)
      byFile.set(
        `/roadmap/area-${String(f).padStart(2, '0')}.yaml`,
        Array.from({ length: 40 }, (_, i) => finding('stale', i)),
      );
    byFile.get('/roadmap/area-24.yaml')?.push(finding('closed-not-shipped', 99));
    const { shown, hidden, hiddenFiles } = capFindingsByFile(byFile, 100);
    assert.equal([...shown.values()].flat().length, 100);
    assert.equal(hidden, 901);
    assert.equal(hiddenFiles, 23);
    // The closed-but-not-shipped one first, then the stale ones of the first files.
    assert.deepEqual(
      [...shown].map(([file, list]) => [file, list.length]),
      [
        ['/roadmap/area-24.yaml', 1],
        ['/roadmap/area-00.yaml', 40],
        ['/roadmap/area-01.yaml', 40],
        ['/roadmap/area-02.yaml', 19],
      ],
    );
    assert.equal(capFindingsByFile(byFile, 0).shown.size, 0, 'zero turns them off');
  });

  it('resolves closing references through the roadmap, dropping commits that close nothing here', () => {
    const items = new Map([
      ['#12', item('GH-12', 1)],
      ['PAY-3', item('PAY-3', 2)],
    ]);
    const out = resolveClosing(
      [
        { sha: 'a'.repeat(40), time: 5, subject: 'Fix', refs: ['#12', 'pay-3', '#99'] },
        { sha: 'b'.repeat(40), time: 4, subject: 'Other', refs: ['#99'] },
      ],
      (ref) => items.get(ref.toUpperCase()),
    );
    assert.deepEqual(out, [{ sha: 'a'.repeat(40), time: 5, subject: 'Fix', itemIds: ['GH-12', 'PAY-3'] }]);
  });
});

describe('newestInSubtree', () => {
  it('an epic is as fresh as its newest descendant; cycles and leaves without commits stay bounded', () => {
    const mk = (id: string): RoadmapItem => item(id, 0);
    const tree: Record<string, string[]> = {
      G: ['E'],
      E: ['F1', 'F2'],
      F1: [],
      F2: ['F3'],
      F3: [],
      X: ['Y'],
      Y: ['X'],
      L: [],
    };
    const items = Object.keys(tree).map(mk);
    const own = new Map([
      ['F1', 100],
      ['F3', 300],
      ['E', 200],
      ['Y', 50],
    ]);
    const out = newestInSubtree(items, own, (id) => (tree[id.toUpperCase()] ?? []).map(mk));
    assert.equal(out.get('G'), 300);
    assert.equal(out.get('E'), 300);
    assert.equal(out.get('F1'), 100);
    assert.equal(out.get('F2'), 300);
    assert.equal(out.get('Y'), 50);
    assert.equal(out.get('X'), 50);
    assert.equal(out.has('L'), false, 'no commits anywhere below: no time');
  });
});
