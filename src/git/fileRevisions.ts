// A file's text at each of the newest commits that changed it, from one `git log -p` whose patches
// carry the whole file as context (core/gitOutput/fileRevisionsParser.ts reads them). Bounded
// twice: at most `maxCount` commits, and at most `maxBytes` of output; when the newest
// `maxCount` revisions of a large file would exceed it, fewer are read (halving), never all.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseFileRevisions, type FileRevision } from '../core/gitOutput/fileRevisionsParser';
import { GitOutputTooLargeError } from './gitErrors';
import type { GitRunner } from './gitRunner';

/** Context wider than any file git would diff: every hunk is the whole file. */
const WHOLE_FILE = '-U1000000000';

export interface FileRevisionsOptions {
  readonly maxCount: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

/**
 * Newest first. `relPath` is relative to the repository's top level (a literal path, not a
 * pattern). Follows the commits reachable from HEAD; renames are not followed.
 */
export async function fileRevisions(
  git: GitRunner,
  relPath: string,
  opts: FileRevisionsOptions,
): Promise<FileRevision[]> {
  for (let count = Math.max(1, Math.floor(opts.maxCount)); ; count = Math.floor(count / 2)) {
    const args = [
      'log',
      '-p',
      WHOLE_FILE,
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--no-color',
      `--max-count=${count}`,
      '--format=%x00%H%x1f%ct',
      'HEAD',
      '--',
      `:(top,literal)${relPath}`,
    ];
    try {
      const out = await git.run(args, {
        maxOutputBytes: opts.maxBytes,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return parseFileRevisions(out);
    } catch (e) {
      if (!(e instanceof GitOutputTooLargeError) || count <= 1) throw e;
    }
  }
}

/** `absPath` relative to the work tree `root` (`/`-separated), or undefined outside it. Links resolved on both sides. */
export async function repoRelativePath(root: string | undefined, absPath: string): Promise<string | undefined> {
  if (root === undefined) return undefined;
  const real = async (p: string): Promise<string> => fs.realpath(p).catch(() => p);
  const rel = path.relative(await real(root), await real(absPath));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
