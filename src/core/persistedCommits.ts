// A persisted commit index read in place: the decoded JSON columns stay as they are and a commit,
// its links or its position are derived on demand, so a reload allocates per commit only what is
// asked for (100k small objects and Map entries were most of a reload). Lookups by sha binary-search
// the `order` column (positions sorted by sha). Everything is validated once, up front; failure is
// a reason string, never a throw.

import type { Evidence, EvidenceKind } from './commitLinks';
import type { RawCommit } from './gitLogParser';

export const KIND_CODES: readonly EvidenceKind[] = ['message', 'trailer', 'squash', 'merge', 'branch-tag'];

const HEX = /^[0-9a-f]*$/;

const isNumArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

interface Shared {
  readonly e: Evidence;
  readonly single: readonly Evidence[];
}

export class PersistedCommits {
  private readonly shared = new Map<number, Shared>();

  private constructor(
    readonly size: number,
    private readonly shaLength: number,
    private readonly shas: string,
    private readonly external: string,
    private readonly parents: readonly number[],
    private readonly parentStart: Int32Array,
    private readonly people: readonly string[],
    private readonly author: readonly number[],
    private readonly email: readonly number[],
    private readonly time: readonly number[],
    private readonly message: readonly string[],
    private readonly items: readonly string[],
    private readonly links: readonly number[],
    private readonly linkStart: Int32Array,
    private readonly order: readonly number[],
    private readonly merges: ReadonlyMap<number, readonly Evidence[]>,
    private readonly inheritedAt: Int32Array | undefined,
    private readonly contexts: readonly (readonly Evidence[])[],
  ) {}

  /** False when the file did not hold inherited links: the reader must walk the graph. */
  get hasInherited(): boolean {
    return this.inheritedAt !== undefined;
  }

  /** The position of a sha, or -1. */
  position(sha: string): number {
    if (sha.length !== this.shaLength) return -1;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.order[mid] ?? 0;
      const c = this.compare(sha, at);
      if (c === 0) return at;
      if (c < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }

  shaAt(pos: number): string {
    return this.shas.slice(pos * this.shaLength, (pos + 1) * this.shaLength);
  }

  raw(pos: number): RawCommit {
    const start = this.parentStart[pos] ?? 0;
    const count = this.parents[start] ?? 0;
    const parents: string[] = [];
    for (let k = 1; k <= count; k++) {
      const ref = this.parents[start + k] ?? 0;
      parents.push(ref >= 0 ? this.shaAt(ref) : this.external.slice((-1 - ref) * this.shaLength, -ref * this.shaLength));
    }
    return {
      sha: this.shaAt(pos),
      parents,
      author: this.people[this.author[pos] ?? 0] ?? '',
      email: this.people[this.email[pos] ?? 0] ?? '',
      time: this.time[pos] ?? 0,
      message: this.message[pos] ?? '',
    };
  }

  direct(pos: number): readonly Evidence[] | undefined {
    const start = this.linkStart[pos] ?? 0;
    const count = this.links[start] ?? 0;
    if (count === 0) return undefined;
    if (count === 1) return this.link(start + 1).single;
    const out: Evidence[] = [];
    for (let k = 0; k < count; k++) out.push(this.link(start + 1 + 2 * k).e);
    return out;
  }

  mergeLinks(pos: number): readonly Evidence[] | undefined {
    return this.merges.get(pos);
  }

  inherited(pos: number): readonly Evidence[] | undefined {
    const id = this.inheritedAt?.[pos] ?? -1;
    return id < 0 ? undefined : this.contexts[id];
  }

  /** Links are few distinct (item, kind) pairs: one frozen object and one-element list each, as the linker shares them. */
  private link(at: number): Shared {
    const item = this.links[at] ?? 0;
    const kind = this.links[at + 1] ?? 0;
    const key = item * KIND_CODES.length + kind;
    let hit = this.shared.get(key);
    if (!hit) {
      const e = Object.freeze({ itemId: this.items[item] ?? '', kind: KIND_CODES[kind] ?? 'message' });
      hit = { e, single: Object.freeze([e]) };
      this.shared.set(key, hit);
    }
    return hit;
  }

  private compare(sha: string, pos: number): number {
    const base = pos * this.shaLength;
    for (let k = 0; k < this.shaLength; k++) {
      const d = sha.charCodeAt(k) - this.shas.charCodeAt(base + k);
      if (d !== 0) return d;
    }
    return 0;
  }

  static decode(d: Record<string, unknown>): PersistedCommits | string {
    const { shaLength, shas, external, parents, people, author, email, time, message, items, links, order } = d;
    if (shaLength !== 40 && shaLength !== 64) return 'malformed header';
    if (typeof shas !== 'string' || typeof external !== 'string' || !isStrArray(people) || !isStrArray(message) || !isStrArray(items)) return 'malformed columns';
    if (!isNumArray(parents) || !isNumArray(author) || !isNumArray(email) || !isNumArray(time) || !isNumArray(links) || !isNumArray(order)) return 'malformed columns';
    const n = message.length;
    if (shas.length !== n * shaLength || external.length % shaLength !== 0 || author.length !== n || email.length !== n || time.length !== n || order.length !== n) return 'column lengths disagree';
    if (!HEX.test(shas) || !HEX.test(external)) return 'malformed sha';
    const externalCount = external.length / shaLength;
    const parentStart = new Int32Array(n);
    const linkStart = new Int32Array(n);
    let pp = 0;
    let lp = 0;
    for (let i = 0; i < n; i++) {
      parentStart[i] = pp;
      const count = parents[pp++] ?? -1;
      if (count < 0 || pp + count > parents.length) return 'malformed parents';
      for (let k = 0; k < count; k++) {
        const ref = parents[pp++] ?? 0;
        if (ref >= n || -1 - ref >= externalCount) return 'parent out of range';
      }
      if (people[author[i] ?? -1] === undefined || people[email[i] ?? -1] === undefined) return 'person out of range';
      linkStart[i] = lp;
      const linkCount = links[lp++] ?? -1;
      if (linkCount < 0 || lp + 2 * linkCount > links.length) return 'malformed links';
      for (let k = 0; k < linkCount; k++) {
        if (items[links[lp++] ?? -1] === undefined || KIND_CODES[links[lp++] ?? -1] === undefined) return 'link out of range';
      }
    }
    if (pp !== parents.length || lp !== links.length) return 'trailing data';
    // `order` must be a permutation sorted strictly by sha (which also rules out duplicate shas).
    const seen = new Uint8Array(n);
    const after = (a: number, b: number): boolean => {
      for (let k = 0; k < shaLength; k++) {
        const diff = shas.charCodeAt(a * shaLength + k) - shas.charCodeAt(b * shaLength + k);
        if (diff !== 0) return diff > 0;
      }
      return false;
    };
    for (let i = 0; i < n; i++) {
      const at = order[i] ?? -1;
      if (at < 0 || at >= n || seen[at] === 1) return 'malformed order';
      seen[at] = 1;
      if (i > 0 && !after(at, order[i - 1] ?? 0)) return 'malformed order';
    }
    const graph = decodeGraphLinks(d, n, items, (pos) => shas.slice(pos * shaLength, (pos + 1) * shaLength));
    if (typeof graph === 'string') return graph;
    return new PersistedCommits(n, shaLength, shas, external, parents, parentStart, people, author, email, time, message, items, links, linkStart, order, graph.merges, graph.inheritedAt, graph.contexts);
  }
}

/**
 * merges: [position, count, (item, kind, branch + 1)×count]…; contexts: [count, (merge position,
 * k)×count]… (each shared inherited list once); inherited: [position, context]… (both null when the
 * writer could not express them).
 */
function decodeGraphLinks(
  d: Record<string, unknown>,
  n: number,
  items: readonly string[],
  shaAt: (pos: number) => string,
): { merges: Map<number, readonly Evidence[]>; inheritedAt: Int32Array | undefined; contexts: (readonly Evidence[])[] } | string {
  const { branches, merges, contexts, inherited } = d;
  if (!isStrArray(branches) || !isNumArray(merges)) return 'malformed merge links';
  const byPosition = new Map<number, readonly Evidence[]>();
  let mp = 0;
  while (mp < merges.length) {
    const at = merges[mp++] ?? -1;
    const count = merges[mp++] ?? 0;
    if (at < 0 || at >= n || count <= 0 || mp + 3 * count > merges.length || byPosition.has(at)) return 'malformed merge links';
    const via = shaAt(at);
    const list: Evidence[] = [];
    for (let k = 0; k < count; k++) {
      const itemId = items[merges[mp++] ?? -1];
      const kind = KIND_CODES[merges[mp++] ?? -1];
      const b = merges[mp++] ?? 0;
      const branch = b === 0 ? undefined : branches[b - 1];
      if (itemId === undefined || kind === undefined || (b !== 0 && branch === undefined)) return 'merge link out of range';
      list.push(branch === undefined ? { itemId, kind, via } : { itemId, kind, branch, via });
    }
    byPosition.set(at, list);
  }
  if (contexts === null || inherited === null) return { merges: byPosition, inheritedAt: undefined, contexts: [] };
  if (!isNumArray(contexts) || !isNumArray(inherited) || inherited.length % 2 !== 0) return 'malformed inherited links';
  const lists: (readonly Evidence[])[] = [];
  let cp = 0;
  while (cp < contexts.length) {
    const count = contexts[cp++] ?? 0;
    if (count <= 0 || cp + 2 * count > contexts.length) return 'malformed inherited links';
    const list: Evidence[] = [];
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
