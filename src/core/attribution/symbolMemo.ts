// The symbol finder's last few answers, by content: the editor computes a file's attribution again
// for the same text whenever HEAD, the commit index, the roadmap or the current item changes, and
// asks again for symbols on a timer while a language server is missing. The finder's answer
// depends only on the language and the text, and on a 10k-line file it was the largest part of
// that recomputation (issue #13: warm attribution ≤ 0.01 × a cold `why`).

const MEMO_SIZE = 8;

interface Entry<S, V> {
  readonly spec: S;
  readonly lineCount: number;
  readonly value: V;
}

/**
 * A 53-bit hash of the lines and their breaks (two 32-bit FNV-1a variants, as the blame cache's
 * contentHash), with the total length: the memo's key.
 */
export function linesHash(lines: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ lines.length;
  let length = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] ?? '';
    length += line.length + 1;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 10, 0x01000193);
    h2 = Math.imul(h2 ^ 10, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return `${length.toString(36)}.${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
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
