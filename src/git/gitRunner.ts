// The ONLY module that starts processes. Every git call goes through `GitRunner`, which
// (1) refuses to spawn in an untrusted workspace, (2) never uses a shell (args array), and
// (3) overrides every repository setting that could make a read-only call run a program named in
// the repository's own config (fsmonitor, hooks, pager, external diff, textconv, signature checks).
//
// Why raw spawn and not simple-git: the hot paths stream 100k-commit logs record by record and must
// not buffer whole outputs; and the hardening above has to be applied uniformly to every call, which
// is simplest to audit in one small function that builds the argv and env itself.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FILTERING_SUBCOMMANDS, LIST_FILTER_KEYS_ARGS, filterOverrideEnv, parseFilterDrivers } from './contentFilters';
import {
  GitAbortedError,
  GitError,
  GitNotFoundError,
  GitOutputTooLargeError,
  InvalidRefError,
  NotARepositoryError,
  UntrustedWorkspaceError,
  isNotARepositoryMessage,
} from './gitErrors';

export interface GitRunnerOptions {
  readonly cwd: string;
  readonly isTrusted: () => boolean;
  /** Defaults to `git` on PATH. */
  readonly gitPath?: string;
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
const MAX_STDERR = 64 * 1024;

/**
 * Settings passed before the subcommand on every call. `-c` wins over every config file,
 * so a hostile `.git/config` cannot name a program for us to run.
 */
function hardeningArgs(): string[] {
  // A path under /dev/null can never hold a hook; Windows has no such path, so there we point at
  // a directory name that cannot exist (NUL is a reserved device name).
  const noHooks = process.platform === 'win32' ? 'NUL\\no-hooks' : '/dev/null';
  return [
    '-c',
    'core.fsmonitor=false',
    '-c',
    `core.hooksPath=${noHooks}`,
    '-c',
    'core.pager=cat',
    '-c',
    'diff.external=',
    '-c',
    'log.showSignature=false',
    '-c',
    'color.ui=false',
    '-c',
    'core.quotePath=false',
    '--no-pager',
    '--no-optional-locks',
  ];
}

/**
 * Textconv filters and external diff drivers are named per path in `.gitattributes` + config,
 * so no global `-c` can switch them all off; these subcommands get the switches that do.
 */
const SUBCOMMAND_HARDENING: Readonly<Record<string, readonly string[]>> = {
  diff: ['--no-textconv', '--no-ext-diff'],
  show: ['--no-textconv', '--no-ext-diff'],
  log: ['--no-textconv', '--no-ext-diff'],
  blame: ['--no-textconv'],
  grep: ['--no-textconv'],
};

function withSubcommandHardening(args: readonly string[]): string[] {
  const [sub, ...rest] = args;
  if (sub === undefined) return [];
  const extra = SUBCOMMAND_HARDENING[sub] ?? [];
  return [sub, ...extra.filter((a) => !rest.includes(a)), ...rest];
}

/** Variables that would point git at another repository or at a program to run. */
const STRIPPED_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_EXTERNAL_DIFF',
  'GIT_PAGER',
  'PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_TRACE',
  'GIT_TRACE2',
  'GIT_TRACE2_EVENT',
  'GIT_TRACE2_PERF',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of STRIPPED_ENV) delete env[key];
  env['GIT_TERMINAL_PROMPT'] = '0';
  env['GIT_OPTIONAL_LOCKS'] = '0';
  env['LC_ALL'] = 'C';
  env['LANGUAGE'] = 'C';
  return env;
}

/**
 * Refs coming from users, roadmap files or branch lists must never be read as options.
 * Also refuses control characters, which no valid ref contains.
 */
export function assertSafeRef(ref: string): string {
  if (ref.length === 0) throw new InvalidRefError(ref, 'empty');
  if (ref.startsWith('-')) throw new InvalidRefError(ref, 'must not start with "-"');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(ref)) throw new InvalidRefError(ref, 'contains control characters');
  return ref;
}

// Process-wide count of git processes started: how the real-VS-Code run checks that activation
// itself starts no git work (bench row `vscode-activation`, e2e suite performance.test.ts).
let processesStarted = 0;

/** How many git processes every GitRunner in this process has started so far. */
export function gitProcessesStarted(): number {
  return processesStarted;
}

export class GitRunner {
  readonly cwd: string;
  private readonly isTrusted: () => boolean;
  private readonly gitPath: string;

  constructor(opts: GitRunnerOptions) {
    this.cwd = opts.cwd;
    this.isTrusted = opts.isTrusted;
    this.gitPath = opts.gitPath ?? 'git';
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
    const child = this.start(args, opts.signal, await this.filterEnv(args, opts.signal));
    const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    return new Promise<RunResult>((resolve, reject) => {
      const out: Buffer[] = [];
      let outBytes = 0;
      let tooLarge = false;
      const err = new StderrCollector();
      let settled = false;
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        child.kill();
        reject(e);
      };
      const onAbort = (): void => fail(new GitAbortedError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > max) {
          tooLarge = true;
          fail(new GitOutputTooLargeError(`git ${args[0] ?? ''} produced more than ${max} bytes`, args, null, ''));
          return;
        }
        out.push(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => err.add(chunk));
      child.on('error', (e: NodeJS.ErrnoException) => fail(this.spawnError(e, args)));
      // git may exit (or never start) before reading stdin: EPIPE there is not our failure.
      child.stdin?.on('error', () => undefined);
      if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
      else child.stdin?.end();
      child.on('close', (code) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (settled || tooLarge) return;
        settled = true;
        const stderr = err.text();
        const exitCode = code ?? -1;
        if (exitCode !== 0 && !(opts.okExitCodes ?? []).includes(exitCode)) {
          reject(this.exitError(args, exitCode, stderr));
          return;
        }
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr, exitCode });
      });
    });
  }

  /**
   * Streams stdout as batches of records split on `separator`, each decoded as UTF-8. Nothing but the current partial record is buffered, so a 100k-commit log costs
   * memory per batch, not per log. Breaking out of the loop or aborting kills git.
   */
  async *stream(args: readonly string[], opts: StreamOptions = {}): AsyncGenerator<string[], void, undefined> {
    const sep = opts.separator ?? '\0';
    const child = this.start(args, opts.signal, await this.filterEnv(args, opts.signal));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end();
    const err = new StderrCollector();
    child.stderr?.on('data', (chunk: Buffer) => err.add(chunk));
    let spawnFailure: Error | undefined;
    const closed = new Promise<number>((resolve) => {
      child.on('error', (e: NodeJS.ErrnoException) => {
        spawnFailure = this.spawnError(e, args);
        resolve(-1);
      });
      child.on('close', (code) => resolve(code ?? -1));
    });
    const onAbort = (): void => {
      child.kill();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Records are cut on the separator BYTE (NUL or LF never occur inside a UTF-8 sequence) and
    // each is decoded on its own: the strings kept by callers are then flat and one-byte when
    // ASCII, instead of slices that pin every 64 KB chunk (two-byte if one character needs it).
    const sepByte = sep === '\0' ? 0 : 10;
    let carry: Buffer[] = [];
    try {
      if (child.stdout) {
        for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
          if (opts.signal?.aborted) throw new GitAbortedError();
          let idx = chunk.indexOf(sepByte);
          if (idx < 0) {
            carry.push(chunk);
            continue;
          }
          const records: string[] = [];
          let start = 0;
          while (idx >= 0) {
            if (carry.length > 0) {
              carry.push(chunk.subarray(start, idx));
              records.push(Buffer.concat(carry).toString('utf8'));
              carry = [];
            } else {
              records.push(chunk.toString('utf8', start, idx));
            }
            start = idx + 1;
            idx = chunk.indexOf(sepByte, start);
          }
          if (start < chunk.length) carry.push(chunk.subarray(start));
          yield records;
        }
      }
      const code = await closed;
      if (opts.signal?.aborted) throw new GitAbortedError();
      if (spawnFailure) throw spawnFailure;
      const rest = carry.length > 0 ? Buffer.concat(carry).toString('utf8') : '';
      if (code !== 0) throw this.exitError(args, code, err.text());
      if (rest.length > 0) yield [rest];
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill();
    }
  }

  /**
   * For subcommands that pass work-tree content through filters (blame, checkout…): blanks every
   * configured `filter.<driver>` so a hostile config cannot run a program (see contentFilters.ts).
   * Costs one `git config` process, only for those subcommands.
   */
  private async filterEnv(args: readonly string[], signal: AbortSignal | undefined): Promise<Record<string, string>> {
    let i = 0;
    while (args[i] === '-c') i += 2;
    const sub = args[i];
    if (sub === undefined || !FILTERING_SUBCOMMANDS.has(sub)) return {};
    const r = await this.exec(LIST_FILTER_KEYS_ARGS, { okExitCodes: [1], ...(signal ? { signal } : {}) });
    return filterOverrideEnv(parseFilterDrivers(r.stdout));
  }

  private start(
    args: readonly string[],
    signal: AbortSignal | undefined,
    extraEnv: Record<string, string> = {},
  ): ChildProcess {
    if (!this.isTrusted()) throw new UntrustedWorkspaceError();
    if (signal?.aborted) throw new GitAbortedError();
    processesStarted++;
    return spawn(this.gitPath, [...hardeningArgs(), ...withSubcommandHardening(args)], {
      cwd: this.cwd,
      env: { ...gitEnv(), ...extraEnv },
      shell: false,
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  private spawnError(e: NodeJS.ErrnoException, args: readonly string[]): Error {
    if (e.code === 'ENOENT') {
      // ENOENT is also what spawn reports for a missing cwd; tell the two apart.
      return existsSync(this.cwd)
        ? new GitNotFoundError(this.gitPath)
        : new NotARepositoryError(`Folder not found: ${this.cwd}`, args, null, e.message);
    }
    return new GitError(`Failed to start git: ${e.message}`, args, null, '');
  }

  private exitError(args: readonly string[], code: number, stderr: string): GitError {
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
