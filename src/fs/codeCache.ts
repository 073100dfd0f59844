// V8's compiled code for the CLI's bundle, kept in the user's cache
// (`$XDG_CACHE_HOME/roadmap-lens/code/`, else `~/.cache/roadmap-lens/code/`) so a `roadmap-lens`
// process does not compile its 700 KB bundle again each time (node 20 has no compile cache of its
// own; issue #13: a warm `why`'s fixed cost). src/cli/cliLauncher.ts reads it before compiling
// the bundle (vm.Script `cachedData`) and writes it at exit, once the functions a call ran are
// compiled too.
//
// The file is untrusted input: V8 checks its own header (V8 version, flags, the source's length)
// but not, in release builds, the payload's checksum, and a damaged payload it accepts could crash
// the process. So every file carries a SHA-256 of its payload and of the key it was made for (the
// bundle's bytes, node's version, platform and flags), both checked before V8 sees a byte:
// anything else (truncated, another version, another bundle, garbage) is a miss and is replaced.
// Writes are atomic (temp file, then rename); the folder is kept to CODE_CACHE_LIMITS.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { userCacheRoot } from './repoCache';

export const CODE_CACHE_FOLDER = 'code';
const MAGIC = 'RLCODE';
export const CODE_CACHE_VERSION = 1;
/** magic (6) + version (2) + payload length (4) + key (32) + payload SHA-256 (32). */
const HEADER_BYTES = 76;
/** V8's code for a 700 KB bundle is ~0.5 MB; one a hundred times larger is not ours. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** A few bundles (an upgrade, a dev build beside the installed one) and nothing more. */
const MAX_FILES = 8;

/** The cache folder under a user cache root (`userCacheRoot()`). */
export function codeCacheDir(userRoot: string): string {
  return path.join(userRoot, CODE_CACHE_FOLDER);
}

/** What the cached code must have been made for: these exact bundle bytes, in this exact node. */
export function codeCacheKey(bundle: Uint8Array, runtime: string): Buffer {
  return createHash('sha256').update(bundle).update('\0').update(runtime).digest();
}

/** The runtime part of the key: V8 rejects code of another version, platform or flags anyway. */
export function runtimeId(): string {
  return [process.version, process.arch, process.platform, process.versions.v8, ...process.execArgv].join('\0');
}

export function codeCacheFile(dir: string, key: Buffer): string {
  return path.join(dir, `${key.toString('hex').slice(0, 32)}.bin`);
}

export type CodeCacheRead =
  | { readonly kind: 'hit'; readonly data: Buffer }
  | { readonly kind: 'missing' }
  /** A file that is not code for this key, with one line why (it is replaced at exit). */
  | { readonly kind: 'ignored'; readonly reason: string };

/** Checks a cache file's bytes against `key`; the payload is returned only when every check passes. */
export function decodeCodeCache(bytes: Buffer, key: Buffer): CodeCacheRead {
  if (bytes.length < HEADER_BYTES) return { kind: 'ignored', reason: 'truncated' };
  if (bytes.toString('latin1', 0, 6) !== MAGIC) return { kind: 'ignored', reason: 'not a code cache file' };
  const version = bytes.readUInt16LE(6);
  if (version !== CODE_CACHE_VERSION)
    return { kind: 'ignored', reason: `version ${version}, expected ${CODE_CACHE_VERSION}` };
  const length = bytes.readUInt32LE(8);
  if (length !== bytes.length - HEADER_BYTES) return { kind: 'ignored', reason: 'truncated' };
  if (!bytes.subarray(12, 44).equals(key)) return { kind: 'ignored', reason: 'made for another bundle or node' };
  const data = bytes.subarray(HEADER_BYTES);
  if (!createHash('sha256').update(data).digest().equals(bytes.subarray(44, 76)))
    return { kind: 'ignored', reason: 'checksum mismatch' };
  return { kind: 'hit', data };
}

export function encodeCodeCache(data: Uint8Array, key: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt16LE(CODE_CACHE_VERSION, 6);
  header.writeUInt32LE(data.length, 8);
  key.copy(header, 12);
  createHash('sha256').update(data).digest().copy(header, 44);
  return Buffer.concat([header, data]);
}

/** Never throws. Synchronous: it runs before anything else of the CLI is loaded. */
export function readCodeCache(file: string, key: Buffer): CodeCacheRead {
  let fd: number | undefined;
  try {
    // Opened once, then checked: a regular file of a sane size (a FIFO would block, a huge file is not ours).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'ignored', reason: 'not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { kind: 'ignored', reason: 'too large' };
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeCodeCache(bytes.subarray(0, read), key);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'ignored', reason: e instanceof Error ? e.message : String(e) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes atomically (temp file, then rename) and keeps the folder to MAX_FILES (oldest first).
 * Synchronous (it runs in an exit handler). Returns a one-line reason when it could not.
 */
export function writeCodeCache(dir: string, file: string, data: Uint8Array, key: Buffer): string | undefined {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!fs.lstatSync(dir).isDirectory()) return `${dir} is not a folder`;
    fs.writeFileSync(temp, encodeCodeCache(data, key), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, file);
    evictOldest(dir, path.basename(file));
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do
    }
    return e instanceof Error ? e.message : String(e);
  }
}

function evictOldest(dir: string, keep: string): void {
  const entries = fs
    .readdirSync(dir)
    .filter((name) => name !== keep)
    .map((name) => {
      try {
        return { name, time: fs.lstatSync(path.join(dir, name)).mtimeMs };
      } catch {
        return { name, time: 0 };
      }
    })
    .sort((a, b) => b.time - a.time);
  for (const e of entries.slice(MAX_FILES - 1)) fs.rmSync(path.join(dir, e.name), { force: true, recursive: true });
}

/** Clear Cache: the compiled code of every bundle (the next CLI call compiles again). */
export async function clearCodeCache(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await fs.promises.rm(codeCacheDir(userCacheRoot(env)), { recursive: true, force: true });
}
