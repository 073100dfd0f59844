// One git process from spawn to exit: the single lifecycle behind GitRunner.exec (buffered) and
// GitRunner.stream (record by record). Spawning, stdin, stderr, abort, kill and how an exit turns
// into a result or an error live here once, so a change to how git processes are started or
// stopped is made in one place.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { GitAbortedError, GitError, GitNotFoundError, NotARepositoryError, isNotARepositoryMessage } from './gitErrors';
import { hardenedArgv, hardenedEnv } from './gitHardening';
import { countGitProcessStarted } from './gitProcessCounter';

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
}

export interface GitExit {
  readonly exitCode: number;
  readonly stderr: string;
}

const MAX_STDERR = 64 * 1024;

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

  /** Spawns git; throws GitAbortedError if the signal is already aborted. */
  constructor(private readonly spec: GitChildSpec) {
    if (spec.signal?.aborted) throw new GitAbortedError();
    countGitProcessStarted();
    this.child = spawn(spec.gitPath, hardenedArgv(spec.args), {
      cwd: spec.cwd,
      env: { ...hardenedEnv(), ...spec.env },
      shell: false,
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.stdout = this.child.stdout;
    const stderr = new StderrCollector();
    this.child.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk));
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
    this.spec.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }

  private kill(): void {
    this.child.kill();
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
