// Every failure of a CLI command becomes ONE line naming the file (or repository) and what to do,
// with a stable code for `--json`. Engine internals (stack traces, "Maximum call stack size
// exceeded", "spawn git ENOTDIR") never reach the user as such: each known kind is said in words,
// and anything unexpected is one line asking for a report (ROADMAP_LENS_DEBUG=1 prints the stack).
import { FileReadError } from '../fs/boundedRead';
import {
  GitAbortedError,
  GitError,
  GitNotFoundError,
  GitOutputTooLargeError,
  GitTimeoutError,
  InvalidRefError,
  NotARepositoryError,
  UnsafeRepositoryConfigError,
} from '../git/gitErrors';
import { RoadmapEditError } from '../fs/roadmapFileEdit';
import { NoRoadmapError, UnreadableRoadmapError } from './loadRoadmap';

/** A failure a command raises on purpose, already worded for the user. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Failure {
  readonly code: string;
  readonly message: string;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

function errnoFailure(e: NodeJS.ErrnoException): Failure | undefined {
  const where = e.path ?? (e as { dest?: string }).dest ?? 'a file';
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return {
        code: 'permission-denied',
        message: `${where}: permission denied; check its permissions (and its folder's) for this user.`,
      };
    case 'EROFS':
      return { code: 'read-only', message: `${where} is on a read-only file system; nothing was changed.` };
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        code: 'disk-full',
        message: `${where}: no space left on the device; free some space and run again (the file was not changed).`,
      };
    case 'ENOENT':
      return { code: 'not-found', message: `${where}: no such file or folder.` };
    case 'ENOTDIR':
      return { code: 'not-a-folder', message: `${where}: a part of this path is a file, not a folder.` };
    case 'EISDIR':
      return { code: 'is-a-folder', message: `${where} is a folder, not a file.` };
    case 'EMFILE':
    case 'ENFILE':
      return { code: 'too-many-files', message: 'Too many open files; raise the limit (ulimit -n) and run again.' };
    case 'EIO':
      return { code: 'io-error', message: `${where}: input/output error from the device; check the disk.` };
    default:
      return undefined;
  }
}

function gitFailure(e: GitError): Failure {
  const stderr = e.stderr;
  const dubious = /detected dubious ownership in repository at '([^']*)'/.exec(stderr);
  if (dubious) {
    const dir = dubious[1] ?? '';
    return {
      code: 'dubious-ownership',
      message: `git refuses the repository at ${dir}: it is owned by another user. If you trust it, run: git config --global --add safe.directory '${dir}'`,
    };
  }
  if (e instanceof NotARepositoryError)
    return { code: 'not-a-repository', message: `not a git repository (${firstLine(stderr) || e.message})` };
  if (e instanceof GitOutputTooLargeError) return { code: 'git-output-too-large', message: e.message };
  if (e instanceof GitTimeoutError) return { code: 'git-timeout', message: e.message };
  if (e instanceof UnsafeRepositoryConfigError) return { code: 'unsafe-repository-config', message: e.message };
  return { code: 'git-failed', message: e.message };
}

/** The one-line message and code for anything a command threw. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CliFailure || error instanceof RoadmapEditError)
    return { code: error.code, message: error.message };
  if (error instanceof UnreadableRoadmapError) return { code: 'roadmap-unreadable', message: error.message };
  if (error instanceof NoRoadmapError) return { code: 'no-roadmap', message: error.message };
  if (error instanceof FileReadError) return { code: `file-${error.problem}`, message: error.message };
  if (error instanceof GitNotFoundError) return { code: 'git-not-found', message: error.message };
  if (error instanceof InvalidRefError) return { code: 'invalid-ref', message: error.message };
  if (error instanceof GitAbortedError) return { code: 'cancelled', message: error.message };
  if (error instanceof GitError) return gitFailure(error);
  if (error instanceof RangeError && /Invalid string length|Array buffer allocation failed/.test(error.message))
    return {
      code: 'too-large',
      message: 'The input is too large to hold in memory as text; split it or pass a smaller file.',
    };
  if (error instanceof RangeError && /call stack/.test(error.message))
    return {
      code: 'too-deep',
      message: 'The input is nested deeper than the JavaScript stack allows; flatten it.',
    };
  if (error instanceof Error) {
    const errno = errnoFailure(error);
    if (errno) return errno;
    return {
      code: 'internal-error',
      message: `internal error: ${firstLine(error.message)} (a bug in Roadmap Lens: please report it; ROADMAP_LENS_DEBUG=1 prints the stack).`,
    };
  }
  return { code: 'internal-error', message: `internal error: ${firstLine(String(error))}` };
}
