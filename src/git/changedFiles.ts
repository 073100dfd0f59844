// Which files a set of commits touched (for the item card's "files most touched" and the
// Explorer badges of the current item). One git process for all the commits.

import { countTouches, parseChangedFiles, type FileTouchCount } from '../core/gitOutput/changedFilesParser';
import type { GitRunner } from './gitRunner';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Enough history for a footprint; keeps the command line and the output small. */
export const MAX_COMMITS_FOR_FILES = 500;
const MAX_OUTPUT = 16 * 1024 * 1024;

/**
 * Files touched by `shas` (full commit ids; others are ignored), counted per commit. Merge commits
 * contribute nothing: their changes are counted on the commits they merged.
 */
export async function filesTouched(
  git: GitRunner,
  shas: readonly string[],
  signal?: AbortSignal,
): Promise<FileTouchCount[]> {
  const wanted = [...new Set(shas.map((s) => s.toLowerCase()).filter((s) => SHA.test(s)))].slice(
    0,
    MAX_COMMITS_FOR_FILES,
  );
  if (wanted.length === 0) return [];
  const args = [
    '-c',
    'diff.renames=false',
    'log',
    '--no-walk=unsorted',
    '--name-only',
    '-z',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--format=%x1e%H',
    '--end-of-options',
    ...wanted,
    '--',
  ];
  const output = await git.run(args, { maxOutputBytes: MAX_OUTPUT, ...(signal ? { signal } : {}) });
  return countTouches(parseChangedFiles(output, new Set(wanted)));
}
