// One file's blame, persisted in the repository's cache (`<cache>/blame/`, see fs/blameStore.ts) so
// the CLI and the editor answer a file they (or the other) already blamed without running git
// blame again. Keyed by what decides a blame: the HEAD commit, the path in the repository and the
// digest of the bytes blamed; a file whose key is not the one asked for is a miss.
//
// JSON, because a blame is small (a 10k-line file with 2,000 commits: ~400 KB) and JSON.parse is
// the fastest decoder node has for it. Lines are stored as runs (one per blame entry: commit,
// file, first original line, count), as git reports them, not one number per line.
//
// A cache file is untrusted input (a truncated write, another version, a crafted clone): decoding
// checks every field, index and count, and returns a one-line reason instead of throwing.

import { isUncommittedSha, type BlameCommit, type BlameResult } from '../gitOutput/blameParser';

export const BLAME_FORMAT = 'roadmap-lens-blame';
export const BLAME_VERSION = 1;

/** What a stored blame answers for. `digest` is a hash of the file's bytes as blamed (hex). */
export interface BlameKey {
  readonly head: string;
  readonly path: string;
  readonly digest: string;
}

/** More lines than any file git blames in reasonable time; a bigger count is a crafted file. */
const MAX_LINES = 10_000_000;
const MAX_FILENAMES = 100_000;
/** Author names, mails and summaries are one line each; longer ones are not git's. */
const MAX_FIELD = 64 * 1024;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

type CommitRow = [string, string, string, number, string, string, 0 | 1];

interface BlameJson {
  format: string;
  version: number;
  key: BlameKey;
  lineCount: number;
  filenames: string[];
  commits: CommitRow[];
  /** Flat: commit index (-1: blame named none), file index, first original line, line count. */
  runs: number[];
}

/** The JSON text of `blame` under `key`, as UTF-8 bytes. */
export function encodeBlame(key: BlameKey, blame: BlameResult): Uint8Array {
  const runs: number[] = [];
  let last = -1;
  for (let line = 0; line < blame.lineCount; line++) {
    const commit = blame.lineCommit[line] ?? -1;
    const file = commit < 0 ? 0 : (blame.lineFile[line] ?? 0);
    const orig = commit < 0 ? 0 : (blame.lineOrig[line] ?? 0);
    if (
      last >= 0 &&
      runs[last] === commit &&
      runs[last + 1] === file &&
      (commit < 0 || (runs[last + 2] ?? 0) + (runs[last + 3] ?? 0) === orig)
    ) {
      runs[last + 3] = (runs[last + 3] ?? 0) + 1;
      continue;
    }
    last = runs.length;
    runs.push(commit, file, orig, 1);
  }
  const json: BlameJson = {
    format: BLAME_FORMAT,
    version: BLAME_VERSION,
    key: { head: key.head, path: key.path, digest: key.digest },
    lineCount: blame.lineCount,
    filenames: [...blame.filenames],
    commits: blame.commits.map((c) => [
      c.sha,
      c.author,
      c.authorMail,
      c.authorTime,
      c.authorTz,
      c.summary,
      c.boundary ? 1 : 0,
    ]),
    runs,
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

/** `otherKey`: a well-formed file stored for another HEAD, path or content (a file edited since): a plain miss. */
export type DecodedBlame = { ok: true; blame: BlameResult } | { ok: false; reason: string; otherKey?: true };

const fail = (reason: string): DecodedBlame => ({ ok: false, reason });

const isCount = (n: unknown, max: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;

const isText = (s: unknown): s is string => typeof s === 'string' && s.length <= MAX_FIELD;

/**
 * The blame stored in `bytes`, if it is one of this version for exactly `key` (and, when given,
 * covers `lineCount` lines: the file as read now). Never throws.
 */
export function decodeBlame(bytes: Uint8Array, key: BlameKey, lineCount?: number): DecodedBlame {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('not JSON (truncated or damaged)');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('not a blame file');
  const j = json as Partial<Record<keyof BlameJson, unknown>>;
  if (j.format !== BLAME_FORMAT) return fail('not a blame file');
  if (j.version !== BLAME_VERSION) return fail(`version ${String(j.version)}, expected ${BLAME_VERSION}`);
  const k = j.key as Partial<Record<keyof BlameKey, unknown>> | null | undefined;
  if (typeof k !== 'object' || k === null || k.head !== key.head || k.path !== key.path || k.digest !== key.digest)
    return { ok: false, reason: 'stored for another commit, path or content', otherKey: true };
  if (!isCount(j.lineCount, MAX_LINES)) return fail('bad line count');
  const lines = j.lineCount;
  if (lineCount !== undefined && lines !== lineCount) return fail(`${lines} lines stored, the file has ${lineCount}`);
  const filenames = j.filenames;
  if (!Array.isArray(filenames) || filenames.length > MAX_FILENAMES || !filenames.every(isText))
    return fail('bad file names');
  const commits = decodeCommits(j.commits, MAX_LINES);
  if (typeof commits === 'string') return fail(commits);
  const runs: unknown = j.runs;
  if (!Array.isArray(runs) || runs.length % 4 !== 0 || runs.length / 4 > Math.max(1, lines))
    return fail('bad line runs');
  const lineCommit = new Int32Array(lines);
  const lineOrig = new Int32Array(lines);
  const lineFile = new Int32Array(lines);
  let at = 0;
  for (let r = 0; r < runs.length; r += 4) {
    const [commit, file, orig, count] = (runs as unknown[]).slice(r, r + 4);
    if (typeof commit !== 'number' || !Number.isInteger(commit) || commit < -1 || commit >= commits.length)
      return fail('a line names no stored commit');
    if (!isCount(file, MAX_FILENAMES) || (file >= filenames.length && !(file === 0 && filenames.length === 0)))
      return fail('a line names no stored file');
    if (!isCount(orig, MAX_LINES) || !isCount(count, MAX_LINES) || count < 1 || at + count > lines)
      return fail('bad line runs');
    for (let i = 0; i < count; i++) {
      lineCommit[at + i] = commit;
      lineOrig[at + i] = commit < 0 ? 0 : orig + i;
      lineFile[at + i] = file;
    }
    at += count;
  }
  if (at !== lines) return fail('the runs do not cover every line');
  return {
    ok: true,
    blame: { commits, filenames, lineCount: lines, lineCommit, lineOrig, lineFile },
  };
}

function decodeCommits(rows: unknown, max: number): BlameCommit[] | string {
  if (!Array.isArray(rows) || rows.length > max) return 'bad commit list';
  const seen = new Set<string>();
  const out: BlameCommit[] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== 7) return 'bad commit';
    const [sha, author, authorMail, authorTime, authorTz, summary, boundary] = row as unknown[];
    if (typeof sha !== 'string' || !SHA.test(sha) || seen.has(sha)) return 'bad commit name';
    seen.add(sha);
    if (!isText(author) || !isText(authorMail) || !isText(authorTz) || !isText(summary)) return 'bad commit text';
    if (typeof authorTime !== 'number' || !Number.isSafeInteger(authorTime)) return 'bad commit time';
    if (boundary !== 0 && boundary !== 1) return 'bad commit boundary';
    out.push({
      sha,
      author,
      authorMail,
      authorTime,
      authorTz,
      summary,
      boundary: boundary === 1,
      uncommitted: isUncommittedSha(sha),
    });
  }
  return out;
}
