import * as assert from 'node:assert/strict';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapFileSet, isUnreadable } from '../../src/core/roadmap/roadmapFileSet';

const MAIN = 'file:///w/roadmap.yaml';
const EXTRA = 'file:///w/roadmap/payments.yaml';

const GOOD = `version: 1
product: Acme Shop
items:
  - id: GROW
    kind: goal
    title: Grow repeat purchases
    items:
      - id: CHK
        kind: epic
        title: Frictionless checkout
        why: Shoppers rebuild their cart by hand.
`;

/** A quote that never closes: yaml cannot read the rest of the file. */
const BROKEN = GOOD.replace('title: Frictionless checkout', 'title: "Frictionless checkout');

const PAYMENTS = `version: 1
items:
  - id: CHK-15
    parent: CHK
    kind: feature
    title: Express pay
    why: Mobile shoppers abandon checkout at the card form.
`;

function ids(set: RoadmapFileSet): string[] {
  return set.index.items.map((i) => i.id);
}

describe('RoadmapFileSet', () => {
  it('merges files into one index with cross-file parents', () => {
    const set = new RoadmapFileSet();
    set.set(parseRoadmapFile(EXTRA, PAYMENTS));
    set.set(parseRoadmapFile(MAIN, GOOD));
    assert.deepEqual(ids(set), ['GROW', 'CHK', 'CHK-15'], 'files in a stable order, whatever the discovery order');
    assert.equal(set.index.parent('CHK-15')?.id, 'CHK');
    assert.equal(set.index.product, 'Acme Shop');
    assert.deepEqual(set.diagnostics, []);
  });

  it('keeps the last good items while the file has a YAML syntax error, and shows the error', () => {
    const set = new RoadmapFileSet();
    set.set(parseRoadmapFile(MAIN, GOOD));
    const broken = parseRoadmapFile(MAIN, BROKEN);
    assert.ok(isUnreadable(broken), JSON.stringify(broken.diagnostics));
    set.set(broken);
    assert.deepEqual(ids(set), ['GROW', 'CHK']);
    assert.ok(set.isStale(MAIN));
    assert.deepEqual(set.diagnostics, broken.diagnostics);
    assert.ok(set.diagnostics.some((d) => d.severity === 'error' && d.code === 'yaml-syntax'));

    set.set(parseRoadmapFile(MAIN, GOOD.replace('Frictionless checkout', 'One-tap checkout')));
    assert.ok(!set.isStale(MAIN));
    assert.equal(set.index.get('CHK')?.title, 'One-tap checkout');
    assert.deepEqual(set.diagnostics, []);
  });

  it('stays on the last good parse through several broken edits', () => {
    const set = new RoadmapFileSet();
    set.set(parseRoadmapFile(MAIN, GOOD));
    set.set(parseRoadmapFile(MAIN, BROKEN));
    set.set(parseRoadmapFile(MAIN, `${BROKEN}\n  - : [`));
    assert.deepEqual(ids(set), ['GROW', 'CHK']);
  });

  it('replaces the items when the file is readable but has content problems', () => {
    const set = new RoadmapFileSet();
    set.set(parseRoadmapFile(MAIN, GOOD));
    const noChk = GOOD.replace('      - id: CHK\n', '      - kind: story\n');
    set.set(parseRoadmapFile(MAIN, noChk));
    assert.ok(!set.isStale(MAIN));
    assert.deepEqual(ids(set), ['GROW']);
    assert.ok(set.diagnostics.length > 0);
  });

  it('shows whatever it can of a file that was never readable', () => {
    const set = new RoadmapFileSet();
    set.set(parseRoadmapFile(MAIN, BROKEN));
    assert.ok(!set.isStale(MAIN));
    assert.ok(set.diagnostics.some((d) => d.code === 'yaml-syntax'));
  });

  it('drops a deleted file and its diagnostics', () => {
    const set = new RoadmapFileSet();
    set.set(parseRoadmapFile(MAIN, GOOD));
    set.set(parseRoadmapFile(EXTRA, PAYMENTS.replace('parent: CHK', 'parent: NOPE')));
    assert.ok(set.diagnostics.some((d) => d.code === 'unknown-parent'));
    assert.ok(set.delete(EXTRA));
    assert.deepEqual(ids(set), ['GROW', 'CHK']);
    assert.deepEqual(set.diagnostics, []);
    assert.equal(set.delete(EXTRA), false);
  });
});
