// Gathers everything `roadmap-lens why` needs for one file: the repository, the roadmap, the blame,
// the commit index and the current item, then the attribution. Git work runs in parallel: blame,
// the commit graph and current-work detection are independent processes, so the wall time is about
// that of blame alone (plus one small process for the blamed commits' messages: see commitLookup).

import { FileReadError, READ_LIMITS, readFileBounded } from '../fs/boundedRead';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { attributeFile, type FileAttribution } from '../core/attribution/attribution';
import type { CommitLinksLookup } from '../core/attribution/attributionTypes';
import { CommitLinker, MemoLinker, type MessageLinker } from '../core/linking/commitLinks';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import { symbolRanges, type SymbolRange } from '../core/attribution/symbolRanges';
import { blameFile, looksBinary, type BlameOutcome } from '../git/blameRunner';
import { MessagePrefetch } from '../git/messagePrefetch';
import { lookupCommitLinks, type CommitGraph } from '../git/commitLookup';
import { RepoCache } from '../fs/repoCache';
import { cachedCommitGraph, type CachedGraph } from './cachedGraph';
import { detectCurrentWork } from '../git/currentWorkService';
import { GitNotFoundError, NotARepositoryError, UntrustedWorkspaceError } from '../git/gitErrors';
import { GitRepository } from '../git/gitRepository';
import { GitRunner } from '../git/gitRunner';
import { isDirectory, loadRoadmap } from './loadRoadmap';
import { openParsedRoadmapCache } from '../fs/parsedRoadmapCache';
import { trace, traced } from './trace';

export type WhyState = 'ok' | 'untracked' | 'binary' | 'missing' | 'unreadable' | 'not-in-repo' | 'no-git' | 'error';

export interface WhyAnalysis {
  readonly state: WhyState;
  readonly message?: string;
  /** The file as asked (absolute), and relative to the repository root (or the roadmap folder). */
  readonly absPath: string;
  readonly relPath: string;
  readonly repoRoot: string | undefined;
  readonly head: string | undefined;
  readonly index: RoadmapIndex;
  readonly lines: readonly string[];
  readonly symbols: readonly SymbolRange[];
  readonly currentItemId: string | undefined;
  readonly attribution: FileAttribution | undefined;
  /** One-line notes for stderr (a cache file ignored, a cache not written); never part of the answer. */
  readonly notes: readonly string[];
  /** Where the commit graph came from: the cache as it was, brought up to HEAD, rebuilt, or git alone. */
  readonly graphSource: GraphSource;
}

export type GraphSource = CachedGraph['source'] | 'off' | 'none';

export interface WhyOptions {
  readonly cwd: string;
  readonly file: string;
  readonly repo?: string;
  readonly roadmap?: readonly string[];
  /** Skip blame and the commit index (annotations and ownership only). */
  readonly noHistory?: boolean;
  /** Commit trailer keys that link to items (default: Roadmap, Refs, Implements). */
  readonly trailerKeys?: readonly string[];
  /** Neither read nor write the repository's cache nor the parsed-roadmap cache (`--no-cache`). */
  readonly noCache?: boolean;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

async function openRepo(
  dir: string,
): Promise<{ repo: GitRepository; git: GitRunner } | { state: 'not-in-repo' | 'no-git' }> {
  const git = new GitRunner({ cwd: dir, isTrusted: () => true });
  try {
    return { repo: await GitRepository.open(git), git };
  } catch (e) {
    if (e instanceof GitNotFoundError) return { state: 'no-git' };
    if (e instanceof NotARepositoryError || e instanceof UntrustedWorkspaceError) return { state: 'not-in-repo' };
    throw e;
  }
}

export async function analyzeWhy(opts: WhyOptions): Promise<WhyAnalysis> {
  trace('analyzeWhy start');
  const absPath = path.resolve(opts.cwd, opts.file);
  // Symlinks: git tracks the link, not its target; blame the file the link points to.
  let realPath: string;
  let bytes: Buffer | undefined;
  // Not a regular file (a link to /dev/zero, a FIFO), too large or unreadable: said, never read.
  let unreadable: string | undefined;
  try {
    realPath = await fs.realpath(absPath);
  } catch {
    realPath = absPath;
  }
  try {
    bytes = await readFileBounded(realPath, {
      maxBytes: READ_LIMITS.source,
      displayName: opts.file,
      what: 'source files',
    });
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    if (e.problem !== 'missing') unreadable = e.message;
  }
  trace('file read');
  const fileDir = path.dirname(realPath);
  const opened = await openRepo(
    opts.repo !== undefined ? path.resolve(opts.cwd, opts.repo) : (await isDirectory(fileDir)) ? fileDir : opts.cwd,
  );
  const repoRoot =
    'repo' in opened && opened.repo.info.root !== undefined
      ? await fs.realpath(opened.repo.info.root).catch(() => opened.repo.info.root)
      : undefined;
  const inRepo =
    repoRoot !== undefined &&
    !path.relative(repoRoot, realPath).startsWith('..') &&
    !path.isAbsolute(path.relative(repoRoot, realPath));

  trace('repository opened');
  // Blame is the long pole on a big file (seconds) and needs no roadmap: start it now, so it runs
  // while the roadmap loads and the commit index builds (bench: cold `why` vs raw blame).
  const blameAbort = new AbortController();
  const early = inRepo && bytes !== undefined && !looksBinary(bytes) && !opts.noHistory;
  const repoGit = early ? new GitRunner({ cwd: repoRoot, isTrusted: () => true }) : undefined;
  // Messages of the commits blame names are fetched while it runs (see messagePrefetch.ts).
  const prefetch = repoGit ? new MessagePrefetch(repoGit, blameAbort.signal) : undefined;
  const earlyBlame = repoGit
    ? blameFile(repoGit, toPosix(path.relative(repoRoot ?? '', realPath)), {
        signal: blameAbort.signal,
        onCommit: (sha, uncommitted) => !uncommitted && prefetch?.add(sha),
      })
    : undefined;
  // The parent graph of HEAD needs no roadmap either: read it alongside (see commitLinksForBlame).
  const notes: string[] = [];
  const graphSource: { value: GraphSource } = { value: 'none' };
  const earlyGraph =
    earlyBlame && 'repo' in opened
      ? traced(
          'graph read',
          readGraph(opened.repo, opened.git, opts.noCache !== true, notes, graphSource, blameAbort.signal),
        )
      : undefined;
  void earlyBlame?.then(() => trace('blame done'));
  void earlyGraph?.then((graph) => graph && prefetch?.useGraph(graph));
  // From the parsed-roadmap cache when this roadmap was parsed before on this machine (no parse at
  // all); else, for a large roadmap, parsed on a worker thread: on the main thread the parse held
  // every git pipe (blame of a 1,200-line file, the full `rev-list --parents`) until it ended.
  let loaded: Awaited<ReturnType<typeof loadRoadmap>>;
  try {
    loaded = await loadRoadmap({
      cwd: inRepo ? fileDir : opts.cwd,
      roadmap: opts.roadmap ?? [],
      parsedCache: opts.noCache === true ? undefined : openParsedRoadmapCache(),
      offThread: true,
      note: (line) => notes.push(line),
    });
  } catch (e) {
    blameAbort.abort();
    throw e;
  }
  trace('roadmap loaded');
  const index = loaded.index;
  const relPath = toPosix(path.relative(inRepo ? repoRoot : loaded.root, realPath));
  // `paths` globs are relative to the workspace folder; here that is the folder the roadmap was
  // found in (normally the repository root), else the repository root.
  const roadmapRoot = await fs.realpath(loaded.root).catch(() => loaded.root);
  const fromRoadmap = path.relative(roadmapRoot, realPath);
  const ownPath = fromRoadmap.startsWith('..') || path.isAbsolute(fromRoadmap) ? relPath : toPosix(fromRoadmap);
  const base = {
    absPath,
    relPath,
    repoRoot: inRepo ? repoRoot : undefined,
    index,
    notes,
    get graphSource(): GraphSource {
      return graphSource.value;
    },
  };

  if (bytes === undefined) {
    return {
      ...base,
      state: unreadable === undefined ? 'missing' : 'unreadable',
      message: unreadable ?? `${opts.file}: no such file`,
      head: undefined,
      lines: [],
      symbols: [],
      currentItemId: undefined,
      attribution: undefined,
    };
  }
  if (looksBinary(bytes)) {
    return {
      ...base,
      state: 'binary',
      message: `${opts.file} is a binary file`,
      head: undefined,
      lines: [],
      symbols: [],
      currentItemId: undefined,
      attribution: undefined,
    };
  }
  const lines = splitLines(bytes.toString('utf8'));
  const symbols = symbolRanges(relPath, lines);

  if (!inRepo || !('repo' in opened) || repoRoot === undefined) {
    const state: WhyState = 'state' in opened && opened.state === 'no-git' ? 'no-git' : 'not-in-repo';
    const attribution = attributeFile({ lines, relPath: ownPath, roadmap: index, symbols });
    return {
      ...base,
      state,
      message:
        state === 'no-git' ? 'git was not found: history is not used' : 'not in a git repository: history is not used',
      head: undefined,
      lines,
      symbols,
      currentItemId: undefined,
      attribution,
    };
  }

  const git = repoGit ?? new GitRunner({ cwd: repoRoot, isTrusted: () => true });
  const repo = opened.repo;
  const commitLinker = new CommitLinker(index, opts.trailerKeys ? { trailerKeys: opts.trailerKeys } : {});
  const linker = new MemoLinker(commitLinker);
  // Link prefetched messages while blame still runs: at the end only the last batch is new.
  prefetch?.onCommits((commits) => {
    for (const c of commits) linker.warm(c.message, c.parents.length);
  });
  const head = await repo.resolve('HEAD');
  trace('linker built, head resolved');
  const [blame, graph, current] = await Promise.all([
    earlyBlame ?? (opts.noHistory ? Promise.resolve<BlameOutcome>({ state: 'untracked' }) : blameFile(git, relPath)),
    opts.noHistory
      ? Promise.resolve(undefined)
      : (earlyGraph ?? readGraph(repo, opened.git, opts.noCache !== true, notes, graphSource)),
    detectCurrentWork(opened.git, commitLinker, { repo }).catch(() => undefined),
  ]);
  trace('blame, graph, current work all in');
  const commits =
    blame.state === 'ok' && graph
      ? await commitLinksForBlame(git, graph, blame.blame.commits, linker, prefetch)
      : undefined;
  trace('commit refs');
  const currentItemId = current?.work.kind === 'item' ? current.work.itemId : undefined;
  const common = { ...base, head, lines, symbols, currentItemId };
  if (opts.noHistory) {
    return { ...common, state: 'ok', attribution: attributeFile({ lines, relPath: ownPath, roadmap: index, symbols }) };
  }
  switch (blame.state) {
    case 'ok':
      return {
        ...common,
        state: 'ok',
        attribution: attributeFile({
          lines,
          relPath: ownPath,
          roadmap: index,
          symbols,
          blame: blame.blame,
          commits,
          currentItemId,
        }),
      };
    case 'untracked':
      return {
        ...common,
        state: 'untracked',
        message: 'not committed yet: every line is new work',
        attribution: attributeFile({
          lines,
          relPath: ownPath,
          roadmap: index,
          symbols,
          allUncommitted: true,
          currentItemId,
        }),
      };
    default: {
      const message = blame.state === 'error' ? blame.message : `blame: ${blame.state}`;
      return {
        ...common,
        state: blame.state === 'missing' ? 'missing' : blame.state === 'binary' ? 'binary' : 'error',
        message,
        attribution: attributeFile({ lines, relPath: ownPath, roadmap: index, symbols }),
      };
    }
  }
}

/**
 * The parent graph of HEAD (no messages: those are asked for once blame names its commits), from
 * the repository's cache when allowed (see cachedGraph.ts).
 */
async function readGraph(
  repo: GitRepository,
  git: GitRunner,
  useCache: boolean,
  notes: string[],
  source: { value: GraphSource },
  signal?: AbortSignal,
): Promise<CommitGraph | undefined> {
  try {
    const cache = useCache ? await RepoCache.open(repo.info.commonDir) : undefined;
    const got = await cachedCommitGraph(repo, git, cache, (line) => notes.push(line), signal);
    source.value = !got ? 'none' : useCache ? got.source : 'off';
    trace(`commit graph: ${source.value}`);
    return got?.graph;
  } catch {
    // No history is a state (the lines show without commit links), not a failure of `why`.
    return undefined;
  }
}

/** Links for exactly the commits blame named, as the full commit index would give them. */
async function commitLinksForBlame(
  git: GitRunner,
  graph: CommitGraph,
  blamed: readonly { sha: string; uncommitted: boolean }[],
  linker: MessageLinker,
  prefetch: MessagePrefetch | undefined,
): Promise<CommitLinksLookup | undefined> {
  try {
    const shas = blamed.filter((c) => !c.uncommitted).map((c) => c.sha);
    return await lookupCommitLinks(
      git,
      graph,
      shas,
      linker,
      undefined,
      prefetch ? (wanted) => prefetch.get(wanted) : undefined,
    );
  } catch {
    return undefined;
  }
}
