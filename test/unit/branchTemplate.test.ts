import { strict as assert } from 'node:assert';
import { DEFAULT_BRANCH_TEMPLATE, renderBranchName, slugify } from '../../src/core/linking/branchTemplate';

describe('branchTemplate', () => {
  it('slugify: ascii, lower case, dashes, bounded at a word', () => {
    assert.equal(slugify('Café: one-click Re-order!'), 'cafe-one-click-re-order');
    assert.equal(slugify('  ---  '), '');
    assert.equal(slugify('alpha beta gamma', 10), 'alpha-beta');
    assert.equal(slugify('supercalifragilistic', 5), 'super');
    assert.equal(slugify('日本語 title'), 'title');
  });

  const item = { id: 'CHK-12', kind: 'feature', title: 'One-click reorder' };
  const cases: [string, Parameters<typeof renderBranchName>[1], string, number?][] = [
    [DEFAULT_BRANCH_TEMPLATE, item, 'feature/CHK-12-one-click-reorder'],
    ['{id}', item, 'CHK-12'],
    ['{kind}/{id}-{slug}', { id: 'X 1', kind: 'Big Epic', title: '' }, 'big-epic/X-1'],
    ['{kind}/{id}-{slug}', { id: '..weird~^:id', kind: 'epic', title: 'A' }, 'epic/weird-id-a'],
    ['{owner}/{id}', { ...item, owner: 'growth team' }, 'growth-team/CHK-12'],
    ['{owner}/{id}', item, 'CHK-12'],
    ['{kind}/{id}-{slug}', { ...item, title: 'word '.repeat(50) }, 'feature/CHK-12-word-word-word', 30],
    ['{id}.lock/{slug}', item, 'CHK-12-lock/one-click-reorder'],
  ];
  for (const [template, it_, want, max] of cases) {
    it(`${template} → ${want}`, () =>
      assert.equal(renderBranchName(template, it_, max === undefined ? {} : { maxLength: max }), want));
  }

  it('never exceeds the maximum length', () => {
    for (let max = 5; max < 60; max++)
      assert.ok(
        renderBranchName(DEFAULT_BRANCH_TEMPLATE, { ...item, title: 'a long title '.repeat(9) }, { maxLength: max })
          .length <= max,
      );
  });
});
