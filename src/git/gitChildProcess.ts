// One git process from spawn to exit: the single lifecycle behind GitRunner.exec (buffered) and
// GitRunner.stream (record by record). Spawning, stdin, stderr, abort, kill and how an exit turns
// into a result or an error live here once, so a change to how git processes are started or
// stopped is made in one place.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  GitAbortedError,
  GitError,
  GitNotFoundError,
  GitTimeoutError,
  NotARepositoryError,
  isNotARepositoryMessage,
} from './gitErrors';
import { hardenedArgv, hardenedEnv } from './gitHardening';
import { countGitProcessStarted } from './gitProcessCounter';
import { OWN_PROCESS_GROUP, killGitProcessGroup, trackGitProcess } from './gitProcessGroups';

export interface GitChildSpec {
  readonly gitPath: string;
  readonly cwd: string;
  /** The subcommand and its arguments, before hardening (also what errors report). */
  readonly args: readonly string[];
  /** Added to the hardened environment (content-filter overrides). */
  readonly env: Record<string, string>;
  readonly signal?: AbortSignal | undefined;
  readonly stdin?: string | undefined;
  /** Exit codes that are answers rather than failures. */
  readonly okExitCodes?: readonly number[] | undefined;
  /** Milliseconds without any output after which git is killed with its group (GitTimeoutError). */
  readonly timeoutMs: number;
  /** Git's stdout goes to this file descriptor instead of a pipe (see outputSpool.ts); `stdout` is then null. */
  readonly stdoutFd?: number | undefined;
}

export interface GitExit {
  readonly exitCode: number;
  readonly stderr: string;
}

const MAX_STDERR = 64 * 1024;
/** After SIGTERM, how long git gets to remove its lock files before SIGKILL. */
const KILL_GRACE_MS = 2000;

export class GitChildProcess {
  /** Git's stdout; read it with 'data' events or as an async iterable. */
  readonly stdout: Readable | null;
  /**
   * Settles once: resolved with the exit code and stderr when git closes with 0 or an accepted
   * code; rejected with the spawn error, the exit error, GitAbortedError on abort, or what
   * `fail` was given. Abort and `fail` kill git at once instead of waiting for it to close.
   */
  readonly exited: Promise<GitExit>;
  private readonly child: ChildProcess;
  private settled = false;
  private readonly onAbort = (): void => this.fail(new GitAbortedError());
  private reject: (e: Error) => void = () => undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  /** Spawns git; throws GitAbortedError if the signal is already aborted. */
  constructor(private readonly spec: GitChildSpec) {
    if (spec.signal?.aborted) throw new GitAbortedError();
    countGitProcessStarted();
    this.child = spawn(spec.gitPath, hardenedArgv(spec.args), {
      cwd: spec.cwd,
      env: { ...hardenedEnv(), ...spec.env },
      shell: false,
      windowsHide: true,
      // Its own process group, so a kill reaches whatever git started and nothing is orphaned.
      detached: OWN_PROCESS_GROUP,
      stdio: ['pipe', spec.stdoutFd ?? 'pipe', 'pipe'],
    });
    trackGitProcess(this.child);
    this.stdout = this.child.stdout;
    const stderr = new StderrCollector();
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.noteProgress();
      stderr.add(chunk);
    });
    // git may exit (or never start) before reading stdin: EPIPE there is not our failure.
    this.child.stdin?.on('error', () => undefined);
    if (spec.stdin !== undefined) this.child.stdin?.end(spec.stdin);
    else this.child.stdin?.end();
    this.exited = new Promise<GitExit>((resolve, reject) => {
      this.reject = reject;
      this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(this.spawnError(e)));
      this.child.on('close', (code) => {
        if (!this.settle()) return;
        const exitCode = code ?? -1;
        const text = stderr.text();
        if (exitCode !== 0 && !(spec.okExitCodes ?? []).includes(exitCode)) reject(this.exitError(exitCode, text));
        else resolve({ exitCode, stderr: text });
      });
    });
    // A consumer that stops early (a stream broken out of) no longer awaits `exited`.
    this.exited.catch(() => undefined);
    spec.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.child.once('close', () => this.clearIdleTimer());
    this.noteProgress();
  }

  /**
   * Restarts the idle timeout: called on every chunk of output (the reader of stdout calls it,
   * since a 'data' listener here would take the stream out of paused mode). A call is only
   * stopped when git says nothing for the whole timeout, so a long healthy log stream runs on.
   */
  noteProgress(): void {
    this.clearIdleTimer();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.idleTimer = setTimeout(() => this.fail(this.timeoutError()), this.spec.timeoutMs);
    // A timer of its own must not keep a CLI alive after its work is done.
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private timeoutError(): GitTimeoutError {
    const { args, timeoutMs } = this.spec;
    const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
    return new GitTimeoutError(
      `git ${args[0] ?? ''} gave no output for ${seconds} and was stopped: something it reads blocks (a FIFO or device named by the repository, or a hung file system). Set ROADMAP_LENS_GIT_TIMEOUT (seconds) to wait longer.`,
      args,
      null,
      '',
    );
  }

  /** Rejects `exited` with `e` (unless already settled) and kills git. */
  fail(e: Error): void {
    if (!this.settle()) return;
    this.kill();
    this.reject(e);
  }

  /** Stops listening for abort and kills git if it is still running; `exited` settles as git closes. */
  stop(): void {
    this.spec.signal?.removeEventListener('abort', this.onAbort);
    if (this.child.exitCode === null && this.child.signalCode === null) this.kill();
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.clearIdleTimer();
    this.spec.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }

  /** SIGTERM to git's group (git removes its lock files on it), SIGKILL if it has not closed in time. */
  private kill(): void {
    this.clearIdleTimer();
    killGitProcessGroup(this.child, 'SIGTERM');
    const hard = setTimeout(() => killGitProcessGroup(this.child, 'SIGKILL'), KILL_GRACE_MS);
    hard.unref();
    this.child.once('close', () => clearTimeout(hard));
  }

  private spawnError(e: NodeJS.ErrnoException): Error {
    const { cwd, gitPath, args } = this.spec;
    if (e.code === 'ENOENT') {
      // ENOENT is also what spawn reports for a missing cwd; tell the two apart.
      return existsSync(cwd)
        ? new GitNotFoundError(gitPath)
        : new NotARepositoryError(`Folder not found: ${cwd}`, args, null, e.message);
    }
    return new GitError(`Failed to start git: ${e.message}`, args, null, '');
  }

  private exitError(code: number, stderr: string): GitError {
    const { args } = this.spec;
    const summary = stderr.trim().split('\n')[0] ?? '';
    const message = `git ${args[0] ?? ''} failed (exit ${code})${summary ? `: ${summary}` : ''}`;
    return isNotARepositoryMessage(stderr)
      ? new NotARepositoryError(message, args, code, stderr)
      : new GitError(message, args, code, stderr);
  }
}

/** Keeps the first 64 KB of stderr: enough for a message, bounded against noisy failures. */
class StderrCollector {
  private readonly parts: Buffer[] = [];
  private size = 0;
  add(chunk: Buffer): void {
    if (this.size >= MAX_STDERR) return;
    this.parts.push(chunk);
    this.size += chunk.length;
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8').slice(0, MAX_STDERR);
  }
}
