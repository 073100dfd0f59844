// Every file Roadmap Lens reads from a workspace or a repository (roadmap files, source files for
// `why`, git's HEAD and refs, the persisted commit index) is someone else's: a committed symlink to
// /dev/zero or /dev/urandom, a FIFO, or a multi-gigabyte file must not hang or exhaust the editor
// or a CI job. So reads go through here: opened non-blocking (a FIFO without a writer opens at
// once instead of waiting), checked with fstat on the open descriptor (no race with a swap between
// a stat and the open) to be a regular file, and read up to a size bound, never past it.
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, type Stats } from 'node:fs';

export type FileReadProblem = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

/** A read refused or failed; `message` is one line naming the file and what to do. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    readonly file: string,
    readonly problem: FileReadProblem,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Bounds by kind of file: roadmaps are YAML people write; sources may be generated. */
export const READ_LIMITS = {
  roadmap: 32 * 1024 * 1024,
  source: 64 * 1024 * 1024,
  gitMetadata: 64 * 1024 * 1024,
  index: 1024 * 1024 * 1024,
} as const;

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Not on Windows (no FIFOs there).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function kindOf(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errnoMessage(file: string, code: string | undefined, detail: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied; make it readable for this user (chmod u+r) or pass another file.`;
    case 'ELOOP':
      return `${file}: too many levels of symbolic links; point the link at a real file.`;
    case 'EISDIR':
      return `${file} is a folder, not a file.`;
    default:
      return `${file} could not be read (${detail}).`;
  }
}

export interface BoundedReadOptions {
  /** Bytes; a larger file is refused with FileReadError('too-large'). */
  readonly maxBytes: number;
  /** How the file is named in messages (a relative path); defaults to `file`. */
  readonly displayName?: string;
  /** What the file is, for the too-large message ("roadmap files"). */
  readonly what?: string;
}

/** The open failed: one line naming the file and what to do. */
function openFailed(file: string, name: string, e: unknown): FileReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new FileReadError(file, 'missing', `${name}: no such file.`, code);
  if (code === 'ENXIO')
    return new FileReadError(
      file,
      'not-a-file',
      `${name} is a socket, not a regular file; Roadmap Lens reads only regular files.`,
      code,
    );
  return new FileReadError(file, 'unreadable', errnoMessage(name, code, (e as Error).message), code);
}

/** A FileReadError as is; anything else thrown while reading, as one. */
function readFailed(file: string, name: string, e: unknown): FileReadError {
  if (e instanceof FileReadError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  return new FileReadError(file, 'unreadable', errnoMessage(name, code, (e as Error).message), code);
}

/**
 * How many bytes to ask for next: one more than fstat said is left (so a file of that size ends in
 * a short read, with no second read just to see the end), at least 64 KB, never past limit + 1.
 * The size can change while reading (a growing file): reading goes on until a short read, whatever
 * fstat said, and stops at limit + 1 bytes.
 */
function nextRead(size: number, total: number, limit: number): number {
  return Math.min(Math.max(size - total + 1, 64 * 1024), limit + 1 - total);
}

/**
 * The read loop both readers run: yields the buffer to read into next and is told how many bytes
 * came; returns the file's bytes. The open descriptor's fstat must say a regular file within the
 * bound; then it reads until a short read (the end of a regular file) or limit + 1 bytes, which is
 * too large.
 */
function* readLoop(
  stat: Stats,
  file: string,
  name: string,
  opts: BoundedReadOptions,
): Generator<Buffer, Buffer, number> {
  if (!stat.isFile())
    throw new FileReadError(
      file,
      'not-a-file',
      `${name} is ${kindOf(stat)}, not a regular file; Roadmap Lens reads only regular files.`,
    );
  const tooLarge = (size: string): FileReadError =>
    new FileReadError(
      file,
      'too-large',
      `${name} is ${size}, over the ${formatBytes(opts.maxBytes)} Roadmap Lens reads for ${opts.what ?? 'this kind of file'}; split or shorten it.`,
    );
  if (stat.size > opts.maxBytes) throw tooLarge(formatBytes(stat.size));
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = nextRead(stat.size, total, opts.maxBytes);
    if (want <= 0) break;
    const buf = Buffer.allocUnsafe(want);
    const bytesRead: number = yield buf;
    if (bytesRead > 0) chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
    total += bytesRead;
    if (bytesRead < want) break;
  }
  if (total > opts.maxBytes) throw tooLarge(`more than ${formatBytes(opts.maxBytes)}`);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/**
 * The bytes of a regular file of at most `maxBytes`. Throws FileReadError for a missing file, a
 * non-regular file (FIFO, device, socket, folder: also through symlinks), a larger file, or an I/O
 * error. Never blocks on a FIFO and never reads more than `maxBytes + 1` bytes.
 */
export async function readFileBounded(file: string, opts: BoundedReadOptions): Promise<Buffer> {
  const name = opts.displayName ?? file;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, OPEN_FLAGS);
  } catch (e) {
    throw openFailed(file, name, e);
  }
  try {
    const loop = readLoop(await handle.stat(), file, name, opts);
    for (let step = loop.next(); ;) {
      if (step.done) return step.value;
      const buf = step.value;
      step = loop.next((await handle.read(buf, 0, buf.length, null)).bytesRead);
    }
  } catch (e) {
    throw readFailed(file, name, e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * readFileBounded without the thread pool: the same checks, bound and errors. For the CLI's
 * roadmap files, read while nothing else needs the thread: 25 files cost ~8 ms as ~100 thread-pool
 * round trips and ~4 ms like this (issue #13, warm `why`). Never for the editor's thread.
 */
export function readFileBoundedSync(file: string, opts: BoundedReadOptions): Buffer {
  const name = opts.displayName ?? file;
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw openFailed(file, name, e);
  }
  try {
    const loop = readLoop(fstatSync(fd), file, name, opts);
    for (let step = loop.next(); ;) {
      if (step.done) return step.value;
      step = loop.next(readSync(fd, step.value, 0, step.value.length, null));
    }
  } catch (e) {
    throw readFailed(file, name, e);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Closing a descriptor we opened cannot fail in a way the caller could act on.
    }
  }
}

/** Like readFileBounded, but undefined when the file does not exist. */
export async function readFileBoundedIfExists(file: string, opts: BoundedReadOptions): Promise<Buffer | undefined> {
  try {
    return await readFileBounded(file, opts);
  } catch (e) {
    if (e instanceof FileReadError && e.problem === 'missing') return undefined;
    throw e;
  }
}
