import assert from 'node:assert/strict';
import { coverageSteps, coverageText, percent, type CoverageCommit } from '../../src/core/rollup/coverage';
import { runToEnd } from '../../src/core/util/timeSlices';

const at = (iso: string): number => Date.parse(iso) / 1000;
const c = (sha: string, iso: string, parents = 1): CoverageCommit => ({
  sha,
  time: at(iso),
  parents: Array.from({ length: parents }, (_, i) => `p${i}`),
});

describe('coverage', () => {
  it('counts linked commits overall and per UTC month, merges left out, empty months kept', () => {
    const commits = [
      c('a', '2026-03-31T23:30:00Z'),
      c('b', '2026-03-01T00:00:00Z'),
      c('m', '2026-03-02T00:00:00Z', 2),
      c('d', '2026-01-15T00:00:00Z'),
    ];
    const linked = new Set(['a', 'm']);
    const cov = runToEnd(coverageSteps(commits, (s) => linked.has(s), 1));
    assert.equal(cov.commits, 3);
    assert.equal(cov.linked, 1);
    assert.deepEqual(cov.months, [
      { month: '2026-01', commits: 1, linked: 0 },
      { month: '2026-02', commits: 0, linked: 0 },
      { month: '2026-03', commits: 2, linked: 1 },
    ]);
  });

  it('says it as a sentence, with percentages that never round to 0 or 100 falsely', () => {
    assert.equal(coverageText({ commits: 9738, linked: 1630 }), '1,630 of 9,738 commits (17%) link to an item');
    assert.equal(coverageText({ commits: 0, linked: 0 }), 'No commits indexed yet');
    assert.equal(percent(1, 1000), 1);
    assert.equal(percent(999, 1000), 99);
    assert.equal(percent(0, 10), 0);
    assert.equal(percent(10, 10), 100);
  });

  it('does not produce a month per year of a corrupt timestamp', () => {
    const cov = runToEnd(
      coverageSteps([c('a', '2026-01-01T00:00:00Z'), { sha: 'z', parents: [], time: 1e12 }], () => true),
    );
    assert.equal(cov.commits, 2);
    assert.equal(cov.months.length, 0);
  });
});
