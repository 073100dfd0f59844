// Parses `git blame --incremental` (what the git layer runs) and `--porcelain` output, fed in
// chunks as git writes them. Pure: the git layer spawns git; this only reads its text.
// Incremental is the default because it carries no line contents (a quarter of the bytes of
// porcelain on a 10k-line file) and git computes the same blame either way.

/** git prints forty (SHA-1) or sixty-four (SHA-256) zeros for lines not committed yet. */
export function isUncommittedSha(sha: string): boolean {
  return /^0+$/.test(sha);
}

export interface BlameCommit {
  readonly sha: string;
  readonly author: string;
  readonly authorMail: string;
  /** Seconds since the epoch, as git prints it. */
  readonly authorTime: number;
  readonly authorTz: string;
  readonly summary: string;
  /** The history stopped here (a root commit, a shallow clone's edge, or a `--since` limit). */
  readonly boundary: boolean;
  readonly uncommitted: boolean;
}

export interface BlameResult {
  readonly commits: readonly BlameCommit[];
  /** Distinct paths the file had in its history (renames), indexed by `lineFile`. */
  readonly filenames: readonly string[];
  /** The number of lines blame covered (the highest final line seen). */
  readonly lineCount: number;
  /** Per 0-based line: index into `commits`, or -1 when blame said nothing about the line. */
  readonly lineCommit: Int32Array;
  /** Per 0-based line: the 1-based line number in the commit's version of the file. */
  readonly lineOrig: Int32Array;
  /** Per 0-based line: index into `filenames`. */
  readonly lineFile: Int32Array;
}

interface MutableCommit {
  sha: string;
  author: string;
  authorMail: string;
  authorTime: number;
  authorTz: string;
  summary: string;
  boundary: boolean;
  uncommitted: boolean;
}

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;

/**
 * Undoes git's C-style path quoting (`"dir/sp\303\251cial \"x\".txt"`). The octal escapes are
 * UTF-8 bytes, so they are collected as bytes and decoded together.
 */
export function unquoteGitPath(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (simple[next] !== undefined) {
      bytes.push(simple[next]);
      i += 1;
    } else {
      bytes.push(92);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Grows per-line arrays as higher line numbers appear: blame does not announce the length. */
function grow(array: Int32Array, size: number, fill: number): Int32Array {
  if (size <= array.length) return array;
  let length = Math.max(16, array.length);
  while (length < size) length *= 2;
  const next = new Int32Array(length).fill(fill);
  next.set(array);
  return next;
}

/**
 * What uncommitted lines say, whichever way they were blamed. Git words them by how it was asked
 * (`--contents -` says "from standard input" or, in newer versions, "External file"; a working-tree
 * blame names the file), so the editor's and the CLI's answers for the same bytes — which share one
 * blame store — would differ in text alone.
 */
export const NOT_COMMITTED = {
  author: 'Not Committed Yet',
  authorMail: '<not.committed.yet>',
  summary: 'Not committed yet',
} as const;

export class BlameParser {
  private rest = '';
  private readonly commits: MutableCommit[] = [];
  private readonly commitBySha = new Map<string, number>();
  private readonly filenames: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  /** Porcelain names a commit's file only the first time: later entries reuse it. */
  private readonly commitFile: number[] = [];
  private lineCommit: Int32Array = new Int32Array(0);
  private lineOrig: Int32Array = new Int32Array(0);
  private lineFile: Int32Array = new Int32Array(0);
  private lineCount = 0;
  /** The entry being read: its commit and the lines it covers, until its `filename` line. */
  private current = -1;
  private start = 0;
  private count = 0;

  /** `onCommit` hears each commit the first time blame names it, while git is still running. */
  constructor(private readonly onCommit?: (sha: string, uncommitted: boolean) => void) {}

  /** Feeds a chunk of git's stdout; chunks may split lines anywhere. */
  push(chunk: string): void {
    let text = this.rest.length > 0 ? this.rest + chunk : chunk;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.read(text, from, nl);
      from = nl + 1;
    }
    text = text.slice(from);
    this.rest = text;
  }

  /** Finishes the parse (a last line without a newline is still read). */
  end(): BlameResult {
    if (this.rest.length > 0) {
      const last = this.rest;
      this.rest = '';
      this.read(last, 0, last.length);
    }
    return {
      commits: this.commits,
      filenames: this.filenames,
      lineCount: this.lineCount,
      lineCommit: this.lineCommit.subarray(0, this.lineCount),
      lineOrig: this.lineOrig.subarray(0, this.lineCount),
      lineFile: this.lineFile.subarray(0, this.lineCount),
    };
  }

  /** Feeds one complete line (without its newline), for callers that already split records. */
  pushLine(line: string): void {
    this.read(line, 0, line.length);
  }

  private read(text: string, from: number, to: number): void {
    // Porcelain content lines: nothing to learn from them here.
    if (text.charCodeAt(from) === 9) return;
    if (to > from && text.charCodeAt(to - 1) === 13) to--;
    const line = text.slice(from, to);
    const space = line.indexOf(' ');
    const key = space < 0 ? line : line.slice(0, space);
    const value = space < 0 ? '' : line.slice(space + 1);
    if (key.length === 40 || key.length === 64) {
      const header = HEADER.exec(line);
      if (header) {
        this.header(
          header[1] ?? '',
          Number(header[2]),
          Number(header[3]),
          header[4] === undefined ? 1 : Number(header[4]),
        );
        return;
      }
    }
    const commit = this.commits[this.current];
    if (!commit) return;
    switch (key) {
      case 'author':
        commit.author = commit.uncommitted ? NOT_COMMITTED.author : value;
        break;
      case 'author-mail':
        commit.authorMail = commit.uncommitted ? NOT_COMMITTED.authorMail : value;
        break;
      case 'author-time':
        commit.authorTime = Number(value) || 0;
        break;
      case 'author-tz':
        commit.authorTz = value;
        break;
      case 'summary':
        commit.summary = commit.uncommitted ? NOT_COMMITTED.summary : value;
        break;
      case 'boundary':
        commit.boundary = true;
        break;
      case 'filename':
        this.assignFile(unquoteGitPath(value));
        break;
      default:
        break;
    }
  }

  private header(sha: string, orig: number, final: number, count: number): void {
    let index = this.commitBySha.get(sha);
    if (index === undefined) {
      index = this.commits.length;
      this.commitBySha.set(sha, index);
      this.commits.push({
        sha,
        author: '',
        authorMail: '',
        authorTime: 0,
        authorTz: '',
        summary: '',
        boundary: false,
        uncommitted: isUncommittedSha(sha),
      });
      this.commitFile.push(0);
      this.onCommit?.(sha, isUncommittedSha(sha));
    }
    this.current = index;
    this.start = final - 1;
    this.count = Math.max(1, count);
    const end = this.start + this.count;
    if (end > this.lineCount) {
      this.lineCommit = grow(this.lineCommit, end, -1);
      this.lineOrig = grow(this.lineOrig, end, 0);
      this.lineFile = grow(this.lineFile, end, 0);
      this.lineCount = end;
    }
    const file = this.commitFile[index] ?? 0;
    for (let i = 0; i < this.count; i++) {
      this.lineCommit[this.start + i] = index;
      this.lineOrig[this.start + i] = orig + i;
      this.lineFile[this.start + i] = file;
    }
  }

  private assignFile(name: string): void {
    let index = this.fileIndex.get(name);
    if (index === undefined) {
      index = this.filenames.length;
      this.fileIndex.set(name, index);
      this.filenames.push(name);
    }
    if (this.current >= 0) this.commitFile[this.current] = index;
    for (let i = 0; i < this.count; i++) this.lineFile[this.start + i] = index;
  }
}

/** Parses a complete output at once (tests, and callers that already buffered it). */
export function parseBlame(output: string): BlameResult {
  const parser = new BlameParser();
  parser.push(output);
  return parser.end();
}
