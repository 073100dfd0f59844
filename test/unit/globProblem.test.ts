import * as assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../src/core/util/didYouMean';
import { globProblem } from '../../src/core/roadmap/globProblem';

describe('globProblem', () => {
  for (const ok of [
    'checkout/*',
    'src/checkout/**',
    'feature/{a,b}-*',
    'src/[abc]/*.ts',
    'release/v1.2',
    '!(tmp)/**',
    'a\\{b',
    'CHK-12',
  ]) {
    it(`accepts ${ok}`, () => assert.equal(globProblem(ok), undefined));
  }
  for (const [bad, why] of [
    ['', /empty/],
    ['   ', /empty/],
    [' src/**', /spaces/],
    ['feat/{a,b', /unclosed `\{`/],
    ['src/[abc', /unclosed `\[`/],
    ['a)b', /unmatched `\)`/],
    ['a}', /unmatched `\}`/],
    ['src\\', /escape/],
  ] as const) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.match(globProblem(bad) ?? '', why));
  }
});

describe('didYouMean', () => {
  const keys = ['id', 'kind', 'title', 'why', 'owner', 'target', 'metrics', 'parent'];
  it('finds typos, transpositions and case slips', () => {
    assert.equal(didYouMean('ownr', keys), 'owner');
    assert.equal(didYouMean('tilte', keys), 'title');
    assert.equal(didYouMean('Title', keys), 'title');
    assert.equal(didYouMean('metric', keys), 'metrics');
    assert.equal(didYouMean('parnet', keys), 'parent');
  });
  it('stays quiet for unrelated words', () => {
    assert.equal(didYouMean('wibble', keys), undefined);
    assert.equal(didYouMean('x'.repeat(500), keys), undefined);
  });
  it('computes edit distance', () => {
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});
