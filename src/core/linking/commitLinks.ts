// Commit → roadmap items, with the evidence for each link. Everything here depends on the current
// roadmap; the raw commit data it reads never does, so a roadmap edit re-links without running git.

import { compileGlob, isGlobPattern } from '../glob/globMatcher';
import type { ReferenceMatcher } from './referenceMatcher';
import type { RoadmapItem } from '../roadmap/roadmapTypes';
import { DEFAULT_TRAILER_KEYS, parseTrailers, trailersWithKeys } from '../gitOutput/trailers';

/** What the linker needs from a roadmap (a subset of RoadmapIndex, so tests can pass plain objects). */
export interface LinkRoadmap {
  readonly items: readonly RoadmapItem[];
  readonly matcher: ReferenceMatcher;
}

/**
 * - message: an id/ref in the commit message
 * - trailer: in a `Roadmap:`/`Refs:`/`Implements:` trailer
 * - squash: in the `* subject` list of a squash-merge body
 * - merge: an id/ref in the branch name a merge brought in (the merge and the commits it brought)
 * - branch-tag: an item's `branches` glob matched that branch (beats an id in the branch name)
 */
export type CommitLinkKind = 'message' | 'trailer' | 'squash' | 'merge' | 'branch-tag';

export interface CommitLink {
  readonly itemId: string;
  readonly kind: CommitLinkKind;
  /** For merge/branch-tag: the branch name. */
  readonly branch?: string;
  /** For evidence inherited from a merge: the merge commit's sha. */
  readonly via?: string;
}

/** Strongest first: used to order evidence for display. */
export const COMMIT_LINK_ORDER: readonly CommitLinkKind[] = ['trailer', 'message', 'squash', 'branch-tag', 'merge'];

export interface LinkOptions {
  readonly trailerKeys?: readonly string[];
}

const MERGE_PATTERNS: readonly { re: RegExp; strip: 'none' | 'first-segment' }[] = [
  // Merge pull request #45 from org/chk-12-reorder (the first segment is the fork owner)
  { re: /^Merge pull request #\d+ from (\S+)/, strip: 'first-segment' },
  // Merge remote-tracking branch 'origin/x' [into y]
  { re: /^Merge remote-tracking branch '([^']+)'/, strip: 'first-segment' },
  // Merge branch 'x' [of url] [into y]   (GitLab: Merge branch 'x' into 'main')
  { re: /^Merge branch '([^']+)'/, strip: 'none' },
  // Bitbucket: Merged in x (pull request #12)
  { re: /^Merged in (\S+) \(pull request #\d+\)/, strip: 'none' },
];

/** The branch a merge commit's subject names, if it follows a known convention. */
export function mergedBranchName(subject: string): string | undefined {
  for (const { re, strip } of MERGE_PATTERNS) {
    const m = re.exec(subject);
    const name = m?.[1];
    if (name === undefined) continue;
    if (strip === 'first-segment') {
      const slash = name.indexOf('/');
      return slash > 0 && slash < name.length - 1 ? name.slice(slash + 1) : name;
    }
    return name;
  }
  return undefined;
}

/** `origin/feature/x` → `feature/x` when `origin` is a known remote. */
export function stripRemote(name: string, remotes: readonly string[]): string {
  for (const r of remotes) {
    if (name.startsWith(`${r}/`) && name.length > r.length + 1) return name.slice(r.length + 1);
  }
  return name;
}

/**
 * The text every match of `pattern` starts with, so most globs are ruled out by one startsWith
 * instead of a regex (a cold index tests each merge's branch against every glob: 2.5k merges ×
 * 900 globs was 7 s of picomatch). Stops at the first glob character; a trailing `/` is dropped
 * because `x/**` also matches `x`; `./` and negations give '' (no shortcut).
 */
function literalPrefix(pattern: string): string {
  if (pattern.startsWith('./')) return '';
  const literal = /^[^*?[\]{}()!+@\\]*/.exec(pattern)?.[0] ?? '';
  return literal.endsWith('/') ? literal.slice(0, -1) : literal;
}

/** Items' `branches` entries: exact names in a map, globs compiled once. */
export class BranchTags {
  /** Each exact name's item ids, in roadmap order (a set: 1,000 epics tagged `develop` made a list scan quadratic). */
  private readonly exact = new Map<string, Set<string>>();
  private readonly globs: { itemId: string; pattern: string; literal: string; test: (s: string) => boolean }[] = [];

  constructor(items: readonly Pick<RoadmapItem, 'id' | 'branches'>[]) {
    // A team's epics mostly share a few patterns (`chk/*` on every CHK epic): each is parsed and
    // compiled once, not once per item (10,000 items: ~20 ms of a warm `why`, issue #13).
    const compiled = new Map<string, { test: (s: string) => boolean; literal: string } | null | 'exact'>();
    for (const item of items) {
      for (const pattern of item.branches) {
        if (pattern.length === 0) continue;
        let kind = compiled.get(pattern);
        if (kind === undefined) {
          // An invalid or refused glob is reported by the roadmap validator; it just never matches here.
          const test = isGlobPattern(pattern) ? compileGlob(pattern) : 'exact';
          kind = test === 'exact' ? test : test ? { test, literal: literalPrefix(pattern) } : null;
          compiled.set(pattern, kind);
        }
        if (kind === null) continue;
        if (kind !== 'exact') {
          this.globs.push({ itemId: item.id, pattern, literal: kind.literal, test: kind.test });
        } else {
          let ids = this.exact.get(pattern);
          if (ids === undefined) this.exact.set(pattern, (ids = new Set()));
          ids.add(item.id);
        }
      }
    }
  }

  get size(): number {
    return this.exact.size + this.globs.length;
  }

  /** Item ids whose tag matches any of the names (e.g. `feature/x` and `origin/feature/x`). */
  match(names: readonly string[]): string[] {
    return this.matchDetailed(names).map((m) => m.itemId);
  }

  /** Like match(), with the `branches` entry that matched (first per item). */
  matchDetailed(names: readonly string[]): { itemId: string; pattern: string }[] {
    const out: { itemId: string; pattern: string }[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      for (const id of this.exact.get(name) ?? [])
        if (!seen.has(id)) {
          seen.add(id);
          out.push({ itemId: id, pattern: name });
        }
      // Items sharing a pattern share its answer: one test per pattern and name.
      const tested = new Map<string, boolean>();
      for (const g of this.globs) {
        if (!name.startsWith(g.literal) || seen.has(g.itemId)) continue;
        let hit = tested.get(g.pattern);
        if (hit === undefined) tested.set(g.pattern, (hit = g.test(name)));
        if (hit) {
          seen.add(g.itemId);
          out.push({ itemId: g.itemId, pattern: g.pattern });
        }
      }
    }
    return out;
  }
}

const SQUASH_SUBJECT = /\(#\d+\)\s*$/;

export class CommitLinker {
  readonly trailerKeys: readonly string[];
  private tagsBuilt: BranchTags | undefined;
  private fingerprintMade: string | undefined;

  constructor(
    private readonly roadmap: LinkRoadmap,
    opts: LinkOptions = {},
  ) {
    this.trailerKeys = opts.trailerKeys ?? DEFAULT_TRAILER_KEYS;
  }

  /**
   * The items' `branches` tags, built on first use: `why` on a file links a few messages and may
   * never look at a branch, and building them walks (and parses the globs of) every item.
   */
  get tags(): BranchTags {
    return (this.tagsBuilt ??= new BranchTags(this.roadmap.items));
  }

  /**
   * Changes whenever anything that affects linking changes: persisted links are reused only on a
   * match. Made on first use (a pass over every item's ids, aliases and branches; `why` needs none).
   */
  get fingerprint(): string {
    return (this.fingerprintMade ??= linkFingerprint(this.roadmap.items, this.trailerKeys));
  }

  /**
   * Links found in the message itself: one pass of the matcher, classified by where each match
   * sits. A merge's subject (`Merge branch 'chk-12-x'`) is branch evidence (mergeEvidence), not a
   * message mention, so it is skipped here.
   */
  direct(message: string, parentCount = 1): readonly CommitLink[] {
    let matches = this.roadmap.matcher.findAll(message);
    if (matches.length === 0) return [];
    if (parentCount > 1) {
      const subject = firstLine(message);
      if (mergedBranchName(subject) !== undefined) matches = matches.filter((m) => m.start >= subject.length);
      if (matches.length === 0) return [];
    }
    const trailers = trailersWithKeys(parseTrailers(message), this.trailerKeys);
    const squash = SQUASH_SUBJECT.test(firstLine(message));
    const out: CommitLink[] = [];
    for (const m of matches) {
      let kind: CommitLinkKind = 'message';
      if (trailers.some((t) => t.start <= m.start && m.end <= t.end && m.start > t.start + t.key.length))
        kind = 'trailer';
      else if (squash && isInBulletLine(message, m.start)) kind = 'squash';
      addEvidence(out, this.shared(m.itemId, kind));
      if (m.sharedWith) for (const id of m.sharedWith) addEvidence(out, this.shared(id, kind));
    }
    // Most linked commits have exactly one link: share that array too (100k commits, ~1 object each).
    if (out.length === 1 && out[0]) return this.single(out[0]);
    return out;
  }

  /** Per kind: item id → one frozen Evidence and its one-element list, shared by every commit. */
  private readonly evidenceCache = new Map<
    CommitLinkKind,
    Map<string, { e: CommitLink; single: readonly CommitLink[] }>
  >();

  private cached(itemId: string, kind: CommitLinkKind): { e: CommitLink; single: readonly CommitLink[] } {
    let byId = this.evidenceCache.get(kind);
    if (!byId) {
      byId = new Map();
      this.evidenceCache.set(kind, byId);
    }
    let hit = byId.get(itemId);
    if (!hit) {
      const e = Object.freeze({ itemId, kind });
      hit = { e, single: Object.freeze([e]) };
      byId.set(itemId, hit);
    }
    return hit;
  }

  private shared(itemId: string, kind: CommitLinkKind): CommitLink {
    return this.cached(itemId, kind).e;
  }

  private single(e: CommitLink): readonly CommitLink[] {
    return this.cached(e.itemId, e.kind).single;
  }

  /**
   * Links carried by a branch name: tagged items win; only when no tag matches does an id/ref
   * in the name count. `names` are alternatives for the same branch (with and without remote).
   */
  branch(names: readonly string[]): { readonly itemIds: readonly string[]; readonly tagged: boolean } {
    const tagged = this.tags.match(names);
    if (tagged.length > 0) return { itemIds: tagged, tagged: true };
    const ids: string[] = [];
    for (const name of names) for (const id of this.roadmap.matcher.itemIds(name)) if (!ids.includes(id)) ids.push(id);
    return { itemIds: ids, tagged: false };
  }

  /** Evidence a merge commit carries for its brought-in branch (empty when it is not a merge we read). */
  mergeEvidence(message: string, parentCount: number): CommitLink[] {
    if (parentCount < 2) return [];
    const name = mergedBranchName(firstLine(message));
    if (name === undefined) return [];
    const { itemIds, tagged } = this.branch([name]);
    return itemIds.map((itemId) => ({ itemId, kind: tagged ? 'branch-tag' : 'merge', branch: name }));
  }
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}

function isInBulletLine(message: string, offset: number): boolean {
  const bol = message.lastIndexOf('\n', offset - 1) + 1;
  return bol > 0 && message.startsWith('* ', bol);
}

/** Adds unless the same item already has the same kind of evidence. */
export function addEvidence(list: CommitLink[], e: CommitLink): void {
  if (!list.some((x) => x.itemId === e.itemId && x.kind === e.kind)) list.push(e);
}

/** FNV-1a over everything that changes link results; cheap enough to compute on every roadmap load. */
export function linkFingerprint(
  items: readonly Pick<RoadmapItem, 'id' | 'aliases' | 'branches'>[],
  trailerKeys: readonly string[],
): string {
  let h = 0x811c9dc5;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  trailerKeys.forEach(feed);
  for (const item of items) {
    feed(item.id);
    item.aliases.forEach(feed);
    feed('\u0001');
    item.branches.forEach(feed);
    feed('\u0002');
  }
  return `${items.length}:${h.toString(16)}`;
}

/** The linker questions lookups ask: a CommitLinker, or one that remembers answers (MemoLinker). */
export type MessageLinker = Pick<CommitLinker, 'direct' | 'mergeEvidence'>;

/**
 * Remembers a linker's answers per message, so messages can be linked as they arrive (the CLI's
 * `why` links each batch fetched while blame runs) and answered again for free at the end.
 */
export class MemoLinker implements MessageLinker {
  private readonly directs = new Map<string, readonly CommitLink[]>();
  private readonly merges = new Map<string, CommitLink[]>();

  constructor(private readonly linker: MessageLinker) {}

  direct(message: string, parentCount = 1): readonly CommitLink[] {
    const key = `${parentCount}\0${message}`;
    let found = this.directs.get(key);
    if (found === undefined) {
      found = this.linker.direct(message, parentCount);
      this.directs.set(key, found);
    }
    return found;
  }

  mergeEvidence(message: string, parentCount: number): CommitLink[] {
    const key = `${parentCount}\0${message}`;
    let found = this.merges.get(key);
    if (found === undefined) {
      found = this.linker.mergeEvidence(message, parentCount);
      this.merges.set(key, found);
    }
    // Callers map over the list; a copy keeps the remembered one unchanged.
    return [...found];
  }

  /** Links a commit now, so a later question about it is a lookup. */
  warm(message: string, parentCount: number): void {
    this.direct(message, parentCount);
    if (parentCount > 1) this.mergeEvidence(message, parentCount);
  }
}
