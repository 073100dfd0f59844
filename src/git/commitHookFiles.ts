// Installs and removes the Roadmap Lens `prepare-commit-msg` hook in a repository: in the folder
// git really runs hooks from (`core.hooksPath` when set, else the common git dir's `hooks/`), a
// hook already there kept aside and chained, and restored on uninstall. Writes go through a temp
// file and a rename, so git never runs a half-written hook.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HOOK_NAME, PREVIOUS_HOOK_NAME, hookScript, isOurHook, type HookOutcome } from '../core/hook/commitHook';

export type { HookOutcome };
import type { GitRunner } from './gitRunner';
import { revParseValues } from './revParsePaths';

/** The hooks folder git uses for this repository. */
export async function hooksDirectory(git: GitRunner, repoDir: string): Promise<string> {
  // Every call carries `-c core.hooksPath=<none>` (see gitRunner): read the files' value, not ours.
  // NUL-separated (`origin NUL value NUL`): a path may hold a newline (#16 class 12).
  const configured = await git.exec(['config', '-z', '--show-origin', '--type=path', '--get-all', 'core.hooksPath'], {
    okExitCodes: [1],
  });
  const fields = configured.stdout.split('\0');
  const values: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (!(fields[i] ?? '').startsWith('command line:')) values.push(fields[i + 1] ?? '');
  }
  const hooksPath = values[values.length - 1];
  const [top = '', common = ''] = await revParseValues(git, ['--show-toplevel', '--git-common-dir']);
  if (hooksPath !== undefined && hooksPath !== '') return path.resolve(top || repoDir, hooksPath);
  return path.join(path.resolve(repoDir, common), 'hooks');
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.lstat(file);
    // A hook is a small script; anything else is left alone and reported as someone else's.
    if (!stat.isFile() || stat.size > 1_000_000) return '';
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

async function writeExecutable(file: string, text: string): Promise<void> {
  const temp = `${file}.roadmap-lens-${process.pid}.tmp`;
  await fs.writeFile(temp, text, { mode: 0o755 });
  await fs.chmod(temp, 0o755);
  await fs.rename(temp, file);
}

/** `node` and `cli`: absolute paths the hook runs (`<node> <cli> hook run …`). */
export async function installCommitHook(
  git: GitRunner,
  repoDir: string,
  node: string,
  cli: string,
): Promise<HookOutcome> {
  const dir = await hooksDirectory(git, repoDir);
  await fs.mkdir(dir, { recursive: true });
  const hook = path.join(dir, HOOK_NAME);
  const previous = path.join(dir, PREVIOUS_HOOK_NAME);
  const current = await readIfExists(hook);
  const script = hookScript(node, cli);
  if (current !== undefined && isOurHook(current)) {
    await writeExecutable(hook, script);
    return { kind: 'updated', path: hook };
  }
  let chained = false;
  if (current !== undefined) {
    if (await exists(previous))
      return {
        kind: 'refused',
        message: `${previous} already exists; move it away first (it would be overwritten).`,
      };
    await fs.rename(hook, previous);
    chained = true;
  }
  await writeExecutable(hook, script);
  return { kind: 'installed', path: hook, chained };
}

export async function uninstallCommitHook(git: GitRunner, repoDir: string): Promise<HookOutcome> {
  const dir = await hooksDirectory(git, repoDir);
  const hook = path.join(dir, HOOK_NAME);
  const previous = path.join(dir, PREVIOUS_HOOK_NAME);
  const current = await readIfExists(hook);
  if (current === undefined || !isOurHook(current))
    return {
      kind: 'refused',
      message: `The Roadmap Lens hook is not installed in ${dir}${current === undefined ? '' : ' (the hook there is not ours; left untouched)'}.`,
    };
  await fs.rm(hook);
  const restored = await exists(previous);
  if (restored) await fs.rename(previous, hook);
  return { kind: 'uninstalled', path: hook, restored };
}
