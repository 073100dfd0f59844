// Issue #16 class 3: repository config that names a FILE git reads (mailmap, attributes,
// excludes, order file, ignore-revs file, includes), and every git call bounded by a timeout that
// kills its whole process group. Each key is first shown live: plain git opens the FIFO (a writer
// opening the FIFO returns only once a reader has opened it, so no clock is involved). Then the
// CLI answers with nobody ever writing to the FIFO: had it opened it, it would block for good.
// The `timeout` given to spawnSync is a safety net that turns a hang into a failed assertion.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitTimeoutError } from '../../src/git/gitErrors';
import { runningGitProcesses } from '../../src/git/gitProcessGroups';
import { GitRunner } from '../../src/git/gitRunner';
import { tempDir, TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const SAFETY_NET_MS = 45_000;
const linux = process.platform === 'linux';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: SAFETY_NET_MS,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Processes whose working folder or command line is inside `dir` (Linux /proc). */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cwd === dir || cwd.startsWith(`${dir}/`) || cmd.includes(dir)) found.push(`${pid}: ${cmd}`);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Opens `fifo` for writing and closes it: returns once some reader has opened it. */
function waitForReader(fifo: string): void {
  const r = spawnSync('sh', ['-c', `: > '${fifo}'`], { timeout: SAFETY_NET_MS });
  assert.equal(r.status, 0, `nobody opened ${fifo} for reading`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('close', (code) => resolve(code));
  });
}

function fixtureRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('roadmap.yaml', 'version: 1\nitems:\n  - id: CHK-12\n    title: Checkout\n    paths: ["src/**"]\n');
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.git('add', '.');
  repo.commit('CHK-12 first');
  repo.commit('CHK-12 second', 'src/a.ts', 'export const a = 2;\n');
  return repo;
}

/** Each key names a FIFO; the plain-git command that opens it proves the member is live. */
const FILE_KEYS: readonly { key: string; plain: readonly string[] }[] = [
  { key: 'mailmap.file', plain: ['log', '-1', '--format=%aN'] },
  { key: 'core.attributesFile', plain: ['blame', '--', 'src/a.ts'] },
  { key: 'blame.ignoreRevsFile', plain: ['blame', '--', 'src/a.ts'] },
  { key: 'diff.orderFile', plain: ['log', '-1', '--name-only'] },
  { key: 'core.excludesFile', plain: ['status', '--short'] },
];

describe('repository config naming files git reads (#16 class 3)', function () {
  before(function () {
    if (!linux) this.skip();
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  });

  for (const { key, plain } of FILE_KEYS) {
    describe(`${key} → a FIFO`, () => {
      const repo = fixtureRepo();
      const fifo = path.join(tempDir('rl-fifo-'), 'fifo');
      spawnSync('mkfifo', [fifo]);
      repo.git('config', key, fifo);

      it('plain git opens it (the member is live)', async () => {
        const git = spawn('git', plain, {
          cwd: repo.dir,
          env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
          stdio: 'ignore',
        });
        waitForReader(fifo);
        // Shown: git opened it. Git may open it again (and block), so it is stopped here.
        git.kill('SIGKILL');
        await exited(git);
      });

      for (const args of [['check', '--json'], ['report', '--json'], ['why', 'src/a.ts', '--json'], ['current']]) {
        it(`${args.join(' ')} answers without opening it`, () => {
          const r = cli(repo.dir, args);
          assert.notEqual(r.code, null, `${args.join(' ')} did not finish: ${r.err}`);
          if (args.includes('--json')) assert.doesNotThrow(() => JSON.parse(r.out), r.out + r.err);
          assert.doesNotMatch(r.err, /internal error|timed out|gave no output/, r.err);
          if (args[0] !== 'current') assert.equal(r.code, 0, r.err);
        });
      }
    });
  }

  describe('include.path / includeIf.*.path (git reads them before any -c applies)', () => {
    const outside = tempDir('rl-include-');
    const fifo = path.join(outside, 'fifo');
    spawnSync('mkfifo', [fifo]);
    fs.writeFileSync(path.join(outside, 'nested.conf'), `[include]\n\tpath = "${fifo}"\n`);
    const members: readonly { name: string; text: string }[] = [
      { name: 'include.path → FIFO', text: `[include]\n\tpath = ${fifo}\n` },
      { name: 'includeIf "gitdir:" path → /dev/zero', text: '[includeIf "gitdir:/"]\n\tpath = /dev/zero\n' },
      {
        name: 'onbranch include, quoted, with a comment → FIFO',
        text: `[includeIf "onbranch:main"]\n\tpath = "${fifo}" ; x\n`,
      },
      { name: 'relative include → FIFO next to the config', text: '[include]\n\tpath = ../evil-fifo\n' },
      { name: 'an include of an include → FIFO', text: `[include]\n\tpath = ${path.join(outside, 'nested.conf')}\n` },
      { name: 'include of a folder', text: `[include]\n\tpath = ${outside}\n` },
    ];
    for (const { name, text } of members) {
      it(`${name}: every command refuses in one line, no git started`, () => {
        const repo = fixtureRepo();
        spawnSync('mkfifo', [path.join(repo.dir, 'evil-fifo')]);
        fs.appendFileSync(path.join(repo.dir, '.git', 'config'), text);
        for (const args of [
          ['report', '--json'],
          ['check', '--json'],
          ['why', 'src/a.ts', '--json'],
        ]) {
          const r = cli(repo.dir, args);
          assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
          const json = JSON.parse(r.out) as { ok: boolean; error: { code: string; message: string } };
          if (args[0] === 'why') {
            // why still answers from the roadmap; blame is reported as unavailable.
            assert.match(r.err, /repository config/, r.err);
            continue;
          }
          assert.equal(json.error.code, 'unsafe-repository-config', r.out);
          assert.equal(r.err.trim().split('\n').length, 1, r.err);
        }
        assert.deepEqual(processesIn(repo.dir), []);
      });
    }

    it('.git/config itself a FIFO: refused, not read', () => {
      const repo = fixtureRepo();
      const config = path.join(repo.dir, '.git', 'config');
      fs.rmSync(config);
      spawnSync('mkfifo', [config]);
      const r = cli(repo.dir, ['report', '--json']);
      assert.equal(r.code, 1, r.err);
      assert.equal((JSON.parse(r.out) as { error: { code: string } }).error.code, 'unsafe-repository-config');
    });

    it('a harmless include (a regular file) is followed as before', () => {
      const repo = fixtureRepo();
      fs.writeFileSync(path.join(outside, 'ok.conf'), '[core]\n\tabbrev = 12\n');
      fs.appendFileSync(
        path.join(repo.dir, '.git', 'config'),
        `[include]\n\tpath = ${path.join(outside, 'ok.conf')}\n`,
      );
      const r = cli(repo.dir, ['report', '--json']);
      assert.equal(r.code, 0, r.err);
    });
  });

  describe('every git call has a timeout and is killed with its process group', () => {
    it('a git blocked on a FIFO git itself reads (packed-refs) is stopped: clear error, nothing left', () => {
      const repo = fixtureRepo();
      spawnSync('mkfifo', [path.join(repo.dir, '.git', 'packed-refs')]);
      for (const args of [
        ['report', '--json'],
        ['check', '--json'],
      ]) {
        const r = cli(repo.dir, args, { ROADMAP_LENS_GIT_TIMEOUT: '0.3' });
        assert.equal(r.code, 1, r.err);
        const json = JSON.parse(r.out) as { error: { code: string; message: string } };
        assert.equal(json.error.code, 'git-timeout', r.out);
        assert.match(json.error.message, /gave no output for 300 ms and was stopped/);
        assert.deepEqual(processesIn(repo.dir), []);
      }
    });

    it('why with a blocking attributes file answers from the roadmap and says blame stopped', () => {
      const repo = fixtureRepo();
      fs.mkdirSync(path.join(repo.dir, '.git', 'info'), { recursive: true });
      spawnSync('mkfifo', [path.join(repo.dir, '.git', 'info', 'attributes')]);
      const r = cli(repo.dir, ['why', 'src/a.ts'], { ROADMAP_LENS_GIT_TIMEOUT: '0.3' });
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /CHK-12/);
      // why prints its notes with the answer (stdout), then the items it found without blame.
      assert.match(r.out, /note: git blame gave no output/);
      assert.deepEqual(processesIn(repo.dir), []);
    });

    it('GitRunner: the timeout rejects with GitTimeoutError and no git process stays running', async () => {
      const repo = fixtureRepo();
      spawnSync('mkfifo', [path.join(repo.dir, '.git', 'packed-refs')]);
      const git = new GitRunner({ cwd: repo.dir, isTrusted: () => true, timeoutMs: 200 });
      await assert.rejects(git.run(['rev-parse', '--verify', 'refs/tags/none']), GitTimeoutError);
      const streamed = (async () => {
        for await (const batch of git.stream(['for-each-ref'], { separator: '\n' })) void batch;
      })();
      await assert.rejects(streamed, GitTimeoutError);
      // The rejection comes as git is killed; its group closes right after (mocha's timeout bounds this).
      while (runningGitProcesses() > 0) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(processesIn(repo.dir), []);
    });

    it('SIGINT to a CLI started with setsid stops its blocked git first (no orphan under PID 1)', async () => {
      const repo = fixtureRepo();
      spawnSync('mkfifo', [path.join(repo.dir, '.git', 'packed-refs')]);
      const child = spawn('setsid', [process.execPath, CLI, 'report'], {
        cwd: repo.dir,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
        stdio: 'ignore',
      });
      const done = exited(child);
      // Wait (without a deadline of our own) until the CLI's git is running and blocked.
      const isGit = (p: string): boolean => / git /.test(` ${p.split(': ')[1] ?? ''}`);
      while (!processesIn(repo.dir).some(isGit)) await new Promise((r) => setTimeout(r, 50));
      assert.ok(child.pid !== undefined);
      process.kill(child.pid, 'SIGINT');
      assert.equal(await done, 130);
      assert.deepEqual(processesIn(repo.dir), []);
    });
  });
});
