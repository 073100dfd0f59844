// The blame `why` uses: the repository's blame store (fs/blameStore.ts) first, git blame otherwise.
// The store answers in a few milliseconds (HEAD from the git dir's files, one small read), so git is
// started as soon as it misses, or after STORE_WAIT_MS if it has not answered by then: a slow disk
// never holds a cold blame up for longer. When the store answers late, git is stopped and the stored
// blame answers. A blame git computed is stored afterwards, unless HEAD moved while it ran (it would
// be stored under a HEAD it was not computed against).
import type { BlameResult } from '../core/gitOutput/blameParser';
import { blameFile, type BlameOutcome } from '../git/blameRunner';
import type { GitRunner } from '../git/gitRunner';
import { blameKeyOf, type BlameKey, type BlameStore } from '../fs/blameStore';

export interface BlameWithStoreOptions {
  readonly git: GitRunner;
  /** Relative to the repository root, with forward slashes. */
  readonly relPath: string;
  /** The file's bytes as read: git blames the same file on disk. */
  readonly bytes: Uint8Array;
  /** The file's line count (counted only when the store is read: git starts first). */
  readonly lineCount: () => number;
  /** HEAD, resolved once by the caller (undefined on an unborn branch: nothing is stored). */
  readonly head: Promise<string | undefined>;
  /** HEAD read again after git blame ends: unchanged, or the blame is not stored. */
  readonly headNow: () => Promise<string | undefined>;
  /** Undefined with `--no-cache`. */
  readonly store: Promise<BlameStore | undefined> | undefined;
  /** Stops everything (the roadmap failed to load). */
  readonly signal: AbortSignal;
  /** Each commit the blame names, as git streams them or all at once from the store. */
  readonly onCommit: (sha: string, uncommitted: boolean) => void;
  /** One line for stderr (a stored file ignored, a write that failed). */
  readonly note: (line: string) => void;
  /** How long git waits for the store (default STORE_WAIT_MS; tests make a hit certain to come first). */
  readonly storeWaitMs?: number;
  /**
   * Called once it is known whether the store answers or git blames (at most STORE_WAIT_MS after
   * the start). `why` holds its synchronous roadmap decode until then: while the thread is held
   * the lookup cannot finish, the wait runs out, and git is started for nothing.
   */
  readonly onDecided?: () => void;
}

/**
 * The longest git blame waits for the store. Starting git first and stopping it on a hit cost a
 * warm `why` its `git config` (content filters) and often the blame process too: 5–20 ms of a
 * ~250 ms call, measured in paired loops (issue #13); a lookup takes 1–3 ms.
 */
export const STORE_WAIT_MS = 20;

export interface BlameAnswer {
  readonly outcome: BlameOutcome;
  readonly from: 'git' | 'store';
  /** The store's write of a blame git computed; never rejects. Awaited before the process ends. */
  readonly stored: Promise<void>;
}

export async function blameWithStore(o: BlameWithStoreOptions): Promise<BlameAnswer> {
  const gitAbort = new AbortController();
  const stop = (): void => gitAbort.abort();
  if (o.signal.aborted) stop();
  else o.signal.addEventListener('abort', stop, { once: true });
  const named = new Set<string>();
  const onCommit = (sha: string, uncommitted: boolean): void => {
    if (named.has(sha)) return;
    named.add(sha);
    o.onCommit(sha, uncommitted);
  };
  const looking = lookUp(o);
  const early = await withinMs(looking, o.storeWaitMs ?? STORE_WAIT_MS);
  if (early !== LATE && early?.blame) {
    o.onDecided?.();
    return fromStore(o, early.blame, stop, onCommit);
  }
  const fromGit = blameFile(o.git, o.relPath, { signal: gitAbort.signal, onCommit });
  o.onDecided?.();
  // A store that answers late still saves the rest of the blame.
  const looked = early === LATE ? await looking : early;
  if (looked?.blame) return fromStore(o, looked.blame, stop, onCommit);
  const outcome = await fromGit;
  o.signal.removeEventListener('abort', stop);
  const stored = looked && outcome.state === 'ok' ? write(o, looked.store, looked.key, outcome.blame) : undefined;
  return { outcome, from: 'git', stored: stored ?? Promise.resolve() };
}

function fromStore(
  o: BlameWithStoreOptions,
  blame: BlameResult,
  stop: () => void,
  onCommit: (sha: string, uncommitted: boolean) => void,
): BlameAnswer {
  o.signal.removeEventListener('abort', stop);
  stop();
  for (const c of blame.commits) onCommit(c.sha, c.uncommitted);
  return { outcome: { state: 'ok', blame }, from: 'store', stored: Promise.resolve() };
}

const LATE = Symbol('late');

/** `p`'s value if it settles within `ms`, else LATE (the timer never keeps the process alive). */
async function withinMs<T>(p: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
    timer.unref();
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

interface LookedUp {
  readonly store: BlameStore;
  readonly key: BlameKey;
  readonly blame: BlameResult | undefined;
}

/** The store's blame for this file, if any; never rejects (a store that fails is no store). */
async function lookUp(o: BlameWithStoreOptions): Promise<LookedUp | undefined> {
  if (!o.store) return undefined;
  try {
    const [head, store] = await Promise.all([o.head, o.store]);
    if (head === undefined || store === undefined) return undefined;
    const key = blameKeyOf(head, o.relPath, o.bytes);
    const read = await store.read(key, o.lineCount());
    if (read.kind === 'ignored') o.note(`the cached blame ${store.fileOf(key)} is ignored (${read.reason})`);
    return { store, key, blame: read.kind === 'hit' ? read.blame : undefined };
  } catch {
    return undefined;
  }
}

async function write(o: BlameWithStoreOptions, store: BlameStore, key: BlameKey, blame: BlameResult): Promise<void> {
  try {
    await store.writeIfHeadStill(key, blame, o.headNow);
  } catch (e) {
    // Not being able to cache never fails the answer.
    o.note(`could not write the blame cache (${e instanceof Error ? e.message : String(e)})`);
  }
}
