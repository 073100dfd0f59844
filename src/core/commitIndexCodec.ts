// The persisted form of a CommitIndex: columnar JSON (one string of all shas, parent links as
// indices, an author table, flat number arrays) because JSON.parse reads a few long arrays far
// faster than 100k small ones: reloading must cost a small fraction of a cold build.
// Version 3 also stores every link the roadmap produced (direct, merge, inherited through merges),
// so a reload under the same roadmap fingerprint is decode-only: no matcher, no graph walk.
// Inherited links are shared lists (one per merge nesting), stored once and referenced by index.
// Decoding validates everything and reports failure as a value, never a throw.

import type { Evidence } from './commitLinks';
import type { RawCommit } from './gitLogParser';
import { KIND_CODES, PersistedCommits } from './persistedCommits';

export const COMMIT_INDEX_FORMAT = 'roadmap-lens-commit-index';
export const COMMIT_INDEX_VERSION = 3;

export interface IndexParts {
  readonly head: string | undefined;
  readonly fingerprint: string;
  readonly commits: readonly RawCommit[];
  /** Message/trailer/squash links per commit. */
  readonly direct: (sha: string) => readonly Evidence[] | undefined;
  /** A merge's links for the branch it brought in (each with `via` = the merge). */
  readonly merges: (sha: string) => readonly Evidence[] | undefined;
  /** Links inherited from merges; lists are shared and hold the merges' own Evidence objects. */
  readonly inherited: (sha: string) => readonly Evidence[] | undefined;
}

export interface DecodedParts {
  readonly head: string | undefined;
  readonly fingerprint: string;
  readonly commits: PersistedCommits;
}

class Table {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  id(s: string): number {
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.map.set(s, i);
    }
    return i;
  }
}

export function encodeIndex(p: IndexParts): string {
  const shaLength = p.commits[0]?.sha.length ?? 40;
  const position = new Map<string, number>();
  p.commits.forEach((c, i) => position.set(c.sha, i));
  const external = new Table();
  const people = new Table();
  const items = new Table();
  const branches = new Table();
  const parents: number[] = [];
  const links: number[] = [];
  // [position, count, (item, kind, branch + 1)×count]… for merges with links.
  const merges: number[] = [];
  const mergeSlot = new Map<Evidence, readonly [number, number]>();
  p.commits.forEach((c, i) => {
    parents.push(c.parents.length);
    for (const parent of c.parents) parents.push(position.get(parent) ?? -1 - external.id(parent));
    const d = p.direct(c.sha) ?? [];
    links.push(d.length);
    for (const e of d) links.push(items.id(e.itemId), KIND_CODES.indexOf(e.kind));
    const m = p.merges(c.sha);
    if (m && m.length > 0) {
      merges.push(i, m.length);
      m.forEach((e, k) => {
        merges.push(items.id(e.itemId), KIND_CODES.indexOf(e.kind), e.branch === undefined ? 0 : branches.id(e.branch) + 1);
        // Inherited lists are written as (merge position, k) slots of these links.
        mergeSlot.set(e, [i, k]);
      });
    }
  });
  const inherited = encodeInherited(p, mergeSlot);
  return JSON.stringify({
    format: COMMIT_INDEX_FORMAT,
    version: COMMIT_INDEX_VERSION,
    head: p.head ?? null,
    fingerprint: p.fingerprint,
    shaLength,
    shas: p.commits.map((c) => c.sha).join(''),
    external: external.list.join(''),
    parents,
    author: p.commits.map((c) => people.id(c.author)),
    email: p.commits.map((c) => people.id(c.email)),
    people: people.list,
    time: p.commits.map((c) => c.time),
    message: p.commits.map((c) => c.message),
    // Positions sorted by sha: the reader finds a commit by binary search instead of building a map.
    order: sortedBySha(p.commits),
    items: items.list,
    links,
    branches: branches.list,
    merges,
    contexts: inherited?.contexts ?? null,
    inherited: inherited?.pairs ?? null,
  });
}

/**
 * contexts: [count, (merge position, k)×count]… (each shared list once); pairs: [position,
 * context]… for the commits that inherit. undefined when a list holds a link that is not some
 * merge's own (the reader then recomputes them).
 */
function encodeInherited(p: IndexParts, mergeSlot: ReadonlyMap<Evidence, readonly [number, number]>): { contexts: number[]; pairs: number[] } | undefined {
  const contexts: number[] = [];
  const pairs: number[] = [];
  const contextId = new Map<readonly Evidence[], number>();
  let count = 0;
  for (let i = 0; i < p.commits.length; i++) {
    const sha = p.commits[i]?.sha;
    const list = sha === undefined ? undefined : p.inherited(sha);
    if (!list || list.length === 0) continue;
    let id = contextId.get(list);
    if (id === undefined) {
      contexts.push(list.length);
      for (const e of list) {
        const slot = mergeSlot.get(e);
        if (slot === undefined) return undefined;
        contexts.push(slot[0], slot[1]);
      }
      id = count++;
      contextId.set(list, id);
    }
    pairs.push(i, id);
  }
  return { contexts, pairs };
}

/** Positions sorted by sha: bucketed on the first four hex digits, so only a few shas share a bucket to compare. */
function sortedBySha(commits: readonly RawCommit[]): number[] {
  const bucketOf = (i: number): number => {
    const sha = commits[i]?.sha ?? '';
    let b = 0;
    for (let k = 0; k < 4; k++) {
      const c = sha.charCodeAt(k);
      b = (b << 4) | ((c <= 57 ? c - 48 : c - 87) & 15);
    }
    return b;
  };
  const start = new Int32Array(0x10001);
  for (let i = 0; i < commits.length; i++) {
    const b = bucketOf(i) + 1;
    start[b] = (start[b] ?? 0) + 1;
  }
  for (let b = 1; b <= 0x10000; b++) start[b] = (start[b] ?? 0) + (start[b - 1] ?? 0);
  const fill = start.slice(0, 0x10000);
  const order = new Array<number>(commits.length);
  for (let i = 0; i < commits.length; i++) {
    const b = bucketOf(i);
    order[fill[b] ?? 0] = i;
    fill[b] = (fill[b] ?? 0) + 1;
  }
  const sha = (i: number): string => commits[i]?.sha ?? '';
  for (let b = 0; b < 0x10000; b++) {
    const from = start[b] ?? 0;
    const to = start[b + 1] ?? 0;
    // Insertion sort: buckets hold one or two shas on average.
    for (let i = from + 1; i < to; i++) {
      const v = order[i] ?? 0;
      let j = i - 1;
      while (j >= from && sha(order[j] ?? 0) > sha(v)) {
        order[j + 1] = order[j] ?? 0;
        j--;
      }
      order[j + 1] = v;
    }
  }
  return order;
}

export function decodeIndex(text: string): DecodedParts | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `unreadable: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a commit index';
  const d = data as Record<string, unknown>;
  if (d['format'] !== COMMIT_INDEX_FORMAT) return 'not a commit index';
  if (d['version'] !== COMMIT_INDEX_VERSION) return `version ${String(d['version'])} is not ${COMMIT_INDEX_VERSION}`;
  const { head, fingerprint } = d;
  if ((head !== null && typeof head !== 'string') || typeof fingerprint !== 'string') return 'malformed header';
  const commits = PersistedCommits.decode(d);
  if (typeof commits === 'string') return commits;
  if (head !== null && commits.position(head) < 0) return 'head not in index';
  return { head: head ?? undefined, fingerprint, commits };
}
