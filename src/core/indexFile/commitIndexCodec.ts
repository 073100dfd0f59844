// The persisted form of a CommitIndex, version 4: binary columns in a sectionFile, so a reload is
// a few linear checks over typed-array views of the file instead of a parse (JSON.parse and hex
// validation were most of a version-3 reload). Shas are raw bytes (20, or 32 for sha-256); parents
// and links are CSR index columns; people, items and branches are string tables in the header;
// messages are one UTF-8 blob with offsets, decoded only when a commit is asked for.
//
// Every link the roadmap produced (direct, merge, inherited through merges) is stored, so a reload
// under the same roadmap fingerprint is decode-only: no matcher, no graph walk. Inherited links are
// shared lists (one per merge nesting), stored once and referenced by index. Decoding validates
// everything and reports failure as a value, never a throw.

import type { CommitLink } from '../linking/commitLinks';
import type { RawCommit } from '../gitOutput/gitLogParser';
import { KIND_CODES, PersistedCommits, type CommitColumns } from './persistedCommits';
import { isSectionFile, packSectionFile, readSectionFile } from './sectionFile';
import { compareShaBytes, writeShaBytes } from './shaBytes';
import { runToEnd } from '../util/timeSlices';

export const COMMIT_INDEX_FORMAT = 'roadmap-lens-commit-index';
export const COMMIT_INDEX_VERSION = 4;

/** Sections in their order on disk, with each one's element size in bytes. */
const SECTIONS = {
  shas: 1,
  external: 1,
  parentOffsets: 4,
  parentRefs: 4,
  author: 4,
  email: 4,
  time: 8,
  messageOffsets: 4,
  messages: 1,
  linkOffsets: 4,
  links: 4,
  order: 4,
  merges: 4,
  contexts: 4,
  inherited: 4,
} as const;
const SECTION_NAMES = Object.keys(SECTIONS) as (keyof typeof SECTIONS)[];

export interface IndexParts {
  readonly head: string | undefined;
  readonly fingerprint: string;
  readonly commits: readonly RawCommit[];
  /** Message/trailer/squash links per commit. */
  readonly direct: (sha: string) => readonly CommitLink[] | undefined;
  /** A merge's links for the branch it brought in (each with `via` = the merge). */
  readonly merges: (sha: string) => readonly CommitLink[] | undefined;
  /** Links inherited from merges; lists are shared and hold the merges' own Evidence objects. */
  readonly inherited: (sha: string) => readonly CommitLink[] | undefined;
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

/** Throws a RangeError when a sha is not lowercase hex of one length (git never prints such a commit). */
export function encodeIndex(p: IndexParts): Uint8Array {
  return runToEnd(encodeIndexSteps(p));
}

/**
 * encodeIndex in steps (a bare `yield` every `step` commits), so the extension can save a
 * 100k-commit index in slices (runInSlices) instead of one ~300 ms stall of its extension host.
 * The caller keeps the index unchanged meanwhile, or checks afterwards and encodes again.
 */
export function* encodeIndexSteps(p: IndexParts, step = 2000): Generator<void, Uint8Array> {
  const n = p.commits.length;
  const shaLength = p.commits[0]?.sha.length ?? 40;
  if (shaLength !== 40 && shaLength !== 64)
    throw new RangeError(`not a sha-1 or sha-256 name: ${p.commits[0]?.sha ?? ''}`);
  const width = shaLength / 2;
  const position = new Map<string, number>();
  p.commits.forEach((c, i) => position.set(c.sha, i));
  const shas = new Uint8Array(n * width);
  const external = new Table();
  const people = new Table();
  const items = new Table();
  const branches = new Table();
  const parentOffsets = new Int32Array(n + 1);
  const parentRefs: number[] = [];
  const author = new Int32Array(n);
  const email = new Int32Array(n);
  const time = new Float64Array(n);
  const linkOffsets = new Int32Array(n + 1);
  const links: number[] = [];
  const merges: number[] = [];
  const mergeSlot = new Map<CommitLink, readonly [number, number]>();
  for (let i = 0; i < n; i++) {
    if (i % step === step - 1) yield;
    const c = p.commits[i] as RawCommit;
    if (!writeShaBytes(c.sha, shas, i * width, width))
      throw new RangeError(`not a ${shaLength}-digit lowercase hex sha: ${c.sha}`);
    for (const parent of c.parents) parentRefs.push(position.get(parent) ?? -1 - external.id(parent));
    parentOffsets[i + 1] = parentRefs.length;
    author[i] = people.id(c.author);
    email[i] = people.id(c.email);
    time[i] = c.time;
    for (const e of p.direct(c.sha) ?? []) links.push(items.id(e.itemId), KIND_CODES.indexOf(e.kind));
    linkOffsets[i + 1] = links.length / 2;
    const m = p.merges(c.sha);
    if (m && m.length > 0) {
      merges.push(i, m.length);
      m.forEach((e, k) => {
        merges.push(
          items.id(e.itemId),
          KIND_CODES.indexOf(e.kind),
          e.branch === undefined ? 0 : branches.id(e.branch) + 1,
        );
        // Inherited lists are written as (merge position, k) slots of these links.
        mergeSlot.set(e, [i, k]);
      });
    }
  }
  const externalShas = new Uint8Array(external.list.length * width);
  external.list.forEach((sha, i) => {
    if (!writeShaBytes(sha, externalShas, i * width, width))
      throw new RangeError(`not a ${shaLength}-digit lowercase hex sha: ${sha}`);
  });
  yield;
  const text = yield* encodeMessages(p.commits, step);
  const inherited = yield* encodeInherited(p, mergeSlot, step);
  const columns: CommitColumns = {
    count: n,
    shaLength,
    shas,
    external: externalShas,
    parentOffsets,
    parentRefs: Int32Array.from(parentRefs),
    people: people.list,
    author,
    email,
    time,
    messageOffsets: text.offsets,
    messages: text.blob,
    items: items.list,
    linkOffsets,
    links: Int32Array.from(links),
    order: yield* sortedBySha(shas, n, width),
    branches: branches.list,
    merges: Int32Array.from(merges),
    contexts: inherited && Int32Array.from(inherited.contexts),
    inherited: inherited && Int32Array.from(inherited.pairs),
  };
  const header = {
    format: COMMIT_INDEX_FORMAT,
    version: COMMIT_INDEX_VERSION,
    head: p.head ?? null,
    fingerprint: p.fingerprint,
    shaLength,
    count: n,
    people: columns.people,
    items: columns.items,
    branches: columns.branches,
    inherited: inherited !== undefined,
  };
  return packSectionFile(header, new Map(SECTION_NAMES.map((name) => [name, columns[name] ?? new Uint8Array(0)])));
}

function* encodeMessages(
  commits: readonly RawCommit[],
  step: number,
): Generator<void, { offsets: Uint32Array; blob: Uint8Array }> {
  const encoder = new TextEncoder();
  let capacity = 0;
  for (const c of commits) capacity += c.message.length * 3;
  const scratch = new Uint8Array(capacity);
  const offsets = new Uint32Array(commits.length + 1);
  let at = 0;
  for (let i = 0; i < commits.length; i++) {
    if (i % step === step - 1) yield;
    at += encoder.encodeInto((commits[i] as RawCommit).message, scratch.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return { offsets, blob: scratch.subarray(0, at) };
}

/**
 * contexts: [count, (merge position, k)×count]… (each shared list once); pairs: [position,
 * context]… for the commits that inherit. undefined when a list holds a link that is not some
 * merge's own (the reader then recomputes them).
 */
function* encodeInherited(
  p: IndexParts,
  mergeSlot: ReadonlyMap<CommitLink, readonly [number, number]>,
  step: number,
): Generator<void, { contexts: number[]; pairs: number[] } | undefined> {
  const contexts: number[] = [];
  const pairs: number[] = [];
  const contextId = new Map<readonly CommitLink[], number>();
  let count = 0;
  for (let i = 0; i < p.commits.length; i++) {
    if (i % step === step - 1) yield;
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

/** Positions sorted by sha: a counting sort on the first two bytes, so only a few shas share a bucket to compare. */
function* sortedBySha(shas: Uint8Array, n: number, width: number): Generator<void, Int32Array> {
  const bucketOf = (i: number): number => ((shas[i * width] ?? 0) << 8) | (shas[i * width + 1] ?? 0);
  const start = new Int32Array(0x10001);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(i) + 1;
    start[b] = (start[b] ?? 0) + 1;
  }
  for (let b = 1; b <= 0x10000; b++) start[b] = (start[b] ?? 0) + (start[b - 1] ?? 0);
  const fill = start.slice(0, 0x10000);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(i);
    order[fill[b] ?? 0] = i;
    fill[b] = (fill[b] ?? 0) + 1;
  }
  yield;
  for (let b = 0; b < 0x10000; b++) {
    if ((b & 0x1fff) === 0x1fff) yield;
    const from = start[b] ?? 0;
    const to = start[b + 1] ?? 0;
    // Insertion sort: buckets hold one or two shas on average.
    for (let i = from + 1; i < to; i++) {
      const v = order[i] ?? 0;
      let j = i - 1;
      while (j >= from && compareShaBytes(shas, (order[j] ?? 0) * width, shas, v * width, width) > 0) {
        order[j + 1] = order[j] ?? 0;
        j--;
      }
      order[j + 1] = v;
    }
  }
  return order;
}

export function decodeIndex(bytes: Uint8Array): DecodedParts | string {
  if (!isSectionFile(bytes)) return notBinary(bytes);
  const file = readSectionFile(bytes, SECTIONS, (h) =>
    h['format'] !== COMMIT_INDEX_FORMAT
      ? 'not a commit index'
      : h['version'] !== COMMIT_INDEX_VERSION
        ? `version ${String(h['version'])} is not ${COMMIT_INDEX_VERSION}`
        : undefined,
  );
  if (typeof file === 'string') return file;
  const { head, fingerprint, shaLength, count, people, items, branches, inherited } = file.header;
  if (
    (head !== null && typeof head !== 'string') ||
    typeof fingerprint !== 'string' ||
    (shaLength !== 40 && shaLength !== 64)
  )
    return 'malformed header';
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || typeof inherited !== 'boolean')
    return 'malformed header';
  if (!isStrArray(people) || !isStrArray(items) || !isStrArray(branches)) return 'malformed header';
  const commits = PersistedCommits.decode({
    count,
    shaLength,
    shas: file.bytes('shas'),
    external: file.bytes('external'),
    parentOffsets: file.int32('parentOffsets'),
    parentRefs: file.int32('parentRefs'),
    people,
    author: file.int32('author'),
    email: file.int32('email'),
    time: file.float64('time'),
    messageOffsets: file.uint32('messageOffsets'),
    messages: file.bytes('messages'),
    items,
    linkOffsets: file.int32('linkOffsets'),
    links: file.int32('links'),
    order: file.int32('order'),
    branches,
    merges: file.int32('merges'),
    contexts: inherited ? file.int32('contexts') : undefined,
    inherited: inherited ? file.int32('inherited') : undefined,
  });
  if (typeof commits === 'string') return commits;
  if (head !== null && commits.position(head) < 0) return 'head not in index';
  return { head: head ?? undefined, fingerprint, commits };
}

const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A version-3 (JSON) file names its version in its first bytes: say so, so the caller's log shows an upgrade, not corruption. */
function notBinary(bytes: Uint8Array): string {
  const start = new TextDecoder().decode(bytes.subarray(0, 200));
  const m = /^\s*\{\s*"format"\s*:\s*"roadmap-lens-commit-index"\s*,\s*"version"\s*:\s*(\d+)/.exec(start);
  return m ? `version ${m[1] ?? '?'} is not ${COMMIT_INDEX_VERSION}` : 'not a commit index';
}
