// GitRepository, the commit index and current-work detection against real repositories:
// merges with branch names, squash merges, detached HEAD, unborn branches, rebase and merge in
// progress, worktrees, shallow clones, hostile branch names and megabyte messages.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitIndex } from '../../src/core/commitIndex/commitIndex';
import { collectCommits } from '../../src/core/commitIndex/commitIndexBuilder';
import type { RawCommit } from '../../src/core/gitOutput/gitLogParser';
import { buildIndexForHead, updateIndexToHead } from '../../src/git/commitIndexService';
import { detectCurrentWork, readWorkFacts, type CurrentWorkResult } from '../../src/git/currentWorkService';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { item, linkerFor } from '../unit/linkFixtures';
import { tempDir, TestRepo } from './gitFixture';

const runner = (dir: string): GitRunner => new GitRunner({ cwd: dir, isTrusted: () => true });
const open = (dir: string): Promise<GitRepository> => GitRepository.open(runner(dir));
const linker = linkerFor();

function kinds(index: CommitIndex, sha: string): string[] {
  return index
    .evidence(sha)
    .map((e) => `${e.itemId}:${e.kind}`)
    .sort();
}

/** main with a --no-ff merge of feature/chk-12-reorder, a squash merge, and a tagged branch. */
function historyRepo(): {
  repo: TestRepo;
  f1: string;
  f2: string;
  merge: string;
  squash: string;
  base: string;
  t1: string;
} {
  const repo = TestRepo.init();
  const base = repo.commit('init');
  repo.git('checkout', '-q', '-b', 'feature/chk-12-reorder');
  const f1 = repo.commit('add button');
  const f2 = repo.commit('wire api');
  repo.git('checkout', '-q', 'main');
  repo.commit('main moves on');
  repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/chk-12-reorder'", 'feature/chk-12-reorder');
  const merge = repo.head();
  repo.git('checkout', '-q', '-b', 'squashme');
  repo.commit('CHK-13: part one');
  repo.commit('part two');
  repo.git('checkout', '-q', 'main');
  repo.git('merge', '-q', '--squash', 'squashme');
  repo.gitInput('Search box (#45)\n\n* CHK-13: part one\n\n* part two\n', 'commit', '-q', '-F', '-');
  const squash = repo.head();
  repo.git('checkout', '-q', '-b', 'checkout/tagged-work');
  const t1 = repo.commit('tagged work\n\nRoadmap: CHK-12');
  repo.git('checkout', '-q', 'main');
  repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'checkout/tagged-work'", 'checkout/tagged-work');
  return { repo, f1, f2, merge, squash, base, t1 };
}

describe('GitRepository', () => {
  it('indexes merges (brought-in commits inherit), squash merges, tags and trailers', async () => {
    const h = historyRepo();
    const r = await open(h.repo.dir);
    const index = await buildIndexForHead(r, linker);
    assert.equal(index.size, 8); // the squashed branch's own commits are not on main
    assert.deepEqual(kinds(index, h.f1), ['CHK-12:merge']);
    assert.deepEqual(kinds(index, h.f2), ['CHK-12:merge']);
    assert.deepEqual(kinds(index, h.merge), ['CHK-12:merge']);
    assert.deepEqual(kinds(index, h.squash), ['CHK-13:squash']);
    assert.deepEqual(kinds(index, h.t1), ['CHK-12:trailer', 'CHK:branch-tag']);
    assert.deepEqual(kinds(index, h.base), []);
    // Branch deleted: still linked through the merge.
    h.repo.git('branch', '-q', '-D', 'feature/chk-12-reorder');
    const again = await buildIndexForHead(await open(h.repo.dir), linker);
    assert.deepEqual(kinds(again, h.f1), ['CHK-12:merge']);
  });

  it('reads the repository\'s user.email (whose commits are "mine")', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    repo.git('config', 'user.email', 'Lee@Example.com');
    assert.equal(await (await open(repo.dir)).userEmail(), 'Lee@Example.com');
  });

  it('lists local and remote branches with date and author; resolves the base branch', async () => {
    const h = historyRepo();
    const clone = tempDir();
    h.repo.git('clone', '-q', h.repo.dir, clone);
    const c = new TestRepo(clone);
    c.git('checkout', '-q', '-b', 'mine');
    const r = await open(clone);
    const branches = await r.branches();
    const names = branches.map((b) => b.name);
    assert.ok(names.includes('mine') && names.includes('origin/main') && names.includes('origin/checkout/tagged-work'));
    assert.ok(!names.includes('origin/HEAD'));
    const remote = branches.find((b) => b.name === 'origin/checkout/tagged-work');
    assert.equal(remote?.remote, 'origin');
    assert.equal(remote?.branch, 'checkout/tagged-work');
    assert.equal(remote?.author, 'Ann Author');
    assert.ok((remote?.time ?? 0) > 1_600_000_000);
    assert.equal(branches.find((b) => b.isHead)?.name, 'mine');
    assert.equal(await r.baseBranch(), 'origin/main');
    assert.equal(await r.baseBranch('main'), 'main');
    assert.equal(await r.baseBranch('nope'), undefined);
    assert.equal(await (await open(h.repo.dir)).baseBranch(), 'main');
    const mb = await r.mergeBase('mine', 'origin/main');
    assert.equal(mb, h.repo.head());
    assert.equal(await r.isAncestor(h.base, 'mine'), true);
  });

  it('HEAD states: branch, detached, unborn, merge and rebase in progress', async () => {
    const repo = TestRepo.init();
    assert.deepEqual(await (await open(repo.dir)).head(), { kind: 'unborn', branch: 'main' });
    const first = repo.commit('one', 'x.txt', 'a\n');
    const r = await open(repo.dir);
    assert.deepEqual(await r.head(), { kind: 'branch', branch: 'main', sha: first });
    repo.git('checkout', '-q', '--detach');
    assert.deepEqual(await r.head(), { kind: 'detached', sha: first });
    repo.git('checkout', '-q', 'main');

    repo.git('checkout', '-q', '-b', 'chk-13-side');
    repo.commit('side', 'x.txt', 'side\n');
    repo.git('checkout', '-q', 'main');
    repo.commit('main', 'x.txt', 'main\n');
    assert.notEqual(repo.tryGit('merge', '-q', 'chk-13-side'), 0);
    const merging = await r.head();
    assert.equal(merging.kind === 'branch' ? merging.operation : merging.kind, 'merge');
    repo.git('merge', '--abort');

    repo.git('checkout', '-q', 'chk-13-side');
    assert.notEqual(repo.tryGit('rebase', '-q', 'main'), 0);
    const during = await r.head();
    assert.equal(during.kind, 'detached');
    assert.equal(during.kind === 'detached' ? `${during.operation}:${during.branch}` : '', 'rebase:chk-13-side');
    const work = await detectCurrentWork(runner(repo.dir), linker);
    assert.equal(work.work.kind === 'item' ? work.work.itemId : work.work.state, 'CHK-13');
    repo.git('rebase', '--abort');
  });

  it('worktrees and shallow clones', async () => {
    const h = historyRepo();
    const wt = path.join(tempDir(), 'wt');
    h.repo.git('worktree', 'add', '-q', '-b', 'chk-13-wt', wt);
    const r = await open(wt);
    assert.equal(r.info.isWorktree, true);
    assert.equal(r.info.root, wt);
    assert.deepEqual(
      (await r.head()).kind === 'branch' ? ((await r.head()) as { branch: string }).branch : '',
      'chk-13-wt',
    );
    const current = await detectCurrentWork(runner(wt), linker);
    assert.equal(current.work.kind === 'item' && current.work.reason, 'branch-name');

    const shallow = tempDir();
    h.repo.git('clone', '-q', '--depth', '2', `file://${h.repo.dir}`, shallow);
    const s = await open(shallow);
    assert.equal(s.info.isShallow, true);
    assert.equal((await open(h.repo.dir)).info.isShallow, false);
    const index = await buildIndexForHead(s, linker);
    assert.ok(index.size >= 2 && index.size < 10, `indexed ${index.size}`);
  });

  it('current work: tag > name > commits since the base branch', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('wire CHK-13 api');
    repo.commit('more\n\nRefs: CHK-13');
    repo.commit('CHK-12 drive-by');
    const res = await detectCurrentWork(runner(repo.dir), linker);
    assert.equal(res.base, 'main');
    assert.deepEqual(res.work, {
      kind: 'item',
      itemId: 'CHK-13',
      reason: 'commits',
      branch: 'topic',
      commitCount: 2,
      commitTotal: 3,
      others: ['CHK-12'],
    });
    repo.git('checkout', '-q', '-b', 'checkout/chk-12');
    const tagged = await detectCurrentWork(runner(repo.dir), linker);
    assert.equal(tagged.work.kind === 'item' ? `${tagged.work.itemId}/${tagged.work.reason}` : '', 'CHK/branch-tag');
    repo.git('checkout', '-q', 'main');
    const onMain = await detectCurrentWork(runner(repo.dir), linker);
    assert.deepEqual(onMain.work, { kind: 'none', state: 'no-link', branch: 'main' });
    const none = await detectCurrentWork(runner(tempDir()), linker);
    assert.deepEqual(none.work, { kind: 'none', state: 'not-a-repo' });
    const untrusted = await detectCurrentWork(new GitRunner({ cwd: repo.dir, isTrusted: () => false }), linker);
    assert.deepEqual(untrusted.work, { kind: 'none', state: 'untrusted' });
    const missing = await detectCurrentWork(
      new GitRunner({ cwd: repo.dir, isTrusted: () => true, gitPath: '/no/git' }),
      linker,
    );
    assert.deepEqual(missing.work, { kind: 'none', state: 'git-missing' });
  });

  it('current work from facts read ahead (readWorkFacts, as `why` does) is the same as read in place', async () => {
    const plain = (r: CurrentWorkResult): unknown => ({ ...r, repo: r.repo?.info });
    const both = async (dir: string): Promise<void> => {
      const inPlace = await detectCurrentWork(runner(dir), linker);
      const repo = await open(dir);
      const ahead = await detectCurrentWork(runner(dir), linker, { repo, facts: readWorkFacts(repo) });
      assert.deepEqual(plain(ahead), plain(inPlace));
    };
    const repo = TestRepo.init();
    repo.commit('init');
    await both(repo.dir); // main: no commits since the base
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('wire CHK-13 api');
    repo.commit('CHK-12 drive-by');
    await both(repo.dir); // commits since main
    repo.git('checkout', '-q', '-b', 'checkout/chk-12');
    await both(repo.dir); // a branch tag: the commits read ahead are not used
    repo.git('checkout', '-q', '--detach');
    await both(repo.dir); // detached: nothing read for a branch
  });

  it('incremental index update: new commits, amended (rewritten) history, roadmap edits', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    const r = await open(repo.dir);
    let index = await buildIndexForHead(r, linker);
    assert.equal((await updateIndexToHead(r, index, linker)).kind, 'unchanged');
    const c2 = repo.commit('CHK-12 two');
    let u = await updateIndexToHead(r, index, linker);
    assert.equal(u.kind, 'updated');
    index = u.index;
    assert.deepEqual(
      index.commitsFor('CHK-12').map((c) => c.sha),
      [c2],
    );
    repo.gitInput('CHK-13 amended', 'commit', '-q', '--amend', '-F', '-');
    const amended = repo.head();
    u = await updateIndexToHead(r, index, linker);
    assert.equal(u.kind, 'updated');
    assert.equal(u.index.has(c2), false);
    assert.deepEqual(
      u.index.commitsFor('CHK-13').map((c) => c.sha),
      [amended],
    );
    assert.deepEqual(u.index.commitsFor('CHK-12'), []);
    const edited = linkerFor([item('CHK-13'), item('INIT', { aliases: ['init'] })]);
    const re = await updateIndexToHead(r, u.index, edited);
    assert.equal(re.kind, 'relinked');
    assert.equal(re.index.commitsFor('INIT').length, 1);
    // A persisted index whose head is gone from the repository is rebuilt.
    const gone = 'e'.repeat(40);
    const raw = (sha: string, as = sha): RawCommit => {
      const c = u.index.get(sha);
      assert.ok(c, sha);
      return { sha: as, parents: [...c.parents], author: c.author, email: c.email, time: c.time, message: c.subject };
    };
    const staleBuild = new CommitIndex();
    staleBuild.add([raw(amended, gone), ...(u.index.get(amended)?.parents ?? []).map((p) => raw(p))], linker);
    staleBuild.finish(gone, linker);
    const stale = CommitIndex.deserialize(staleBuild.serialize(), linker);
    assert.ok(stale.ok, stale.ok ? '' : stale.reason);
    assert.equal((await updateIndexToHead(r, stale.index, linker)).kind, 'rebuilt');
  });

  it('branch names: shell metacharacters, unicode and long names work; git-invalid and option-like ones are refused', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    const r = await open(repo.dir);
    const good = [
      'feat/$(touch${IFS}pwned)',
      'a;b&c|d>e',
      '`touch${IFS}pwned`',
      'fé/ünïcode-CHK-12',
      `long/${'x'.repeat(240)}`,
      'quote\'d"name',
    ];
    for (const name of good) {
      const check = await r.checkBranchName(name);
      assert.ok(check.ok, `${name}: ${check.ok ? '' : check.reason}`);
      await r.createBranch(name);
      assert.deepEqual(await r.head(), { kind: 'branch', branch: name, sha: repo.head() });
      await r.checkout('main');
    }
    const listed = (await r.branches()).map((b) => b.name);
    for (const name of good) assert.ok(listed.includes(name), name);
    assert.ok(!fs.existsSync(path.join(repo.dir, 'pwned')));
    for (const bad of [
      '-x',
      '--upload-pack=touch /tmp/x',
      'a b',
      'a..b',
      'x.lock',
      'HEAD',
      '@{-1}',
      'a~1',
      'a:b',
      'trailing/',
      '',
    ]) {
      assert.equal((await r.checkBranchName(bad)).ok, false, bad);
    }
    const current = await detectCurrentWork(runner(repo.dir), linker, { repo: r });
    assert.equal(current.work.kind, 'none');
  });

  it('100k branches stream through for-each-ref', async () => {
    const repo = TestRepo.init();
    const head = repo.commit('init');
    const lines = ['# pack-refs with: peeled fully-peeled sorted'];
    for (let i = 0; i < 100_000; i++) lines.push(`${head} refs/heads/b/${String(i).padStart(6, '0')}`);
    fs.writeFileSync(path.join(repo.dir, '.git', 'packed-refs'), `${lines.join('\n')}\n`);
    const r = await open(repo.dir);
    const branches = await r.branches();
    assert.equal(branches.length, 100_001);
    assert.equal(branches.filter((b) => b.isHead).length, 1);
    const current = await detectCurrentWork(runner(repo.dir), linker, { repo: r });
    assert.deepEqual(current.work, { kind: 'none', state: 'no-link', branch: 'main' });
  });

  it('commit messages of megabytes come through intact', async () => {
    const repo = TestRepo.init();
    const big = `Huge CHK-12\n\n${'lorem ipsum dolor '.repeat(200_000)}\n\nRoadmap: CHK-13`;
    const sha = repo.commit(big);
    repo.commit('after');
    const r = await open(repo.dir);
    const { nonce, batches } = r.log(['HEAD']);
    const commits = await collectCommits(batches, nonce);
    assert.equal(commits.length, 2);
    assert.equal(commits[1]?.sha, sha);
    const stored = repo.git('log', '-1', '--format=%B', sha);
    assert.equal(commits[1]?.message, stored.slice(0, -2)); // %B's newline, then tformat's
    assert.ok(stored.length > 3_000_000);
    const index = await buildIndexForHead(r, linker);
    assert.deepEqual(kinds(index, sha), ['CHK-12:message', 'CHK-13:trailer']);
  });
});
