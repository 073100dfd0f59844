import * as assert from 'node:assert/strict';
import { headingStart, LineKind, scanAnnotations } from '../../src/core/attribution/annotations';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';

const matcher = new ReferenceMatcher([
  { id: 'CHK-12', aliases: ['reorder'] },
  { id: 'CHK', aliases: [] },
  { id: 'PAY-3', aliases: [] },
]);

function found(lines: string[]): [number, string, boolean][] {
  return scanAnnotations(lines, matcher).annotations.map((a) => [a.line, a.itemId, a.explicit]);
}

describe('annotations', () => {
  it('finds ids in the common comment styles', () => {
    assert.deepEqual(
      found([
        'const a = 1; // Roadmap: CHK-12',
        '# see PAY-3',
        'x = 1  # PAY-3',
        '/* Implements: CHK-12 */ call();',
        '-- PAY-3 in SQL',
        '<!-- Roadmap: PAY-3 -->',
        '; PAY-3 in ini',
      ]),
      [
        [0, 'CHK-12', true],
        [1, 'PAY-3', false],
        [2, 'PAY-3', false],
        [3, 'CHK-12', true],
        [4, 'PAY-3', false],
        [5, 'PAY-3', true],
        [6, 'PAY-3', false],
      ],
    );
  });

  it('ignores ids in code and strings, and markers inside strings', () => {
    assert.deepEqual(
      found([
        'const CHK_12 = "CHK-12"; const u = "http://x/PAY-3";',
        "call('# PAY-3'); i--; for (;;) {}",
        'const y = CHK-12;',
      ]),
      [],
    );
  });

  it('follows block comments across lines, with * continuation lines', () => {
    const scan = scanAnnotations(
      ['/**', ' * Reorders the cart.', ' * Roadmap: CHK-12', ' */', 'function reorder() {}'],
      matcher,
    );
    assert.deepEqual(
      scan.annotations.map((a) => [a.line, a.itemId, a.comment]),
      [[2, 'CHK-12', 'Roadmap: CHK-12']],
    );
    assert.deepEqual(
      [...scan.kinds],
      [LineKind.Comment, LineKind.Comment, LineKind.Comment, LineKind.Comment, LineKind.Code],
    );
    assert.equal(headingStart(scan.kinds, 4), 0);
  });

  it('finds a comment after an unbalanced quote (prose, Rust lifetimes)', () => {
    assert.deepEqual(found(["fn f<'a>(x: &'a str) {} // CHK-12"]), [[0, 'CHK-12', false]]);
  });

  it('uses the longest id and counts an id once per line; refs map to their item', () => {
    assert.deepEqual(found(['// CHK-12 and CHK-12 and CHK', '// the reorder flow']), [
      [0, 'CHK-12', false],
      [0, 'CHK', false],
      [1, 'CHK-12', false],
    ]);
  });

  it('classifies decorators, blank and code lines; heading blocks stop at blank lines', () => {
    const scan = scanAnnotations(['// far away', '', '// CHK-12', '@Component()', 'class A {}'], matcher);
    assert.deepEqual(
      [...scan.kinds],
      [LineKind.Comment, LineKind.Blank, LineKind.Comment, LineKind.Attribute, LineKind.Code],
    );
    assert.equal(headingStart(scan.kinds, 4), 2);
  });
});
