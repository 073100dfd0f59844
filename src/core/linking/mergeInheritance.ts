// Which merge brought each commit in: one pass over the parsed parent graph, not one git call per
// merge. A commit reachable from a merge's second parent but not from its first inherits the
// merge's branch evidence, so work stays linked after the branch is deleted.
//
// The walk follows the tip's first-parent chain from its oldest unseen commit to the newest. Before
// a merge is marked, its side parents are walked the same way (recursively, with the merge's
// evidence added to the context). Everything seen is always closed under "is an ancestor of", so
// a side walk that stops at a seen commit has found exactly `merge^1..merge^2`. O(commits).

import type { CommitLink } from './commitLinks';
import { runToEnd } from '../util/timeSlices';

export interface GraphNode {
  readonly parents: readonly string[];
}

export interface InheritanceInput {
  readonly get: (sha: string) => GraphNode | undefined;
  /** Evidence a merge commit carries for the branch it merged (already has `via` set). */
  readonly mergeEvidence: (sha: string) => readonly CommitLink[];
  /** How many commits the graph has (bounds walks over a corrupt, cyclic graph). */
  readonly size: number;
  /** Commits already processed by an earlier pass (incremental updates); default none. */
  readonly alreadySeen?: (sha: string) => boolean;
}

interface Frame {
  readonly tip: string;
  readonly context: readonly CommitLink[];
  chain: string[] | undefined;
  i: number;
  sidesDone: boolean;
}

/** Returns the inherited evidence per commit (only commits with some); context arrays are shared. */
export function inheritMergeEvidence(
  tips: readonly string[],
  input: InheritanceInput,
): Map<string, readonly CommitLink[]> {
  return runToEnd(inheritMergeEvidenceSteps(tips, input));
}

/** inheritMergeEvidence with a `yield` every `step` commits (for runInSlices over a big graph). */
export function* inheritMergeEvidenceSteps(
  tips: readonly string[],
  input: InheritanceInput,
  step = 2000,
): Generator<void, Map<string, readonly CommitLink[]>> {
  let untilYield = step;
  const seen = new Set<string>();
  const isSeen = (sha: string): boolean => seen.has(sha) || (input.alreadySeen?.(sha) ?? false);
  const inherited = new Map<string, readonly CommitLink[]>();
  const expanded = new Set<string>();
  for (const tip of tips) {
    const frames: Frame[] = [{ tip, context: [], chain: undefined, i: 0, sidesDone: false }];
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (!f) break;
      f.chain ??= yield* firstParentChain(f.tip, input.get, isSeen, input.size, step);
      const sha = f.chain[f.i];
      if (sha === undefined) {
        frames.pop();
        continue;
      }
      if (isSeen(sha)) {
        f.i++;
        f.sidesDone = false;
        continue;
      }
      const node = input.get(sha);
      if (!f.sidesDone) {
        f.sidesDone = true;
        // `expanded` also makes a (corrupt, cyclic) graph terminate: each merge is expanded once.
        if (node && node.parents.length > 1 && !expanded.has(sha)) {
          expanded.add(sha);
          const own = input.mergeEvidence(sha);
          const context = own.length > 0 ? [...f.context, ...own] : f.context;
          for (let p = node.parents.length - 1; p >= 1; p--) {
            const parent = node.parents[p];
            if (parent !== undefined && !isSeen(parent))
              frames.push({ tip: parent, context, chain: undefined, i: 0, sidesDone: false });
          }
          continue;
        }
      }
      seen.add(sha);
      if (f.context.length > 0) inherited.set(sha, f.context);
      f.i++;
      f.sidesDone = false;
      if (--untilYield === 0) {
        untilYield = step;
        yield;
      }
    }
  }
  return inherited;
}

/** The tip's first-parent chain down to the first seen or unknown commit, oldest first. */
function* firstParentChain(
  tip: string,
  get: InheritanceInput['get'],
  isSeen: (sha: string) => boolean,
  limit: number,
  step: number,
): Generator<void, string[]> {
  const chain: string[] = [];
  // A persisted index is untrusted input: a parent cycle must end the chain, not loop forever.
  // A chain longer than the graph has commits must be such a cycle.
  let sha: string | undefined = tip;
  while (sha !== undefined && !isSeen(sha) && chain.length <= limit) {
    const node = get(sha);
    if (!node) break;
    chain.push(sha);
    sha = node.parents[0];
    // A main line of 100k commits is one chain: yield within it too.
    if (chain.length % step === 0) yield;
  }
  return chain.reverse();
}
