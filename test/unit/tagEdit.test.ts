import { strict as assert } from 'node:assert';
import { addBranchTag, applyTextEdits, removeBranchTag, type TagEditResult } from '../../src/core/roadmap/tagEdit';

function applied(text: string, r: TagEditResult): string {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return applyTextEdits(text, r.edits);
}

const ROADMAP = `version: 1
product: Acme Shop   # the product
items:
  - id: GROW                      # unique
    kind: goal
    title: Grow repeat purchases
    why: >
      Returning customers bring 60% of revenue.

    items:                        # children nest...
      - id: CHK
        kind: epic
        title: 'Frictionless checkout'
        branches: ["checkout/*"]  # tagged
        refs: [PAY-881, "#1234"]

  - id: CHK-12
    parent: CHK                   # parent form
    kind: feature
    title: One-click reorder
    branches:
      - 'reorder/*'   # single quoted

      - team-a/chk-12
    why: Weekly shoppers rebuild carts.
  - {id: FLOW, kind: feature, title: Flow item}
`;

describe('tagEdit', () => {
  it('appends to a flow list, keeping its quoting', () => {
    const out = applied(ROADMAP, addBranchTag(ROADMAP, 'chk', 'feature/x'));
    assert.equal(
      out,
      ROADMAP.replace('branches: ["checkout/*"]  # tagged', 'branches: ["checkout/*", "feature/x"]  # tagged'),
    );
  });

  it('appends to a block list after its last entry, same indent and style', () => {
    const out = applied(ROADMAP, addBranchTag(ROADMAP, 'CHK-12', 'hotfix/1'));
    assert.equal(out, ROADMAP.replace('      - team-a/chk-12\n', '      - team-a/chk-12\n      - hotfix/1\n'));
  });

  it('quotes only when a plain entry would not read back the same', () => {
    const out = applied(ROADMAP, addBranchTag(ROADMAP, 'CHK-12', '*star'));
    assert.equal(out, ROADMAP.replace('      - team-a/chk-12\n', '      - team-a/chk-12\n      - "*star"\n'));
  });

  it('adds a branches key after the last scalar key of an item with nested items', () => {
    const out = applied(ROADMAP, addBranchTag(ROADMAP, 'GROW', 'grow/*'));
    assert.equal(
      out,
      ROADMAP.replace(
        '      Returning customers bring 60% of revenue.\n',
        '      Returning customers bring 60% of revenue.\n    branches: ["grow/*"]\n',
      ),
    );
  });

  it('adds to a flow-mapping item', () => {
    const out = applied(ROADMAP, addBranchTag(ROADMAP, 'FLOW', 'f/1'));
    assert.equal(out, ROADMAP.replace('title: Flow item}', 'title: Flow item, branches: ["f/1"]}'));
  });

  it('adds after the last scalar of a simple item with an end-of-line comment', () => {
    const text = 'items:\n  - id: A\n    title: T   # note\n\n  - id: B\n';
    assert.equal(
      applied(text, addBranchTag(text, 'A', 'a/b')),
      'items:\n  - id: A\n    title: T   # note\n    branches: ["a/b"]\n\n  - id: B\n',
    );
  });

  it('fills an empty branches key, an empty flow list and converts a single string', () => {
    const empty = 'items:\n  - id: A\n    branches:\n    title: T\n';
    assert.equal(
      applied(empty, addBranchTag(empty, 'A', 'x')),
      'items:\n  - id: A\n    branches: ["x"]\n    title: T\n',
    );
    const flow = 'items:\n  - id: A\n    branches: []\n';
    assert.equal(applied(flow, addBranchTag(flow, 'A', 'x')), 'items:\n  - id: A\n    branches: [x]\n');
    const single = 'items:\n  - id: A\n    branches: "a/*" # c\n';
    assert.equal(
      applied(single, addBranchTag(single, 'A', 'b')),
      'items:\n  - id: A\n    branches: ["a/*", "b"] # c\n',
    );
  });

  it('keeps CRLF files intact outside the edit', () => {
    const text = 'items:\r\n  - id: A\r\n    branches: [a]\r\n';
    assert.equal(applied(text, addBranchTag(text, 'A', 'b')), 'items:\r\n  - id: A\r\n    branches: [a, b]\r\n');
  });

  it('refuses clearly', () => {
    const cases: [TagEditResult, string][] = [
      [addBranchTag(ROADMAP, 'NOPE', 'x'), 'item-not-found'],
      [addBranchTag(ROADMAP, 'CHK', 'checkout/*'), 'already-tagged'],
      [addBranchTag('items:\n  - id: A\n    title: [unclosed\n', 'A', 'x'), 'roadmap-invalid'],
      [addBranchTag(ROADMAP, 'CHK', 'a\nb'), 'invalid-branch'],
      [removeBranchTag(ROADMAP, 'CHK', 'nope/*'), 'not-tagged'],
      [removeBranchTag(ROADMAP, 'GROW', 'x'), 'not-tagged'],
    ];
    for (const [r, reason] of cases) assert.equal(r.ok ? 'ok' : r.reason, reason);
  });

  it('removes from a flow list (first, middle, last, only)', () => {
    const text = 'items:\n  - id: A\n    branches: [a, "b", c]  # k\n';
    assert.equal(applied(text, removeBranchTag(text, 'A', 'a')), 'items:\n  - id: A\n    branches: ["b", c]  # k\n');
    assert.equal(applied(text, removeBranchTag(text, 'A', 'b')), 'items:\n  - id: A\n    branches: [a, c]  # k\n');
    assert.equal(applied(text, removeBranchTag(text, 'A', 'c')), 'items:\n  - id: A\n    branches: [a, "b"]  # k\n');
    const one = 'items:\n  - id: A\n    branches: ["x"]\n';
    assert.equal(applied(one, removeBranchTag(one, 'A', 'x')), 'items:\n  - id: A\n    branches: []\n');
  });

  it('removes a block entry line, and the last entry leaves an empty list', () => {
    const out = applied(ROADMAP, removeBranchTag(ROADMAP, 'CHK-12', 'reorder/*'));
    assert.equal(out, ROADMAP.replace("      - 'reorder/*'   # single quoted\n", ''));
    const one = 'items:\n  - id: A\n    branches:\n      - x  # c\n    title: T\n';
    assert.equal(applied(one, removeBranchTag(one, 'A', 'x')), 'items:\n  - id: A\n    branches: []\n    title: T\n');
  });

  it('add then remove gives back the original bytes', () => {
    for (const [id, branch] of [
      ['CHK', 'n/1'],
      ['CHK-12', 'n/2'],
      ['GROW', 'n/3'],
      ['FLOW', 'n/4'],
    ] as const) {
      const added = applied(ROADMAP, addBranchTag(ROADMAP, id, branch));
      const removed = applied(added, removeBranchTag(added, id, branch));
      if (id === 'GROW' || id === 'FLOW') assert.ok(removed.includes('branches: []'));
      else assert.equal(removed, ROADMAP);
    }
  });
});
