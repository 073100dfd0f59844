import * as assert from 'node:assert/strict';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import type { ParsedRoadmapFile, RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { SPEC_EXAMPLE } from './roadmapFixtures';
import { codes, rangeOf, yaml } from './roadmapTestUtil';

function index(...files: [string, string][]): RoadmapIndex {
  return RoadmapIndex.build(files.map(([name, text]) => parseRoadmapFile(name, text)));
}

const names = (items: readonly { id: string }[]): string[] => items.map((i) => i.id);

describe('RoadmapIndex', () => {
  describe('on the spec example', () => {
    const idx = index(['/w/roadmap.yaml', SPEC_EXAMPLE]);

    it('exposes product, items, files and no diagnostics', () => {
      assert.equal(idx.product, 'Acme Shop');
      assert.deepEqual(names(idx.items), ['GROW', 'CHK', 'CHK-12']);
      assert.equal(idx.files.length, 1);
      assert.deepEqual(idx.diagnostics, []);
    });

    it('gets by id ignoring case and spaces, then by ref', () => {
      assert.equal(idx.get('chk')?.id, 'CHK');
      assert.equal(idx.get(' Chk-12 ')?.id, 'CHK-12');
      assert.equal(idx.get('pay-881')?.id, 'CHK');
      assert.equal(idx.get('#1234')?.id, 'CHK');
      assert.equal(idx.get('nope'), undefined);
      assert.equal(idx.get(''), undefined);
    });

    it('knows the hierarchy: roots, children, parent, ancestors nearest first', () => {
      assert.deepEqual(names(idx.roots()), ['GROW']);
      assert.deepEqual(names(idx.children('grow')), ['CHK']);
      assert.deepEqual(names(idx.children('CHK')), ['CHK-12']);
      assert.deepEqual(names(idx.children('CHK-12')), []);
      assert.deepEqual(names(idx.children('unknown')), []);
      assert.equal(idx.parent('CHK-12')?.id, 'CHK');
      assert.equal(idx.parent('GROW'), undefined);
      assert.deepEqual(names(idx.ancestors('chk-12')), ['CHK', 'GROW']);
      assert.deepEqual(names(idx.ancestors('GROW')), []);
    });

    it('counts by kind in order of first appearance', () => {
      assert.deepEqual(
        [...idx.countByKind()],
        [
          ['goal', 1],
          ['epic', 1],
          ['feature', 1],
        ],
      );
    });

    it('has a matcher over ids and refs', () => {
      assert.deepEqual(idx.matcher.itemIds('feature/chk-12-reorder fixes PAY-881'), ['CHK-12', 'CHK']);
      assert.equal(idx.matcher, idx.matcher);
    });
  });

  it('empty is empty', () => {
    const e = RoadmapIndex.empty;
    assert.deepEqual(e.items, []);
    assert.deepEqual(e.roots(), []);
    assert.deepEqual(e.diagnostics, []);
    assert.equal(e.product, undefined);
    assert.equal(e.get('X'), undefined);
    assert.equal(e.countByKind().size, 0);
    assert.deepEqual(e.matcher.findAll('X-1 anything'), []);
  });

  it('merges files: parent: across files, the first product wins', () => {
    const a = yaml('version: 1', 'product: A', 'items:', '  - id: G', '    title: Goal');
    const b = yaml('version: 1', 'product: B', 'items:', '  - id: F', '    title: Feature', '    parent: g');
    const idx = index(['/w/roadmap.yaml', a], ['/w/roadmap/b.yaml', b]);
    assert.equal(idx.product, 'A');
    assert.deepEqual(names(idx.roots()), ['G']);
    assert.deepEqual(names(idx.children('G')), ['F']);
    assert.deepEqual(idx.diagnostics, []);
  });

  it('the same id in two files: error at both, pointing at each other; the first file wins', () => {
    const a = yaml('version: 1', 'items:', '  - id: CHK', '    title: First');
    const b = yaml('version: 1', 'items:', '  - id: other', '    title: O', '  - id: chk', '    title: Second');
    const idx = index(['/w/a.yaml', a], ['/w/b.yaml', b]);
    const dups = idx.diagnostics.filter((d) => d.code === 'duplicate-id');
    assert.equal(dups.length, 2);
    const inA = dups.find((d) => d.file === '/w/a.yaml');
    const inB = dups.find((d) => d.file === '/w/b.yaml');
    assert.deepEqual(inA?.range, rangeOf(a, 'CHK'));
    assert.deepEqual(inB?.range, rangeOf(b, 'chk'));
    assert.equal(inA?.related?.[0]?.location.file, '/w/b.yaml');
    assert.equal(inB?.related?.[0]?.location.file, '/w/a.yaml');
    assert.equal(idx.get('chk')?.title, 'First');
    assert.deepEqual(names(idx.items), ['CHK', 'other']);
  });

  it('unknown parent: error at the parent value, the item shown at the top level', () => {
    const text = yaml('version: 1', 'items:', '  - id: F', '    title: T', '    parent: NOPE');
    const idx = index(['/w/r.yaml', text]);
    const d = idx.diagnostics.find((x) => x.code === 'unknown-parent');
    assert.deepEqual(d?.range, rangeOf(text, 'NOPE'));
    assert.deepEqual(names(idx.roots()), ['F']);
    assert.equal(idx.parent('F'), undefined);
  });

  it('parent cycles: one error per cycle, broken at an explicit parent, every walk ends', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    parent: C',
      '  - id: B',
      '    title: T',
      '    parent: A',
      '  - id: C',
      '    title: T',
      '    parent: B',
      '  - id: S',
      '    title: Self',
      '    parent: s',
    );
    const idx = index(['/w/r.yaml', text]);
    const cycles = idx.diagnostics.filter((d) => d.code === 'parent-cycle');
    assert.equal(cycles.length, 2);
    assert.deepEqual(cycles[0]?.range, rangeOf(text, 'C', 0));
    assert.match(cycles[0]?.message ?? '', /"A" → "C" → "B" → "A"|"A" → .* → "A"/);
    assert.equal(cycles[0]?.related?.length, 2);
    assert.deepEqual(names(idx.roots()), ['A', 'S']);
    assert.deepEqual(names(idx.ancestors('B')), ['A']);
    assert.deepEqual(names(idx.ancestors('C')), ['B', 'A']);
    assert.deepEqual(names(idx.ancestors('S')), []);
  });

  it('a ref two items name links to both, without a warning', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    refs: [PAY-1]',
      '  - id: B',
      '    title: T',
      '    refs: [pay-1]',
    );
    const idx = index(['/w/r.yaml', text]);
    assert.deepEqual(idx.diagnostics, [], 'a shared ref is normal: no warning');
    assert.equal(idx.get('PAY-1')?.id, 'A');
    assert.deepEqual(
      idx.aliasOwners('pay-1').map((i) => i.id),
      ['A', 'B'],
    );
    assert.deepEqual(idx.matcher.itemIds('fixes PAY-1'), ['A', 'B']);
    assert.deepEqual(
      idx.aliasOwners('B').map((i) => i.id),
      ['B'],
    );
  });

  it("a ref equal to another item's id: warning, the id wins", () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    refs: [B]',
      '  - id: B',
      '    title: T',
    );
    const idx = index(['/w/r.yaml', text]);
    assert.deepEqual(codes(idx.diagnostics), ['ref-is-id']);
    assert.equal(idx.get('B')?.id, 'B');
  });

  it('keeps per-file diagnostics', () => {
    const idx = index(['/w/r.yaml', 'version: 2\n']);
    assert.deepEqual(codes(idx.diagnostics), ['invalid-version']);
  });

  it('handles a 100k-long parent chain and a 100k cycle without recursion', () => {
    const n = 100_000;
    const at = { file: '/w/r.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    const chain: RoadmapItem[] = [];
    for (let i = 0; i < n; i++) {
      const base = {
        id: `I${i}`,
        kind: 'story',
        title: 'T',
        metrics: [],
        links: [],
        branches: [],
        paths: [],
        aliases: [],
        location: at,
        idLocation: at,
        parentLocation: at,
      };
      // I0's parent is the last item: one cycle through all of them.
      chain.push({ ...base, parentId: `I${(i + n - 1) % n}` });
    }
    const file: ParsedRoadmapFile = { file: '/w/r.yaml', version: 1, items: chain, diagnostics: [] };
    const idx = RoadmapIndex.build([file]);
    assert.deepEqual(codes(idx.diagnostics), ['parent-cycle']);
    assert.deepEqual(names(idx.roots()), ['I0']);
    assert.equal(idx.ancestors(`I${n - 1}`).length, n - 1);
    assert.equal(idx.ancestors(`I${n - 1}`)[0]?.id, `I${n - 2}`);
  });
});
