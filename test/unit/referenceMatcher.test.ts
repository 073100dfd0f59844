import { strict as assert } from 'node:assert';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';

const items = [
  { id: 'CHK', aliases: ['PAY-881', '#1234'] },
  { id: 'CHK-12', aliases: [] },
  { id: 'GROW', aliases: ['growth.q3'] },
  { id: 'SRCH-3', aliases: ['CHK-12'] }, // a ref equal to another item's id: the id wins
  { id: 'v1.2', aliases: [] },
];
const matcher = new ReferenceMatcher(items);

describe('ReferenceMatcher', () => {
  const table: Array<[string, string[]]> = [
    ['feature/chk-12-reorder', ['CHK-12']],
    ['CHK-123 is another ticket', []],
    ['fix CHK-12', ['CHK-12']],
    ['chk: tidy', ['CHK']],
    ['checkout/chk-reorder', ['CHK']],
    ['CHKX and XCHK', []],
    ['UTF-8 and SHA-256 only', []],
    ['PAY-881 and #1234', ['CHK']],
    ['Merge pull request #1234 from org/x', ['CHK']],
    ['#12345 only', []],
    ['GROW, CHK-12; chk', ['GROW', 'CHK-12', 'CHK']],
    ['refs growth.q3 done', ['GROW']],
    ['release v1.2 tagged', ['v1.2']],
    ['release v1.2.3 tagged', []],
    ['éCHK-12 glued to a letter', []],
    ['(CHK-12)', ['CHK-12']],
    ['CHK-12/CHK', ['CHK-12', 'CHK']],
    ['', []],
  ];
  for (const [text, expected] of table) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(matcher.itemIds(text), expected);
    });
  }

  it('reports offsets, the text as written and whether a ref matched', () => {
    const [m] = matcher.findAll('see pay-881 now');
    assert.deepEqual(m, { itemId: 'CHK', text: 'pay-881', start: 4, end: 11, viaAlias: true });
  });

  it('prefers an id over another item’s ref with the same text', () => {
    const [m] = matcher.findAll('CHK-12');
    assert.equal(m?.itemId, 'CHK-12');
    assert.equal(m?.viaAlias, false);
  });

  it('finds the match under a cursor offset', () => {
    const text = 'a CHK-12 b';
    assert.equal(matcher.at(text, 2)?.itemId, 'CHK-12');
    assert.equal(matcher.at(text, 8)?.itemId, 'CHK-12');
    assert.equal(matcher.at(text, 0), undefined);
  });

  it('links a ref two items share to both (one pull request fixed both), and ignores blank keys', () => {
    const m = new ReferenceMatcher([
      { id: 'A', aliases: ['X-1', '  '] },
      { id: 'B', aliases: ['x-1', 'X-1'] },
    ]);
    assert.deepEqual(m.itemIds('X-1'), ['A', 'B']);
    assert.deepEqual(m.findAll('fixes X-1')[0]?.sharedWith, ['B']);
    assert.equal(new ReferenceMatcher([{ id: 'A', aliases: ['X-1'] }]).findAll('X-1')[0]?.sharedWith, undefined);
    assert.equal(m.keyCount, 3); // A, B and X-1 once
  });

  it('matches nothing with an empty roadmap', () => {
    assert.deepEqual(new ReferenceMatcher([]).findAll('CHK-12'), []);
  });
});
