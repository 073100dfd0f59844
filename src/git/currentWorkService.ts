// Current-work detection against a real repository: HEAD and the base branch from files in the
// git dir (git only when they are not plain), then the branch's own commits in one log, with the
// remotes listed alongside. Every failure becomes a named state for the caller (never an
// exception, never a popup loop).

import type { CommitLinker } from '../core/linking/commitLinks';
import { decideCurrentWork, type CommitMessage, type CurrentWork, type HeadState } from '../core/linking/currentWork';
import { collectCommits } from '../core/commitIndex/commitIndexBuilder';
import { GitNotFoundError, NotARepositoryError, UntrustedWorkspaceError } from './gitErrors';
import { GitRepository } from './gitRepository';
import type { GitRunner } from './gitRunner';

export interface CurrentWorkResult {
  readonly head: HeadState;
  readonly work: CurrentWork;
  /** The base branch the commits were counted from, when one was found. */
  readonly base?: string;
  readonly repo?: GitRepository;
  /** What the decision read, so a roadmap edit can decide again without git (set when read). */
  readonly commitsSinceBase?: readonly CommitMessage[];
  readonly remotes?: readonly string[];
}

export interface CurrentWorkOptions {
  /** The `roadmapLens.baseBranch` setting; empty for auto. */
  readonly baseBranch?: string;
  readonly signal?: AbortSignal;
  /** Most commits read from the branch (a long-lived branch should not cost a full log). */
  readonly maxCommits?: number;
  /** Reuse an opened repository (the info is stable). */
  readonly repo?: GitRepository;
  /** What readWorkFacts started earlier (same repository, same options): no git is run here then. */
  readonly facts?: WorkFacts;
}

interface SinceBase {
  readonly base: string | undefined;
  readonly commits: CommitMessage[];
}

/** HEAD, and for a branch its commits since the base and the remotes: all the git current work reads. */
export interface WorkFacts {
  readonly head: Promise<HeadState>;
  readonly branchFacts: Promise<readonly [SinceBase, string[]] | undefined>;
}

/**
 * Starts reading what detectCurrentWork reads from git, before the linker exists: `why` does this
 * when its roadmap is to be parsed (a cache miss), so git runs while the parse holds the thread or
 * a worker thread parses. On a branch named after its item the commits and remotes are then read
 * for nothing (the decision needs only the name), which is why this is not the default.
 */
export function readWorkFacts(repo: GitRepository, opts: CurrentWorkOptions = {}): WorkFacts {
  const head = repo.head(opts.signal);
  const branchFacts = head.then((h) =>
    h.kind === 'branch' ? readBranchFacts(repo, h.sha, h.branch, opts) : undefined,
  );
  // Maybe never awaited (see above): a failure is seen where it is awaited, never as unhandled.
  head.catch(() => undefined);
  branchFacts.catch(() => undefined);
  return { head, branchFacts };
}

/** The branch's commits since its base and the remotes, listed alongside (independent questions). */
function readBranchFacts(
  repo: GitRepository,
  sha: string,
  branch: string,
  opts: CurrentWorkOptions,
): Promise<readonly [SinceBase, string[]]> {
  const sinceBase = async (): Promise<SinceBase> => {
    const base = await repo.baseBranch(opts.baseBranch, opts.signal);
    if (base === undefined || base === branch) return { base, commits: [] };
    const { nonce, batches } = repo.log([sha, `^${base}`], {
      maxCount: opts.maxCommits ?? 500,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return { base, commits: await collectCommits(batches, nonce, opts.signal ? { signal: opts.signal } : {}) };
  };
  return Promise.all([sinceBase(), repo.remotes(opts.signal)]);
}

/** Maps the git layer's typed errors to head states; rethrows anything else. */
export function headStateForError(e: unknown): HeadState {
  if (e instanceof UntrustedWorkspaceError) return { kind: 'untrusted' };
  if (e instanceof GitNotFoundError) return { kind: 'git-missing' };
  if (e instanceof NotARepositoryError) return { kind: 'not-a-repo' };
  throw e;
}

export async function detectCurrentWork(
  git: GitRunner,
  linker: CommitLinker,
  opts: CurrentWorkOptions = {},
): Promise<CurrentWorkResult> {
  let repo: GitRepository;
  let head: HeadState;
  try {
    repo = opts.repo ?? (await GitRepository.open(git, opts.signal));
    head = await (opts.facts?.head ?? repo.head(opts.signal));
  } catch (e) {
    const state = headStateForError(e);
    return { head: state, work: decideCurrentWork({ head: state }, linker) };
  }
  const quick = decideCurrentWork({ head }, linker);
  if (quick.kind === 'item' || head.kind !== 'branch') return { head, work: quick, repo };

  const read = opts.facts ? await opts.facts.branchFacts : undefined;
  const [{ base, commits: commitsSinceBase }, remotes] =
    read ?? (await readBranchFacts(repo, head.sha, head.branch, opts));
  const work = decideCurrentWork({ head, commitsSinceBase, remotes }, linker);
  return { head, work, repo, commitsSinceBase, remotes, ...(base !== undefined ? { base } : {}) };
}
