// Builds a CommitIndex from `git log -z` output as it streams in: parse, link with one matcher
// pass per message, and give the event loop a turn every few milliseconds so an editor stays
// responsive while 100k commits are indexed. Cancellable with an AbortSignal.

import { CommitIndex } from './commitIndex';
import type { CommitLinker } from '../linking/commitLinks';
import { GitLogParser, type RawCommit } from '../gitOutput/gitLogParser';
import { DEFAULT_SLICE_MS, runInSlices, yieldToEventLoop } from '../util/timeSlices';

export interface BuildProgress {
  readonly commits: number;
}

export interface BuildOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: BuildProgress) => void;
  /** Milliseconds of work between yields to the event loop. */
  readonly sliceMs?: number;
}

export class BuildCancelledError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('Commit indexing was cancelled.');
  }
}

/** Reads all records from the stream; calls `onCommits` per parsed batch. */
export async function consumeLog(
  batches: AsyncIterable<readonly string[]>,
  nonce: string,
  onCommits: (commits: readonly RawCommit[]) => void,
  opts: BuildOptions = {},
): Promise<number> {
  const parser = new GitLogParser(nonce);
  const slice = opts.sliceMs ?? DEFAULT_SLICE_MS;
  let count = 0;
  let sliceStart = Date.now();
  for await (const batch of batches) {
    if (opts.signal?.aborted) throw new BuildCancelledError();
    const commits = parser.push(batch);
    if (commits.length > 0) {
      onCommits(commits);
      count += commits.length;
    }
    if (Date.now() - sliceStart >= slice) {
      opts.onProgress?.({ commits: count });
      await yieldToEventLoop();
      if (opts.signal?.aborted) throw new BuildCancelledError();
      sliceStart = Date.now();
    }
  }
  const rest = parser.end();
  if (rest.length > 0) onCommits(rest);
  count += rest.length;
  opts.onProgress?.({ commits: count });
  return count;
}

/** A full (cold) build for `head`, whose log is streamed in `batches`. */
export async function buildCommitIndex(
  batches: AsyncIterable<readonly string[]>,
  nonce: string,
  head: string | undefined,
  linker: CommitLinker,
  opts: BuildOptions = {},
): Promise<CommitIndex> {
  const index = new CommitIndex();
  await consumeLog(batches, nonce, (commits) => index.add(commits, linker), opts);
  // The merge-inheritance walk over 100k commits alone takes longer than an editor may stall.
  await runInSlices(index.finishSteps(head, linker), opts.sliceMs !== undefined ? { sliceMs: opts.sliceMs } : {});
  return index;
}

/**
 * buildCommitIndex for a caller whose linker is not ready yet (the CLI's `report`: its roadmap is
 * parsed on a thread while git already streams the log). Parsed commits wait in a list until the
 * linker arrives, then are linked, and later ones as they come: git and the YAML parse overlap
 * instead of running one after the other.
 */
export async function buildCommitIndexLinkedLater(
  batches: AsyncIterable<readonly string[]>,
  nonce: string,
  head: string | undefined,
  linker: Promise<CommitLinker>,
  opts: BuildOptions = {},
): Promise<CommitIndex> {
  const index = new CommitIndex();
  let ready: CommitLinker | undefined;
  const waiting: (readonly RawCommit[])[] = [];
  linker.then(
    (l) => (ready = l),
    () => undefined,
  );
  await consumeLog(
    batches,
    nonce,
    (commits) => {
      if (!ready) {
        waiting.push(commits);
        return;
      }
      for (const w of waiting.splice(0)) index.add(w, ready);
      index.add(commits, ready);
    },
    opts,
  );
  const l = await linker;
  for (const w of waiting.splice(0)) index.add(w, l);
  await runInSlices(index.finishSteps(head, l), opts.sliceMs !== undefined ? { sliceMs: opts.sliceMs } : {});
  return index;
}

/** Collects parsed commits (for small ranges: incremental updates, `check --range`). */
export async function collectCommits(
  batches: AsyncIterable<readonly string[]>,
  nonce: string,
  opts: BuildOptions = {},
): Promise<RawCommit[]> {
  const out: RawCommit[] = [];
  await consumeLog(batches, nonce, (commits) => out.push(...commits), opts);
  return out;
}
