// What a CommitIndex holds, as an overlay: a reloaded index reads its commits and links in place
// from the file's columns (`base`), and the maps hold only what was added since, until a relink or
// a history rewrite copies the base into them (materialize). Every read goes through here, so the
// rest of the index never asks which layer a commit lives in.

import { COMMIT_LINK_ORDER, type CommitLink } from '../linking/commitLinks';
import type { RawCommit } from '../gitOutput/gitLogParser';
import type { PersistedCommits } from '../indexFile/persistedCommits';

/** The three kinds of stored links: matched in the message, of a merge, and inherited through merges. */
export type LinkLayer = 'direct' | 'merges' | 'inherited';

export class CommitStore {
  private commits = new Map<string, RawCommit>();
  private layers: Record<LinkLayer, Map<string, readonly CommitLink[]>> = {
    direct: new Map(),
    merges: new Map(),
    inherited: new Map(),
  };

  constructor(private base: PersistedCommits | undefined = undefined) {}

  get size(): number {
    return this.commits.size + (this.base?.size ?? 0);
  }

  /** Whether the reloaded file is still read in place (so links may come from its columns). */
  get readsInPlace(): boolean {
    return this.base !== undefined;
  }

  has(sha: string): boolean {
    return this.commits.has(sha) || (this.base !== undefined && this.base.position(sha) >= 0);
  }

  raw(sha: string): RawCommit | undefined {
    const c = this.commits.get(sha);
    if (c || !this.base) return c;
    const at = this.base.position(sha);
    return at < 0 ? undefined : this.base.raw(at);
  }

  put(c: RawCommit): void {
    this.commits.set(c.sha, c);
  }

  /** Forgets a commit and its links (only called after materialize(): the base is read-only). */
  delete(sha: string): void {
    this.commits.delete(sha);
    for (const layer of Object.values(this.layers)) layer.delete(sha);
  }

  /** The commits added since the reload (all of them once materialized). */
  added(): IterableIterator<RawCommit> {
    return this.commits.values();
  }

  links(sha: string, layer: LinkLayer): readonly CommitLink[] | undefined {
    const at = this.positionInBase(sha);
    if (at < 0 || !this.base) return this.layers[layer].get(sha);
    return layer === 'direct'
      ? this.base.direct(at)
      : layer === 'merges'
        ? this.base.mergeLinks(at)
        : this.base.inherited(at);
  }

  /** Sets a commit's links of one layer; an empty list removes them. */
  setLinks(sha: string, layer: LinkLayer, list: readonly CommitLink[]): void {
    if (list.length > 0) this.layers[layer].set(sha, list);
    else this.layers[layer].delete(sha);
  }

  clearLayer(layer: LinkLayer): void {
    this.layers[layer].clear();
  }

  replaceLayer(layer: LinkLayer, links: Map<string, readonly CommitLink[]>): void {
    this.layers[layer] = links;
  }

  /** Every link of a commit, each (item, kind) once, strongest evidence first. */
  evidence(sha: string): readonly CommitLink[] {
    const all: CommitLink[] = [];
    const at = this.positionInBase(sha);
    const lists =
      at >= 0 && this.base
        ? [this.base.direct(at), this.base.mergeLinks(at), this.base.inherited(at)]
        : [this.layers.direct.get(sha), this.layers.merges.get(sha), this.layers.inherited.get(sha)];
    for (const list of lists) {
      if (!list) continue;
      for (const e of list) if (!all.some((x) => x.itemId === e.itemId && x.kind === e.kind)) all.push(e);
    }
    return all.sort((a, b) => COMMIT_LINK_ORDER.indexOf(a.kind) - COMMIT_LINK_ORDER.indexOf(b.kind));
  }

  /**
   * Reloaded commits first (in the order they were written), then those added since, in steps:
   * decoding 100k reloaded commits at once held the thread ~100 ms on the first summary after a
   * window reload. The list is what the store holds when the last step ends.
   */
  *allCommitsSteps(step = 2000): Generator<void, RawCommit[]> {
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

  /** Copies the reloaded base into the maps (before a relink or a graph walk that may rewrite it). */
  materialize(): void {
    const base = this.base;
    if (!base) return;
    this.base = undefined;
    const commits = new Map<string, RawCommit>();
    const direct = new Map<string, readonly CommitLink[]>();
    const merges = new Map<string, readonly CommitLink[]>();
    const inherited = new Map<string, readonly CommitLink[]>();
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
    for (const [sha, d] of this.layers.direct) direct.set(sha, d);
    for (const [sha, m] of this.layers.merges) merges.set(sha, m);
    for (const [sha, h] of this.layers.inherited) inherited.set(sha, h);
    this.commits = commits;
    this.layers = { direct, merges, inherited };
  }

  private positionInBase(sha: string): number {
    return this.base && !this.commits.has(sha) ? this.base.position(sha) : -1;
  }
}
