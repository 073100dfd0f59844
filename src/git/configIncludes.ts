// Before the first git call of a runner: the repository's config files and every file they
// include are regular files. Git reads `include.path` / `includeIf.*.path` while loading config,
// before `-c` applies, and `git config --no-includes` itself loads the config with includes
// during startup (tried on git 2.39: it blocks on a FIFO include too), so no git call can ask
// safely; this reads the files itself, non-blocking and bounded (fs/boundedRead.ts). A config that
// is or includes a FIFO, a device or a folder is refused with UnsafeRepositoryConfigError before
// any git starts. What git reads that is not named here (HEAD, the index, packs) is bounded by
// the per-call timeout instead (gitChildProcess.ts).

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configIncludePaths } from '../core/gitOutput/gitConfigIncludes';
import { FileReadError, READ_LIMITS, readFileBounded } from '../fs/boundedRead';
import { UnsafeRepositoryConfigError } from './gitErrors';

/** Git stops following includes at depth 10; a config tree wider than this is refused too. */
const MAX_INCLUDE_DEPTH = 10;
const MAX_CONFIG_FILES = 100;
/** How far up from the working folder a repository is looked for (git has no such bound; we do). */
const MAX_WALK_UP = 256;

async function kind(p: string): Promise<'dir' | 'file' | 'other' | undefined> {
  try {
    const st = await fs.stat(p);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

async function readSmall(file: string): Promise<string | undefined> {
  try {
    return (await readFileBounded(file, { maxBytes: 64 * 1024, what: 'git pointer files' })).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The git dir git would use from `cwd` (the same walk as git's discovery), or undefined. */
export async function discoverGitDir(cwd: string): Promise<string | undefined> {
  let dir = path.resolve(cwd);
  for (let i = 0; i < MAX_WALK_UP; i++) {
    const dotGit = path.join(dir, '.git');
    const k = await kind(dotGit);
    if (k === 'dir') return dotGit;
    if (k === 'file') {
      const m = /^gitdir: (.+?)\r?\n?$/.exec((await readSmall(dotGit)) ?? '');
      return m?.[1] ? path.resolve(dir, m[1]) : undefined;
    }
    // A bare repository: the folder itself is the git dir.
    if (
      (await kind(path.join(dir, 'HEAD'))) === 'file' &&
      (await kind(path.join(dir, 'objects'))) === 'dir' &&
      (await kind(path.join(dir, 'refs'))) === 'dir'
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function expandIncludePath(raw: string, includingFile: string): string | undefined {
  if (raw.startsWith('~/')) return path.join(os.homedir(), raw.slice(2));
  // `%(prefix)/` names git's install prefix: not the repository's to choose, and not ours to guess.
  if (raw.startsWith('%(prefix)/')) return undefined;
  return path.resolve(path.dirname(includingFile), raw);
}

function refuse(file: string, includedFrom: string | undefined, error: FileReadError): never {
  const problem = error.message.replace(/; Roadmap Lens reads only regular files\.$/, '').replace(/\.$/, '');
  const what = includedFrom
    ? `The repository config ${includedFrom} includes ${file}: ${problem}`
    : `The repository config cannot be read safely: ${problem}`;
  throw new UnsafeRepositoryConfigError(
    `${what}. Git would block or read it without end, so no git command was run; remove the include.`,
    [],
    null,
    '',
  );
}

/**
 * Throws UnsafeRepositoryConfigError when the config of the repository around `cwd` is, or
 * includes, anything but a regular file within the git-metadata size bound. A missing include is
 * fine (git skips it too).
 */
export async function checkRepositoryConfig(cwd: string): Promise<void> {
  const gitDir = await discoverGitDir(cwd);
  if (gitDir === undefined) return;
  const common = (await readSmall(path.join(gitDir, 'commondir')))?.trim();
  const commonDir = common ? path.resolve(gitDir, common) : gitDir;
  const queue: { file: string; from: string | undefined; depth: number }[] = [
    { file: path.join(commonDir, 'config'), from: undefined, depth: 0 },
    { file: path.join(gitDir, 'config.worktree'), from: undefined, depth: 0 },
  ];
  for (let seen = 0; queue.length > 0; seen++) {
    const next = queue.shift();
    if (next === undefined) break;
    if (seen >= MAX_CONFIG_FILES || next.depth > MAX_INCLUDE_DEPTH) {
      throw new UnsafeRepositoryConfigError(
        `The repository config includes more than ${MAX_CONFIG_FILES} files or nests includes deeper than ${MAX_INCLUDE_DEPTH}; no git command was run.`,
        [],
        null,
        '',
      );
    }
    let text: string;
    try {
      text = (
        await readFileBounded(next.file, { maxBytes: READ_LIMITS.gitMetadata, what: 'git config files' })
      ).toString('utf8');
    } catch (e) {
      // Missing: git skips it too. Unreadable (permissions): git says so itself, without blocking.
      if (e instanceof FileReadError && (e.problem === 'missing' || e.problem === 'unreadable')) continue;
      if (e instanceof FileReadError) refuse(next.file, next.from, e);
      throw e;
    }
    for (const raw of configIncludePaths(text)) {
      const file = expandIncludePath(raw, next.file);
      if (file !== undefined) queue.push({ file, from: next.file, depth: next.depth + 1 });
    }
  }
}
