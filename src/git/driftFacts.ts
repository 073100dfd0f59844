// Gathers the facts drift findings are made of (core/drift/driftFindings.ts decides what they
// mean): commits on the base branch whose messages close items (magic words), tagged branches the
// base does not contain, and `paths` globs that match no tracked file. Streams; bounded by maxCount.

import { compileGlob } from '../core/glob/globMatcher';
import { closedReferences } from '../core/drift/magicWords';
import type { ClosingCommit } from '../core/drift/driftFindings';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import { assertSafeRef } from './gitHardening';
import type { GitRunner } from './gitRunner';

const FIELD = '\x1f';

/** Commits reachable from `base` (newest first, at most `maxCount`) that close roadmap items. */
export async function closingCommits(
  git: GitRunner,
  base: string,
  roadmap: RoadmapIndex,
  maxCount: number,
  signal?: AbortSignal,
): Promise<ClosingCommit[]> {
  assertSafeRef(base);
  const out: ClosingCommit[] = [];
  const args = [
    'log',
    '-z',
    `--max-count=${maxCount}`,
    `--format=%H${FIELD}%ct${FIELD}%s${FIELD}%B`,
    '--end-of-options',
    base,
    '--',
  ];
  for await (const records of git.stream(args, { separator: '\0', ...(signal ? { signal } : {}) })) {
    for (const record of records) {
      const [sha = '', time = '0', subject = '', ...body] = record.split(FIELD);
      if (!/^[0-9a-f]{40,64}$/.test(sha.trim())) continue;
      const ids = new Set<string>();
      for (const ref of closedReferences(body.join(FIELD))) {
        const item = roadmap.get(ref);
        if (item) ids.add(item.id);
      }
      if (ids.size > 0) out.push({ sha: sha.trim(), time: Number(time), subject, itemIds: [...ids] });
    }
  }
  return out;
}

/** How many commits `branch` has that `base` does not (0 when merged). */
export async function commitsAhead(
  git: GitRunner,
  base: string,
  branch: string,
  signal?: AbortSignal,
): Promise<number> {
  const out = await git.run(
    ['rev-list', '--count', '--end-of-options', `${assertSafeRef(base)}..${assertSafeRef(branch)}`, '--'],
    signal ? { signal } : {},
  );
  return Number(out.trim()) || 0;
}

/** Of these globs (as written in `paths`), the ones no tracked file at HEAD matches. */
export async function deadPathGlobs(
  git: GitRunner,
  globs: readonly string[],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const pending = new Map<string, (file: string) => boolean>();
  for (const glob of new Set(globs)) {
    // Roadmap globs are untrusted: our own bounded dialect, never a backtracking regex. An invalid
    // or refused glob is reported by validation already.
    const match = compileGlob(glob);
    if (match !== undefined) pending.set(glob, match);
  }
  if (pending.size === 0) return new Set();
  for await (const files of git.stream(['ls-files', '-z', '--full-name', '--'], {
    separator: '\0',
    ...(signal ? { signal } : {}),
  })) {
    for (const file of files) {
      if (file.length === 0) continue;
      for (const [glob, match] of pending) if (match(file)) pending.delete(glob);
      if (pending.size === 0) return new Set();
    }
  }
  return new Set(pending.keys());
}
