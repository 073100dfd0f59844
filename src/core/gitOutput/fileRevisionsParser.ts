// Parses `git log -p -U<all> --format=%x00%H%x1f%ct -- FILE`: one record per commit that touched
// FILE, whose patch (with the whole file as context) holds the file's text at that commit: the
// context and added lines, in order. One git process gives a file's history without a
// `git show` per revision.

export interface FileRevision {
  readonly sha: string;
  /** Committer time, seconds. */
  readonly time: number;
  /** The file's text after the commit; undefined when the commit deleted it or it is binary. */
  readonly text: string | undefined;
}

const FIELD = '\x1f';

/** The records of the log's output (split on NUL, as `--format=%x00…` writes them), newest first. */
export function parseFileRevisions(output: string): FileRevision[] {
  const out: FileRevision[] = [];
  for (const record of output.split('\0')) {
    const revision = parseRecord(record);
    if (revision) out.push(revision);
  }
  return out;
}

function parseRecord(record: string): FileRevision | undefined {
  const headEnd = record.indexOf('\n');
  const head = headEnd < 0 ? record : record.slice(0, headEnd);
  const [sha = '', time = ''] = head.split(FIELD);
  if (!/^[0-9a-f]{40,64}$/.test(sha) || !/^\d{1,12}$/.test(time)) return undefined;
  return { sha, time: Number(time), text: headEnd < 0 ? undefined : newSide(record.slice(headEnd + 1)) };
}

/**
 * The new side of a one-file patch: undefined for a deletion, a binary file, or no patch at all
 * (a merge, which `git log -p` shows without one).
 */
function newSide(patch: string): string | undefined {
  const lines = patch.split('\n');
  let i = 0;
  let deleted = false;
  // The header, up to the first hunk: `+++ /dev/null` is a deletion, "Binary files" has no hunk.
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('@@ ')) break;
    if (line === '+++ /dev/null') deleted = true;
  }
  if (deleted || i >= lines.length) return undefined;
  const kept: string[] = [];
  let noNewlineAtEnd = false;
  for (i++; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const mark = line.charAt(0);
    if (mark === ' ' || mark === '+') {
      kept.push(line.slice(1));
      noNewlineAtEnd = false;
    } else if (mark === '-') {
      noNewlineAtEnd = false;
    } else if (mark === '\\') {
      // "\ No newline at end of file" after the line it is about: only the new side's counts.
      const before = lines[i - 1]?.charAt(0);
      if (before === ' ' || before === '+') noNewlineAtEnd = true;
    } else if (line.startsWith('@@ ')) {
      // One hunk covers the whole file with -U<all>; a second one means lines are missing.
      return undefined;
    } else if (line === '') {
      continue;
    } else break;
  }
  return kept.join('\n') + (noNewlineAtEnd || kept.length === 0 ? '' : '\n');
}
