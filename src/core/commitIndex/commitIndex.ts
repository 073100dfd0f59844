// Commit sha → linked roadmap items, for everything reachable from the indexed head.
// Two layers: raw commits (from git; independent of the roadmap) and links (from the roadmap, via
// a CommitLinker). A roadmap edit calls relink(): no git, one matcher pass over stored messages.
// Persisted as versioned binary columns (commitIndexCodec); anything unreadable yields a rebuild signal, never a throw.
// A reloaded index reads its commits and links in place from the file's columns (`base`); the maps
// hold only what was added since, until a relink or a history rewrite copies the base into them.

import { decodeIndex, encodeIndex, encodeIndexSteps, type IndexParts } from '../indexFile/commitIndexCodec';
import { EVIDENCE_ORDER, type CommitLinker, type Evidence } from '../linking/commitLinks';
import { subjectOf, type RawCommit } from '../gitOutput/gitLogParser';
import { inheritMergeEvidence, inheritMergeEvidenceSteps, type InheritanceInput } from '../linking/mergeInheritance';
import type { PersistedCommits } from '../indexFile/persistedCommits';
import { idKey } from '../roadmap/roadmapTypes';
import { runToEnd } from '../util/timeSlices';

export { COMMIT_INDEX_FORMAT, COMMIT_INDEX_VERSION } from '../indexFile/commitIndexCodec';

export interface CommitInfo {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly subject: string;
  readonly author: string;
  readonly email: string;
  readonly time: number;
  /** Strongest evidence first; empty when the commit references no item. */
  readonly evidence: readonly Evidence[];
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
  private commits = new Map<string, RawCommit>();
  private direct = new Map<string, readonly Evidence[]>();
  private merges = new Map<string, readonly Evidence[]>();
  private inherited = new Map<string, readonly Evidence[]>();
  private base: PersistedCommits | undefined;
  private byItem: Map<string, string[]> | undefined;
  /** Most recent first; kept because a reloaded index would otherwise rebuild every commit per call. */
  private sorted: RawCommit[] | undefined;
  private fingerprint = '';
  head: string | undefined;

  /** The linker fingerprint the links were computed with. */
  get linkFingerprint(): string {
    return this.fingerprint;
  }

  get size(): number {
    return this.commits.size + (this.base?.size ?? 0);
  }

  has(sha: string): boolean {
    return this.commits.has(sha) || this.basePosition(sha) >= 0;
  }

  /** Adds commits during a build (any order); call finish() when the stream ends. */
  add(batch: readonly RawCommit[], linker: CommitLinker): void {
    for (const c of batch) {
      this.commits.set(c.sha, c);
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
        ? new Map<string, readonly Evidence[]>()
        : yield* inheritMergeEvidenceSteps(tips, this.inheritInput(undefined));
    this.head = head;
    this.fingerprint = linker.fingerprint;
    this.inherited = inherited;
    this.byItem = undefined;
    this.sorted = undefined;
  }

  /** Commits no other indexed commit has as a parent (the heads of what was indexed). */
  tips(): string[] {
    const parents = new Set<string>();
    const all = this.allCommits();
    for (const c of all) for (const p of c.parents) parents.add(p);
    return all.map((c) => c.sha).filter((sha) => !parents.has(sha));
  }

  /** Re-links every stored commit against a new roadmap, without git. */
  relink(linker: CommitLinker): void {
    this.materialize();
    this.direct.clear();
    this.merges.clear();
    for (const c of this.commits.values()) this.linkOne(c, linker);
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
    const all = yield* this.allCommitsSteps();
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
    if (this.byItem) return;
    yield* this.itemMapSteps();
  }

  /** Applies new and dropped commits. Only new commits are matched; the graph pass is incremental unless history was rewritten. */
  update(u: CommitIndexUpdate, linker: CommitLinker): void {
    if (u.removed.length > 0) this.materialize();
    if (linker.fingerprint !== this.fingerprint) {
      for (const sha of u.removed) this.commits.delete(sha);
      for (const c of u.added) this.commits.set(c.sha, c);
      this.head = u.head;
      this.relink(linker);
      return;
    }
    for (const sha of u.removed) {
      this.commits.delete(sha);
      this.direct.delete(sha);
      this.merges.delete(sha);
      this.inherited.delete(sha);
    }
    const addedShas = new Set(u.added.map((c) => c.sha));
    this.add(u.added, linker);
    this.head = u.head;
    if (u.removed.length > 0 || u.head === undefined) {
      this.finish(u.head, linker);
      return;
    }
    // Old commits keep their inherited links; only the new ones are walked.
    const fresh = this.inherit([u.head], (sha) => this.has(sha) && !addedShas.has(sha));
    for (const [sha, ev] of fresh) this.inherited.set(sha, ev);
    this.byItem = undefined;
    this.sorted = undefined;
  }

  get(sha: string): CommitInfo | undefined {
    const c = this.raw(sha);
    return c ? this.info(c) : undefined;
  }

  evidence(sha: string): readonly Evidence[] {
    const all: Evidence[] = [];
    const at = this.base && !this.commits.has(sha) ? this.base.position(sha) : -1;
    const lists =
      at >= 0 && this.base
        ? [this.base.direct(at), this.base.mergeLinks(at), this.base.inherited(at)]
        : [this.direct.get(sha), this.merges.get(sha), this.inherited.get(sha)];
    for (const list of lists) {
      if (!list) continue;
      for (const e of list) if (!all.some((x) => x.itemId === e.itemId && x.kind === e.kind)) all.push(e);
    }
    return all.sort((a, b) => EVIDENCE_ORDER.indexOf(a.kind) - EVIDENCE_ORDER.indexOf(b.kind));
  }

  /** The commits linked to an item, most recent first. */
  commitsFor(itemId: string, limit = Infinity): CommitInfo[] {
    const shas = this.itemMap().get(idKey(itemId)) ?? [];
    const out: CommitInfo[] = [];
    for (const sha of shas) {
      if (out.length >= limit) break;
      const c = this.raw(sha);
      if (c) out.push(this.info(c));
    }
    return out;
  }

  /** Ids of items with at least one commit, with their commit counts. */
  itemCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, shas] of this.itemMap()) out.set(key, shas.length);
    return out;
  }

  /** Each item's linked commit shas, newest first, keyed by idKey (roll-up reads every list at once). */
  linkedShasByItem(): ReadonlyMap<string, readonly string[]> {
    return this.itemMap();
  }

  /** Every indexed commit, newest first (coverage counts; read-only, do not keep). */
  commitsNewestFirst(): readonly RawCommit[] {
    return this.sortedCommits();
  }

  /** A commit's author time in seconds, without building its evidence. */
  commitTime(sha: string): number | undefined {
    return this.raw(sha)?.time;
  }

  /** Commits (merges excluded) that reference no item, most recent first. */
  unlinked(limit = Infinity): CommitInfo[] {
    const out: CommitInfo[] = [];
    for (const c of this.sortedCommits()) {
      if (out.length >= limit) break;
      if (c.parents.length > 1) continue;
      if (this.evidence(c.sha).length === 0) out.push(this.info(c));
    }
    return out;
  }

  /** Throws a RangeError if a sha is not lowercase hex (never the case for commits read from git). */
  serialize(): Uint8Array {
    return encodeIndex(this.parts(this.allCommits()));
  }

  /**
   * serialize() in steps, for runInSlices. An update or relink between steps can leave the bytes
   * describing neither state: the caller compares `state` before and after, and encodes again.
   */
  *serializeSteps(): Generator<void, Uint8Array> {
    const commits = yield* this.allCommitsSteps();
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
      direct: this.base ? (sha) => this.linksOf(sha, 'direct') : (sha) => this.direct.get(sha),
      merges: this.base ? (sha) => this.linksOf(sha, 'merges') : (sha) => this.merges.get(sha),
      inherited: this.base ? (sha) => this.linksOf(sha, 'inherited') : (sha) => this.inherited.get(sha),
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
    const reuse = decoded.fingerprint === linker.fingerprint;
    index.base = decoded.commits;
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
    const d = linker.direct(c.message, c.parents.length);
    if (d.length > 0) this.direct.set(c.sha, d);
    else this.direct.delete(c.sha);
    this.linkMerge(c, linker);
  }

  private linkMerge(c: RawCommit, linker: CommitLinker): void {
    if (c.parents.length < 2) return;
    const m = linker.mergeEvidence(c.message, c.parents.length).map((e) => ({ ...e, via: c.sha }));
    if (m.length > 0) this.merges.set(c.sha, m);
    else this.merges.delete(c.sha);
  }

  private inherit(
    tips: string[],
    alreadySeen: ((sha: string) => boolean) | undefined,
  ): Map<string, readonly Evidence[]> {
    return inheritMergeEvidence(tips, this.inheritInput(alreadySeen));
  }

  private inheritInput(alreadySeen: ((sha: string) => boolean) | undefined): InheritanceInput {
    return {
      size: this.size,
      get: (sha) => this.raw(sha),
      mergeEvidence: (sha) => this.linksOf(sha, 'merges') ?? [],
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
      evidence: this.evidence(c.sha),
    };
  }

  private sortedCommits(): RawCommit[] {
    return runToEnd(this.sortedCommitsSteps());
  }

  private *sortedCommitsSteps(): Generator<void, RawCommit[]> {
    if (this.sorted) return this.sorted;
    const all = yield* this.allCommitsSteps();
    // No yield between the last step and the sort: the list is the index as it is now.
    this.sorted = all.sort((a, b) => b.time - a.time);
    return this.sorted;
  }

  private basePosition(sha: string): number {
    return this.base ? this.base.position(sha) : -1;
  }

  private raw(sha: string): RawCommit | undefined {
    const c = this.commits.get(sha);
    if (c || !this.base) return c;
    const at = this.base.position(sha);
    return at < 0 ? undefined : this.base.raw(at);
  }

  /** Reloaded commits first (in the order they were written), then those added since. */
  private allCommits(): RawCommit[] {
    return runToEnd(this.allCommitsSteps());
  }

  /**
   * allCommits() in steps: decoding 100k reloaded commits at once held the thread ~100 ms on the
   * first summary after a window reload. The list is what the index holds when the last step ends.
   */
  private *allCommitsSteps(step = 2000): Generator<void, RawCommit[]> {
    const out: RawCommit[] = [];
    const base = this.base;
    if (base) {
      for (let i = 0; i < base.size; i++) {
        out.push(base.raw(i));
        if (i % step === step - 1) {
          yield;
          // Copied into the maps meanwhile (an update that rewrote history): read it all again.
          if (this.base !== base) return yield* this.allCommitsSteps(step);
        }
      }
    }
    for (const c of this.commits.values()) out.push(c);
    return out;
  }

  private linksOf(sha: string, which: 'direct' | 'merges' | 'inherited'): readonly Evidence[] | undefined {
    if (!this.base) return this[which].get(sha);
    const at = this.commits.has(sha) ? -1 : this.base.position(sha);
    if (at < 0) return this[which].get(sha);
    return which === 'direct'
      ? this.base.direct(at)
      : which === 'merges'
        ? this.base.mergeLinks(at)
        : this.base.inherited(at);
  }

  /** Copies the reloaded base into the maps (before a relink or a graph walk that may rewrite it). */
  private materialize(): void {
    const base = this.base;
    if (!base) return;
    this.base = undefined;
    const commits = new Map<string, RawCommit>();
    const direct = new Map<string, readonly Evidence[]>();
    const merges = new Map<string, readonly Evidence[]>();
    const inherited = new Map<string, readonly Evidence[]>();
    for (let i = 0; i < base.size; i++) {
      const c = base.raw(i);
      commits.set(c.sha, c);
      const d = base.direct(i);
      if (d) direct.set(c.sha, d);
      const m = base.mergeLinks(i);
      if (m) merges.set(c.sha, m);
      const h = base.inherited(i);
      if (h) inherited.set(c.sha, h);
    }
    for (const [sha, c] of this.commits) commits.set(sha, c);
    for (const [sha, d] of this.direct) direct.set(sha, d);
    for (const [sha, m] of this.merges) merges.set(sha, m);
    for (const [sha, h] of this.inherited) inherited.set(sha, h);
    this.commits = commits;
    this.direct = direct;
    this.merges = merges;
    this.inherited = inherited;
    this.byItem = undefined;
    this.sorted = undefined;
  }

  private itemMap(): Map<string, string[]> {
    return this.byItem ?? runToEnd(this.itemMapSteps());
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
      for (const e of this.evidence(c.sha)) {
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
