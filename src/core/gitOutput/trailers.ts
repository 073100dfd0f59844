// Commit-message trailers, parsed the way git's trailer.c does (git 2.39, default config,
// `git interpret-trailers --parse`), so `Roadmap: CHK-12` counts exactly when git would show it as a
// trailer. Offsets are kept so callers can tell whether a reference sits inside a trailer.

export const DEFAULT_TRAILER_KEYS: readonly string[] = ['Roadmap', 'Refs', 'Implements'];

export interface Trailer {
  /** The key as written, trimmed (`Signed-off-by`). */
  readonly key: string;
  /** The value with continuation lines unfolded into single spaces. */
  readonly value: string;
  /** UTF-16 offsets in the message of the trailer's first line start and last line end. */
  readonly start: number;
  readonly end: number;
}

export interface TrailerBlock {
  /** The trailer paragraph's range in the message; start === end when there is none. */
  readonly start: number;
  readonly end: number;
  readonly trailers: readonly Trailer[];
}

const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];

/** git's isspace: only tab, newline, carriage return and space. */
function isGitSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function nextLine(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/** Start of the last line of text[0, len), treating a final newline as part of that line. */
function lastLine(text: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  const nl = text.lastIndexOf('\n', len - 2);
  return nl < 0 ? 0 : nl + 1;
}

function isBlankLine(text: string, pos: number): boolean {
  let i = pos;
  while (i < text.length && text.charCodeAt(i) !== 10 && isGitSpace(text.charCodeAt(i))) i++;
  return i >= text.length || text.charCodeAt(i) === 10;
}

/**
 * Offset (relative to `pos`) of the `:` that makes the line a `token: value` pair, or -1.
 * A token is letters, digits and `-`, optionally followed by blanks; `Fixes bug: x` is not one.
 */
function findSeparator(text: string, pos: number): number {
  let whitespaceFound = false;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) return i - pos;
    if (!whitespaceFound && (isAsciiAlnum(c) || c === 45)) continue;
    if (i !== pos && (c === 32 || c === 9)) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** Where the patch part of a message (a line starting with `---` and a blank) begins. */
function findPatchStart(text: string): number {
  for (let s = 0; s < text.length; s = nextLine(text, s)) {
    if (text.startsWith('---', s) && s + 3 < text.length && isGitSpace(text.charCodeAt(s + 3))) return s;
  }
  return text.length;
}

/** Trailing comments, blank lines and an old-style `Conflicts:` block are not part of the message. */
function findTrailerEnd(text: string, len: number, comment: string): number {
  const scissors = `${comment} ------------------------ >8 ------------------------\n`;
  let cutoff = len;
  const at = text.startsWith(scissors) ? 0 : text.indexOf(`\n${scissors}`);
  if (at === 0) cutoff = 0;
  else if (at > 0 && at < len) cutoff = at + 1;
  let boc = 0;
  let inConflicts = false;
  for (let bol = 0; bol < cutoff;) {
    const next = nextLine(text, bol);
    const first = text[bol];
    if (first === comment || first === '\n') {
      if (!boc) boc = bol;
    } else if (text.startsWith('Conflicts:\n', bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && first === '\t') {
      // a path in the conflicts block
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
    bol = next;
  }
  return boc ? boc : cutoff;
}

/**
 * Start of the trailer block: the last paragraph, when it is all trailers, or has a git-generated
 * one (`Signed-off-by: `) and at least 25% trailers. The first paragraph (title) never counts.
 */
function findTrailerStart(text: string, len: number, comment: string): number {
  let endOfTitle = 0;
  for (endOfTitle = 0; endOfTitle < len; endOfTitle = nextLine(text, endOfTitle)) {
    if (text[endOfTitle] === comment) continue;
    if (isBlankLine(text, endOfTitle)) break;
  }
  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  for (let l = lastLine(text, len); l >= endOfTitle; l = lastLine(text, l)) {
    if (text[l] === comment) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(text, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(text, l);
      if (trailerLines && !nonTrailerLines) return nextLine(text, l);
      return len;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((p) => text.startsWith(p, l))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }
    const sep = findSeparator(text, l);
    if (sep >= 1 && !isGitSpace(text.charCodeAt(l))) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (isGitSpace(text.charCodeAt(l))) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
    if (l === 0) break;
  }
  return len;
}

function trimGitSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGitSpace(s.charCodeAt(a))) a++;
  while (b > a && isGitSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Continuation lines collapse to one space, like `--unfold`. */
function unfold(value: string): string {
  let out = '';
  for (let i = 0; i < value.length;) {
    const c = value[i++];
    if (c === '\n') {
      while (i < value.length && isGitSpace(value.charCodeAt(i))) i++;
      out += ' ';
    } else {
      out += c;
    }
  }
  return trimGitSpace(out);
}

export function parseTrailers(message: string, commentChar = '#'): TrailerBlock {
  const patchStart = findPatchStart(message);
  const end = findTrailerEnd(message, patchStart, commentChar);
  const start = findTrailerStart(message, end, commentChar);
  if (start >= end) return { start: end, end, trailers: [] };
  const lines: { start: number; end: number; isTrailer: boolean }[] = [];
  let last: { start: number; end: number; isTrailer: boolean } | undefined;
  for (let pos = start; pos < end;) {
    const next = Math.min(nextLine(message, pos), end);
    if (last && isGitSpace(message.charCodeAt(pos))) {
      last.end = next;
    } else {
      const line = { start: pos, end: next, isTrailer: findSeparator(message, pos) >= 1 };
      lines.push(line);
      last = line.isTrailer ? line : undefined;
    }
    pos = next;
  }
  const trailers: Trailer[] = [];
  for (const line of lines) {
    if (!line.isTrailer || message[line.start] === commentChar) continue;
    const sep = findSeparator(message, line.start);
    const text = message.slice(line.start, line.end);
    let lineEnd = line.end;
    if (message.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    trailers.push({
      key: trimGitSpace(text.slice(0, sep)),
      value: unfold(trimGitSpace(text.slice(sep + 1))),
      start: line.start,
      end: lineEnd,
    });
  }
  return { start, end, trailers };
}

/** Trailers whose key is one of `keys`, compared case-insensitively like git does. */
export function trailersWithKeys(block: TrailerBlock, keys: readonly string[]): Trailer[] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return block.trailers.filter((t) => wanted.has(t.key.toLowerCase()));
}
