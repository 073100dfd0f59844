// Commit links for a few commits (those blame named), without a log of all history. A cold
// `why FILE` on a 100k-commit repository used to parse every message of HEAD's log to answer for
// ~1,200 commits. Here git is asked for:
// 1. the parent graph of HEAD (`rev-list --parents`: no messages, served from the commit-graph
//    file without opening commits, so it is cheap and can run alongside blame);
// 2. the messages of the blamed commits and of the merges whose brought-in side holds them
//    (`log --no-walk --stdin`, same format and parser as the index): in one process after blame,
//    or in batches while blame runs (messagePrefetch.ts).
// The answers are the full CommitIndex's: the same linker and merge-inheritance walk over the same
// graph, with evidence merged and ordered as CommitIndex.evidence() does (test/git/commitLookup
// compares the two on every commit of a history with nested, octopus and repeated merges).

import type { CommitLinksLookup } from '../core/attribution/attributionTypes';
import { addEvidence, COMMIT_LINK_ORDER, type CommitLink, type MessageLinker } from '../core/linking/commitLinks';
import { commitItemLinks } from '../core/linking/commitItemLinks';
import { gitLogFormat, isFullSha, makeLogNonce, parseGitLog, type RawCommit } from '../core/gitOutput/gitLogParser';
import { inheritMergeEvidence, type GraphNode } from '../core/linking/mergeInheritance';
import { InvalidRefError } from './gitErrors';
import { assertSafeRef } from './gitHardening';
import type { GitRunner } from './gitRunner';

/** Every commit reachable from `head` with its parents, and the merges each one inherits from. */
export interface CommitGraph {
  readonly head: string;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** The merges whose brought-in side holds `sha`, outermost first (the order CommitIndex inherits in). */
  inheritingMerges(sha: string): readonly string[];
}

/**
 * Reads the parent graph of `head` (`git rev-list --parents`) and walks merge inheritance over it
 * at once: the walk needs no message, so a caller that starts this alongside blame gets it for free.
 */
export async function readCommitGraph(git: GitRunner, head: string, signal?: AbortSignal): Promise<CommitGraph> {
  assertSafeRef(head);
  const nodes = new Map<string, GraphNode>();
  const args = ['rev-list', '--parents', '--end-of-options', head, '--'];
  for await (const lines of git.stream(args, { separator: '\n', ...(signal ? { signal } : {}) })) {
    for (const line of lines) {
      if (line.length === 0) continue;
      const fields = line.split(' ');
      const sha = fields[0] ?? '';
      if (!isFullSha(sha)) continue;
      const parents = fields.slice(1);
      if (parents.every(isFullSha)) nodes.set(sha, { parents });
    }
  }
  return commitGraph(head, nodes);
}

export type GraphUpdate = 'unchanged' | 'updated' | 'rebuilt';

/**
 * The graph of `head` from a cached graph (see commitGraphCodec): the same graph when its head is
 * `head`; the cached one plus what `git rev-list --left-right old...head` adds when the old head is
 * an ancestor (one small process after a few commits); a full readCommitGraph when history was
 * rewritten (the left side is not empty: a rebase, a reset, an amend) or the old head is gone.
 */
export async function updateCommitGraph(
  git: GitRunner,
  cached: { readonly head: string; readonly nodes: ReadonlyMap<string, GraphNode> },
  head: string,
  signal?: AbortSignal,
): Promise<{ graph: CommitGraph; kind: GraphUpdate }> {
  assertSafeRef(head);
  if (cached.head === head) return { graph: commitGraph(head, cached.nodes), kind: 'unchanged' };
  const rebuild = async (): Promise<{ graph: CommitGraph; kind: GraphUpdate }> => ({
    graph: await readCommitGraph(git, head, signal),
    kind: 'rebuilt',
  });
  if (!isFullSha(cached.head) || cached.head.length !== head.length) return rebuild();
  const added = new Map<string, GraphNode>();
  let rewritten = false;
  const args = ['rev-list', '--left-right', '--parents', '--end-of-options', `${cached.head}...${head}`, '--'];
  try {
    outer: for await (const lines of git.stream(args, { separator: '\n', ...(signal ? { signal } : {}) })) {
      for (const line of lines) {
        if (line.length === 0) continue;
        // A commit only the old head reaches: history was rewritten, the cached graph is wrong.
        if (line.startsWith('<')) {
          rewritten = true;
          break outer;
        }
        const fields = line.slice(1).split(' ');
        const sha = fields[0] ?? '';
        const parents = fields.slice(1);
        if (line.startsWith('>') && isFullSha(sha) && parents.every(isFullSha)) added.set(sha, { parents });
      }
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    // Most likely the old head no longer exists (gc after a force-push).
    rewritten = true;
  }
  if (rewritten) return rebuild();
  const nodes = new Map(cached.nodes);
  for (const [sha, node] of added) nodes.set(sha, node);
  return { graph: commitGraph(head, nodes), kind: 'updated' };
}

/**
 * The same walk CommitIndex runs, with each merge's evidence replaced by a marker naming the merge:
 * a commit's inherited markers are then the merges it inherits from, in order.
 */
export function commitGraph(head: string, nodes: ReadonlyMap<string, GraphNode>): CommitGraph {
  const markers = inheritMergeEvidence([head], {
    size: nodes.size,
    get: (sha) => nodes.get(sha),
    mergeEvidence: (sha) => [{ itemId: '', kind: 'merge', via: sha }],
  });
  return {
    head,
    nodes,
    inheritingMerges: (sha) => (markers.get(sha) ?? []).map((m) => m.via ?? ''),
  };
}

/** The commits named by full shas, in one `git log --no-walk --stdin` (shas on stdin, never argv). */
export async function readCommits(git: GitRunner, shas: readonly string[], signal?: AbortSignal): Promise<RawCommit[]> {
  if (shas.length === 0) return [];
  for (const sha of shas) if (!isFullSha(sha)) throw new InvalidRefError(sha, 'not a full object name');
  const nonce = makeLogNonce();
  const args = [
    'log',
    '--no-walk=unsorted',
    '--stdin',
    '-z',
    gitLogFormat(nonce),
    '--encoding=UTF-8',
    '--no-color',
    '--no-show-signature',
    '--end-of-options',
    '--',
  ];
  const out = await git.run(args, { stdin: `${shas.join('\n')}\n`, ...(signal ? { signal } : {}) });
  return parseGitLog(out, nonce).commits;
}

/** What linking needs of the graph, for the commits asked about: the full graph, or a cached WhyLinks. */
export interface LinkGraph {
  has(sha: string): boolean;
  parentCount(sha: string): number;
  /** The merges whose brought-in side holds `sha`, outermost first. */
  inheritingMerges(sha: string): readonly string[];
}

export function linkGraphOf(graph: CommitGraph): LinkGraph {
  return {
    has: (sha) => graph.nodes.has(sha),
    parentCount: (sha) => graph.nodes.get(sha)?.parents.length ?? 0,
    inheritingMerges: (sha) => graph.inheritingMerges(sha),
  };
}

/** The commits of `shas` in the graph, and every commit whose message linking them needs (theirs and their merges'). */
export function commitsToLink(graph: LinkGraph, shas: Iterable<string>): { wanted: Set<string>; fetch: Set<string> } {
  const wanted = new Set<string>();
  for (const sha of shas) if (graph.has(sha)) wanted.add(sha);
  const fetch = new Set(wanted);
  for (const sha of wanted) for (const merge of graph.inheritingMerges(sha)) fetch.add(merge);
  return { wanted, fetch };
}

/**
 * Links for `shas` exactly as a CommitIndex of all of `graph.head` gives them, from one git process
 * for the messages of those commits and the merges they inherit from. Commits outside the graph
 * get none (the full index would not know them either).
 */
export async function lookupCommitLinks(
  git: GitRunner,
  graph: CommitGraph,
  shas: Iterable<string>,
  linker: MessageLinker,
  signal?: AbortSignal,
  /** Where messages come from when some were fetched already (MessagePrefetch.get). */
  source?: (shas: readonly string[]) => Promise<ReadonlyMap<string, string>>,
): Promise<CommitLinksLookup> {
  const links = linkGraphOf(graph);
  const { wanted, fetch } = commitsToLink(links, shas);
  let messages: ReadonlyMap<string, string>;
  if (source) messages = await source([...fetch]);
  else messages = new Map((await readCommits(git, [...fetch], signal)).map((c) => [c.sha, c.message]));
  return linksFromMessages(links, wanted, messages, linker);
}

/** The links of `wanted` (commits of the graph) from their and their merges' messages: no git. */
export function linksFromMessages(
  graph: LinkGraph,
  wanted: Iterable<string>,
  messages: ReadonlyMap<string, string>,
  linker: MessageLinker,
): CommitLinksLookup {
  const mergeEvidence = new Map<string, readonly CommitLink[]>();
  const ofMerge = (sha: string): readonly CommitLink[] => {
    let list = mergeEvidence.get(sha);
    if (!list) {
      list = linker.mergeEvidence(messages.get(sha) ?? '', graph.parentCount(sha)).map((e) => ({ ...e, via: sha }));
      mergeEvidence.set(sha, list);
    }
    return list;
  };
  const evidence = new Map<string, readonly CommitLink[]>();
  for (const sha of wanted) {
    // As CommitIndex.evidence(): direct, then the commit's own merge evidence, then inherited;
    // one entry per item and kind; strongest kind first (a stable sort).
    const all: CommitLink[] = [];
    for (const e of linker.direct(messages.get(sha) ?? '', graph.parentCount(sha))) addEvidence(all, e);
    for (const e of ofMerge(sha)) addEvidence(all, e);
    for (const merge of graph.inheritingMerges(sha)) for (const e of ofMerge(merge)) addEvidence(all, e);
    evidence.set(
      sha,
      all.sort((a, b) => COMMIT_LINK_ORDER.indexOf(a.kind) - COMMIT_LINK_ORDER.indexOf(b.kind)),
    );
  }
  return commitItemLinks({ evidence: (sha) => evidence.get(sha) ?? [] });
}
