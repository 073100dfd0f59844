// Every file Roadmap Lens reads from a workspace or a repository (roadmap files, source files for
// `why`, git's HEAD and refs, the persisted commit index) is someone else's: a committed symlink to
// /dev/zero or /dev/urandom, a FIFO, or a multi-gigabyte file must not hang or exhaust the editor
// or a CI job. So reads go through here: opened non-blocking (a FIFO without a writer opens at
// once instead of waiting), checked with fstat on the open descriptor (no race with a swap between
// a stat and the open) to be a regular file, and read up to a size bound, never past it.
import { constants, promises as fs } from 'node:fs';

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
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new FileReadError(file, 'missing', `${name}: no such file.`, code);
    if (code === 'ENXIO')
      throw new FileReadError(
        file,
        'not-a-file',
        `${name} is a socket, not a regular file; Roadmap Lens reads only regular files.`,
        code,
      );
    throw new FileReadError(file, 'unreadable', errnoMessage(name, code, (e as Error).message), code);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new FileReadError(
        file,
        'not-a-file',
        `${name} is ${kindOf(stat)}, not a regular file; Roadmap Lens reads only regular files.`,
      );
    const limit = opts.maxBytes;
    const tooLarge = (size: string): FileReadError =>
      new FileReadError(
        file,
        'too-large',
        `${name} is ${size}, over the ${formatBytes(limit)} Roadmap Lens reads for ${opts.what ?? 'this kind of file'}; split or shorten it.`,
      );
    if (stat.size > limit) throw tooLarge(formatBytes(stat.size));
    // The size can change while reading (a growing file): read at most limit + 1 bytes, whatever stat said.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(stat.size - total, 64 * 1024), limit + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > limit) throw tooLarge(`more than ${formatBytes(limit)}`);
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileReadError(file, 'unreadable', errnoMessage(name, code, (e as Error).message), code);
  } finally {
    await handle.close().catch(() => undefined);
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
