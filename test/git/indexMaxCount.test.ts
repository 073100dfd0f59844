// `roadmapLens.history.maxCommits` bounds every full build of the commit index: the cold build, and
// the rebuilds updateIndexToHead falls back to after a force-push (old head gone after gc) or when
// the rewritten part alone is that long. Small updates stay incremental.
import { strict as assert } from 'node:assert';
import { buildIndexForHead, updateIndexToHead } from '../../src/git/commitIndexService';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { linkerFor } from '../unit/linkFixtures';
import { TestRepo } from './gitFixture';

const open = (dir: string): Promise<GitRepository> =>
  GitRepository.open(new GitRunner({ cwd: dir, isTrusted: () => true }));
const linker = linkerFor();
const MAX = 4;

function repoWith(commits: number): TestRepo {
  const repo = TestRepo.init();
  for (let i = 0; i < commits; i++) repo.commit(`CHK-12 step ${i}`);
  return repo;
}

/** Replaces main's whole history with `commits` new ones (a force-pushed rewrite), then forgets the old objects. */
function rewriteAndGc(repo: TestRepo, commits: number): void {
  repo.git('checkout', '-q', '--orphan', 'rewritten');
  repo.git('rm', '-rq', '--cached', '.');
  for (let i = 0; i < commits; i++) repo.commit(`CHK-13 rewritten ${i}`);
  repo.git('branch', '-f', 'main', 'rewritten');
  repo.git('checkout', '-q', 'main');
  repo.git('branch', '-D', 'rewritten');
  repo.git('reflog', 'expire', '--expire=now', '--all');
  repo.git('gc', '-q', '--prune=now');
}

describe('commit index: maxCount on every full build', () => {
  it('the cold build reads the newest maxCount commits only', async () => {
    const repo = repoWith(10);
    const r = await open(repo.dir);
    const index = await buildIndexForHead(r, linker, { maxCount: MAX });
    assert.equal(index.size, MAX);
    assert.ok(index.has(repo.head()), 'the newest commit is in');
    assert.equal((await buildIndexForHead(r, linker)).size, 10, 'unbounded without maxCount');
  });

  it('the rebuild after a force-push whose old head was gc-ed stays within maxCount', async () => {
    const repo = repoWith(6);
    const r = await open(repo.dir);
    const index = await buildIndexForHead(r, linker, { maxCount: MAX });
    const oldHead = repo.head();
    rewriteAndGc(repo, 12);
    assert.notEqual(repo.tryGit('cat-file', '-e', `${oldHead}^{commit}`), 0, 'the old head is gone');
    const u = await updateIndexToHead(r, index, linker, { maxCount: MAX });
    assert.equal(u.kind, 'rebuilt');
    assert.equal(u.index.size, MAX);
    assert.equal(u.index.head, repo.head());
    assert.equal(u.index.has(oldHead), false);
    assert.equal(u.index.commitsFor('CHK-13').length, MAX);
  });

  it('the same fallback without maxCount reads the whole new history (what the bound prevents)', async () => {
    const repo = repoWith(6);
    const r = await open(repo.dir);
    const index = await buildIndexForHead(r, linker, { maxCount: MAX });
    rewriteAndGc(repo, 12);
    const u = await updateIndexToHead(r, index, linker);
    assert.equal(u.kind, 'rebuilt');
    assert.equal(u.index.size, 12);
  });

  it('a rewrite whose old head still exists, longer than maxCount, is rebuilt within the bound', async () => {
    const repo = repoWith(8);
    const r = await open(repo.dir);
    const index = await buildIndexForHead(r, linker, { maxCount: MAX });
    const oldHead = repo.head();
    repo.git('reset', '-q', '--hard', 'HEAD~6');
    for (let i = 0; i < 6; i++) repo.commit(`CHK-13 rebased ${i}`);
    assert.equal(repo.tryGit('cat-file', '-e', `${oldHead}^{commit}`), 0, 'the old head is still there');
    const u = await updateIndexToHead(r, index, linker, { maxCount: MAX });
    assert.equal(u.kind, 'rebuilt');
    assert.equal(u.index.size, MAX);
    assert.equal(u.index.has(oldHead), false);
  });

  it('fewer new commits than maxCount stay an incremental update', async () => {
    const repo = repoWith(8);
    const r = await open(repo.dir);
    const index = await buildIndexForHead(r, linker, { maxCount: MAX });
    const added = [repo.commit('CHK-13 next'), repo.commit('CHK-13 after')];
    const u = await updateIndexToHead(r, index, linker, { maxCount: MAX });
    assert.equal(u.kind, 'updated');
    assert.equal(u.index, index, 'the same index, updated in place');
    assert.equal(u.index.size, MAX + 2);
    for (const sha of added) assert.ok(u.index.has(sha));
  });
});
