// Faults while git runs, against real repositories: git killed mid-log and mid-blame (by an
// AbortSignal and by SIGKILL from outside), the repository deleted or moved while open,
// `.git/index.lock` left behind, and a checkout in the middle of indexing. Each must end in a
// clean rejection or a named state: no hang, no zombie, no unexpected exception.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitLinker } from '../../src/core/linking/commitLinks';
import { buildCommitIndex, collectCommits } from '../../src/core/commitIndex/commitIndexBuilder';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';
import type { RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { blameFile, locateRepo } from '../../src/git/blameRunner';
import { buildIndexForHead, updateIndexToHead } from '../../src/git/commitIndexService';
import { detectCurrentWork } from '../../src/git/currentWorkService';
import { GitError, NotARepositoryError } from '../../src/git/gitErrors';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { tempDir, TestRepo } from './gitFixture';

function item(id: string): RoadmapItem {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    id,
    aliases: [],
    branches: [],
    kind: 'feature',
    title: id,
    metrics: [],
    links: [],
    paths: [],
    location: { file: '', range },
    idLocation: { file: '', range },
  };
}
const items = [item('CHK-12'), item('CHK-13')];
const linker = new CommitLinker({ items, matcher: new ReferenceMatcher(items) });

/** `count` commits on `branch` in one fast-import, each with a message of about `messageBytes`. */
function bulkCommits(repo: TestRepo, count: number, messageBytes: number, branch = 'refs/heads/main'): void {
  const parts: string[] = [];
  const filler = 'x'.repeat(Math.max(0, messageBytes - 40));
  for (let i = 0; i < count; i++) {
    const message = `CHK-12 commit ${i}\n\n${filler}\n`;
    const content = `line ${i}\n`;
    parts.push(
      `commit ${branch}`,
      `committer Ann <ann@example.com> ${1_700_000_000 + i} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      `M 644 inline file-${i % 50}.txt`,
      `data ${Buffer.byteLength(content)}`,
      content,
    );
  }
  repo.gitInput(`${parts.join('\n')}\n`, 'fast-import', '--quiet');
  repo.git('reset', '-q', '--hard', branch);
}

/**
 * A git that records its pid (exec keeps it), optionally waits, then becomes the real git.
 * The wait runs with its own stdio, so killing the script closes git's pipes at once.
 */
function pidRecordingGit(dir: string, delaySeconds = 0): { gitPath: string; pids: () => number[] } {
  const pidFile = path.join(dir, 'pids');
  const gitPath = path.join(dir, 'git');
  fs.writeFileSync(
    gitPath,
    `#!/bin/sh\necho $$ >> '${pidFile}'\n${delaySeconds > 0 ? `sleep ${delaySeconds} </dev/null >/dev/null 2>&1\n` : ''}exec git "$@"\n`,
    { mode: 0o755 },
  );
  const pids = (): number[] =>
    fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  return { gitPath, pids };
}

/** Gone or at least not a zombie (node reaps its children as they exit). */
function assertReaped(pid: number): void {
  let state: string | undefined;
  try {
    state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  } catch {
    return; // gone
  }
  assert.notEqual(state, 'Z', `git ${pid} is a zombie`);
}

async function waitUntil(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function settle(): Promise<void> {
  // Lets 'close' reach the runner after a kill.
  await new Promise((r) => setTimeout(r, 200));
}

describe('faults while git runs', function () {
  this.timeout(120_000);
  const big = TestRepo.init();
  // ~6 MB of log output: git is still writing (blocked on the pipe) when the first batch arrives.
  bulkCommits(big, 3000, 2000);

  it('git killed mid-log by SIGKILL: the stream rejects, nothing hangs, no zombie', async () => {
    const fake = pidRecordingGit(tempDir('rl-fake-'));
    const repo = await GitRepository.open(
      new GitRunner({ cwd: big.dir, isTrusted: () => true, gitPath: fake.gitPath }),
    );
    const { batches } = repo.log(['HEAD']);
    let records = 0;
    let killed: number | undefined;
    await assert.rejects(
      async () => {
        for await (const batch of batches) {
          records += batch.length;
          if (killed === undefined) {
            killed = fake.pids().at(-1);
            assert.ok(killed !== undefined);
            process.kill(killed, 'SIGKILL');
          }
        }
      },
      (e: unknown) => e instanceof GitError && /failed/.test(e.message),
    );
    assert.ok(records > 0 && records < 3000 * 6, `stopped part way (${records} fields)`);
    await settle();
    assertReaped(killed ?? -1);
  });

  it('git cancelled mid-log (AbortSignal): AbortError, the child is killed and reaped', async () => {
    const fake = pidRecordingGit(tempDir('rl-fake-'));
    const repo = await GitRepository.open(
      new GitRunner({ cwd: big.dir, isTrusted: () => true, gitPath: fake.gitPath }),
    );
    const controller = new AbortController();
    const { nonce, batches } = repo.log(['HEAD'], { signal: controller.signal });
    let first = true;
    const wrapped = (async function* () {
      for await (const b of batches) {
        yield b;
        if (first) {
          first = false;
          controller.abort();
        }
      }
    })();
    await assert.rejects(
      collectCommits(wrapped, nonce, { signal: controller.signal }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
    await settle();
    for (const pid of fake.pids()) assertReaped(pid);
    // And an index build cancelled the same way rejects instead of returning half an index.
    const c2 = new AbortController();
    const building = buildIndexForHead(repo, linker, { signal: c2.signal });
    setTimeout(() => c2.abort(), 5);
    await assert.rejects(building);
  });

  it('git killed mid-blame (SIGKILL or AbortSignal): a named state, never a throw or a hang', async () => {
    const dir = tempDir('rl-fake-');
    const slow = pidRecordingGit(dir, 5);
    const runner = new GitRunner({ cwd: big.dir, isTrusted: () => true, gitPath: slow.gitPath });
    for (const contents of [undefined, 'changed\n']) {
      const before = slow.pids().length;
      const blaming = blameFile(runner, 'file-1.txt', contents === undefined ? {} : { contents });
      await waitUntil('blame to start', () => slow.pids().length > before);
      const pid = slow.pids().at(-1) ?? -1;
      process.kill(pid, 'SIGKILL');
      const outcome = await blaming;
      assert.equal(outcome.state, 'error', JSON.stringify(outcome));
      await settle();
      assertReaped(pid);
    }
    const controller = new AbortController();
    const before = slow.pids().length;
    const blaming = blameFile(runner, 'file-1.txt', { signal: controller.signal });
    await waitUntil('blame to start', () => slow.pids().length > before);
    controller.abort();
    assert.deepEqual(await blaming, { state: 'cancelled' });
    await settle();
    for (const pid of slow.pids()) assertReaped(pid);
  });

  it('the repository deleted while open: typed errors and named states', async () => {
    const repo = TestRepo.init();
    repo.commit('CHK-12 one', 'a.txt', 'a\n');
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const r = await GitRepository.open(runner);
    const index = await buildIndexForHead(r, linker);
    fs.rmSync(repo.dir, { recursive: true, force: true });
    await assert.rejects(r.branches(), NotARepositoryError);
    await assert.rejects(r.resolve('HEAD'), NotARepositoryError);
    await assert.rejects(updateIndexToHead(r, index, linker), NotARepositoryError);
    assert.deepEqual(await blameFile(runner, 'a.txt'), { state: 'not-in-repo' });
    assert.deepEqual(await blameFile(runner, 'a.txt', { contents: 'a\n' }), { state: 'not-in-repo' });
    assert.deepEqual(await locateRepo(runner), { state: 'not-in-repo' });
    const current = await detectCurrentWork(runner, linker);
    assert.equal(current.head.kind, 'not-a-repo');
    assert.equal(index.size, 1, 'what was read before stays usable');
  });

  it('the repository moved while open: the old path is gone cleanly, the new one works', async () => {
    const repo = TestRepo.init();
    repo.commit('CHK-12 one', 'a.txt', 'a\n');
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const r = await GitRepository.open(runner);
    const moved = `${repo.dir}-moved`;
    fs.renameSync(repo.dir, moved);
    await assert.rejects(r.branches(), NotARepositoryError);
    assert.equal((await detectCurrentWork(runner, linker)).head.kind, 'not-a-repo');
    const again = await GitRepository.open(new GitRunner({ cwd: moved, isTrusted: () => true }));
    assert.equal((await again.branches()).length, 1);
  });

  it('the repository deleted during a log stream: the stream ends or rejects, never hangs', async () => {
    const repo = TestRepo.init(tempDir('rl-doomed-'));
    bulkCommits(repo, 1500, 2000);
    const r = await GitRepository.open(new GitRunner({ cwd: repo.dir, isTrusted: () => true }));
    const { nonce, batches } = r.log(['HEAD']);
    let deleted = false;
    const wrapped = (async function* () {
      for await (const b of batches) {
        if (!deleted) {
          deleted = true;
          fs.rmSync(repo.dir, { recursive: true, force: true });
        }
        yield b;
      }
    })();
    const outcome = await collectCommits(wrapped, nonce).then(
      (commits) => `read ${commits.length}`,
      (e: unknown) => (e instanceof Error ? e.name : 'non-error'),
    );
    assert.ok(deleted);
    assert.match(outcome, /^read \d+$|GitError|NotARepositoryError/);
  });

  it('.git/index.lock left behind: every read still works and the lock is left alone', async () => {
    const repo = TestRepo.init();
    repo.commit('CHK-12 one', 'a.txt', 'a\n');
    repo.git('checkout', '-q', '-b', 'feature/chk-13-x');
    repo.commit('two', 'a.txt', 'b\n');
    const lock = path.join(repo.dir, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const r = await GitRepository.open(runner);
    assert.equal((await r.head()).kind, 'branch');
    assert.equal((await r.branches()).length, 2);
    assert.equal((await buildIndexForHead(r, linker)).size, 2);
    assert.equal((await blameFile(runner, 'a.txt')).state, 'ok');
    assert.equal((await blameFile(runner, 'a.txt', { contents: 'c\n' })).state, 'ok');
    const current = await detectCurrentWork(runner, linker);
    assert.deepEqual(current.work.kind, 'item');
    // A write refuses clearly, and nothing of ours removed the user's lock.
    await assert.rejects(
      r.createBranch('other'),
      (e: unknown) => e instanceof GitError && /index\.lock/.test(e.stderr),
    );
    assert.ok(fs.existsSync(lock));
  });

  it('a checkout in the middle of indexing: the index matches the head it names, then catches up', async () => {
    const repo = TestRepo.init();
    bulkCommits(repo, 2000, 2000);
    repo.git('checkout', '-q', '-b', 'side', 'HEAD~1000');
    repo.commit('CHK-13 on side', 'side.txt', 's\n');
    repo.git('checkout', '-q', 'main');
    const r = await GitRepository.open(new GitRunner({ cwd: repo.dir, isTrusted: () => true }));
    // As the extension's cold build does: resolve HEAD, then stream its log; check out meanwhile.
    const mainHead = await r.resolve('HEAD');
    assert.ok(mainHead);
    const { nonce, batches } = r.log([mainHead]);
    let checkedOut = false;
    const wrapped = (async function* () {
      for await (const b of batches) {
        if (!checkedOut) {
          checkedOut = true;
          repo.git('checkout', '-q', 'side');
        }
        yield b;
      }
    })();
    const index = await buildCommitIndex(wrapped, nonce, mainHead, linker);
    assert.ok(checkedOut);
    // Built for the head it resolved first (main); every indexed commit is reachable from it.
    assert.equal(index.head, mainHead);
    assert.equal(index.size, 2000);
    const { index: updated, kind } = await updateIndexToHead(r, index, linker);
    assert.notEqual(kind, 'unchanged');
    assert.equal(updated.head, repo.head());
    const reachable = new Set(repo.git('rev-list', 'HEAD').trim().split('\n'));
    assert.equal(updated.size, reachable.size, 'exactly the commits reachable from the new HEAD');
    assert.deepEqual(
      updated.commitsFor('CHK-13').map((c) => c.sha),
      [repo.head()],
    );
  });
});

describe('scale: 100k branches made with update-ref --stdin', function () {
  this.timeout(180_000);

  it('lists them all (loose refs), and finds the current item from the branch name among them', async () => {
    const repo = TestRepo.init();
    const head = repo.commit('init');
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`create refs/heads/bulk/${String(i).padStart(6, '0')} ${head}`);
    repo.gitInput(`${lines.join('\n')}\n`, 'update-ref', '--stdin');
    repo.git('checkout', '-q', '-b', 'feature/chk-13-search');
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const r = await GitRepository.open(runner);
    const branches = await r.branches();
    assert.equal(branches.length, 100_002);
    assert.deepEqual(
      branches.filter((b) => b.isHead).map((b) => b.name),
      ['feature/chk-13-search'],
    );
    const current = await detectCurrentWork(runner, linker, { repo: r });
    assert.equal(current.work.kind, 'item');
    assert.equal(current.work.kind === 'item' ? current.work.itemId : '', 'CHK-13');
  });
});
