// Blame results cached by (HEAD, path, content): lenses, hovers and repeated CLI questions about
// the same file reuse one blame. A new HEAD makes every entry stale (a commit, checkout or rebase
// can change any line's commit), so the cache drops them all at once; editing a buffer changes its
// content hash, so a stale blame is never served for different text.

import { TextHash } from '../util/textHash';

/** The content part of a cache key (see textHash.ts). */
export function contentHash(text: string): string {
  return new TextHash(text.length).add(text).toString();
}

export interface BlameCacheKey {
  /** The HEAD commit the blame was computed against; undefined for an unborn branch. */
  readonly head: string | undefined;
  readonly path: string;
  readonly contentHash: string;
}

export interface BlameCacheOptions {
  /** Entries kept; the least recently used go first. */
  readonly maxEntries?: number;
  /** Total weight (e.g. lines) kept, so a few huge files cannot hold the memory of many. */
  readonly maxWeight?: number;
}

export class BlameCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private head: string | undefined;
  private weight = 0;
  private readonly maxEntries: number;
  private readonly maxWeight: number;

  constructor(opts: BlameCacheOptions = {}) {
    this.maxEntries = Math.max(1, opts.maxEntries ?? 64);
    this.maxWeight = Math.max(1, opts.maxWeight ?? 2_000_000);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Tells the cache the current HEAD: a different one clears it. */
  setHead(head: string | undefined): void {
    if (head === this.head) return;
    this.head = head;
    this.clear();
  }

  get(key: BlameCacheKey): V | undefined {
    if (key.head !== this.head) return undefined;
    const k = keyOf(key);
    const entry = this.entries.get(k);
    if (!entry) return undefined;
    // Re-insert: Map iteration order is insertion order, so the first key is the least recent.
    this.entries.delete(k);
    this.entries.set(k, entry);
    return entry.value;
  }

  set(key: BlameCacheKey, value: V, weight = 1): void {
    this.setHead(key.head);
    const k = keyOf(key);
    const old = this.entries.get(k);
    if (old) {
      this.weight -= old.weight;
      this.entries.delete(k);
    }
    if (weight > this.maxWeight) return;
    this.entries.set(k, { value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }

  /** Drops every entry of a path (a save or a delete on disk). */
  invalidatePath(path: string): void {
    const prefix = `${path}\0`;
    for (const [k, entry] of this.entries) {
      if (k.startsWith(prefix)) {
        this.entries.delete(k);
        this.weight -= entry.weight;
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}

function keyOf(key: BlameCacheKey): string {
  return `${key.path}\0${key.contentHash}`;
}
