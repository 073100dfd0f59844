import { strict as assert } from 'node:assert';
import { decideCurrentWork, type CurrentWorkInput } from '../../src/core/linking/currentWork';
import { ITEMS, item, linkerFor } from './linkFixtures';

const SHA = 'a'.repeat(40);
const linker = linkerFor();
const decide = (input: CurrentWorkInput): unknown => {
  const w = decideCurrentWork(input, linker);
  return w.kind === 'item' ? `${w.itemId} via ${w.reason}` : `none: ${w.state}`;
};
const onBranch = (branch: string): CurrentWorkInput['head'] => ({ kind: 'branch', branch, sha: SHA });

describe('decideCurrentWork', () => {
  const table: [string, CurrentWorkInput, string][] = [
    ['untrusted', { head: { kind: 'untrusted' } }, 'none: untrusted'],
    ['git missing', { head: { kind: 'git-missing' } }, 'none: git-missing'],
    ['not a repo', { head: { kind: 'not-a-repo' } }, 'none: not-a-repo'],
    ['detached', { head: { kind: 'detached', sha: SHA } }, 'none: detached'],
    ['unborn, plain name', { head: { kind: 'unborn', branch: 'main' } }, 'none: unborn'],
    ['unborn, id in name', { head: { kind: 'unborn', branch: 'chk-12-x' } }, 'CHK-12 via branch-name'],
    ['tag beats id in name', { head: onBranch('checkout/chk-12-reorder') }, 'CHK via branch-tag'],
    ['id in name', { head: onBranch('feature/CHK-12-reorder') }, 'CHK-12 via branch-name'],
    ['ref in name', { head: onBranch('fix/pay-881') }, 'CHK via branch-name'],
    ['longer unknown id does not match', { head: onBranch('feature/chk-123') }, 'none: no-link'],
    [
      'commits decide when the name says nothing',
      {
        head: onBranch('topic'),
        commitsSinceBase: [
          { sha: '1', message: 'x CHK-13' },
          { sha: '2', message: 'CHK-12 a' },
          { sha: '3', message: 'CHK-12 b' },
        ],
      },
      'CHK-12 via commits',
    ],
    [
      'ties go to the most recent',
      {
        head: onBranch('topic'),
        commitsSinceBase: [
          { sha: '1', message: 'CHK-13' },
          { sha: '2', message: 'CHK-12' },
        ],
      },
      'CHK-13 via commits',
    ],
    [
      'trailers count as commit references',
      { head: onBranch('topic'), commitsSinceBase: [{ sha: '1', message: 'x\n\nRoadmap: CHK-13' }] },
      'CHK-13 via commits',
    ],
    [
      'no references anywhere',
      { head: onBranch('topic'), commitsSinceBase: [{ sha: '1', message: 'misc' }] },
      'none: no-link',
    ],
    [
      'rebase in progress uses the rebased branch',
      { head: { kind: 'detached', sha: SHA, operation: 'rebase', branch: 'chk-13-x' } },
      'CHK-13 via branch-name',
    ],
    [
      'merge in progress still on its branch',
      { head: { kind: 'branch', branch: 'chk-13-x', sha: SHA, operation: 'merge' } },
      'CHK-13 via branch-name',
    ],
    ['tag on the remote form of the branch', { head: onBranch('feature'), remotes: ['origin'] }, 'none: no-link'],
  ];
  for (const [name, input, want] of table) it(name, () => assert.equal(decide(input), want));

  it('reports the pattern, counts and the other candidates', () => {
    const w = decideCurrentWork(
      {
        head: onBranch('topic'),
        commitsSinceBase: [
          { sha: '1', message: 'CHK-12' },
          { sha: '2', message: 'CHK-13 CHK-12' },
        ],
      },
      linker,
    );
    assert.deepEqual(w, {
      kind: 'item',
      itemId: 'CHK-12',
      reason: 'commits',
      branch: 'topic',
      commitCount: 2,
      commitTotal: 2,
      others: ['CHK-13'],
    });
    const t = decideCurrentWork({ head: onBranch('checkout/x') }, linker);
    assert.equal(t.kind === 'item' ? t.pattern : undefined, 'checkout/*');
  });

  it('a tag on origin/<branch> also applies', () => {
    const custom = linkerFor([...ITEMS, item('REM', { branches: ['origin/feat-x'] })]);
    const w = decideCurrentWork({ head: onBranch('feat-x'), remotes: ['origin'] }, custom);
    assert.equal(w.kind === 'item' ? w.itemId : w.state, 'REM');
  });
});
