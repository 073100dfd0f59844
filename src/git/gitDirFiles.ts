// State a repository keeps as plain files in its git dir, read without a git process: operations
// in progress (rebase, merge…), the branch a rebase works on, and the base branch candidates.
// Callers keep the git layer's trust guard (these reads stand in for git processes).

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RepoOperation } from '../core/linking/currentWork';
import { packedRefsOf, resolveRefFile } from './refFiles';
import { READ_LIMITS, readFileBounded } from '../fs/boundedRead';

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function readText(p: string): Promise<string | undefined> {
  try {
    // A hostile repository can make HEAD or a ref a FIFO or a link to /dev/zero: bounded, non-blocking.
    return (await readFileBounded(p, { maxBytes: READ_LIMITS.gitMetadata, what: 'git metadata' })).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The refs a base branch is looked for in, in order (origin/HEAD names its target). */
export const BASE_REF_CANDIDATES = [
  'refs/remotes/origin/HEAD',
  'refs/heads/main',
  'refs/heads/master',
  'refs/remotes/origin/main',
  'refs/remotes/origin/master',
];

/** The operation stopped half-way in this work tree, by the marker files git leaves. */
export async function readOperation(gitDir: string): Promise<RepoOperation | undefined> {
  // In order of precedence; all checked at once.
  const markers: [string, RepoOperation][] = [
    ['rebase-merge', 'rebase'],
    ['rebase-apply', 'rebase'],
    ['MERGE_HEAD', 'merge'],
    ['CHERRY_PICK_HEAD', 'cherry-pick'],
    ['REVERT_HEAD', 'revert'],
    ['BISECT_LOG', 'bisect'],
  ];
  const found = await Promise.all(markers.map(([file]) => exists(path.join(gitDir, file))));
  return markers.find((_, i) => found[i])?.[1];
}

/** The branch a rebase in progress works on. */
export async function readRebasingBranch(gitDir: string): Promise<string | undefined> {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    const name = (await readText(path.join(gitDir, dir, 'head-name')))?.trim();
    if (name?.startsWith('refs/heads/')) return name.slice('refs/heads/'.length);
  }
  return undefined;
}

/** baseBranch() from the ref files, as for-each-ref would list the candidates; undefined when git must be asked. */
export async function baseBranchFromFiles(commonDir: string): Promise<{ base: string | undefined } | undefined> {
  const packed = packedRefsOf(commonDir);
  const reads = await Promise.all(BASE_REF_CANDIDATES.map((ref) => resolveRefFile(commonDir, ref, packed)));
  if (reads.some((r) => r.kind === 'unknown')) return undefined;
  for (let i = 0; i < BASE_REF_CANDIDATES.length; i++) {
    if (reads[i]?.kind !== 'sha') continue;
    const candidate = BASE_REF_CANDIDATES[i] ?? '';
    let target = candidate;
    if (candidate.endsWith('/HEAD')) {
      // A symbolic ref: which branch it names (for-each-ref's %(symref)).
      const link = await readText(path.join(commonDir, ...candidate.split('/')));
      target = link?.startsWith('ref: ') ? link.slice(5).trim() : '';
    }
    if (target.startsWith('refs/remotes/')) return { base: target.slice('refs/remotes/'.length) };
    if (target.startsWith('refs/heads/')) return { base: target.slice('refs/heads/'.length) };
  }
  return { base: undefined };
}
