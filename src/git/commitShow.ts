// The text of one commit (header, stat and patch) for the read-only commit document.

import { GitOutputTooLargeError } from './gitErrors';
import { assertSafeRef } from './gitHardening';
import type { GitRunner } from './gitRunner';

const SHA = /^[0-9a-f]{7,64}$/i;
const MAX_BYTES = 8 * 1024 * 1024;

/** `git show --stat -p` with repository-configured programs off; a huge commit is cut with a note. */
export async function showCommit(git: GitRunner, sha: string, signal?: AbortSignal): Promise<string> {
  if (!SHA.test(sha)) throw new Error(`not a commit id: ${sha.slice(0, 80)}`);
  assertSafeRef(sha);
  const args = [
    'show',
    '--format=fuller',
    '--stat',
    '-p',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--end-of-options',
    sha,
    '--',
  ];
  try {
    return await git.run(args, { maxOutputBytes: MAX_BYTES, ...(signal ? { signal } : {}) });
  } catch (e) {
    if (!(e instanceof GitOutputTooLargeError)) throw e;
    const stat = await git.run(
      ['show', '--format=fuller', '--stat', '--no-color', '--end-of-options', sha, '--'],
      signal ? { signal } : {},
    );
    return `${stat}\n(The patch is larger than ${MAX_BYTES / 1024 / 1024} MB and is not shown; use git to see it.)\n`;
  }
}
