// filesTouched against a real repository: paths with spaces and newlines, a merge, a bogus sha,
// and the trust guard (no git process when the workspace is not trusted).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesTouched } from '../../src/git/changedFiles';
import { GitRunner } from '../../src/git/gitRunner';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  }).trim();
}

describe('filesTouched (git)', () => {
  let dir: string;
  const shas: Record<string, string> = {};

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-files-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 'T');
    fs.mkdirSync(path.join(dir, 'sp ace'));
    fs.writeFileSync(path.join(dir, 'a.txt'), '1\n');
    fs.writeFileSync(path.join(dir, 'sp ace', 'b c.txt'), '1\n');
    fs.writeFileSync(path.join(dir, 'new\nline.txt'), '1\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'CHK-12: one');
    shas['one'] = git(dir, 'rev-parse', 'HEAD');
    fs.appendFileSync(path.join(dir, 'a.txt'), '2\n');
    git(dir, 'commit', '-qam', 'CHK-12: two');
    shas['two'] = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-qb', 'side');
    fs.writeFileSync(path.join(dir, 'c.txt'), '3\n');
    git(dir, 'add', 'c.txt');
    git(dir, 'commit', '-qm', 'three');
    git(dir, 'checkout', '-q', 'main');
    fs.appendFileSync(path.join(dir, 'a.txt'), '4\n');
    git(dir, 'commit', '-qam', 'four');
    git(dir, 'merge', '-q', '--no-edit', 'side');
    shas['merge'] = git(dir, 'rev-parse', 'HEAD');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts files per commit, most touched first', async () => {
    const runner = new GitRunner({ cwd: dir, isTrusted: () => true });
    const files = await filesTouched(runner, [
      shas['one'] ?? '',
      shas['two'] ?? '',
      shas['merge'] ?? '',
      'not-a-sha',
      '--output=/tmp/x',
    ]);
    assert.deepEqual(files, [
      { path: 'a.txt', commits: 2 },
      { path: 'new\nline.txt', commits: 1 },
      { path: 'sp ace/b c.txt', commits: 1 },
    ]);
  });

  it('no commits: no git call, empty answer', async () => {
    const runner = new GitRunner({ cwd: dir, isTrusted: () => false });
    assert.deepEqual(await filesTouched(runner, []), []);
  });

  it('untrusted: refuses before running git', async () => {
    const runner = new GitRunner({ cwd: dir, isTrusted: () => false });
    await assert.rejects(filesTouched(runner, [shas['one'] ?? '']), /trust|Restricted/i);
  });
});
