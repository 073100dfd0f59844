// The file `roadmap-lens why` was asked about, read as untrusted input: links resolved (git tracks
// the link, not its target; the target is what is blamed), bounded, never a FIFO or a device.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileReadError, READ_LIMITS, readFileBounded } from '../fs/boundedRead';

export interface WhyFile {
  /** The file with links resolved (the asked path when that fails). */
  readonly realPath: string;
  /** Undefined when missing or unreadable. */
  readonly bytes: Buffer | undefined;
  /** Not a regular file (a link to /dev/zero, a FIFO), too large or unreadable: one line why. */
  readonly unreadable: string | undefined;
}

export async function readWhyFile(absPath: string, displayName: string): Promise<WhyFile> {
  const realPath = await fs.realpath(absPath).catch(() => absPath);
  try {
    const bytes = await readFileBounded(realPath, { maxBytes: READ_LIMITS.source, displayName, what: 'source files' });
    return { realPath, bytes, unreadable: undefined };
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    return { realPath, bytes: undefined, unreadable: e.problem === 'missing' ? undefined : e.message };
  }
}

/** The file's lines as git counts them (a final newline ends the last line, it does not add one). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
