// Blame for the attribution model: cached per repository in memory (by HEAD, path and content),
// with at most one blame per file at a time. While one runs, requests for newer text wait and only
// the latest text is blamed next, so typing never queues up blames. Behind this cache is the
// work model's (FolderHistory.blame): the blame store on disk, then git.

import { BlameCache, contentHash } from '../../core/attribution/blameCache';
import type { FolderHistory, HistoryBlame } from '../../work/model/workHistory';

/** What is blamed: the buffer's text, and whether it is the file as saved (see BlameRequest). */
export interface BlameText {
  /** Relative to the workspace folder. */
  readonly relPath: string;
  /** Relative to the repository root. */
  readonly repoPath: string;
  readonly text: string;
  readonly saved: boolean;
}

/** One file's blame queue: the running job, and the latest text waiting for its turn. */
interface BlameLane {
  busy: boolean;
  next: { text: string; saved: boolean; waiters: ((blame: HistoryBlame) => void)[] } | undefined;
}

export class BlameQueue {
  private readonly blames = new Map<string, BlameCache<HistoryBlame>>();
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
  async blame(history: FolderHistory, realRoot: string, what: BlameText): Promise<HistoryBlame> {
    const { relPath, text } = what;
    this.repoRoots.set(realRoot, history.root);
    const head = await this.head(history, realRoot);
    let cache = this.blames.get(realRoot);
    if (!cache) {
      cache = new BlameCache<HistoryBlame>({ maxEntries: 64, maxWeight: 2_000_000 });
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
    return new Promise<HistoryBlame>((resolve) => {
      if (target.next) {
        target.next.text = text;
        target.next.saved = what.saved;
        target.next.waiters.push(resolve);
      } else {
        target.next = { text, saved: what.saved, waiters: [resolve] };
      }
      if (!target.busy) void this.drain(history, what, head, cache, target, laneKey);
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
    what: BlameText,
    head: string | undefined,
    cache: BlameCache<HistoryBlame>,
    lane: BlameLane,
    laneKey: string,
  ): Promise<void> {
    lane.busy = true;
    try {
      while (lane.next) {
        const job = lane.next;
        lane.next = undefined;
        const blamed = await history.blame({
          relPath: what.relPath,
          repoPath: what.repoPath,
          contents: job.text,
          saved: job.saved,
          head,
        });
        const outcome = blamed.outcome;
        if (outcome.state === 'ok' || outcome.state === 'untracked' || outcome.state === 'binary') {
          cache.set(
            { head, path: what.relPath, contentHash: contentHash(job.text) },
            blamed,
            outcome.state === 'ok' ? Math.max(1, outcome.blame.lineCount) : 1,
          );
        }
        for (const resolve of job.waiters) resolve(blamed);
      }
    } finally {
      lane.busy = false;
      this.lanes.delete(laneKey);
    }
  }
}
