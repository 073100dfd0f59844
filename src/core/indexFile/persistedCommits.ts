// A persisted commit index read in place: the file's binary columns stay typed-array views over
// its bytes and a commit, its message, its links or its position are derived on demand, so a
// reload allocates per commit only what is asked for. Lookups by sha binary-search the `order`
// column (positions sorted by sha) on raw sha bytes. Everything is validated once, up front, in a
// few linear passes over the columns; failure is a reason string, never a throw.

import type { CommitLink, CommitLinkKind } from '../linking/commitLinks';
import type { RawCommit } from '../gitOutput/gitLogParser';
import { allShasHex, compareShaBytes, readShaHex, writeShaBytes } from './shaBytes';

export const KIND_CODES: readonly CommitLinkKind[] = ['message', 'trailer', 'squash', 'merge', 'branch-tag'];

/** The columns of a persisted index (see commitIndexCodec for how they are laid out on disk). */
export interface CommitColumns {
  readonly count: number;
  readonly shaLength: 40 | 64;
  /** `count` names of shaLength / 2 bytes each, in position order. */
  readonly shas: Uint8Array;
  /** Parents outside the index (a bounded history), same encoding. */
  readonly external: Uint8Array;
  /** CSR: commit i's parents are parentRefs[parentOffsets[i] .. parentOffsets[i + 1]]; ref ≥ 0 is a position, ref < 0 is external[-1 - ref]. */
  readonly parentOffsets: Int32Array;
  readonly parentRefs: Int32Array;
  readonly people: readonly string[];
  readonly author: Int32Array;
  readonly email: Int32Array;
  readonly time: Float64Array;
  /** UTF-8 of all messages; message i is messages[messageOffsets[i] .. messageOffsets[i + 1]]. */
  readonly messageOffsets: Uint32Array;
  readonly messages: Uint8Array;
  readonly items: readonly string[];
  /** CSR over (item, kind) pairs: commit i's direct links are pairs linkOffsets[i] .. linkOffsets[i + 1]. */
  readonly linkOffsets: Int32Array;
  readonly links: Int32Array;
  /** Positions sorted by sha. */
  readonly order: Int32Array;
  readonly branches: readonly string[];
  /** [position, count, (item, kind, branch + 1)×count]… for merges with links. */
  readonly merges: Int32Array;
  /** [count, (merge position, k)×count]… (each shared inherited list once); undefined when not stored. */
  readonly contexts: Int32Array | undefined;
  /** [position, context]… for the commits that inherit; undefined when not stored. */
  readonly inherited: Int32Array | undefined;
}

interface Shared {
  readonly e: CommitLink;
  readonly single: readonly CommitLink[];
}

// ignoreBOM: a message that starts with U+FEFF keeps it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class PersistedCommits {
  private readonly shared = new Map<number, Shared>();
  private readonly shaBytes: number;
  private readonly query: Uint8Array;
  /** The shas as hex, made on first use (listing every commit), not at load. */
  private hex: string | undefined;

  private constructor(
    private readonly c: CommitColumns,
    private readonly merges: ReadonlyMap<number, readonly CommitLink[]>,
    private readonly inheritedAt: Int32Array | undefined,
    private readonly contexts: readonly (readonly CommitLink[])[],
  ) {
    this.shaBytes = c.shaLength / 2;
    this.query = new Uint8Array(this.shaBytes);
  }

  get size(): number {
    return this.c.count;
  }

  /** False when the file did not hold inherited links: the reader must walk the graph. */
  get hasInherited(): boolean {
    return this.inheritedAt !== undefined;
  }

  /** The position of a sha, or -1. */
  position(sha: string): number {
    const width = this.shaBytes;
    if (!writeShaBytes(sha, this.query, 0, width)) return -1;
    const { order, shas } = this.c;
    let lo = 0;
    let hi = this.c.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = order[mid] ?? 0;
      const d = compareShaBytes(this.query, 0, shas, at * width, width);
      if (d === 0) return at;
      if (d < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }

  shaAt(pos: number): string {
    const length = this.c.shaLength;
    this.hex ??= allShasHex(this.c.shas);
    return this.hex.slice(pos * length, (pos + 1) * length);
  }

  raw(pos: number): RawCommit {
    const c = this.c;
    const parents: string[] = [];
    for (let k = c.parentOffsets[pos] ?? 0, end = c.parentOffsets[pos + 1] ?? 0; k < end; k++) {
      const ref = c.parentRefs[k] ?? 0;
      parents.push(ref >= 0 ? this.shaAt(ref) : readShaHex(c.external, (-1 - ref) * this.shaBytes, this.shaBytes));
    }
    return {
      sha: this.shaAt(pos),
      parents,
      author: c.people[c.author[pos] ?? 0] ?? '',
      email: c.people[c.email[pos] ?? 0] ?? '',
      time: c.time[pos] ?? 0,
      message: utf8.decode(c.messages.subarray(c.messageOffsets[pos] ?? 0, c.messageOffsets[pos + 1] ?? 0)),
    };
  }

  direct(pos: number): readonly CommitLink[] | undefined {
    const start = this.c.linkOffsets[pos] ?? 0;
    const count = (this.c.linkOffsets[pos + 1] ?? 0) - start;
    if (count === 0) return undefined;
    if (count === 1) return this.link(start).single;
    const out: CommitLink[] = [];
    for (let k = 0; k < count; k++) out.push(this.link(start + k).e);
    return out;
  }

  mergeLinks(pos: number): readonly CommitLink[] | undefined {
    return this.merges.get(pos);
  }

  inherited(pos: number): readonly CommitLink[] | undefined {
    const id = this.inheritedAt?.[pos] ?? -1;
    return id < 0 ? undefined : this.contexts[id];
  }

  /** Links are few distinct (item, kind) pairs: one frozen object and one-element list each, as the linker shares them. */
  private link(pair: number): Shared {
    const item = this.c.links[2 * pair] ?? 0;
    const kind = this.c.links[2 * pair + 1] ?? 0;
    const key = item * KIND_CODES.length + kind;
    let hit = this.shared.get(key);
    if (!hit) {
      const e = Object.freeze({ itemId: this.c.items[item] ?? '', kind: KIND_CODES[kind] ?? 'message' });
      hit = { e, single: Object.freeze([e]) };
      this.shared.set(key, hit);
    }
    return hit;
  }

  static decode(c: CommitColumns): PersistedCommits | string {
    const n = c.count;
    const width = c.shaLength / 2;
    if (c.shas.length !== n * width || c.external.length % width !== 0) return 'column lengths disagree';
    if (c.author.length !== n || c.email.length !== n || c.time.length !== n || c.order.length !== n)
      return 'column lengths disagree';
    if (
      c.parentOffsets.length !== n + 1 ||
      c.messageOffsets.length !== n + 1 ||
      c.linkOffsets.length !== n + 1 ||
      c.links.length % 2 !== 0
    )
      return 'column lengths disagree';
    if (!csr(c.parentOffsets, c.parentRefs.length)) return 'malformed parents';
    if (!csr(c.messageOffsets, c.messages.length)) return 'malformed messages';
    if (!csr(c.linkOffsets, c.links.length / 2)) return 'malformed links';
    const externalCount = c.external.length / width;
    for (const ref of c.parentRefs) if (ref >= n || -1 - ref >= externalCount) return 'parent out of range';
    const people = c.people.length;
    for (let i = 0; i < n; i++) {
      const a = c.author[i] ?? -1;
      const e = c.email[i] ?? -1;
      if (a < 0 || a >= people || e < 0 || e >= people) return 'person out of range';
      if (!Number.isInteger(c.time[i])) return 'malformed time';
    }
    for (let k = 0; k < c.links.length; k += 2) {
      const item = c.links[k] ?? -1;
      const kind = c.links[k + 1] ?? -1;
      if (item < 0 || item >= c.items.length || kind < 0 || kind >= KIND_CODES.length) return 'link out of range';
    }
    // `order` must be a permutation sorted strictly by sha (which also rules out duplicate shas).
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const at = c.order[i] ?? -1;
      if (at < 0 || at >= n || seen[at] === 1) return 'malformed order';
      seen[at] = 1;
      if (i > 0 && compareShaBytes(c.shas, at * width, c.shas, (c.order[i - 1] ?? 0) * width, width) <= 0)
        return 'malformed order';
    }
    const graph = decodeGraphLinks(c, (pos) => readShaHex(c.shas, pos * width, width));
    if (typeof graph === 'string') return graph;
    return new PersistedCommits(c, graph.merges, graph.inheritedAt, graph.contexts);
  }
}

/** Offsets start at 0, never decrease and end exactly at `total`. */
function csr(offsets: Int32Array | Uint32Array, total: number): boolean {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== total) return false;
  for (let i = 1; i < offsets.length; i++) if ((offsets[i] ?? 0) < (offsets[i - 1] ?? 0)) return false;
  return true;
}

function decodeGraphLinks(
  c: CommitColumns,
  shaAt: (pos: number) => string,
):
  | {
      merges: Map<number, readonly CommitLink[]>;
      inheritedAt: Int32Array | undefined;
      contexts: (readonly CommitLink[])[];
    }
  | string {
  const { merges, contexts, inherited, items, branches, count: n } = c;
  const byPosition = new Map<number, readonly CommitLink[]>();
  let mp = 0;
  while (mp < merges.length) {
    const at = merges[mp++] ?? -1;
    const count = merges[mp++] ?? 0;
    if (at < 0 || at >= n || count <= 0 || mp + 3 * count > merges.length || byPosition.has(at))
      return 'malformed merge links';
    const via = shaAt(at);
    const list: CommitLink[] = [];
    for (let k = 0; k < count; k++) {
      const itemId = items[merges[mp++] ?? -1];
      const kind = KIND_CODES[merges[mp++] ?? -1];
      const b = merges[mp++] ?? 0;
      const branch = b === 0 ? undefined : branches[b - 1];
      if (itemId === undefined || kind === undefined || (b !== 0 && branch === undefined))
        return 'merge link out of range';
      list.push(branch === undefined ? { itemId, kind, via } : { itemId, kind, branch, via });
    }
    byPosition.set(at, list);
  }
  if (contexts === undefined || inherited === undefined)
    return { merges: byPosition, inheritedAt: undefined, contexts: [] };
  if (inherited.length % 2 !== 0) return 'malformed inherited links';
  const lists: (readonly CommitLink[])[] = [];
  let cp = 0;
  while (cp < contexts.length) {
    const count = contexts[cp++] ?? 0;
    if (count <= 0 || cp + 2 * count > contexts.length) return 'malformed inherited links';
    const list: CommitLink[] = [];
    for (let k = 0; k < count; k++) {
      const e = byPosition.get(contexts[cp++] ?? -1)?.[contexts[cp++] ?? -1];
      if (!e) return 'inherited link out of range';
      list.push(e);
    }
    lists.push(list);
  }
  const inheritedAt = new Int32Array(n).fill(-1);
  for (let i = 0; i < inherited.length; i += 2) {
    const at = inherited[i] ?? -1;
    const id = inherited[i + 1] ?? -1;
    if (at < 0 || at >= n || id < 0 || id >= lists.length) return 'inherited link out of range';
    inheritedAt[at] = id;
  }
  return { merges: byPosition, inheritedAt, contexts: lists };
}
