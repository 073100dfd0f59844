// What drift and metric history ask git of one folder's repository, bound to its runner: the
// narrow FolderDriftGit the DriftModel and the MetricHistoryModel use instead of the repository.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { closingMessages, commitsAhead, deadPathGlobs } from '../../git/driftFacts';
import { fileRevisions } from '../../git/fileRevisions';
import type { GitRepository } from '../../git/gitRepository';
import type { GitRunner } from '../../git/gitRunner';
import type { FolderDriftGit } from './workHistory';

export function folderDriftGit(git: GitRunner, repo: GitRepository): FolderDriftGit {
  return {
    resolve: (ref, signal) => repo.resolve(ref, signal),
    closingMessages: (base, maxCount, signal) => closingMessages(git, base, maxCount, signal),
    commitsAhead: (base, branch, signal) => commitsAhead(git, base, branch, signal),
    deadPathGlobs: (globs, signal) => deadPathGlobs(git, globs, signal),
    fileRevisions: async (absPath, opts) => {
      const rel = await insideRepository(repo.info.root, absPath);
      return rel === undefined ? [] : fileRevisions(git, rel, opts);
    },
  };
}

/** `absPath` relative to the work tree (`/`-separated), or undefined outside it. Links resolved on both sides. */
async function insideRepository(root: string | undefined, absPath: string): Promise<string | undefined> {
  if (root === undefined) return undefined;
  const real = async (p: string): Promise<string> => fs.realpath(p).catch(() => p);
  const rel = path.relative(await real(root), await real(absPath));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
