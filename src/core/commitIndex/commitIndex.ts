// Commit sha → linked roadmap items, for everything reachable from the indexed head.
// Two layers: raw commits (from git; independent of the roadmap) and links (from the roadmap, via
// a CommitLinker). A roadmap edit calls relink(): no git, one matcher pass over stored messages.
// Persisted as versioned binary columns (commitIndexCodec); anything unreadable yields a rebuild signal, never a throw.
// Where things live: the commits and their links in a CommitStore (an overlay over a reloaded
// file), the lists queries read in CommitQueries; this class links, walks merges and persists.

import { decodeIndex, encodeIndex, encodeIndexSteps, type IndexParts } from '../indexFile/commitIndexCodec';
import type { CommitLinker, CommitLink } from '../linking/commitLinks';
import { subjectOf, type RawCommit } from '../gitOutput/gitLogParser';
import { inheritMergeEvidence, inheritMergeEvidenceSteps, type InheritanceInput } from '../linking/mergeInheritance';
import { idKey } from '../roadmap/roadmapTypes';
import { runToEnd } from '../util/timeSlices';
import { CommitQueries } from './commitQueries';
import { CommitStore } from './commitStore';

export { COMMIT_INDEX_FORMAT, COMMIT_INDEX_VERSION } from '../indexFile/commitIndexCodec';

export interface CommitInfo {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly subject: string;
  readonly author: string;
  readonly email: string;
  readonly time: number;
  /** Strongest evidence first; empty when the commit references no item. */
  readonly evidence: readonly CommitLink[];
}

export interface CommitIndexUpdate {
  readonly head: string | undefined;
  /** Commits reachable from the new head and not from the old one. */
  readonly added: readonly RawCommit[];
  /** Commits reachable from the old head and not from the new one (rewritten or reset history). */
  readonly removed: readonly string[];
}

export type DeserializeResult =
  | { readonly ok: true; readonly index: CommitIndex; readonly relinked: boolean }
  | { readonly ok: false; readonly reason: string };

export class CommitIndex {
  private store = new CommitStore();
  private queries = new CommitQueries(this.store);
  private fingerprint = '';
  head: string | undefined;

  /** The linker fingerprint the links were computed with. */
  get linkFingerprint(): string {
    return this.fingerprint;
  }

  get size(): number {
    return this.store.size;
  }

  has(sha: string): boolean {
    return this.store.has(sha);
  }

  /** Adds commits during a build (any order); call finish() when the stream ends. */
  add(batch: readonly RawCommit[], linker: CommitLinker): void {
    for (const c of batch) {
      this.store.put(c);
      this.linkOne(c, linker);
    }
  }

  /**
   * Computes merge inheritance from the head (and any extra tips, e.g. when the index holds a
   * range with several tips); after this the index answers queries.
   */
  finish(head: string | undefined, linker: CommitLinker, extraTips: readonly string[] = []): void {
    runToEnd(this.finishSteps(head, linker, extraTips));
  }

  /** finish() in steps (the graph walk yields), for an index nothing reads yet: a build, a relinked copy. */
  *finishSteps(
    head: string | undefined,
    linker: CommitLinker,
    extraTips: readonly string[] = [],
  ): Generator<void, void> {
    this.materialize();
    const tips = head === undefined ? [...extraTips] : [head, ...extraTips];
    const inherited =
      tips.length === 0
        ? new Map<string, readonly CommitLink[]>()
        : yield* inheritMergeEvidenceSteps(tips, this.inheritInput(undefined));
    this.head = head;
    this.fingerprint = linker.fingerprint;
    this.store.replaceLayer('inherited', inherited);
    this.queries.invalidate();
  }

  /** Commits no other indexed commit has as a parent (the heads of what was indexed). */
  tips(): string[] {
    const parents = new Set<string>();
    const all = runToEnd(this.store.allCommitsSteps());
    for (const c of all) for (const p of c.parents) parents.add(p);
    return all.map((c) => c.sha).filter((sha) => !parents.has(sha));
  }

  /** Re-links every stored commit against a new roadmap, without git. */
  relink(linker: CommitLinker): void {
    this.materialize();
    this.store.clearLayer('direct');
    this.store.clearLayer('merges');
    for (const c of this.store.added()) this.linkOne(c, linker);
    this.finish(this.head, linker);
  }

  /**
   * What relink() computes, as a new index (this one is left as it was), built in steps with the
   * query lists prepared: run it with runInSlices and keep answering from this index meanwhile.
   */
  *relinkedSteps(linker: CommitLinker, step = 500): Generator<void, CommitIndex> {
    const next = new CommitIndex();
    // The head these commits are of: a caller sees an update made meanwhile as `next.head` differing.
    const head = this.head;
    const all = yield* this.store.allCommitsSteps();
    yield;
    for (let i = 0; i < all.length; i += step) {
      next.add(all.slice(i, i + step), linker);
      yield;
    }
    yield* next.finishSteps(head, linker);
    yield;
    yield* next.prepareSteps();
    return next;
  }

  /** Prepares the lists commitsFor(), itemCounts() and unlinked() read, in steps (they do it at once otherwise). */
  *prepareSteps(): Generator<void, void> {
    yield* this.queries.prepareSteps();
  }

  /** Applies new and dropped commits. Only new commits are matched; the graph pass is incremental unless history was rewritten. */
  update(u: CommitIndexUpdate, linker: CommitLinker): void {
    if (u.removed.length > 0) this.materialize();
    if (linker.fingerprint !== this.fingerprint) {
      for (const sha of u.removed) this.store.delete(sha);
      for (const c of u.added) this.store.put(c);
      this.head = u.head;
      this.relink(linker);
      return;
    }
    for (const sha of u.removed) this.store.delete(sha);
    const addedShas = new Set(u.added.map((c) => c.sha));
    this.add(u.added, linker);
    this.head = u.head;
    if (u.removed.length > 0 || u.head === undefined) {
      this.finish(u.head, linker);
      return;
    }
    // Old commits keep their inherited links; only the new ones are walked.
    const fresh = inheritMergeEvidence(
      [u.head],
      this.inheritInput((sha) => this.has(sha) && !addedShas.has(sha)),
    );
    for (const [sha, ev] of fresh) this.store.setLinks(sha, 'inherited', ev);
    this.queries.invalidate();
  }

  get(sha: string): CommitInfo | undefined {
    const c = this.store.raw(sha);
    return c ? this.info(c) : undefined;
  }

  evidence(sha: string): readonly CommitLink[] {
    return this.store.evidence(sha);
  }

  /** The commits linked to an item, most recent first. */
  commitsFor(itemId: string, limit = Infinity): CommitInfo[] {
    const shas = this.queries.itemMap().get(idKey(itemId)) ?? [];
    const out: CommitInfo[] = [];
    for (const sha of shas) {
      if (out.length >= limit) break;
      const c = this.store.raw(sha);
      if (c) out.push(this.info(c));
    }
    return out;
  }

  /** Ids of items with at least one commit, with their commit counts. */
  itemCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, shas] of this.queries.itemMap()) out.set(key, shas.length);
    return out;
  }

  /** Each item's linked commit shas, newest first, keyed by idKey (roll-up reads every list at once). */
  linkedShasByItem(): ReadonlyMap<string, readonly string[]> {
    return this.queries.itemMap();
  }

  /** Every indexed commit, newest first (coverage counts; read-only, do not keep). */
  commitsNewestFirst(): readonly RawCommit[] {
    return this.queries.sortedCommits();
  }

  /** A commit's author email as git printed it, without building its evidence ("mine" filters). */
  authorEmail(sha: string): string | undefined {
    return this.store.raw(sha)?.email;
  }

  /** A commit's author time in seconds, without building its evidence. */
  commitTime(sha: string): number | undefined {
    return this.store.raw(sha)?.time;
  }

  /** Commits (merges excluded) that reference no item, most recent first. */
  unlinked(limit = Infinity): CommitInfo[] {
    const out: CommitInfo[] = [];
    for (const c of this.queries.sortedCommits()) {
      if (out.length >= limit) break;
      if (c.parents.length > 1) continue;
      if (this.store.evidence(c.sha).length === 0) out.push(this.info(c));
    }
    return out;
  }

  /** Throws a RangeError if a sha is not lowercase hex (never the case for commits read from git). */
  serialize(): Uint8Array {
    return encodeIndex(this.parts(runToEnd(this.store.allCommitsSteps())));
  }

  /**
   * serialize() in steps, for runInSlices. An update or relink between steps can leave the bytes
   * describing neither state: the caller compares `state` before and after, and encodes again.
   */
  *serializeSteps(): Generator<void, Uint8Array> {
    const commits = yield* this.store.allCommitsSteps();
    return yield* encodeIndexSteps(this.parts(commits));
  }

  /** What identifies the index's content for a save: head, roadmap fingerprint and size. */
  get state(): string {
    return `${this.head ?? ''}\0${this.fingerprint}\0${this.size}`;
  }

  private parts(commits: readonly RawCommit[]): IndexParts {
    return {
      head: this.head,
      fingerprint: this.fingerprint,
      commits,
      direct: (sha) => this.store.links(sha, 'direct'),
      merges: (sha) => this.store.links(sha, 'merges'),
      inherited: (sha) => this.store.links(sha, 'inherited'),
    };
  }

  /**
   * Never throws: corrupt, truncated or foreign input returns `{ ok: false }` so the caller rebuilds.
   * With `relink: 'later'`, an index saved under another roadmap keeps its stored links (and their
   * fingerprint) and the caller re-links it in slices (relinkedSteps): at once, that is one block
   * of ~0.5 s for 100k commits, at startup.
   */
  static deserialize(
    bytes: Uint8Array,
    linker: CommitLinker,
    opts: { readonly relink?: 'now' | 'later' } = {},
  ): DeserializeResult {
    const decoded = decodeIndex(bytes);
    if (typeof decoded === 'string') return { ok: false, reason: decoded };
    const index = new CommitIndex();
    index.store = new CommitStore(decoded.commits);
    index.queries = new CommitQueries(index.store);
    const reuse = decoded.fingerprint === linker.fingerprint;
    index.head = decoded.head;
    index.fingerprint = decoded.fingerprint;
    const complete = decoded.commits.hasInherited;
    // Same roadmap: every link is in the file, so there is nothing to match or walk.
    if (reuse) {
      if (!complete) index.finish(decoded.head, linker);
      return { ok: true, index, relinked: false };
    }
    // A file without inherited links needs a walk with some linker; the current one will do.
    if (opts.relink === 'later' && complete) return { ok: true, index, relinked: false };
    index.relink(linker);
    return { ok: true, index, relinked: true };
  }

  private linkOne(c: RawCommit, linker: CommitLinker): void {
    this.store.setLinks(c.sha, 'direct', linker.direct(c.message, c.parents.length));
    if (c.parents.length < 2) return;
    const m = linker.mergeEvidence(c.message, c.parents.length).map((e) => ({ ...e, via: c.sha }));
    this.store.setLinks(c.sha, 'merges', m);
  }

  private inheritInput(alreadySeen: ((sha: string) => boolean) | undefined): InheritanceInput {
    return {
      size: this.size,
      get: (sha) => this.store.raw(sha),
      mergeEvidence: (sha) => this.store.links(sha, 'merges') ?? [],
      ...(alreadySeen ? { alreadySeen } : {}),
    };
  }

  private info(c: RawCommit): CommitInfo {
    return {
      sha: c.sha,
      parents: c.parents,
      subject: subjectOf(c.message),
      author: c.author,
      email: c.email,
      time: c.time,
      evidence: this.store.evidence(c.sha),
    };
  }

  /** Reads a reloaded file into memory (it is about to be rewritten); the query lists then start over. */
  private materialize(): void {
    if (!this.store.readsInPlace) return;
    this.store.materialize();
    this.queries.invalidate();
  }
}
