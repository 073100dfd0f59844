// Git's stdout through an anonymous temporary file instead of a pipe (GitRunnerOptions.spoolStreams).
// A pipe holds 64 KB: while a CLI command parses a roadmap on its only thread (~270 ms for 1,000
// items), `git rev-list --parents` of a 10k-commit history (800 KB) and the blame of a big file
// stop after their first 64 KB and finish only after the parse. Written to a file they run to the
// end on the other core meanwhile (measured on commons-lang: both done ~110–145 ms sooner, issue
// #13). The file is unlinked as soon as it is open: only the descriptor names it, so nothing is
// left behind whatever happens to the process.
//
// Bounded: GitRunner watches the file's size while git runs and stops git past `spoolMaxBytes`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Bytes read back per read: one read for most outputs (a 10k-commit graph is ~800 KB). */
const READ_CHUNK = 1024 * 1024;
/** How often the file's size is looked at while git runs (the bound, and progress for the idle timeout). */
export const SPOOL_POLL_MS = 100;

export class OutputSpool {
  private closed = false;

  private constructor(
    readonly fd: number,
    /** The most git may write here before it is stopped (GitRunner's `spoolMaxBytes`). */
    readonly maxBytes: number,
  ) {}

  /**
   * A new anonymous file in the system's temporary folder, or undefined where that cannot be done
   * (Windows cannot unlink an open file; a full or read-only temporary folder): git then writes to
   * a pipe as usual. Synchronous: the caller spawns git right after, before its thread is held.
   */
  static open(maxBytes: number): OutputSpool | undefined {
    if (process.platform === 'win32') return undefined;
    let dir: string | undefined;
    let fd: number | undefined;
    try {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-lens-git-'));
      const file = path.join(dir, 'stdout');
      fd = fs.openSync(file, 'wx+', 0o600);
      fs.unlinkSync(file);
      fs.rmdirSync(dir);
      return new OutputSpool(fd, maxBytes);
    } catch {
      if (fd !== undefined) fs.closeSync(fd);
      if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
      return undefined;
    }
  }

  /** Bytes git has written so far. */
  size(): number {
    return fs.fstatSync(this.fd).size;
  }

  /** What git wrote, in chunks of at most READ_CHUNK bytes (each its own buffer: callers keep slices). */
  async *chunks(): AsyncGenerator<Buffer, void, undefined> {
    const size = this.size();
    for (let at = 0; at < size;) {
      const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, size - at));
      const n = await readAt(this.fd, buf, at);
      if (n === 0) return;
      yield n === buf.length ? buf : buf.subarray(0, n);
      at += n;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

function readAt(fd: number, buf: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.read(fd, buf, 0, buf.length, position, (e, n) => (e ? reject(e) : resolve(n)));
  });
}
