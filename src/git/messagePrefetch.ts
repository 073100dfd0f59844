// Commit messages fetched while `git blame` is still running. Blame names its commits as it goes
// (`--incremental`), over the seconds a big file takes; asking git for their messages in batches
// meanwhile leaves only the last batch for after blame ends, instead of one ~2,000-commit fetch
// (bench row `attribution-cold`: the wait after blame went from ~120 ms to one small batch).
// Once the commit graph is known, the merges each commit inherits from are fetched the same way.

import type { RawCommit } from '../core/gitOutput/gitLogParser';
import type { CommitGraph } from './commitLookup';
import { readCommits } from './commitLookup';
import type { GitRunner } from './gitRunner';

const BATCH = 200;

export class MessagePrefetch {
  private readonly messages = new Map<string, string>();
  private readonly fetched: RawCommit[] = [];
  private listener: ((commits: readonly RawCommit[]) => void) | undefined;
  private readonly asked = new Set<string>();
  private readonly seen: string[] = [];
  private pending: string[] = [];
  private inFlight: Promise<void> | undefined;
  private graph: CommitGraph | undefined;

  constructor(
    private readonly git: GitRunner,
    private readonly signal?: AbortSignal,
    /** Commits per git process: ~200 is a few ms of git, and ~10 processes for a 2,000-commit blame. */
    private readonly batch = BATCH,
  ) {}

  /** A commit blame named: its message (and, once the graph is known, its merges') will be needed. */
  add(sha: string): void {
    this.seen.push(sha);
    this.want(sha);
    if (this.graph) for (const merge of this.graph.inheritingMerges(sha)) this.want(merge);
    this.flushIfFull();
  }

  /** The commit graph arrived: queue the merges of every commit seen so far. */
  useGraph(graph: CommitGraph): void {
    this.graph = graph;
    for (const sha of this.seen) for (const merge of graph.inheritingMerges(sha)) this.want(merge);
    this.flushIfFull();
  }

  /** Hears every fetched commit: those fetched so far at once, later ones batch by batch. */
  onCommits(listener: (commits: readonly RawCommit[]) => void): void {
    this.listener = listener;
    listener(this.fetched);
  }

  /** The messages of `shas`: what was prefetched, plus one fetch for whatever is still missing. */
  async get(shas: readonly string[]): Promise<ReadonlyMap<string, string>> {
    while (this.inFlight) await this.inFlight;
    const missing = shas.filter((sha) => !this.messages.has(sha));
    if (missing.length > 0) this.store(await readCommits(this.git, missing, this.signal));
    return this.messages;
  }

  private want(sha: string): void {
    if (this.asked.has(sha)) return;
    this.asked.add(sha);
    this.pending.push(sha);
  }

  private flushIfFull(): void {
    if (this.inFlight || this.pending.length < this.batch) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = readCommits(this.git, batch, this.signal)
      .then((commits) => this.store(commits))
      // A failed batch is not an answer: get() fetches whatever is missing and reports that error.
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = undefined;
        this.flushIfFull();
      });
  }

  private store(commits: readonly RawCommit[]): void {
    for (const c of commits) {
      this.messages.set(c.sha, c.message);
      this.fetched.push(c);
    }
    this.listener?.(commits);
  }
}
