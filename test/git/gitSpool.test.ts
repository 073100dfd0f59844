// GitRunner's spooled streams (outputSpool.ts: git writes to an anonymous temporary file, read back
// once it exits) and gitStartsSettled, against real git and, where git's own output cannot show
// it, a fake git that writes a known amount and then leaves a marker.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitError, GitOutputTooLargeError } from '../../src/git/gitErrors';
import { gitProcessesStarted, gitStartsSettled } from '../../src/git/gitProcessCounter';
import { GitRunner } from '../../src/git/gitRunner';
import { tempDir, TestRepo } from './gitFixture';

async function collect(runner: GitRunner, args: string[], separator: '\0' | '\n'): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of runner.stream(args, { separator })) out.push(...batch);
  return out;
}

/** A fake git that prints `bytes` bytes of `a`, then touches `marker` and exits. */
function fakeGit(bytes: number | 'forever', marker: string): string {
  const file = path.join(tempDir('rl-fake-git-'), 'git');
  const write = bytes === 'forever' ? 'exec yes aaaaaaaaaaaaaaaa' : `head -c ${bytes} /dev/zero | tr '\\0' a`;
  fs.writeFileSync(file, `#!/bin/sh\n${write}\ntouch '${marker}'\n`, { mode: 0o755 });
  return file;
}

/** Holds this thread (no event loop) until `file` exists, at most `maxMs`; true if it appeared. */
function holdUntilExists(file: string, maxMs: number): boolean {
  const end = Date.now() + maxMs;
  while (Date.now() < end) if (fs.existsSync(file)) return true;
  return fs.existsSync(file);
}

const spoolFiles = (): string[] => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('roadmap-lens-git-'));

describe('GitRunner: spooled streams (posix)', function () {
  if (process.platform === 'win32') return;
  const repo = TestRepo.init();
  // One message past a pipe's 64 KB, with multi-byte characters across chunk boundaries.
  const long = Array.from({ length: 4000 }, (_, i) => `line ${i}: ünïcode ✓ ${'x'.repeat(i % 13)}`).join('\n');
  repo.commit('first');
  repo.commit(long);
  repo.commit('third');
  const piped = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
  const spooled = new GitRunner({ cwd: repo.dir, isTrusted: () => true, spoolStreams: true });

  it('yields exactly the records a pipe yields, for both separators', async () => {
    assert.ok(Buffer.byteLength(long) > 64 * 1024);
    const before = spoolFiles();
    const nul = ['log', '--format=%H%x00%B', '-z'];
    assert.deepEqual(await collect(spooled, nul, '\0'), await collect(piped, nul, '\0'));
    const lines = ['log', '--format=%B'];
    const fromPipe = await collect(piped, lines, '\n');
    assert.ok(fromPipe.length > 4000);
    assert.deepEqual(await collect(spooled, lines, '\n'), fromPipe);
    // The file is unlinked as soon as it is open: nothing is left in the temporary folder.
    assert.deepEqual(spoolFiles(), before);
  });

  it('git runs to its end while the thread is held; through a pipe it stops at 64 KB', async () => {
    const dir = tempDir('rl-spool-');
    for (const mode of ['spool', 'pipe'] as const) {
      const marker = path.join(dir, `${mode}-done`);
      const runner = new GitRunner({
        cwd: repo.dir,
        isTrusted: () => true,
        gitPath: fakeGit(1024 * 1024, marker),
        spoolStreams: mode === 'spool',
      });
      const it = runner.stream(['rev-list'], { separator: '\n' })[Symbol.asyncIterator]();
      const first = it.next();
      await gitStartsSettled(30_000);
      // Nothing reads git's output while this thread is held.
      const finished = holdUntilExists(marker, mode === 'spool' ? 30_000 : 500);
      if (mode === 'spool') assert.equal(finished, true, 'git wrote 1 MB and exited with no reader');
      else assert.equal(finished, false, 'a pipe holds 64 KB: git cannot have written 1 MB unread');
      const got: string[] = [];
      for (let r = await first; !r.done; r = await it.next()) got.push(...r.value);
      assert.deepEqual(got, ['a'.repeat(1024 * 1024)]);
    }
  });

  it('a failing git throws its error and yields nothing', async () => {
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const batch of spooled.stream(['log', 'no-such-ref', '--'], { separator: '\n' })) seen.push(...batch);
    }, GitError);
    assert.deepEqual(seen, []);
  });

  it('a git that cannot write its spool (no space left) runs again through a pipe', async () => {
    // A fake git that fails as git does on ENOSPC when its stdout is a file, and answers on a pipe
    // (node's stdio "pipe" is a socket pair: tested as "not a regular file").
    const file = path.join(tempDir('rl-fake-git-'), 'git');
    const calls = path.join(path.dirname(file), 'calls');
    fs.writeFileSync(
      file,
      [
        '#!/bin/sh',
        `echo call >> '${calls}'`,
        'if [ ! -f /dev/stdout ]; then printf "one\\ntwo\\n"; exit 0; fi',
        'echo "fatal: unable to write to stdout: No space left on device" >&2',
        'exit 128',
      ].join('\n'),
      { mode: 0o755 },
    );
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true, gitPath: file, spoolStreams: true });
    assert.deepEqual(await collect(runner, ['rev-list'], '\n'), ['one', 'two']);
    assert.equal(fs.readFileSync(calls, 'utf8'), 'call\ncall\n', 'spooled once, then through a pipe');
    // Any other failure is the answer: not run again.
    fs.rmSync(calls);
    fs.writeFileSync(file, `#!/bin/sh\necho call >> '${calls}'\necho "fatal: bad revision" >&2\nexit 128\n`);
    await assert.rejects(collect(runner, ['rev-list'], '\n'), /bad revision/);
    assert.equal(fs.readFileSync(calls, 'utf8'), 'call\n');
  });

  it('is bounded: past spoolMaxBytes git is stopped, even one that never ends', async () => {
    const dir = tempDir('rl-spool-');
    for (const bytes of [100_000, 'forever'] as const) {
      const runner = new GitRunner({
        cwd: repo.dir,
        isTrusted: () => true,
        gitPath: fakeGit(bytes, path.join(dir, 'done')),
        spoolStreams: true,
        spoolMaxBytes: 10_000,
      });
      await assert.rejects(collect(runner, ['rev-list'], '\n'), GitOutputTooLargeError);
    }
  });
});

describe('gitStartsSettled', () => {
  const repo = TestRepo.init();
  repo.commit('first');

  it('resolves at once with nothing pending, and once an asked-for git is spawned', async () => {
    await gitStartsSettled(30_000);
    const started = gitProcessesStarted();
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const it = runner.stream(['rev-list', 'HEAD'], { separator: '\n' })[Symbol.asyncIterator]();
    const first = it.next();
    // The stream's spawn waits on the repository's config check (file reads): not yet.
    assert.equal(gitProcessesStarted(), started);
    await gitStartsSettled(30_000);
    assert.equal(gitProcessesStarted(), started + 1);
    const got: string[] = [];
    for (let r = await first; !r.done; r = await it.next()) got.push(...r.value);
    assert.equal(got.filter(Boolean).length, 1);
  });
});
