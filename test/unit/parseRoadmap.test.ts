import * as assert from 'node:assert/strict';
import { parseRoadmapBytes, parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { STARTER_ROADMAP_YAML } from '../../src/core/roadmap/starterRoadmap';
import { SPEC_EXAMPLE } from './roadmapFixtures';
import { codes, ids, only, rangeOf, yaml } from './roadmapTestUtil';

describe('parseRoadmapFile', () => {
  describe('the format example from the spec', () => {
    const parsed = parseRoadmapFile('/w/roadmap.yaml', SPEC_EXAMPLE);

    it('parses with no diagnostics', () => {
      assert.deepEqual(parsed.diagnostics, []);
      assert.equal(parsed.version, 1);
      assert.equal(parsed.product, 'Acme Shop');
      assert.equal(parsed.file, '/w/roadmap.yaml');
    });

    it('flattens items parents-first in file order, keeping nesting and parent: in parentId', () => {
      assert.deepEqual(ids(parsed), ['GROW', 'CHK', 'CHK-12']);
      assert.deepEqual(
        parsed.items.map((i) => i.parentId),
        [undefined, 'GROW', 'CHK'],
      );
    });

    it('reads every field', () => {
      const [grow, chk, reorder] = parsed.items;
      assert.ok(grow && chk && reorder);
      assert.equal(grow.kind, 'goal');
      assert.equal(grow.title, 'Grow repeat purchases');
      assert.equal(grow.why, 'Returning customers bring 60% of revenue, yet 70% never place a second order.');
      assert.deepEqual(grow.metrics, [{ name: '90-day repeat purchase rate', baseline: '18%', target: '30%' }]);
      assert.equal(grow.status, 'in-progress');
      assert.equal(grow.owner, 'growth-team');
      assert.equal(grow.target, '2026-Q3');
      assert.deepEqual(grow.links, ['https://example.com/specs/grow']);
      assert.deepEqual(chk.branches, ['checkout/*']);
      assert.deepEqual(chk.paths, ['src/checkout/**']);
      assert.deepEqual(chk.aliases, ['PAY-881', '#1234']);
      assert.equal(reorder.kind, 'feature');
      assert.equal(reorder.why, 'Weekly grocery shoppers must rebuild the same cart every week.');
      assert.deepEqual(reorder.links, []);
      assert.equal(reorder.status, undefined);
    });

    it('records exact 0-based ranges for ids, items, parents and refs', () => {
      const chk = parsed.items[1];
      const reorder = parsed.items[2];
      assert.ok(chk && reorder);
      assert.deepEqual(chk.idLocation, { file: '/w/roadmap.yaml', range: rangeOf(SPEC_EXAMPLE, 'CHK', 0) });
      assert.deepEqual(chk.location.range.start, rangeOf(SPEC_EXAMPLE, 'id: CHK').start);
      assert.deepEqual(reorder.parentLocation?.range, rangeOf(SPEC_EXAMPLE, 'CHK', 2));
      assert.deepEqual(
        chk.aliasLocations?.map((l) => l.range),
        [rangeOf(SPEC_EXAMPLE, 'PAY-881'), rangeOf(SPEC_EXAMPLE, '"#1234"')],
      );
    });
  });

  it('parses the starter roadmap with zero diagnostics', () => {
    const parsed = parseRoadmapFile('roadmap.yaml', STARTER_ROADMAP_YAML);
    assert.deepEqual(parsed.diagnostics, []);
    assert.ok(parsed.items.length >= 3);
    const kinds = new Set(parsed.items.map((i) => i.kind));
    for (const kind of ['goal', 'epic', 'feature']) assert.ok(kinds.has(kind), kind);
    for (const item of parsed.items.filter((i) => i.kind === 'feature')) {
      assert.ok(item.why, `${item.id} has a why`);
      assert.ok(item.metrics.length > 0 || item.parentId !== undefined);
    }
  });

  it('defaults kind to `item`, title to the id (with a warning), lower-cases kind, trims text', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    kind: Epic',
      '    why: "  spaced  "',
      '  - id: B',
      '    title: Bee',
    );
    const parsed = parseRoadmapFile('f', text);
    assert.equal(parsed.items[0]?.kind, 'epic');
    assert.equal(parsed.items[0]?.title, 'A');
    assert.equal(parsed.items[0]?.why, 'spaced');
    assert.equal(parsed.items[1]?.kind, 'item');
    assert.deepEqual(only(parsed, 'missing-title').range, rangeOf(text, 'A'));
  });

  it('reads numbers as written: target 2026, baseline 1.10, a numeric ref', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    target: 2026',
      '    refs: [1234, "#12"]',
      '    metrics:',
      '      - name: Rate',
      '        baseline: 1.10',
      '      - Plain metric',
    );
    const parsed = parseRoadmapFile('f', text);
    assert.deepEqual(parsed.diagnostics, []);
    const a = parsed.items[0];
    assert.equal(a?.target, '2026');
    assert.deepEqual(a?.aliases, ['1234', '#12']);
    assert.deepEqual(a?.metrics, [{ name: 'Rate', baseline: '1.10' }, { name: 'Plain metric' }]);
  });

  it('follows ordinary anchors and aliases', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    metrics: &m',
      '      - name: NPS',
      '  - id: B',
      '    title: U',
      '    metrics: *m',
    );
    const parsed = parseRoadmapFile('f', text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.items[1]?.metrics, [{ name: 'NPS' }]);
  });

  it('reports an alias without an anchor at the alias', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: T', '    why: *nowhere');
    const parsed = parseRoadmapFile('f', text);
    const d = only(parsed, 'unknown-alias');
    assert.deepEqual(d.range, rangeOf(text, '*nowhere'));
    assert.deepEqual(ids(parsed), ['A']);
  });

  it('accepts a file with only version and product (items may live in other files)', () => {
    const parsed = parseRoadmapFile('f', 'version: 1\nproduct: P\n');
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.items, []);
  });

  it('never exposes a key from the file as an object property', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: T', '    hasOwnProperty: 1', '    toString: 2');
    const parsed = parseRoadmapFile('f', text);
    assert.deepEqual(codes(parsed.diagnostics), ['unknown-key', 'unknown-key']);
    assert.equal(typeof parsed.items[0]?.toString, 'function');
  });

  it('reads CRLF files and a leading BOM with the same ranges as LF files', () => {
    const lf = yaml('version: 1', 'items:', '  - id: A', '    title: T', '    kind: epic');
    const expected = parseRoadmapFile('f', lf);
    for (const text of [lf.replace(/\n/g, '\r\n'), `\uFEFF${lf}`]) {
      const parsed = parseRoadmapFile('f', text);
      assert.deepEqual(parsed.diagnostics, expected.diagnostics);
      assert.deepEqual(parsed.items[0]?.idLocation, expected.items[0]?.idLocation);
      assert.equal(parsed.items[0]?.title, 'T');
    }
  });

  describe('parseRoadmapBytes', () => {
    it('puts decoding problems first and still parses the rest', () => {
      const bytes = Buffer.concat([
        Buffer.from('version: 1\nitems:\n  - id: A\n    title: caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]);
      const parsed = parseRoadmapBytes('f', bytes);
      assert.equal(parsed.diagnostics[0]?.code, 'invalid-encoding');
      assert.deepEqual(parsed.diagnostics[0]?.range.start, { line: 3, character: 14 });
      assert.equal(parsed.items[0]?.title, 'caf\uFFFD');
    });
  });
});
