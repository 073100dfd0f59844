// Refs read straight from the files backend (HEAD, loose refs, packed-refs): a file read instead
// of a git process on the paths that run after every commit and checkout. Whatever this does not
// fully understand (reftable, symbolic refs other than to a branch, odd content, unreadable
// files) answers `unknown`, and the caller asks git instead.

import { READ_LIMITS, readFileBounded } from '../fs/boundedRead';
import * as path from 'node:path';
import { isFullSha } from '../core/gitOutput/gitLogParser';

export type RefRead =
  | { readonly kind: 'sha'; readonly sha: string }
  | { readonly kind: 'symref'; readonly target: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown' };

const UNKNOWN: RefRead = { kind: 'unknown' };
const MISSING: RefRead = { kind: 'missing' };

/** Names this reader will turn into a path: branches and remote-tracking branches, no tricks. */
function isPlainRefName(ref: string): boolean {
  if (!ref.startsWith('refs/heads/') && !ref.startsWith('refs/remotes/')) return false;
  // reftable repositories point HEAD here; the real refs are elsewhere.
  if (ref === 'refs/heads/.invalid') return false;
  return ref.split('/').every(
    (part) =>
      part.length > 0 &&
      !part.startsWith('.') &&
      !part.endsWith('.lock') &&
      // eslint-disable-next-line no-control-regex
      !/[\\\u0000-\u0020\u007f~^:?*[]/.test(part),
  );
}

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** A file in the git dir: regular, bounded, never blocking (see fs/boundedRead.ts); errors keep their errno code. */
async function readGitFile(file: string): Promise<string> {
  return (await readFileBounded(file, { maxBytes: READ_LIMITS.gitMetadata, what: 'git metadata' })).toString('utf8');
}

/** packed-refs, read at most once per lookup batch (it can hold 100k refs): text, '' when absent, undefined when unreadable. */
export type PackedRefs = () => Promise<string | undefined>;

export function packedRefsOf(commonDir: string): PackedRefs {
  let read: Promise<string | undefined> | undefined;
  return () =>
    (read ??= readGitFile(path.join(commonDir, 'packed-refs')).then(
      (text) => text,
      (e: unknown) => (errorCode(e) === 'ENOENT' ? '' : undefined),
    ));
}

/** One ref's content as stored: a sha, a symbolic ref, missing, or unknown. */
export async function readRefFile(
  commonDir: string,
  ref: string,
  packed: PackedRefs = packedRefsOf(commonDir),
): Promise<RefRead> {
  if (!isPlainRefName(ref)) return UNKNOWN;
  let loose: string;
  try {
    loose = await readGitFile(path.join(commonDir, ...ref.split('/')));
  } catch (e) {
    const code = errorCode(e);
    // ENOTDIR: a parent is a file, so no loose ref here either.
    return code === 'ENOENT' || code === 'ENOTDIR' ? packedRef(await packed(), ref) : UNKNOWN;
  }
  return parseRefContent(loose);
}

function parseRefContent(text: string): RefRead {
  const content = text.trim();
  if (isFullSha(content)) return { kind: 'sha', sha: content };
  if (content.startsWith('ref: ')) {
    const target = content.slice('ref: '.length).trim();
    return isPlainRefName(target) ? { kind: 'symref', target } : UNKNOWN;
  }
  return UNKNOWN;
}

/** Looks a ref up in packed-refs (symbolic refs are never packed). */
function packedRef(text: string | undefined, ref: string): RefRead {
  if (text === undefined) return UNKNOWN;
  // Lines are `<sha> <refname>`; a ref name has no spaces, so ` <ref>` followed by a line end ends exactly its line.
  const needle = ` ${ref}`;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (end < text.length && text.charAt(end) !== '\n' && text.charAt(end) !== '\r') continue;
    const sha = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
    if (isFullSha(sha)) return { kind: 'sha', sha };
  }
  return MISSING;
}

/**
 * The commit a branch-like ref names, following one symbolic ref to a branch: `sha`, `missing`
 * (no such ref, or a symbolic ref to a missing branch), or `unknown`.
 */
export async function resolveRefFile(
  commonDir: string,
  ref: string,
  packed: PackedRefs = packedRefsOf(commonDir),
): Promise<RefRead> {
  const read = await readRefFile(commonDir, ref, packed);
  if (read.kind !== 'symref') return read;
  const target = await readRefFile(commonDir, read.target, packed);
  return target.kind === 'symref' ? UNKNOWN : target;
}

/** HEAD's commit from the content of `$GIT_DIR/HEAD`: `sha`, `missing` (unborn branch) or `unknown`. */
export async function resolveHeadContent(headText: string | undefined, commonDir: string): Promise<RefRead> {
  if (headText === undefined) return UNKNOWN;
  const head = parseRefContent(headText);
  if (head.kind !== 'symref') return head;
  // Only branches (refs/heads/*) live in the common dir for every worktree.
  if (!head.target.startsWith('refs/heads/')) return UNKNOWN;
  const branch = await readRefFile(commonDir, head.target);
  return branch.kind === 'symref' ? UNKNOWN : branch;
}
