// A fast 53-bit hash of text (two 32-bit FNV-1a variants over UTF-16 code units), plus the length
// in the key: the key of the in-memory blame cache (one text) and of the finder's and comment
// scan's memos (a file's lines, hashed as if joined with '\n' but without building that string).

export class TextHash {
  private h1 = 0x811c9dc5;
  private h2: number;
  private length = 0;

  /** `seed`: mixed into the second hash (the callers use the text's or the line list's length). */
  constructor(seed: number) {
    this.h2 = 0x01000193 ^ seed;
  }

  add(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.length += text.length;
    return this;
  }

  /** One line break (code unit 10), as between joined lines. */
  addBreak(): this {
    this.h1 = Math.imul(this.h1 ^ 10, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ 10, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 15;
    this.length += 1;
    return this;
  }

  toString(): string {
    return `${this.length.toString(36)}.${(this.h1 >>> 0).toString(36)}.${(this.h2 >>> 0).toString(36)}`;
  }
}
