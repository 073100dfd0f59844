// Real git repositories in temp folders for the git-layer tests. Test code runs git directly
// (execFileSync, no shell) to set repositories up; the code under test goes through GitRunner.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempDir(prefix = 'rl-git-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

let clock = 1_700_000_000;

/** Identity and dates fixed; no user or system config leaks in. */
function env(): NodeJS.ProcessEnv {
  const t = `${clock++} +0000`;
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Ann Author',
    GIT_AUTHOR_EMAIL: 'ann@example.com',
    GIT_COMMITTER_NAME: 'Ann Author',
    GIT_COMMITTER_EMAIL: 'ann@example.com',
    GIT_AUTHOR_DATE: t,
    GIT_COMMITTER_DATE: t,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    LC_ALL: 'C',
  };
}

export class TestRepo {
  constructor(readonly dir: string) {}

  static init(dir = tempDir()): TestRepo {
    const repo = new TestRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  git(...args: string[]): string {
    return this.gitInput(undefined, ...args);
  }

  gitInput(input: string | undefined, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: env(),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input === undefined ? {} : { input }),
    });
  }

  /** Exit status instead of a throw (for commands expected to fail, e.g. conflicting merges). */
  tryGit(...args: string[]): number {
    try {
      this.git(...args);
      return 0;
    } catch (e) {
      return (e as { status?: number }).status ?? -1;
    }
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), text);
  }

  /** Commits a change to `file` (default: a file named after the message's hash) with `message`. */
  commit(message: string, file?: string, content?: string): string {
    const name = file ?? `f-${clock}.txt`;
    this.write(name, content ?? `${message}\n${clock}\n`);
    this.git('add', '--', name);
    this.gitInput(message, 'commit', '-q', '-F', '-');
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }
}
