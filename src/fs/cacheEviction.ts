// Keeps a cache folder within its size: least recently used files go first. Used by every cache of
// ours that grows with use (blame results per file, parsed roadmaps per content), so a long-lived
// clone or a user cache never grows without end.
//
// "Recently used" is the file's mtime: a hit touches it (touchCacheFile), a write sets it. atime
// would be the natural clock, but most file systems are mounted relatime/noatime.
//
// The folder is untrusted (a crafted clone can ship any entries): the listing is bounded, only
// regular files are counted or removed (links and folders are left alone: never followed, never
// ours to delete), and files another process removes under us are not errors.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface CacheLimits {
  /** Total bytes of the folder's files after eviction. */
  readonly maxBytes: number;
  /** Number of files after eviction. */
  readonly maxFiles: number;
}

export interface EvictionResult {
  readonly removed: number;
  readonly bytesRemoved: number;
  /** The listing stopped at its bound: what was seen was evicted, the rest was not looked at. */
  readonly truncated: boolean;
}

/** More entries than any cache of ours writes; a folder with more was not filled by us. */
export const MAX_LISTED_ENTRIES = 50_000;
/** A temp file younger than this may be a write in progress in another process. */
const TEMP_GRACE_MS = 60_000;

interface Entry {
  readonly file: string;
  readonly bytes: number;
  readonly mtimeMs: number;
}

/**
 * Removes the least recently used files of `dir` (flat: sub-folders are not entered) until it holds
 * at most `limits`. A missing folder is an empty one. Stale temp files (a writer that died) go first.
 */
export async function evictLeastRecentlyUsed(
  dir: string,
  limits: CacheLimits,
  now: number = Date.now(),
): Promise<EvictionResult> {
  const { entries, stale, truncated } = await listFiles(dir, now);
  let removed = 0;
  let bytesRemoved = 0;
  for (const entry of stale) {
    if (await removeFile(entry.file)) {
      removed++;
      bytesRemoved += entry.bytes;
    }
  }
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  let count = entries.length;
  // Oldest first; ties by name, so two processes evicting at once pick the same files.
  entries.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.file < b.file ? -1 : 1));
  for (const entry of entries) {
    if (total <= limits.maxBytes && count <= limits.maxFiles) break;
    total -= entry.bytes;
    count--;
    if (await removeFile(entry.file)) {
      removed++;
      bytesRemoved += entry.bytes;
    }
  }
  return { removed, bytesRemoved, truncated };
}

/** Marks a cache file as just used (a hit), so eviction keeps it longest. Never throws. */
export async function touchCacheFile(file: string, now: Date = new Date()): Promise<void> {
  await fs.utimes(file, now, now).catch(() => undefined);
}

async function listFiles(dir: string, now: number): Promise<{ entries: Entry[]; stale: Entry[]; truncated: boolean }> {
  const entries: Entry[] = [];
  const stale: Entry[] = [];
  let handle;
  try {
    handle = await fs.opendir(dir);
  } catch {
    return { entries, stale, truncated: false };
  }
  let seen = 0;
  let truncated = false;
  try {
    for await (const dirent of handle) {
      if (++seen > MAX_LISTED_ENTRIES) {
        truncated = true;
        break;
      }
      if (!dirent.isFile()) continue;
      const file = path.join(dir, dirent.name);
      const stat = await fs.lstat(file).catch(() => undefined);
      if (!stat?.isFile()) continue;
      const entry = { file, bytes: stat.size, mtimeMs: stat.mtimeMs };
      if (dirent.name.endsWith('.tmp')) {
        if (now - stat.mtimeMs > TEMP_GRACE_MS) stale.push(entry);
        continue;
      }
      entries.push(entry);
    }
  } finally {
    // Breaking out of the iteration closes the handle; a completed one is closed too.
    await handle.close().catch(() => undefined);
  }
  return { entries, stale, truncated };
}

async function removeFile(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch {
    // Gone already (another process evicted it) or not ours to remove: either way, not an error.
    return false;
  }
}
