// Refs read from the git dir's files instead of a git process (HEAD, loose and packed refs, the
// base branch), checked against git itself; and how many git processes the hot paths start: an
// index update after one commit runs one, an unchanged HEAD none, current-item detection two.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildIndexForHead, updateIndexToHead } from '../../src/git/commitIndexService';
import { detectCurrentWork } from '../../src/git/currentWorkService';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { resolveHeadContent } from '../../src/git/refFiles';
import { linkerFor } from '../unit/linkFixtures';
import { tempDir, TestRepo } from './gitFixture';

const linker = linkerFor();
const open = (dir: string, gitPath?: string): Promise<GitRepository> =>
  GitRepository.open(new GitRunner({ cwd: dir, isTrusted: () => true, ...(gitPath ? { gitPath } : {}) }));

/** A git that appends its arguments (one line per process) to a log, then becomes the real git. */
function recordingGit(): { gitPath: string; calls: () => string[]; reset: () => void } {
  const dir = tempDir('rl-rec-');
  const logFile = path.join(dir, 'calls');
  const gitPath = path.join(dir, 'git');
  fs.writeFileSync(gitPath, `#!/bin/sh\necho "$*" >> '${logFile}'\nexec git "$@"\n`, { mode: 0o755 });
  const calls = (): string[] =>
    fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [];
  return { gitPath, calls, reset: () => fs.rmSync(logFile, { force: true }) };
}

/** The subcommand of a recorded call (after the hardening options, `-c key=value` among them). */
function subcommand(call: string): string {
  const words = call.split(' ');
  let i = 0;
  while (words[i]?.startsWith('-')) i += words[i] === '-c' ? 2 : 1;
  return words[i] ?? '';
}

describe('ref files (git)', () => {
  it('HEAD from the files agrees with git: loose, packed, detached, unborn, worktree', async () => {
    const unborn = TestRepo.init();
    assert.equal(await (await open(unborn.dir)).headSha(), undefined);

    const repo = TestRepo.init();
    const first = repo.commit('one');
    const r = await open(repo.dir);
    assert.equal(await r.headSha(), first);
    const second = repo.commit('two');
    assert.equal(await r.headSha(), second);
    repo.git('pack-refs', '--all');
    assert.equal(
      fs.existsSync(path.join(repo.dir, '.git', 'refs', 'heads', 'main')),
      false,
      'the branch is only in packed-refs',
    );
    assert.equal(await r.headSha(), second);
    assert.deepEqual(await r.head(), { kind: 'branch', branch: 'main', sha: second });
    repo.git('checkout', '-q', '--detach', first);
    assert.equal(await r.headSha(), first);
    repo.git('checkout', '-q', 'main');

    const wt = path.join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'wt-branch', wt, first);
    const w = await open(wt);
    assert.equal(await w.headSha(), first);
    new TestRepo(wt).commit('in the worktree');
    assert.equal(await w.headSha(), new TestRepo(wt).head());
    assert.equal(await r.headSha(), second, 'the main work tree keeps its own HEAD');
  });

  it('anything not plain is left to git', async () => {
    const dir = tempDir();
    for (const text of [
      'ref: refs/heads/.invalid\n',
      'ref: refs/heads/../../x\n',
      'ref: refs/tags/v1\n',
      'not a ref\n',
      '',
    ]) {
      assert.equal((await resolveHeadContent(text, dir)).kind, 'unknown', JSON.stringify(text));
    }
    assert.equal((await resolveHeadContent(undefined, dir)).kind, 'unknown');
    assert.equal((await resolveHeadContent('ref: refs/heads/main\n', dir)).kind, 'missing');
  });

  it('the base branch from the files is the one for-each-ref gives', async () => {
    const origin = TestRepo.init();
    origin.commit('init');
    const clone = path.join(tempDir(), 'clone');
    origin.git('clone', '-q', origin.dir, clone);
    const c = new TestRepo(clone);
    c.git('checkout', '-q', '-b', 'mine');
    const r = await open(clone);
    assert.equal(await r.baseBranch(), 'origin/main');
    c.git('pack-refs', '--all');
    assert.equal(await r.baseBranch(), 'origin/main');
    // A dangling origin/HEAD is skipped, as for-each-ref skips it.
    c.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/gone');
    assert.equal(await r.baseBranch(), 'main');
    c.git('branch', '-q', '-D', 'main');
    assert.equal(await r.baseBranch(), 'origin/main');
    c.git('update-ref', '-d', 'refs/remotes/origin/main');
    assert.equal(await r.baseBranch(), undefined);
  });

  it('an index update after one commit runs one git process; an unchanged HEAD none', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    const rec = recordingGit();
    const r = await open(repo.dir, rec.gitPath);
    let index = await buildIndexForHead(r, linker);
    const sha = repo.commit('CHK-12 two');
    rec.reset();
    const u = await updateIndexToHead(r, index, linker);
    assert.equal(u.kind, 'updated');
    assert.deepEqual(rec.calls().map(subcommand), ['log']);
    assert.deepEqual(
      u.index.commitsFor('CHK-12').map((c) => c.sha),
      [sha],
    );
    index = u.index;
    rec.reset();
    assert.equal((await updateIndexToHead(r, index, linker)).kind, 'unchanged');
    assert.deepEqual(rec.calls(), []);
  });

  it('switching to a diverged branch: the updated index equals a cold build', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    const fork = repo.commit('CHK-12 shared');
    repo.commit('CHK-12 on main');
    repo.commit('main again');
    repo.git('checkout', '-q', '-b', 'side', fork);
    repo.commit('CHK-13 on side');
    repo.git('checkout', '-q', 'main');
    const r = await open(repo.dir);
    const index = await buildIndexForHead(r, linker);
    repo.git('checkout', '-q', 'side');
    const u = await updateIndexToHead(r, index, linker);
    assert.equal(u.kind, 'updated');
    const cold = await buildIndexForHead(r, linker);
    assert.equal(u.index.size, cold.size);
    assert.equal(u.index.head, cold.head);
    for (const id of ['CHK-12', 'CHK-13']) {
      assert.deepEqual(
        u.index.commitsFor(id).map((c) => c.sha),
        cold.commitsFor(id).map((c) => c.sha),
        id,
      );
    }
  });

  it('current-item detection on an unlinked branch: one log and the remotes, nothing else', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('wire CHK-13 api');
    const rec = recordingGit();
    const r = await open(repo.dir, rec.gitPath);
    rec.reset();
    const res = await detectCurrentWork(
      new GitRunner({ cwd: repo.dir, isTrusted: () => true, gitPath: rec.gitPath }),
      linker,
      { repo: r },
    );
    assert.equal(res.work.kind, 'item');
    assert.equal(res.base, 'main');
    assert.deepEqual(rec.calls().map(subcommand).sort(), ['log', 'remote']);
  });

  it('an opened repository refuses file reads once the workspace is untrusted', async () => {
    const repo = TestRepo.init();
    repo.commit('init');
    let trusted = true;
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => trusted });
    const r = await GitRepository.open(runner);
    trusted = false;
    await assert.rejects(r.headSha(), { name: 'UntrustedWorkspaceError' });
    await assert.rejects(r.head(), { name: 'UntrustedWorkspaceError' });
    assert.equal((await detectCurrentWork(runner, linker, { repo: r })).head.kind, 'untrusted');
  });
});
