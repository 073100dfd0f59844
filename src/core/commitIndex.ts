// Commit sha → linked roadmap items, for everything reachable from the indexed head.
// Two layers: raw commits (from git; independent of the roadmap) and links (from the roadmap, via
// a CommitLinker). A roadmap edit calls relink(): no git, one matcher pass over stored messages.
// Persisted as compact versioned JSON (commitIndexCodec); anything unreadable yields a rebuild signal, never a throw.

import { decodeIndex, encodeIndex } from './commitIndexCodec';
import { EVIDENCE_ORDER, type CommitLinker, type Evidence } from './commitLinks';
import { subjectOf, type RawCommit } from './gitLogParser';
import { inheritMergeEvidence } from './mergeInheritance';
import { idKey } from './roadmapTypes';

export { COMMIT_INDEX_FORMAT, COMMIT_INDEX_VERSION } from './commitIndexCodec';

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
  private readonly commits = new Map<string, RawCommit>();
  private readonly direct = new Map<string, readonly Evidence[]>();
  private readonly merges = new Map<string, readonly Evidence[]>();
  private inherited = new Map<string, readonly Evidence[]>();
  private byItem: Map<string, string[]> | undefined;
  private fingerprint = '';
  head: string | undefined;

  /** The linker fingerprint the links were computed with. */
  get linkFingerprint(): string {
    return this.fingerprint;
  }

  get size(): number {
    return this.commits.size;
  }

  has(sha: string): boolean {
    return this.commits.has(sha);
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
    this.head = head;
    this.fingerprint = linker.fingerprint;
    const tips = head === undefined ? [...extraTips] : [head, ...extraTips];
    this.inherited = tips.length === 0 ? new Map<string, readonly Evidence[]>() : this.inherit(tips, undefined);
    this.byItem = undefined;
  }

  /** Commits no other indexed commit has as a parent (the heads of what was indexed). */
  tips(): string[] {
    const parents = new Set<string>();
    for (const c of this.commits.values()) for (const p of c.parents) parents.add(p);
    return [...this.commits.keys()].filter((sha) => !parents.has(sha));
  }

  /** Re-links every stored commit against a new roadmap, without git. */
  relink(linker: CommitLinker): void {
    this.direct.clear();
    this.merges.clear();
    for (const c of this.commits.values()) this.linkOne(c, linker);
    this.finish(this.head, linker);
  }

  /** Applies new and dropped commits. Only new commits are matched; the graph pass is incremental unless history was rewritten. */
  update(u: CommitIndexUpdate, linker: CommitLinker): void {
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
    const fresh = this.inherit([u.head], (sha) => this.commits.has(sha) && !addedShas.has(sha));
    for (const [sha, ev] of fresh) this.inherited.set(sha, ev);
    this.byItem = undefined;
  }

  get(sha: string): CommitInfo | undefined {
    const c = this.commits.get(sha);
    return c ? this.info(c) : undefined;
  }

  evidence(sha: string): readonly Evidence[] {
    const all: Evidence[] = [];
    for (const list of [this.direct.get(sha), this.merges.get(sha), this.inherited.get(sha)]) {
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
      const c = this.commits.get(sha);
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

  serialize(): string {
    return encodeIndex({ head: this.head, fingerprint: this.fingerprint, commits: [...this.commits.values()], direct: (sha) => this.direct.get(sha) });
  }

  /** Never throws: corrupt, truncated or foreign input returns `{ ok: false }` so the caller rebuilds. */
  static deserialize(text: string, linker: CommitLinker): DeserializeResult {
    const decoded = decodeIndex(text);
    if (typeof decoded === 'string') return { ok: false, reason: decoded };
    const index = new CommitIndex();
    const reuse = decoded.fingerprint === linker.fingerprint;
    for (const c of decoded.commits) {
      index.commits.set(c.sha, c);
      if (reuse) {
        const d = decoded.direct.get(c.sha);
        if (d) index.direct.set(c.sha, d);
        index.linkMerge(c, linker);
      } else {
        index.linkOne(c, linker);
      }
    }
    index.finish(decoded.head, linker);
    return { ok: true, index, relinked: !reuse };
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

  private inherit(tips: string[], alreadySeen: ((sha: string) => boolean) | undefined): Map<string, readonly Evidence[]> {
    return inheritMergeEvidence(tips, {
      size: this.commits.size,
      get: (sha) => this.commits.get(sha),
      mergeEvidence: (sha) => this.merges.get(sha) ?? [],
      ...(alreadySeen ? { alreadySeen } : {}),
    });
  }

  private info(c: RawCommit): CommitInfo {
    return { sha: c.sha, parents: c.parents, subject: subjectOf(c.message), author: c.author, email: c.email, time: c.time, evidence: this.evidence(c.sha) };
  }

  private sortedCommits(): RawCommit[] {
    return [...this.commits.values()].sort((a, b) => b.time - a.time);
  }

  private itemMap(): Map<string, string[]> {
    if (this.byItem) return this.byItem;
    const map = new Map<string, string[]>();
    for (const c of this.sortedCommits()) {
      const seen = new Set<string>();
      for (const e of this.evidence(c.sha)) {
        const key = idKey(e.itemId);
        if (seen.has(key)) continue;
        seen.add(key);
        const list = map.get(key);
        if (list) list.push(c.sha);
        else map.set(key, [c.sha]);
      }
    }
    this.byItem = map;
    return map;
  }
}

