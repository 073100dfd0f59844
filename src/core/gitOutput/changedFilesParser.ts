// Parses `git log --no-walk=unsorted --name-only -z --format=%x1e%H <shas>`: which files each
// commit touched. Pure, tested on raw output strings; the git call is in src/git/changedFiles.ts.

export interface FileTouchCount {
  /** Repository-relative path with forward slashes, as git prints it. */
  readonly path: string;
  /** How many of the given commits touched it. */
  readonly commits: number;
}

/**
 * Records look like `\x1e<sha>\0\n<path>\0<path>\0…`. A header only counts when its sha is one we
 * asked for, so a file whose name imitates a header cannot shift the attribution.
 */
export function parseChangedFiles(output: string, requested: ReadonlySet<string>): Map<string, string[]> {
  const bySha = new Map<string, string[]>();
  let current: string[] | undefined;
  let firstOfRecord = false;
  for (const token of output.split('\0')) {
    if (token.startsWith('\x1e')) {
      const sha = token.slice(1).trim().toLowerCase();
      if (requested.has(sha)) {
        current = bySha.get(sha) ?? [];
        bySha.set(sha, current);
        firstOfRecord = true;
        continue;
      }
    }
    if (!current) continue;
    // git puts one newline between the header and the first path.
    const path = firstOfRecord && token.startsWith('\n') ? token.slice(1) : token;
    firstOfRecord = false;
    if (path !== '') current.push(path);
  }
  return bySha;
}

/** Files by how many commits touched them, most first, then by path; at most `limit`. */
export function countTouches(bySha: ReadonlyMap<string, readonly string[]>, limit = Infinity): FileTouchCount[] {
  const counts = new Map<string, number>();
  for (const paths of bySha.values()) {
    for (const p of new Set(paths)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([path, commits]) => ({ path, commits }))
    .sort((a, b) => b.commits - a.commits || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, limit);
}
