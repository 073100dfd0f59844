// Long sessions and scale: caches stay at their bound after 1,000 distinct files or items, two tag
// edits in quick succession both land, and a generated 50,000-item roadmap parses and indexes.
// No timing assertions: sizes and results only.
import { strict as assert } from 'node:assert';
import { BlameCache, contentHash } from '../../src/core/attribution/blameCache';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { addBranchTag, applyTextEdits } from '../../src/core/roadmap/tagEdit';
import { FilesTouchedCache } from '../../src/work/model/filesTouchedCache';

describe('long sessions: bounded caches', () => {
  it('blame cache: 1,000 distinct files opened in turn keep it at its bound (entries and weight)', () => {
    // The attribution model's settings: 64 entries, 2,000,000 lines of weight.
    const cache = new BlameCache<{ lines: number }>({ maxEntries: 64, maxWeight: 2_000_000 });
    let maxSize = 0;
    for (let i = 0; i < 1000; i++) {
      const lines = i % 10 === 0 ? 100_000 : 300;
      const key = { head: 'h', path: `src/file-${i}.ts`, contentHash: contentHash(`content ${i}`) };
      cache.set(key, { lines }, lines);
      assert.deepEqual(cache.get(key), { lines }, 'the file just blamed is served');
      maxSize = Math.max(maxSize, cache.size);
    }
    assert.equal(maxSize, 64);
    assert.ok(cache.size <= 64);
    // The oldest are gone, the newest are there.
    assert.equal(cache.get({ head: 'h', path: 'src/file-0.ts', contentHash: contentHash('content 0') }), undefined);
    assert.ok(cache.get({ head: 'h', path: 'src/file-999.ts', contentHash: contentHash('content 999') }));
  });

  it('files-touched cache: 1,000 distinct items keep at most 32 entries', () => {
    const cache = new FilesTouchedCache(
      () => undefined,
      () => undefined,
    );
    for (let i = 0; i < 1000; i++) assert.deepEqual(cache.get(`folder#ITEM-${i}`, [], undefined), []);
    // Without git, get() only reads: an entry still held answers [], an evicted one undefined.
    let held = 0;
    for (let i = 0; i < 1000; i++) if (cache.get(`folder#ITEM-${i}`, ['a'.repeat(40)], undefined) !== undefined) held++;
    assert.equal(held, 32);
  });
});

describe('concurrency of tag edits (pure core)', () => {
  it('two tag edits in quick succession both land when each applies to the text the previous one left', () => {
    const original = 'version: 1\nitems:\n  - id: CHK-12\n    kind: feature\n    title: Reorder\n    why: W\n';
    const first = addBranchTag(original, 'CHK-12', 'feature/a');
    assert.ok(first.ok);
    const afterFirst = applyTextEdits(original, first.edits);
    const second = addBranchTag(afterFirst, 'CHK-12', 'feature/b');
    assert.ok(second.ok);
    const afterBoth = applyTextEdits(afterFirst, second.edits);
    const item = RoadmapIndex.build([parseRoadmapFile('r.yaml', afterBoth)]).get('CHK-12');
    assert.deepEqual(item?.branches, ['feature/a', 'feature/b']);
    assert.equal(item?.title, 'Reorder', 'the rest of the item is untouched');
    assert.equal(
      afterBoth.replace(/\n {4}branches:.*\n(?: {6}- .*\n)*/, '\n'),
      original,
      'only the branches lines were added',
    );
  });
});

describe('scale', function () {
  this.timeout(120_000);

  it('a generated roadmap of 50,000 items parses and indexes without a crash', () => {
    const lines = ['version: 1', 'product: Big', 'items:'];
    const goals = 50;
    const perGoal = 999;
    for (let g = 0; g < goals; g++) {
      lines.push(`  - id: G-${g}`, '    kind: goal', `    title: Goal ${g}`, `    why: Because ${g}`, '    items:');
      for (let f = 0; f < perGoal; f++) {
        lines.push(
          `      - id: F-${g}-${f}`,
          '        kind: feature',
          `        title: Feature ${g}.${f}`,
          `        why: Customers need ${f}`,
          '        status: planned',
        );
      }
    }
    const parsed = parseRoadmapFile('big.yaml', `${lines.join('\n')}\n`);
    const index = RoadmapIndex.build([parsed]);
    assert.equal(index.items.length, goals * (perGoal + 1));
    assert.equal(index.items.length, 50_000);
    assert.equal(index.roots().length, goals);
    assert.equal(index.children('G-7').length, perGoal);
    assert.deepEqual(
      index.ancestors('F-49-998').map((i) => i.id),
      ['G-49'],
    );
    assert.deepEqual(index.matcher.itemIds('fixes F-12-345 and G-3'), ['F-12-345', 'G-3']);
    assert.equal(index.diagnostics.filter((d) => d.severity === 'error').length, 0);
  });
});
