// The ONLY module that starts processes. Every git call goes through `GitRunner`, which
// (1) refuses to spawn in an untrusted workspace, (2) never uses a shell (args array), and
// (3) runs every call under the hardening in gitHardening.ts, which overrides every repository
// setting that could make a read-only call run a program named in the repository's own config.
// The process itself (spawn, stdin, stderr, abort, exit) is one lifecycle in gitChildProcess.ts.
//
// Why raw spawn and not simple-git: the hot paths stream 100k-commit logs record by record and must
// not buffer whole outputs; and the hardening above has to be applied uniformly to every call, which
// is simplest to audit in one small function that builds the argv and env itself.

import { checkRepositoryConfig } from './configIncludes';
import { LIST_FILTER_KEYS_ARGS, contentFilterEnv } from './contentFilters';
import { GitChildProcess } from './gitChildProcess';
import { GitAbortedError, GitError, GitOutputTooLargeError, UntrustedWorkspaceError } from './gitErrors';
import { countGitStartPending } from './gitProcessCounter';
import { OutputSpool, SPOOL_POLL_MS } from './outputSpool';
import { RecordSplitter } from './recordSplitter';

export interface GitRunnerOptions {
  readonly cwd: string;
  readonly isTrusted: () => boolean;
  /** Defaults to `git` on PATH. */
  readonly gitPath?: string;
  /** Milliseconds a call may go without output before it is killed; default gitTimeoutMs(). */
  readonly timeoutMs?: number;
  /**
   * stream() has git write to an anonymous temporary file, read back once git exits, instead of a
   * pipe (outputSpool.ts): for a CLI command that holds its thread with a long synchronous step
   * while git runs. Records then arrive only at the end. Ignored where no such file can be made.
   */
  readonly spoolStreams?: boolean;
  /** The most a spooled stream may write before git is stopped (GitOutputTooLargeError); default 256 MB. */
  readonly spoolMaxBytes?: number;
}

/** Default idle timeout of a git call: a blocked git is stopped, a long healthy stream is not. */
export const DEFAULT_GIT_TIMEOUT_MS = 60_000;

/**
 * The idle timeout for git calls: ROADMAP_LENS_GIT_TIMEOUT (seconds, may be fractional) when it
 * is a positive number, else DEFAULT_GIT_TIMEOUT_MS.
 */
export function gitTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env['ROADMAP_LENS_GIT_TIMEOUT']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.max(1, Math.round(seconds * 1000)) : DEFAULT_GIT_TIMEOUT_MS;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Bytes of stdout kept before the call fails with GitOutputTooLargeError. Default 64 MB. */
  readonly maxOutputBytes?: number;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base --is-ancestor`). */
  readonly okExitCodes?: readonly number[];
  readonly stdin?: string;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface StreamOptions {
  readonly signal?: AbortSignal;
  /** Record separator: NUL for `-z` output (default), or a newline. */
  readonly separator?: '\0' | '\n';
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;
/** A 1M-commit `rev-list --parents` is ~82 MB; a spool is on disk, so it is bounded all the same. */
const DEFAULT_SPOOL_MAX = 256 * 1024 * 1024;
/** How git reports a write that failed for want of space (ENOSPC, EDQUOT); git runs with LC_ALL=C. */
const NO_SPACE = /No space left on device|Disk quota exceeded/i;

function tooLarge(args: readonly string[], max: number): GitOutputTooLargeError {
  return new GitOutputTooLargeError(`git ${args[0] ?? ''} produced more than ${max} bytes`, args, null, '');
}

export class GitRunner {
  readonly cwd: string;
  private readonly isTrusted: () => boolean;
  private readonly gitPath: string;
  private readonly timeoutMs: number;
  private readonly spoolMax: number | undefined;
  /** The repository config check (configIncludes.ts), done once per runner before its first git. */
  private configChecked: Promise<void> | undefined;

  constructor(opts: GitRunnerOptions) {
    this.cwd = opts.cwd;
    this.isTrusted = opts.isTrusted;
    this.gitPath = opts.gitPath ?? 'git';
    this.timeoutMs = opts.timeoutMs ?? gitTimeoutMs();
    this.spoolMax = opts.spoolStreams === true ? (opts.spoolMaxBytes ?? DEFAULT_SPOOL_MAX) : undefined;
  }

  /**
   * Throws UntrustedWorkspaceError unless trusted: for readers of files in the git dir, which
   * stand in for a git process and so keep its guard.
   */
  assertTrusted(): void {
    if (!this.isTrusted()) throw new UntrustedWorkspaceError();
  }

  /** Runs git and returns stdout; throws GitError on a non-zero exit (unless listed in okExitCodes). */
  async run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    return (await this.exec(args, opts)).stdout;
  }

  /** Like run(), but returns the exit code and stderr too. */
  async exec(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const child = await this.start(args, opts.signal, opts.stdin, opts.okExitCodes);
    const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const out: Buffer[] = [];
    let outBytes = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      child.noteProgress();
      outBytes += chunk.length;
      if (outBytes > max) {
        child.fail(tooLarge(args, max));
        return;
      }
      out.push(chunk);
    });
    const { exitCode, stderr } = await child.exited;
    return { stdout: Buffer.concat(out).toString('utf8'), stderr, exitCode };
  }

  /**
   * Streams stdout as batches of records split on `separator`, each decoded as UTF-8. Nothing but
   * the current partial record is buffered, so a 100k-commit log costs memory per batch, not per
   * log. Breaking out of the loop or aborting kills git. With `spoolStreams` the batches come once
   * git has exited, read back from its file (a failed git then yields nothing before its error).
   */
  async *stream(args: readonly string[], opts: StreamOptions = {}): AsyncGenerator<string[], void, undefined> {
    const spool = this.spoolMax !== undefined ? OutputSpool.open(this.spoolMax) : undefined;
    // A spooled git that could not write its file (a full temporary folder) has yielded nothing:
    // it runs again through a pipe, as it would have without the spool.
    if (spool && (yield* this.streamOnce(args, opts, spool)) !== 'no-space') return;
    yield* this.streamOnce(args, opts, undefined);
  }

  /** One git process for stream(); 'no-space' instead of the failure of a spool that ran out of space. */
  private async *streamOnce(
    args: readonly string[],
    opts: StreamOptions,
    spool: OutputSpool | undefined,
  ): AsyncGenerator<string[], 'no-space' | undefined, undefined> {
    const records = new RecordSplitter(opts.separator ?? '\0');
    let child: GitChildProcess | undefined;
    try {
      child = await this.start(args, opts.signal, undefined, undefined, spool?.fd);
      const output = spool ? this.spooled(child, spool, args) : child.stdout;
      if (output) {
        for await (const chunk of output as AsyncIterable<Buffer>) {
          child.noteProgress();
          if (opts.signal?.aborted) throw new GitAbortedError();
          const batch = records.push(chunk);
          if (batch.length > 0) yield batch;
        }
      }
      const failure = await child.exited.then(
        () => undefined,
        (e: Error) => e,
      );
      // An abort wins over how git happened to end.
      if (opts.signal?.aborted) throw new GitAbortedError();
      if (spool && failure instanceof GitError && NO_SPACE.test(failure.stderr)) return 'no-space';
      if (failure !== undefined) throw failure;
      const last = records.end();
      if (last !== undefined) yield [last];
      return undefined;
    } finally {
      child?.stop();
      spool?.close();
    }
  }

  /**
   * The spool's chunks once git has exited (on a failure, none: the caller throws it). While git
   * runs, the file's size is its progress for the idle timeout, and past its bound git is stopped.
   */
  private async *spooled(
    child: GitChildProcess,
    spool: OutputSpool,
    args: readonly string[],
  ): AsyncGenerator<Buffer, void, undefined> {
    const max = spool.maxBytes;
    let seen = 0;
    const watch = setInterval(() => {
      const size = spool.size();
      if (size > max) child.fail(tooLarge(args, max));
      else if (size > seen) child.noteProgress();
      seen = size;
    }, SPOOL_POLL_MS);
    watch.unref();
    try {
      if (
        !(await child.exited.then(
          () => true,
          () => false,
        ))
      )
        return;
    } finally {
      clearInterval(watch);
    }
    if (spool.size() > max) throw tooLarge(args, max);
    yield* spool.chunks();
  }

  /** Checks trust, looks up the content-filter overrides the subcommand needs, and spawns git. */
  private async start(
    args: readonly string[],
    signal: AbortSignal | undefined,
    stdin: string | undefined,
    okExitCodes: readonly number[] | undefined,
    stdoutFd?: number,
  ): Promise<GitChildProcess> {
    countGitStartPending(1);
    try {
      return await this.spawnChecked(args, signal, stdin, okExitCodes, stdoutFd);
    } finally {
      countGitStartPending(-1);
    }
  }

  private async spawnChecked(
    args: readonly string[],
    signal: AbortSignal | undefined,
    stdin: string | undefined,
    okExitCodes: readonly number[] | undefined,
    stdoutFd: number | undefined,
  ): Promise<GitChildProcess> {
    if (!this.isTrusted()) throw new UntrustedWorkspaceError();
    // Git reads config includes before any `-c` applies: a FIFO named there would block every call.
    // Only a passed check is kept: a refused config is looked at again on the next call.
    this.configChecked ??= checkRepositoryConfig(this.cwd).catch((e: unknown) => {
      this.configChecked = undefined;
      throw e;
    });
    await this.configChecked;
    const env = await contentFilterEnv(args, () =>
      this.run(LIST_FILTER_KEYS_ARGS, { okExitCodes: [1], ...(signal ? { signal } : {}) }),
    );
    if (!this.isTrusted()) throw new UntrustedWorkspaceError();
    const timeoutMs = this.timeoutMs;
    return new GitChildProcess({
      gitPath: this.gitPath,
      cwd: this.cwd,
      args,
      env,
      signal,
      stdin,
      okExitCodes,
      timeoutMs,
      stdoutFd,
    });
  }
}
