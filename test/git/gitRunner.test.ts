// GitRunner against real git: trust guard, missing git, not a repository, output limits,
// cancellation, streaming, and refusing option-like refs.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  GitAbortedError,
  GitNotFoundError,
  GitOutputTooLargeError,
  InvalidRefError,
  NotARepositoryError,
  UntrustedWorkspaceError,
} from '../../src/git/gitErrors';
import { GitRepository } from '../../src/git/gitRepository';
import { assertSafeRef } from '../../src/git/gitHardening';
import { GitRunner } from '../../src/git/gitRunner';
import { tempDir, TestRepo } from './gitFixture';

describe('GitRunner', () => {
  const repo = TestRepo.init();
  repo.commit('first');
  repo.commit('second');
  const trusted = (): GitRunner => new GitRunner({ cwd: repo.dir, isTrusted: () => true });

  it('untrusted: throws without starting any process (a recording fake git proves it)', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'called');
    const fake = path.join(dir, 'git');
    fs.writeFileSync(fake, `#!/bin/sh\necho called >> '${marker}'\n`, { mode: 0o755 });
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => false, gitPath: fake });
    await assert.rejects(runner.run(['status']), UntrustedWorkspaceError);
    await assert.rejects(async () => {
      for await (const _ of runner.stream(['log'])) void _;
    }, UntrustedWorkspaceError);
    assert.equal(fs.existsSync(marker), false);
    // The same fake IS called when trusted, so the check above can fail.
    await new GitRunner({ cwd: repo.dir, isTrusted: () => true, gitPath: fake }).run(['status']);
    assert.equal(fs.existsSync(marker), true);
  });

  it('git missing → GitNotFoundError; missing folder → NotARepositoryError', async () => {
    await assert.rejects(
      new GitRunner({ cwd: repo.dir, isTrusted: () => true, gitPath: '/nonexistent/git' }).run(['version']),
      GitNotFoundError,
    );
    await assert.rejects(
      new GitRunner({ cwd: path.join(repo.dir, 'gone'), isTrusted: () => true }).run(['version']),
      NotARepositoryError,
    );
  });

  it('a folder that is not a repository → NotARepositoryError', async () => {
    const dir = tempDir();
    await assert.rejects(GitRepository.open(new GitRunner({ cwd: dir, isTrusted: () => true })), NotARepositoryError);
  });

  it('run() fails past maxOutputBytes; exec() returns allowed exit codes', async () => {
    await assert.rejects(trusted().run(['log'], { maxOutputBytes: 10 }), GitOutputTooLargeError);
    const r = await trusted().exec(['rev-parse', '--verify', '-q', 'nope'], { okExitCodes: [1] });
    assert.equal(r.exitCode, 1);
  });

  it('abort: run and stream reject with AbortError', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(trusted().run(['log'], { signal: ac.signal }), GitAbortedError);
    const ac2 = new AbortController();
    await assert.rejects(
      async () => {
        for await (const batch of trusted().stream(['log', '--format=%H', '-z'], { signal: ac2.signal })) {
          assert.ok(batch.length > 0);
          ac2.abort();
        }
      },
      { name: 'AbortError' },
    );
  });

  it('stream() yields every record, however the output is chunked', async () => {
    const seen: string[] = [];
    for await (const batch of trusted().stream(['log', '--format=%s', '-z'])) seen.push(...batch);
    assert.deepEqual(
      seen.filter((s) => s.length > 0),
      ['second', 'first'],
    );
  });

  it('refuses refs that read as options or carry control characters', async () => {
    for (const bad of ['--upload-pack=touch /tmp/x', '-x', '', 'a\nb', 'a\0b'])
      assert.throws(() => assertSafeRef(bad), InvalidRefError);
    const r = await GitRepository.open(trusted());
    assert.throws(() => r.log(['--output=/tmp/pwned']), InvalidRefError);
    await assert.rejects(r.resolve('--all'), InvalidRefError);
    await assert.rejects(r.createBranch('--upload-pack=x'), InvalidRefError);
  });
});
