// `git rev-parse` prints one value per line and has no `-z`: a repository in a folder whose name
// holds a newline would split into extra "values" (issue #16 class 12). The combined call is
// kept for the common case (one process); when the output has more lines than values were asked
// for, some path holds a newline, and each value is asked for on its own, where the whole output
// (minus git's one final newline) is the value.

import type { GitRunner, RunOptions } from './gitRunner';

/** `text` without the single newline git ends its output with (a path may end in `\n` itself). */
export function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The values of `git rev-parse FLAG...`, one per flag, exact whatever bytes the paths hold. */
export async function revParseValues(
  git: GitRunner,
  flags: readonly string[],
  opts: RunOptions = {},
): Promise<string[]> {
  const lines = withoutFinalNewline(await git.run(['rev-parse', ...flags], opts)).split('\n');
  if (lines.length === flags.length) return lines;
  return Promise.all(flags.map(async (f) => withoutFinalNewline(await git.run(['rev-parse', f], opts))));
}
