// Where in a file roadmap ids count as writing: inside comments (found with the language's comment
// tokens, skipping string literals and code), or in prose outside code spans and fences. One pass,
// line by line, carrying an open block comment or fence to the next line. Bounded: a caller stops
// at the line it needs, and no line is scanned twice.

import type { CommentTokens, DocumentStyle } from './commentTokens';

/** A half-open UTF-16 range of one line: [start, end). */
export interface Segment {
  readonly start: number;
  readonly end: number;
}

export interface SegmentScanner {
  /** The comment (or prose) segments of the next line; call once per line, in order. */
  next(line: string): readonly Segment[];
}

const NONE: readonly Segment[] = [];

class CodeScanner implements SegmentScanner {
  /** An open block comment's closing token, or an open multi-line string's delimiter. */
  private openBlock: string | undefined;
  private openString: string | undefined;

  constructor(private readonly tokens: CommentTokens) {}

  next(line: string): readonly Segment[] {
    const out: Segment[] = [];
    const n = line.length;
    let i = 0;
    if (this.openString !== undefined) {
      const end = line.indexOf(this.openString);
      if (end < 0) return NONE;
      i = end + this.openString.length;
      this.openString = undefined;
    }
    if (this.openBlock !== undefined) {
      const end = line.indexOf(this.openBlock);
      if (end < 0) return n > 0 ? [{ start: 0, end: n }] : NONE;
      out.push({ start: 0, end });
      i = end + this.openBlock.length;
      this.openBlock = undefined;
    }
    const { line: lineTokens, block, quotes } = this.tokens;
    scan: while (i < n) {
      for (const token of lineTokens) {
        if (line.startsWith(token, i)) {
          out.push({ start: i + token.length, end: n });
          break scan;
        }
      }
      for (const [open, close] of block) {
        if (line.startsWith(open, i)) {
          const from = i + open.length;
          const end = line.indexOf(close, from);
          if (end < 0) {
            out.push({ start: from, end: n });
            this.openBlock = close;
            break scan;
          }
          out.push({ start: from, end });
          i = end + close.length;
          continue scan;
        }
      }
      for (const quote of quotes) {
        if (line.startsWith(quote, i)) {
          i = this.skipString(line, i + quote.length, quote);
          continue scan;
        }
      }
      i++;
    }
    return out;
  }

  /** The offset after the string starting at `from`; a multi-line string stays open. */
  private skipString(line: string, from: number, quote: string): number {
    const n = line.length;
    let i = from;
    while (i < n) {
      if (line.charCodeAt(i) === 92) {
        i += 2;
        continue;
      }
      if (line.startsWith(quote, i)) return i + quote.length;
      i++;
    }
    // Backticks and triple quotes span lines; one-character quotes end with the line (an apostrophe
    // in code, such as a Rust lifetime, must not swallow the rest of the file).
    if (quote === '`' || quote.length === 3) this.openString = quote;
    return n;
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

class ProseScanner implements SegmentScanner {
  private fence: string | undefined;

  next(line: string): readonly Segment[] {
    const fence = FENCE.exec(line)?.[1];
    if (this.fence !== undefined) {
      if (fence !== undefined && fence[0] === this.fence[0] && fence.length >= this.fence.length)
        this.fence = undefined;
      return NONE;
    }
    if (fence !== undefined) {
      this.fence = fence;
      return NONE;
    }
    // Indented code blocks are left as prose: a nested list item looks the same.
    const out: Segment[] = [];
    let start = 0;
    let i = 0;
    while (i < line.length) {
      if (line.charCodeAt(i) !== 96) {
        i++;
        continue;
      }
      let ticks = 1;
      while (line.charCodeAt(i + ticks) === 96) ticks++;
      const close = line.indexOf('`'.repeat(ticks), i + ticks);
      if (close < 0) {
        i += ticks;
        continue;
      }
      if (i > start) out.push({ start, end: i });
      i = close + ticks;
      start = i;
    }
    if (line.length > start) out.push({ start, end: line.length });
    return out;
  }
}

/** A git commit message being edited: everything but git's `#` comment lines. */
class CommitMessageScanner implements SegmentScanner {
  next(line: string): readonly Segment[] {
    return line.startsWith('#') || line.length === 0 ? NONE : [{ start: 0, end: line.length }];
  }
}

export function segmentScanner(style: DocumentStyle, languageId = ''): SegmentScanner {
  if (style.kind === 'code') return new CodeScanner(style.tokens);
  return languageId === 'git-commit' ? new CommitMessageScanner() : new ProseScanner();
}

/** Whether `character` on line `lines.length - 1` sits in a comment or prose segment (ends count). */
export function inWritingAt(
  lines: readonly string[],
  character: number,
  style: DocumentStyle,
  languageId = '',
): boolean {
  const scanner = segmentScanner(style, languageId);
  let last: readonly Segment[] = NONE;
  for (const line of lines) last = scanner.next(line);
  return last.some((s) => s.start <= character && character <= s.end);
}
