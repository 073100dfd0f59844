// What drift and metric history ask git of one folder's repository, bound to its runner: the
// narrow FolderDriftGit the DriftModel and the MetricHistoryModel use instead of the repository.

import { closingMessages, commitsAhead, deadPathGlobs } from '../../git/driftFacts';
import { fileRevisions, repoRelativePath } from '../../git/fileRevisions';
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
      const rel = await repoRelativePath(repo.info.root, absPath);
      return rel === undefined ? [] : fileRevisions(git, rel, opts);
    },
  };
}
