// One repository, seen through GitRunner: where it is, what HEAD is, its branches, and the log.
// Repository state is read with as few processes as possible (HEAD and in-progress operations are
// plain files in the git dir), because it is re-read after every checkout.

import * as path from 'node:path';
import type { HeadState } from '../core/linking/currentWork';
import { gitLogFormat, makeLogNonce } from '../core/gitOutput/gitLogParser';
import { parseRefLine, REF_LIST_FORMAT, type BranchRef } from '../core/gitOutput/refListParser';
import { GitError, InvalidRefError } from './gitErrors';
import { assertSafeRef } from './gitHardening';
import type { GitRunner } from './gitRunner';
import { BASE_REF_CANDIDATES, baseBranchFromFiles, readOperation, readRebasingBranch, readText } from './gitDirFiles';
import { resolveHeadContent } from './refFiles';
import { revParseValues } from './revParsePaths';

export interface RepoInfo {
  /** The work tree root (undefined for a bare repository). */
  readonly root: string | undefined;
  /** This work tree's git dir (`.git`, or `.git/worktrees/x` for a linked worktree). */
  readonly gitDir: string;
  /** The shared git dir (refs, objects). */
  readonly commonDir: string;
  readonly isWorktree: boolean;
  readonly isShallow: boolean;
}

export interface LogStream {
  readonly nonce: string;
  readonly batches: AsyncGenerator<string[], void, undefined>;
}

export interface LeftRightLogStream extends LogStream {
  /** Shas of the commits read so far that are on the right side (reachable from `to` only). */
  readonly right: ReadonlySet<string>;
}

/** What every log read passes after its format: UTF-8, plain, no repository-configured programs. */
const LOG_OPTIONS = ['--encoding=UTF-8', '--no-color', '--no-textconv', '--no-ext-diff', '--no-show-signature'];

export class GitRepository {
  private constructor(
    private readonly git: GitRunner,
    readonly info: RepoInfo,
  ) {}

  /** Throws NotARepositoryError / GitNotFoundError / UntrustedWorkspaceError (see gitErrors). */
  static async open(git: GitRunner, signal?: AbortSignal): Promise<GitRepository> {
    const opts = signal ? { signal } : {};
    let root: string | undefined;
    let lines: string[];
    const rest = ['--absolute-git-dir', '--git-common-dir', '--is-shallow-repository'];
    try {
      lines = await revParseValues(git, ['--show-toplevel', ...rest], opts);
      root = lines.shift();
    } catch (e) {
      if (!(e instanceof GitError) || !/work tree/.test(e.stderr)) throw e;
      lines = await revParseValues(git, rest, opts);
    }
    const [gitDir = '', common = '', shallow = ''] = lines;
    const commonDir = path.resolve(git.cwd, common);
    return new GitRepository(git, {
      root: root === undefined ? undefined : path.resolve(root),
      gitDir: path.resolve(gitDir),
      commonDir,
      isWorktree: path.resolve(gitDir) !== commonDir,
      isShallow: shallow.trim() === 'true',
    });
  }

  /** HEAD: branch, detached, or unborn, with any operation in progress. */
  async head(signal?: AbortSignal): Promise<HeadState> {
    this.git.assertTrusted();
    const [headText, operation] = await Promise.all([
      readText(path.join(this.info.gitDir, 'HEAD')),
      readOperation(this.info.gitDir),
    ]);
    const headFile = (headText ?? '').trim();
    let symbolic = headFile.startsWith('ref: ') ? headFile.slice(5).trim() : undefined;
    if (symbolic === 'refs/heads/.invalid' || headFile.length === 0) {
      // reftable repositories keep HEAD elsewhere; ask git.
      const r = await this.git.exec(['symbolic-ref', '-q', 'HEAD'], {
        okExitCodes: [1],
        ...(signal ? { signal } : {}),
      });
      symbolic = r.exitCode === 0 ? r.stdout.trim() : undefined;
    }
    const sha = await this.shaOfHead(headText, signal);
    if (symbolic !== undefined && symbolic.startsWith('refs/heads/')) {
      const branch = symbolic.slice('refs/heads/'.length);
      if (sha === undefined) return { kind: 'unborn', branch };
      return { kind: 'branch', branch, sha, ...(operation ? { operation } : {}) };
    }
    if (sha === undefined) return { kind: 'unborn', branch: symbolic ?? 'HEAD' };
    const rebasing = operation === 'rebase' ? await readRebasingBranch(this.info.gitDir) : undefined;
    return { kind: 'detached', sha, ...(operation ? { operation } : {}), ...(rebasing ? { branch: rebasing } : {}) };
  }

  /** HEAD's commit (undefined on an unborn branch): from the git dir's files when they are plain, else from git. */
  async headSha(signal?: AbortSignal): Promise<string | undefined> {
    this.git.assertTrusted();
    return this.shaOfHead(await readText(path.join(this.info.gitDir, 'HEAD')), signal);
  }

  private async shaOfHead(headText: string | undefined, signal: AbortSignal | undefined): Promise<string | undefined> {
    const read = await resolveHeadContent(headText, this.info.commonDir);
    if (read.kind === 'sha') return read.sha;
    if (read.kind === 'missing') return undefined;
    return this.resolve('HEAD', signal);
  }

  /** The commit a ref names, or undefined when it does not exist. */
  async resolve(ref: string, signal?: AbortSignal): Promise<string | undefined> {
    assertSafeRef(ref);
    const r = await this.git.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
      okExitCodes: [1, 128],
      ...(signal ? { signal } : {}),
    });
    const sha = r.stdout.trim();
    return r.exitCode === 0 && sha.length > 0 ? sha : undefined;
  }

  /** `user.email` as git resolves it (repository, then global config); undefined when unset. */
  async userEmail(signal?: AbortSignal): Promise<string | undefined> {
    const r = await this.git.exec(['config', '--get', 'user.email'], {
      okExitCodes: [1],
      ...(signal ? { signal } : {}),
    });
    // An email is one short line; anything else is not one we can compare.
    const email = r.exitCode === 0 ? r.stdout.trim() : '';
    return email !== '' && email.length <= 320 && !email.includes('\n') ? email : undefined;
  }

  async remotes(signal?: AbortSignal): Promise<string[]> {
    const out = await this.git.run(['remote'], signal ? { signal } : {});
    return out
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }

  /** Local and remote-tracking branches, most recently committed first (streamed: fine for 100k). */
  async branches(signal?: AbortSignal): Promise<BranchRef[]> {
    const remotes = await this.remotes(signal);
    const out: BranchRef[] = [];
    const args = ['for-each-ref', '--sort=-committerdate', REF_LIST_FORMAT, 'refs/heads', 'refs/remotes'];
    for await (const lines of this.git.stream(args, { separator: '\n', ...(signal ? { signal } : {}) })) {
      for (const line of lines) {
        const ref = parseRefLine(line, remotes);
        if (ref) out.push(ref);
      }
    }
    return out;
  }

  /** The configured base if it exists, else origin/HEAD's target, main, master, origin/main, origin/master. */
  async baseBranch(setting?: string, signal?: AbortSignal): Promise<string | undefined> {
    if (setting !== undefined && setting.trim().length > 0) {
      return (await this.resolve(setting.trim(), signal)) ? setting.trim() : undefined;
    }
    this.git.assertTrusted();
    const fromFiles = await baseBranchFromFiles(this.info.commonDir);
    if (fromFiles) return fromFiles.base;
    const out = await this.git.run(
      ['for-each-ref', '--format=%(refname)%00%(symref)', ...BASE_REF_CANDIDATES],
      signal ? { signal } : {},
    );
    const found = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [ref = '', symref = ''] = line.split('\0');
      if (BASE_REF_CANDIDATES.includes(ref)) found.set(ref, symref);
    }
    for (const candidate of BASE_REF_CANDIDATES) {
      if (!found.has(candidate)) continue;
      const target = candidate.endsWith('/HEAD') ? (found.get(candidate) ?? '') : candidate;
      if (target.startsWith('refs/remotes/')) return target.slice('refs/remotes/'.length);
      if (target.startsWith('refs/heads/')) return target.slice('refs/heads/'.length);
    }
    return undefined;
  }

  async mergeBase(a: string, b: string, signal?: AbortSignal): Promise<string | undefined> {
    const r = await this.git.exec(['merge-base', '--end-of-options', assertSafeRef(a), assertSafeRef(b)], {
      okExitCodes: [1],
      ...(signal ? { signal } : {}),
    });
    return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
  }

  async isAncestor(ancestor: string, descendant: string, signal?: AbortSignal): Promise<boolean> {
    const r = await this.git.exec(
      ['merge-base', '--is-ancestor', '--end-of-options', assertSafeRef(ancestor), assertSafeRef(descendant)],
      { okExitCodes: [1], ...(signal ? { signal } : {}) },
    );
    return r.exitCode === 0;
  }

  /**
   * Streams `git log` of revisions (`A..B`, `^X`, shas, branch names) in the one format the
   * parser reads: all fields in one pass, parents included. Feed `batches` to GitLogParser.
   */
  log(
    revs: readonly string[],
    opts: { signal?: AbortSignal; maxCount?: number; firstParent?: boolean } = {},
  ): LogStream {
    for (const rev of revs) assertSafeRef(rev);
    const nonce = makeLogNonce();
    const args = ['log', '-z', gitLogFormat(nonce), ...LOG_OPTIONS];
    if (opts.maxCount !== undefined) args.push(`--max-count=${Math.max(0, Math.floor(opts.maxCount))}`);
    if (opts.firstParent) args.push('--first-parent');
    args.push('--end-of-options', ...revs, '--');
    return {
      nonce,
      batches: this.git.stream(args, { separator: '\0', ...(opts.signal ? { signal: opts.signal } : {}) }),
    };
  }

  /**
   * `git log --left-right from...to` in the log() format: the commits reachable from only one of
   * the two, in one process. The side of each is stripped from the records (the parser sees the
   * plain format) and collected in `right`; the others are on the left (reachable from `from` only).
   * `maxCount` caps both sides together (the caller treats a full cap as "too many to list").
   */
  logLeftRight(from: string, to: string, opts: { signal?: AbortSignal; maxCount?: number } = {}): LeftRightLogStream {
    const range = `${assertSafeRef(from)}...${assertSafeRef(to)}`;
    const nonce = makeLogNonce();
    const limit = opts.maxCount !== undefined ? [`--max-count=${Math.max(0, Math.floor(opts.maxCount))}`] : [];
    const args = ['log', '-z', '--left-right', gitLogFormat(nonce, true), ...LOG_OPTIONS, ...limit];
    args.push('--end-of-options', range, '--');
    const right = new Set<string>();
    const raw = this.git.stream(args, { separator: '\0', ...(opts.signal ? { signal: opts.signal } : {}) });
    async function* stripMarks(): AsyncGenerator<string[], void, undefined> {
      for await (const batch of raw) {
        for (let i = 0; i < batch.length; i++) {
          const field = batch[i] ?? '';
          if (!field.startsWith(nonce)) continue;
          const sha = field.slice(nonce.length + 1);
          if (field.charAt(nonce.length) === '>') right.add(sha);
          batch[i] = nonce + sha;
        }
        yield batch;
      }
    }
    return { nonce, batches: stripMarks(), right };
  }

  /** Shas of `revs` (same syntax as log), streamed. */
  async revList(revs: readonly string[], signal?: AbortSignal): Promise<string[]> {
    for (const rev of revs) assertSafeRef(rev);
    const out: string[] = [];
    for await (const lines of this.git.stream(['rev-list', '--end-of-options', ...revs, '--'], {
      separator: '\n',
      ...(signal ? { signal } : {}),
    })) {
      for (const l of lines) if (l.length > 0) out.push(l);
    }
    return out;
  }

  /** Asks git whether `name` is a valid new branch name; returns git's normalized form. */
  async checkBranchName(
    name: string,
    signal?: AbortSignal,
  ): Promise<{ ok: true; name: string } | { ok: false; reason: string }> {
    try {
      assertSafeRef(name);
    } catch (e) {
      return { ok: false, reason: e instanceof InvalidRefError ? e.message : String(e) };
    }
    if (name.startsWith('@{') || name === 'HEAD') return { ok: false, reason: `"${name}" is not a branch name` };
    const r = await this.git.exec(['check-ref-format', '--branch', name], {
      okExitCodes: [1, 128],
      ...(signal ? { signal } : {}),
    });
    const normalized = r.stdout.trim();
    if (r.exitCode !== 0 || normalized !== name)
      return { ok: false, reason: r.stderr.trim() || `git rejects the branch name "${name}"` };
    return { ok: true, name };
  }

  /** Creates `name` at `startPoint` (default HEAD) and checks it out. Validates the name first. */
  async createBranch(
    name: string,
    opts: { startPoint?: string; checkout?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    const check = await this.checkBranchName(name, opts.signal);
    if (!check.ok) throw new InvalidRefError(name, check.reason);
    const start = assertSafeRef(opts.startPoint ?? 'HEAD');
    const runOpts = opts.signal ? { signal: opts.signal } : {};
    // `--` ends the revisions: neither name can be read as a path or an option.
    if (opts.checkout === false) await this.git.run(['branch', '--no-track', '--end-of-options', name, start], runOpts);
    else await this.git.run(['checkout', '-q', '--no-track', '-b', name, start, '--'], runOpts);
  }

  async checkout(branch: string, signal?: AbortSignal): Promise<void> {
    assertSafeRef(branch);
    await this.git.run(['checkout', '-q', branch, '--'], signal ? { signal } : {});
  }
}
