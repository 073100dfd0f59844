// Groups a repository's branches and indexed commits by roadmap item, and collects what links to
// nothing. Pure: refs, the commit index and a linker in; plain lists out. Re-run after every
// roadmap edit (no git) and every repository change.

import type { CommitIndex, CommitInfo } from './commitIndex';
import type { CommitLinker } from '../linking/commitLinks';
import type { BranchRef } from '../gitOutput/refListParser';
import { idKey } from '../roadmap/roadmapTypes';
import { runToEnd } from '../util/timeSlices';
import { rollUpSteps, type Rollup, type RollupBranch, type RollupHierarchy } from '../rollup/rollup';
import { coverageSteps, type Coverage } from '../rollup/coverage';

export interface BranchLink {
  readonly ref: BranchRef;
  /** True when an item's `branches` entry matched (an explicit tag). */
  readonly tagged: boolean;
  /** The `branches` entry that matched, per item id key (tagged links only). */
  readonly patterns: ReadonlyMap<string, string>;
}

export interface ItemWorkSummary {
  readonly branches: readonly BranchLink[];
  readonly commits: readonly CommitInfo[];
}

export interface WorkSummary {
  /** Keyed by `idKey(itemId)`. Items without work are absent. */
  readonly byItem: ReadonlyMap<string, ItemWorkSummary>;
  readonly unlinkedBranches: readonly BranchRef[];
  readonly unlinkedCommits: readonly CommitInfo[];
  /** Each item's own plus its descendants' work and its children's statuses (empty without `roadmap`). */
  readonly rollup: Rollup;
  /** How much of the indexed history links to an item; undefined without an index. */
  readonly coverage: Coverage | undefined;
  /** Keys (`idKey`) of the items with a linked commit authored by `myEmail`: "mine" by my commits. */
  readonly mine: ReadonlySet<string>;
}

export interface WorkSummaryInput {
  readonly branches: readonly BranchRef[];
  readonly linker: CommitLinker;
  readonly index: CommitIndex | undefined;
  /** Item ids to collect commits for (the roadmap's items). */
  readonly itemIds: readonly string[];
  /** Commits kept per item and in the unlinked list. */
  readonly recentCommits: number;
  /** Branches per item and in the unlinked list (refs arrive newest first). */
  readonly maxBranches?: number;
  /** The base branch (`main`, `origin/main`): never "unlinked work", it is where work lands. */
  readonly baseBranch?: string;
  /** The hierarchy, for the roll-up (parents add up their descendants' work). */
  readonly roadmap?: RollupHierarchy;
  /** The user's `user.email`: items linked to commits by this author are "mine". */
  readonly myEmail?: string;
}

export function summarizeWork(input: WorkSummaryInput): WorkSummary {
  return runToEnd(summarizeWorkSteps(input));
}

/**
 * summarizeWork in steps (a `yield` every few hundred items), for runInSlices: over a 100k-commit
 * index and a 10k-item roadmap the whole pass takes longer than an editor may stall.
 */
export function* summarizeWorkSteps(input: WorkSummaryInput, step = 250): Generator<void, WorkSummary> {
  const maxBranches = input.maxBranches ?? 200;
  const base = input.baseBranch === undefined ? undefined : stripRemoteOf(input.baseBranch, input.branches);
  const branchesByItem = new Map<string, BranchLink[]>();
  const unlinkedBranches: BranchRef[] = [];
  for (const ref of input.branches) {
    const names = ref.remote === undefined ? [ref.name] : [ref.name, ref.branch];
    const { itemIds, tagged } = input.linker.branch(names);
    if (itemIds.length === 0) {
      if (ref.branch !== base && ref.branch !== 'HEAD' && unlinkedBranches.length < maxBranches)
        unlinkedBranches.push(ref);
      continue;
    }
    const patterns = new Map<string, string>();
    if (tagged) for (const m of input.linker.tags.matchDetailed(names)) patterns.set(idKey(m.itemId), m.pattern);
    const link: BranchLink = { ref, tagged, patterns };
    for (const id of itemIds) {
      const key = idKey(id);
      const list = branchesByItem.get(key) ?? [];
      if (list.length < maxBranches) list.push(link);
      branchesByItem.set(key, list);
    }
  }

  if (input.index && input.recentCommits > 0) yield* input.index.prepareSteps();
  const byItem = new Map<string, ItemWorkSummary>();
  for (let i = 0; i < input.itemIds.length; i++) {
    if (i % step === step - 1) yield;
    const id = input.itemIds[i] as string;
    const key = idKey(id);
    const commits = input.index && input.recentCommits > 0 ? input.index.commitsFor(id, input.recentCommits) : [];
    const branches = branchesByItem.get(key) ?? [];
    if (branches.length > 0 || commits.length > 0) byItem.set(key, { branches, commits });
  }
  const unlinkedCommits = input.index && input.recentCommits > 0 ? input.index.unlinked(input.recentCommits) : [];
  const index = input.index;
  let coverage: Coverage | undefined;
  let rollup: Rollup = new Map();
  const mine = new Set<string>();
  if (index) {
    const linkedShas = index.linkedShasByItem();
    const linked = new Set<string>();
    for (const shas of linkedShas.values()) for (const sha of shas) linked.add(sha);
    yield;
    coverage = yield* coverageSteps(index.commitsNewestFirst(), (sha) => linked.has(sha));
    const me = input.myEmail?.trim().toLowerCase();
    if (me !== undefined && me !== '') {
      let n = 0;
      for (const [key, shas] of linkedShas) {
        for (const sha of shas) {
          if (++n % 5000 === 0) yield;
          if (index.authorEmail(sha)?.toLowerCase() === me) {
            mine.add(key);
            break;
          }
        }
      }
    }
  }
  if (input.roadmap) {
    const branchLists = new Map<string, RollupBranch[]>();
    for (const [key, s] of byItem)
      if (s.branches.length > 0)
        branchLists.set(
          key,
          s.branches.map((b) => ({ name: b.ref.name, time: b.ref.time })),
        );
    rollup = yield* rollUpSteps({
      roadmap: input.roadmap,
      commits: index ? index.linkedShasByItem() : new Map(),
      commitTime: (sha) => index?.commitTime(sha),
      branches: branchLists,
    });
  }
  return { byItem, unlinkedBranches, unlinkedCommits, rollup, coverage, mine };
}

/** `origin/main` → `main` when some ref shows `origin` is a remote; names without one stay. */
function stripRemoteOf(name: string, refs: readonly BranchRef[]): string {
  const remote = refs.find((r) => r.remote !== undefined && r.name === name);
  return remote ? remote.branch : name;
}
