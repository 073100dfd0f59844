// The lists a CommitIndex answers from after a build: every commit most recent first, and each
// item's commits. Both are computed on first use (or ahead of time, in steps, by prepareSteps)
// and dropped by invalidate() whenever the index changes.

import type { RawCommit } from '../gitOutput/gitLogParser';
import { idKey } from '../roadmap/roadmapTypes';
import { runToEnd } from '../util/timeSlices';
import type { CommitStore } from './commitStore';

export class CommitQueries {
  private byItem: Map<string, string[]> | undefined;
  /** Most recent first; kept because a reloaded index would otherwise rebuild every commit per call. */
  private sorted: RawCommit[] | undefined;

  constructor(private readonly store: CommitStore) {}

  invalidate(): void {
    this.byItem = undefined;
    this.sorted = undefined;
  }

  /** Item key → shas of its commits, most recent first. */
  itemMap(): Map<string, string[]> {
    return this.byItem ?? runToEnd(this.itemMapSteps());
  }

  sortedCommits(): RawCommit[] {
    return runToEnd(this.sortedCommitsSteps());
  }

  /** Prepares both lists in steps (they are made at once on first use otherwise). */
  *prepareSteps(): Generator<void, void> {
    if (this.byItem) return;
    yield* this.itemMapSteps();
  }

  private *sortedCommitsSteps(): Generator<void, RawCommit[]> {
    if (this.sorted) return this.sorted;
    const all = yield* this.store.allCommitsSteps();
    // No yield between the last step and the sort: the list is the index as it is now.
    this.sorted = all.sort((a, b) => b.time - a.time);
    return this.sorted;
  }

  /** Builds (and caches) the item → commits lists, yielding every `step` commits. */
  private *itemMapSteps(step = 1000): Generator<void, Map<string, string[]>> {
    const sorted = yield* this.sortedCommitsSteps();
    yield;
    if (this.sorted !== sorted) return yield* this.itemMapSteps(step);
    const map = new Map<string, string[]>();
    for (let i = 0; i < sorted.length; i++) {
      const c = sorted[i] as RawCommit;
      const seen = new Set<string>();
      for (const e of this.store.evidence(c.sha)) {
        const key = idKey(e.itemId);
        if (seen.has(key)) continue;
        seen.add(key);
        const list = map.get(key);
        if (list) list.push(c.sha);
        else map.set(key, [c.sha]);
      }
      if (i % step === step - 1) {
        yield;
        // Changed while this ran (an update, a relink): start over on what the index holds now.
        if (this.sorted !== sorted) return yield* this.itemMapSteps(step);
      }
    }
    this.byItem = map;
    return map;
  }
}
