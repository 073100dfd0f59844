// Blame for the attribution model: cached per repository (by HEAD, path and content), with at most
// one git process per file at a time. While one runs, requests for newer text wait and only the
// latest text is blamed next, so typing never queues up blames.

import { BlameCache, contentHash } from '../../core/attribution/blameCache';
import type { BlameOutcome } from '../../git/blameRunner';
import type { FolderHistory } from '../../work/model/workHistory';

/** One file's blame queue: the running job, and the latest text waiting for its turn. */
interface BlameLane {
  busy: boolean;
  next: { text: string; waiters: ((outcome: BlameOutcome) => void)[] } | undefined;
}

export class BlameQueue {
  private readonly blames = new Map<string, BlameCache<BlameOutcome>>();
  /** Blame caches are keyed by the repository's real path; this maps it back to the model's root. */
  private readonly repoRoots = new Map<string, string>();
  private readonly lanes = new Map<string, BlameLane>();
  private readonly heads = new Map<string, Promise<string | undefined>>();

  /** Repositories (as the work model names them) whose blames are cached: for leak checks. */
  cachedRepositories(): readonly string[] {
    return [...new Set(this.repoRoots.values())];
  }

  /** HEAD may have moved: ask again; repositories no open folder uses lose their caches. */
  headsMayHaveMoved(openRoots: ReadonlySet<string>): void {
    this.heads.clear();
    for (const [realRoot, root] of this.repoRoots) {
      if (openRoots.has(root)) continue;
      this.blames.delete(realRoot);
      this.repoRoots.delete(realRoot);
    }
  }

  clear(): void {
    this.blames.clear();
  }

  /**
   * Blame of the buffer's text (`--contents -`), so lines match what the user sees even unsaved.
   * (A file in a non-UTF-8 encoding is re-encoded as UTF-8 on the way, so its non-ASCII lines
   * read as changed.) `realRoot` is the repository root with links resolved.
   */
  async blame(history: FolderHistory, realRoot: string, relPath: string, text: string): Promise<BlameOutcome> {
    this.repoRoots.set(realRoot, history.root);
    const head = await this.head(history, realRoot);
    let cache = this.blames.get(realRoot);
    if (!cache) {
      cache = new BlameCache<BlameOutcome>({ maxEntries: 64, maxWeight: 2_000_000 });
      this.blames.set(realRoot, cache);
    }
    cache.setHead(head);
    const hit = cache.get({ head, path: relPath, contentHash: contentHash(text) });
    if (hit) return hit;
    const laneKey = `${realRoot}\0${relPath}`;
    let lane = this.lanes.get(laneKey);
    if (!lane) {
      lane = { busy: false, next: undefined };
      this.lanes.set(laneKey, lane);
    }
    const target = lane;
    return new Promise<BlameOutcome>((resolve) => {
      if (target.next) {
        target.next.text = text;
        target.next.waiters.push(resolve);
      } else {
        target.next = { text, waiters: [resolve] };
      }
      if (!target.busy) void this.drain(history, relPath, head, cache, target, laneKey);
    });
  }

  private head(history: FolderHistory, realRoot: string): Promise<string | undefined> {
    let head = this.heads.get(realRoot);
    if (!head) {
      head = history.headCommit();
      this.heads.set(realRoot, head);
    }
    return head;
  }

  private async drain(
    history: FolderHistory,
    relPath: string,
    head: string | undefined,
    cache: BlameCache<BlameOutcome>,
    lane: BlameLane,
    laneKey: string,
  ): Promise<void> {
    lane.busy = true;
    try {
      while (lane.next) {
        const job = lane.next;
        lane.next = undefined;
        const outcome = await history.blame(relPath, job.text);
        if (outcome.state === 'ok' || outcome.state === 'untracked' || outcome.state === 'binary') {
          cache.set(
            { head, path: relPath, contentHash: contentHash(job.text) },
            outcome,
            outcome.state === 'ok' ? Math.max(1, outcome.blame.lineCount) : 1,
          );
        }
        for (const resolve of job.waiters) resolve(outcome);
      }
    } finally {
      lane.busy = false;
      this.lanes.delete(laneKey);
    }
  }
}
