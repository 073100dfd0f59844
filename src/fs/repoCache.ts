// Where Roadmap Lens keeps what it computed about one repository, shared by the CLI and the
// extension: `<git common dir>/roadmap-lens/` (so every worktree and every tool of that clone sees
// one copy, and deleting the clone deletes it), or, when that folder cannot be written (a read-only
// clone, a repository owned by someone else), a folder per repository under the user's cache
// (`$XDG_CACHE_HOME/roadmap-lens/repos/<hash>`, else `~/.cache/...`).
//
// Cache files are untrusted input: a crafted clone can ship any bytes there. Reads are bounded
// (boundedRead: regular files only, size-capped); callers validate the content and treat anything
// wrong as a miss. Writes are atomic (a temp file in the same folder, then rename), so a reader, or
// a second writer racing this one, sees the old file or the new one, never half of either.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError, readFileBounded } from './boundedRead';
import { evictLeastRecentlyUsed, touchCacheFile, type CacheLimits } from './cacheEviction';

export const CACHE_FOLDER = 'roadmap-lens';
/** No cache file of ours gets near this (a 100k-commit index is ~11 MB); a bigger one is not ours. */
export const MAX_CACHE_FILE_BYTES = 512 * 1024 * 1024;

/** The user-level fallback: `$XDG_CACHE_HOME`, else `~/.cache` (on every platform: one place to look). */
export function userCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CACHE_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), CACHE_FOLDER);
}

/** FNV-1a of the repository's git dir: a stable folder name per clone in the user-level cache. */
function repoKey(commonDir: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < commonDir.length; i++) {
    h ^= commonDir.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${path
    .basename(path.dirname(commonDir))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 40)}-${h.toString(16).padStart(8, '0')}`;
}

/**
 * The commit index's file name: one per worktree (worktrees share the common dir but not HEAD, so
 * one shared file would be rebuilt each time another worktree wrote it). The main worktree's is
 * `commit-index.bin`, which the CLI and the extension both use.
 */
export function commitIndexFileName(gitDir: string, commonDir: string): string {
  if (path.resolve(gitDir) === path.resolve(commonDir)) return 'commit-index.bin';
  return `commit-index-${repoKey(path.resolve(gitDir))}.bin`;
}

/**
 * The files directly in a repository's cache folder (sub-folders such as `blame/` bound
 * themselves): the commit graph and one commit index per worktree. Worktrees come and go, their
 * index files stay: beyond this the least recently used go (a 100k-commit index is ~11 MB).
 */
export const REPO_CACHE_LIMITS: CacheLimits = { maxBytes: 1024 * 1024 * 1024, maxFiles: 16 };

export type CacheRead =
  { kind: 'hit'; bytes: Uint8Array } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };

/**
 * Any cache file of ours (this folder's, the blame store's, the parsed-roadmap cache's): its bytes,
 * bounded; a missing file is a miss, anything else (too big, not a regular file, unreadable) is
 * unreadable with one line why. Never throws. Callers validate the bytes and mark a hit as used.
 */
export async function readCacheFile(file: string, maxBytes: number, what = 'cache files'): Promise<CacheRead> {
  try {
    return { kind: 'hit', bytes: await readFileBounded(file, { maxBytes, what }) };
  } catch (e) {
    if (e instanceof FileReadError)
      return e.problem === 'missing' ? { kind: 'missing' } : { kind: 'unreadable', reason: e.message };
    return { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
  }
}

export class RepoCache {
  private constructor(
    /** The folder files are read from and written to. */
    readonly dir: string,
    /** Every folder this repository's cache may live in (both, so Clear Cache removes both). */
    readonly candidates: readonly string[],
  ) {}

  /**
   * The cache of the repository whose git common dir is `commonDir`: in it when writable (or
   * creatable), else in the user's cache. `writable` is probed with access(), not by writing.
   */
  static async open(commonDir: string, env: NodeJS.ProcessEnv = process.env): Promise<RepoCache> {
    const inRepo = path.join(commonDir, CACHE_FOLDER);
    const inUser = path.join(userCacheRoot(env), 'repos', repoKey(path.resolve(commonDir)));
    const candidates = [inRepo, inUser];
    if (await canWriteIn(commonDir, inRepo)) return new RepoCache(inRepo, candidates);
    return new RepoCache(inUser, candidates);
  }

  pathOf(name: string): string {
    return path.join(this.dir, name);
  }

  /** A cache file's bytes, bounded; a missing file is a miss, anything else unreadable with one line why. */
  async read(name: string, maxBytes = MAX_CACHE_FILE_BYTES): Promise<CacheRead> {
    const read = await readCacheFile(this.pathOf(name), maxBytes);
    // Used: eviction keeps it longest (see write).
    if (read.kind === 'hit') await touchCacheFile(this.pathOf(name));
    return read;
  }

  /**
   * Writes atomically: a uniquely named temp file next to the target, then rename over it. Then
   * the folder is brought within REPO_CACHE_LIMITS (the file just written is the newest: kept).
   */
  async write(name: string, bytes: Uint8Array): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.pathOf(name), bytes);
    await evictLeastRecentlyUsed(this.dir, REPO_CACHE_LIMITS);
  }

  /** Removes this repository's cache from every place it may be. */
  async clear(): Promise<void> {
    for (const dir of this.candidates) await fs.rm(dir, { recursive: true, force: true });
  }
}

async function canWriteIn(commonDir: string, dir: string): Promise<boolean> {
  try {
    // Something else under that name (a file, a link to a file): not ours to replace.
    if (!(await fs.lstat(dir)).isDirectory()) return false;
    await fs.access(dir, constants.W_OK);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    try {
      await fs.access(commonDir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * A uniquely named temp file next to `target`, then rename(2) over it: atomic, so a reader (the CLI,
 * another window) never finds the file missing or half written, and of two racing writers one wins
 * whole. (VS Code's `workspace.fs.rename` with `overwrite` may delete the target first.)
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
