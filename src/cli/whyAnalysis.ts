// Gathers everything `roadmap-lens why` needs for one file: the repository, the roadmap, the blame,
// the commit index and the current item, then the attribution. Git work runs in parallel: blame,
// the commit graph and current-work detection are independent processes, so the wall time is about
// that of blame alone (plus one small process for the blamed commits' messages: see commitLookup).

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { attributeFile, type FileAttribution } from '../core/attribution/attribution';
import { CommitLinker, MemoLinker } from '../core/linking/commitLinks';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import type { SymbolRange } from '../core/attribution/symbolRanges';
import { blameFile, looksBinary } from '../git/blameRunner';
import { MessagePrefetch } from '../git/messagePrefetch';
import { BlameStore } from '../fs/blameStore';
import { RepoCache } from '../fs/repoCache';
import { detectCurrentWork, readWorkFacts, type WorkFacts } from '../git/currentWorkService';
import { GitRunner } from '../git/gitRunner';
import { gitStartsSettled } from '../git/gitProcessCounter';
import { blameWithStore, type BlameAnswer } from './blameWithStore';
import { isDirectory, loadRoadmap } from './loadRoadmap';
import { OFF_THREAD_FROM_BYTES } from './parseOffThread';
import { openParsedRoadmapCache } from '../fs/parsedRoadmapCache';
import { trace, traced } from './trace';
import { readWhyFile, splitLines, toPosix } from './readWhyFile';
import { commitLinksForBlame, openRepo, readGraph, type GraphSource } from './whyHistory';
import { lineCount } from '../core/util/lineStarts';
import type { CommitGraph } from '../git/commitLookup';
import { lookUpWhyLinks } from './whyLinks';
import { whyOutcome } from './whyOutcome';
import { whySymbols } from './whySymbols';

/**
 * The longest an inline roadmap parse waits for git calls already asked for to be spawned: a config
 * check and `git config` take ~10–25 ms; past this the parse goes ahead (git then starts after it).
 */
const STARTS_WAIT_MS = 50;

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
  /** Where the blame came from: git, the repository's blame store, or none was used. */
  readonly blameFrom: 'git' | 'store' | 'none';
}

export type { GraphSource } from './whyHistory';

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

export async function analyzeWhy(opts: WhyOptions): Promise<WhyAnalysis> {
  trace('analyzeWhy start');
  const absPath = path.resolve(opts.cwd, opts.file);
  const { realPath, bytes, unreadable } = await readWhyFile(absPath, opts.file);
  trace('file read');
  const fileDir = path.dirname(realPath);
  const opened = await openRepo(
    opts.repo !== undefined ? path.resolve(opts.cwd, opts.repo) : isDirectory(fileDir) ? fileDir : opts.cwd,
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
  // while the roadmap loads and the commit index builds (bench: cold `why` vs raw blame). The blame
  // store is looked at meanwhile and stops git when it has this file (see blameWithStore.ts).
  const blameAbort = new AbortController();
  const notes: string[] = [];
  const early = inRepo && 'repo' in opened && bytes !== undefined && !looksBinary(bytes) && !opts.noHistory;
  // Its streams (blame, the commit graph) go through a temporary file, not a pipe: they then run
  // to the end while this thread parses the roadmap instead of stopping at 64 KB (outputSpool.ts).
  const repoGit = early ? new GitRunner({ cwd: repoRoot, isTrusted: () => true, spoolStreams: true }) : undefined;
  // HEAD once, from the git dir's files (no process when they are plain): the graph, the blame
  // store's key and the answer all use this one.
  const headRead = 'repo' in opened ? opened.repo.headSha().catch(() => undefined) : Promise.resolve(undefined);
  const cache = 'repo' in opened && opts.noCache !== true ? RepoCache.open(opened.repo.info.commonDir) : undefined;
  // Messages of the commits blame names are fetched while it runs (see messagePrefetch.ts).
  const prefetch = repoGit ? new MessagePrefetch(repoGit, blameAbort.signal) : undefined;
  const blamePath = toPosix(path.relative(repoRoot ?? '', realPath));
  // What linked this blame last time (see whyLinks.ts): on a hit neither the graph nor messages are read.
  const whyLinks =
    repoGit && bytes ? lookUpWhyLinks(cache, headRead, blamePath, bytes, (l) => notes.push(l)) : undefined;
  const linksAtStart = whyLinks ?? Promise.resolve(undefined);
  let blameDecided: () => void = () => undefined;
  const blameStarted = new Promise<void>((resolve) => (blameDecided = resolve));
  const earlyBlame =
    repoGit && bytes && 'repo' in opened
      ? blameWithStore({
          git: repoGit,
          relPath: blamePath,
          bytes,
          lineCount: () => lineCount(bytes.toString('utf8')),
          head: headRead,
          headNow: () => opened.repo.headSha().catch(() => undefined),
          store: cache?.then((c) => BlameStore.in(c)),
          signal: blameAbort.signal,
          onCommit: (sha, uncommitted) =>
            !uncommitted && prefetch && void linksAtStart.then((l) => l?.links || prefetch.add(sha)),
          note: (line) => notes.push(line),
          onDecided: () => blameDecided(),
        })
      : undefined;
  // The parent graph of HEAD needs no roadmap either: read it alongside (see commitLinksForBlame).
  const graphSource: { value: GraphSource } = { value: 'none' };
  const earlyGraph =
    earlyBlame && 'repo' in opened
      ? linksAtStart.then((l) =>
          l?.links
            ? undefined
            : traced(
                'graph read',
                readGraph(repoGit ?? opened.git, headRead, cache, notes, graphSource, blameAbort.signal),
              ).then((graph) => ({ graph })),
        )
      : undefined;
  void earlyBlame?.then((b) => trace(b.from === 'store' ? 'blame done (from the blame store)' : 'blame done'));
  void earlyGraph?.then((read) => read?.graph && prefetch?.useGraph(read.graph));
  // From the parsed-roadmap cache when this roadmap was parsed before on this machine (no parse at
  // all); else parsed, on a worker thread from OFF_THREAD_FROM_BYTES. A decode or inline parse holds
  // this thread, so the blame store's lookup (a few ms of reads) goes first (see onDecided).
  if (earlyBlame) await blameStarted;
  // Blame and the graph wait on a config check (blame on `git config` too) before they are spawned:
  // let them start before the roadmap's decode or parse holds the thread (bounded). Blame is the
  // long pole of a call whose blame is not stored yet.
  await gitStartsSettled(STARTS_WAIT_MS);
  // What needs no roadmap and would otherwise wait for it, started when the roadmap is to be parsed
  // (a cache miss): current work's git then runs on the other core during the parse, and the
  // symbols are found while a worker thread parses. A warm call decodes the cached roadmap in a
  // few tens of ms and does these after it as before (running them first gained nothing there).
  let duringParse: { symbols: Promise<SymbolRange[]>; lines: string[]; facts: WorkFacts } | undefined;
  const whileParsing =
    earlyBlame && bytes && 'repo' in opened
      ? (): Promise<void> => {
          const lines = splitLines(bytes.toString('utf8'));
          duringParse = {
            lines,
            symbols: whySymbols(cache, blamePath, bytes, lines, (l) => notes.push(l)),
            facts: readWorkFacts(opened.repo),
          };
          // Whatever git has been asked for since (the graph's `rev-list` after its cache lookup,
          // current work's once HEAD and the base branch are read) starts before an inline parse
          // holds the thread (bounded). Current work's often is not asked for yet: waiting for its
          // file reads too cost more than it saved (docs/performance.md).
          return gitStartsSettled(STARTS_WAIT_MS);
        }
      : undefined;
  let loaded: Awaited<ReturnType<typeof loadRoadmap>>;
  try {
    loaded = await loadRoadmap({
      cwd: inRepo ? fileDir : opts.cwd,
      roadmap: opts.roadmap ?? [],
      parsedCache: opts.noCache === true ? undefined : openParsedRoadmapCache(),
      offThreadFrom: OFF_THREAD_FROM_BYTES,
      note: (line) => notes.push(line),
      ...(whileParsing ? { whileParsing } : {}),
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
    blameFrom: 'none' as const,
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
  const lines = duringParse?.lines ?? splitLines(bytes.toString('utf8'));
  // From the repository's symbol store when this finder saw these bytes before (whySymbols.ts).
  const symbols = await (duringParse?.symbols ??
    whySymbols(inRepo ? cache : undefined, relPath, bytes, lines, (l) => notes.push(l)));

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
  const head = await headRead;
  trace('linker built, head resolved');
  const noBlame: BlameAnswer = { outcome: { state: 'untracked' }, from: 'git', stored: Promise.resolve() };
  const blamed = earlyBlame ?? (opts.noHistory ? Promise.resolve(noBlame) : blameOnly(git, relPath));
  // Skipped for the why-links cache: read later only if those links do not cover this blame.
  let graph: { graph: CommitGraph | undefined } | undefined;
  const graphOnce = async (): Promise<CommitGraph | undefined> =>
    (graph ??= { graph: await readGraph(opened.git, headRead, cache, notes, graphSource) }).graph;
  const graphRead = opts.noHistory
    ? Promise.resolve({ graph: undefined })
    : (earlyGraph ?? readGraph(opened.git, headRead, cache, notes, graphSource).then((g) => ({ graph: g })));
  // The blamed commits' links need blame and the graph, not current work: their messages are read
  // while current work's git runs.
  const linked = Promise.all([blamed, graphRead]).then(async ([answer, read]) => {
    graph ??= read;
    const outcome = answer.outcome;
    trace('blame and graph in');
    return outcome.state === 'ok' && !opts.noHistory
      ? await commitLinksForBlame(git, graphOnce, outcome.blame.commits, linker, prefetch, await whyLinks)
      : undefined;
  });
  const [answer, commits, current] = await Promise.all([
    blamed,
    linked,
    detectCurrentWork(opened.git, commitLinker, { repo, ...(duringParse ? { facts: duringParse.facts } : {}) }).catch(
      () => undefined,
    ),
  ]);
  const blame = answer.outcome;
  if (graph === undefined && commits) graphSource.value = 'why-links';
  // A blame git computed is in the store before the process ends (the write is a few ms).
  await answer.stored;
  trace('commit refs');
  const currentItemId = current?.work.kind === 'item' ? current.work.itemId : undefined;
  const common = {
    ...base,
    head,
    lines,
    symbols,
    currentItemId,
    blameFrom: opts.noHistory ? ('none' as const) : answer.from,
  };
  return whyOutcome(common, opts.noHistory ? undefined : blame, commits, ownPath);
}

/** Blame straight from git (the early start did not apply): no store. */
async function blameOnly(git: GitRunner, relPath: string): Promise<BlameAnswer> {
  return { outcome: await blameFile(git, relPath), from: 'git', stored: Promise.resolve() };
}
