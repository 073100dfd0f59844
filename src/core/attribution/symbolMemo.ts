// The symbol finder's last few answers, by content: the editor computes a file's attribution again
// for the same text whenever HEAD, the commit index, the roadmap or the current item changes, and
// asks again for symbols on a timer while a language server is missing. The finder's answer
// depends only on the language and the text, and on a 10k-line file it was the largest part of
// that recomputation (issue #13: warm attribution ≤ 0.01 × a cold `why`).

import { TextHash } from '../util/textHash';

const MEMO_SIZE = 8;

interface Entry<S, V> {
  readonly spec: S;
  readonly lineCount: number;
  readonly value: V;
}

/**
 * Keys already computed, by the lines array itself: one attribution hands the same array to the
 * finder's memo and the comment scan's, and hashing a 10k-line file is most of a recompute's cost
 * (issue #13, warm attribution). Lines are never written after they are split (readonly).
 */
const hashed = new WeakMap<readonly string[], string>();

/** The memo's key: the lines and their breaks, hashed as contentHash hashes one text (see textHash.ts). */
export function linesHash(lines: readonly string[]): string {
  const known = hashed.get(lines);
  if (known !== undefined) return known;
  const hash = new TextHash(lines.length);
  for (let i = 0; i < lines.length; i++) hash.add(lines[i] ?? '').addBreak();
  const key = hash.toString();
  hashed.set(lines, key);
  return key;
}

/** Least recently used first out; `S` is the language (compared by identity), `V` the answer. */
export class ContentMemo<S, V> {
  private readonly entries = new Map<string, Entry<S, V>>();
  private asked = false;

  constructor(private readonly size = MEMO_SIZE) {}

  /**
   * False the first time, true after: a process that asks once (the CLI's `why`) never pays for
   * hashing its text (~20 ms for a 10k-line file on a cold JIT); from the second question on, the
   * text is hashed, kept and found again.
   */
  worthKeying(): boolean {
    if (this.asked) return true;
    this.asked = true;
    return false;
  }

  get(key: string, spec: S, lineCount: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.spec !== spec || entry.lineCount !== lineCount) return undefined;
    // Used: to the back of the queue.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, spec: S, lineCount: number, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { spec, lineCount, value });
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
