import assert from 'node:assert/strict';
import { CommitIndex } from '../../src/core/commitIndex/commitIndex';
import type { RawCommit } from '../../src/core/gitOutput/gitLogParser';
import type { BranchRef } from '../../src/core/gitOutput/refListParser';
import { summarizeWork } from '../../src/core/commitIndex/workSummary';
import { linkerFor } from './linkFixtures';

function ref(name: string, remote?: string, time = 100): BranchRef {
  const branch = remote ? name.slice(remote.length + 1) : name;
  return {
    fullName: remote ? `refs/remotes/${name}` : `refs/heads/${name}`,
    name,
    branch,
    ...(remote ? { remote } : {}),
    sha: 'a'.repeat(40),
    time,
    author: 'Lee',
    subject: 's',
    isHead: false,
  };
}

const sha = (n: number): string => n.toString(16).padStart(40, '0');

function commit(n: number, message: string, parents: number[] = n > 1 ? [n - 1] : []): RawCommit {
  return { sha: sha(n), parents: parents.map(sha), author: 'Sam', email: 's@x', time: 1000 + n, message };
}

function indexOf(commits: RawCommit[]): CommitIndex {
  const linker = linkerFor();
  const index = new CommitIndex();
  index.add(commits, linker);
  index.finish(commits[commits.length - 1]?.sha, linker);
  return index;
}

describe('summarizeWork', () => {
  const branches = [
    ref('feature/chk-12-reorder'),
    ref('origin/feature/chk-12-reorder', 'origin'),
    ref('checkout/express'),
    ref('spike/no-ticket'),
    ref('main'),
    ref('origin/main', 'origin'),
  ];

  it('groups branches by item: tags (with the matching entry) and ids in names', () => {
    const s = summarizeWork({
      branches,
      linker: linkerFor(),
      index: undefined,
      itemIds: ['CHK', 'CHK-12', 'SRCH'],
      recentCommits: 5,
      baseBranch: 'origin/main',
    });
    assert.deepEqual(
      s.byItem.get('CHK-12')?.branches.map((b) => [b.ref.name, b.tagged]),
      [
        ['feature/chk-12-reorder', false],
        ['origin/feature/chk-12-reorder', false],
      ],
    );
    const chk = s.byItem.get('CHK')?.branches ?? [];
    assert.deepEqual(
      chk.map((b) => [b.ref.name, b.tagged, b.patterns.get('CHK')]),
      [['checkout/express', true, 'checkout/*']],
    );
    assert.equal(s.byItem.has('SRCH'), false, 'items without work are absent');
  });

  it('lists unlinked branches but never the base branch', () => {
    const s = summarizeWork({
      branches,
      linker: linkerFor(),
      index: undefined,
      itemIds: [],
      recentCommits: 5,
      baseBranch: 'origin/main',
    });
    assert.deepEqual(
      s.unlinkedBranches.map((b) => b.name),
      ['spike/no-ticket'],
    );
  });

  it('marks as mine the items with a commit by my email (any case), not those by others', () => {
    const mineCommit = (n: number, message: string, email: string): RawCommit => ({ ...commit(n, message), email });
    const index = indexOf([
      mineCommit(1, 'CHK-12: one', 'Lee@Example.com'),
      mineCommit(2, 'SRCH: two', 'sam@example.com'),
      mineCommit(3, 'CHK: three', 'sam@example.com'),
      mineCommit(4, 'Roadmap: CHK\n\nRoadmap: CHK', 'lee@example.com'),
    ]);
    const run = (myEmail?: string) =>
      [
        ...summarizeWork({
          branches: [],
          linker: linkerFor(),
          index,
          itemIds: ['CHK', 'CHK-12', 'SRCH'],
          recentCommits: 5,
          ...(myEmail !== undefined ? { myEmail } : {}),
        }).mine,
      ].sort();
    assert.deepEqual(run('lee@example.com'), ['CHK', 'CHK-12']);
    assert.deepEqual(run('nobody@example.com'), []);
    assert.deepEqual(run(), [], 'no user.email: nothing is mine by commits');
  });

  it('keeps the newest commits per item and the unlinked ones (merges excluded)', () => {
    const index = indexOf([
      commit(1, 'Initial'),
      commit(2, 'CHK-12: one'),
      commit(3, 'Fix typo'),
      commit(4, 'CHK-12: two'),
      commit(5, "Merge branch 'x'", [4, 3]),
    ]);
    const s = summarizeWork({
      branches: [],
      linker: linkerFor(),
      index,
      itemIds: ['CHK-12', 'CHK-13'],
      recentCommits: 1,
    });
    assert.deepEqual(
      s.byItem.get('CHK-12')?.commits.map((c) => c.subject),
      ['CHK-12: two'],
    );
    assert.deepEqual(
      s.unlinkedCommits.map((c) => c.subject),
      ['Fix typo'],
    );
    const all = summarizeWork({ branches: [], linker: linkerFor(), index, itemIds: ['CHK-12'], recentCommits: 10 });
    assert.deepEqual(
      all.unlinkedCommits.map((c) => c.subject),
      ['Fix typo', 'Initial'],
    );
  });

  it('caps branch lists for repositories with very many branches', () => {
    const many = Array.from({ length: 500 }, (_, i) => ref(`spike/${i}`));
    const s = summarizeWork({
      branches: many,
      linker: linkerFor(),
      index: undefined,
      itemIds: [],
      recentCommits: 0,
      maxBranches: 50,
    });
    assert.equal(s.unlinkedBranches.length, 50);
    assert.equal(s.unlinkedBranches[0]?.name, 'spike/0', 'newest (first listed) kept');
  });
});
