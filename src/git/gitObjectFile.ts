// Reads a file from a git object (`origin/roadmap:roadmap.yaml`) with `git cat-file`: no
// textconv, no filters, bounded size. Trusted workspaces only (GitRunner enforces it).

import type { GitObjectSpec } from '../core/roadmap/gitObjectSpec';
import { assertSafeRef } from './gitHardening';
import type { GitRunner } from './gitRunner';

/** A roadmap larger than this is refused rather than buffered. */
const MAX_BYTES = 64 * 1024 * 1024;

export class GitObjectNotFoundError extends Error {
  override readonly name = 'GitObjectNotFoundError';
}

export async function readGitObjectFile(git: GitRunner, spec: GitObjectSpec, signal?: AbortSignal): Promise<string> {
  const object = `${assertSafeRef(spec.rev)}:${spec.path}`;
  const type = await git.exec(['cat-file', '-t', object], { okExitCodes: [128], ...(signal ? { signal } : {}) });
  if (type.exitCode !== 0 || type.stdout.trim() !== 'blob')
    throw new GitObjectNotFoundError(`${object}: no such file in git (${spec.rev} has no ${spec.path}).`);
  return git.run(['cat-file', 'blob', object], { maxOutputBytes: MAX_BYTES, ...(signal ? { signal } : {}) });
}
