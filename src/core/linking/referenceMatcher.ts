// Finds known roadmap ids and aliases (YAML `refs`) inside free text (branch names, commit messages, comments).
// One pass over the text with a trie of all keys: cost grows with the text, not with the number
// of items, which matters for 100k commit messages against a 10k-item roadmap.

import { idKey, type RoadmapItem } from '../roadmap/roadmapTypes';

export interface ReferenceMatch {
  /** The canonical id of the item the text refers to. */
  readonly itemId: string;
  /** The text as found, and its UTF-16 offsets in the input. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** True when the text matched one of the item's aliases (YAML `refs`) rather than its id. */
  readonly viaAlias: boolean;
  /**
   * Other items that list the same ref, in roadmap order (one pull request fixing two issues):
   * the text refers to all of them. Absent when the ref is only the item's own.
   */
  readonly sharedWith?: readonly string[];
}

interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  itemId: string | undefined;
  viaAlias: boolean;
  shared: string[] | undefined;
}

function newNode(): TrieNode {
  return { next: undefined, itemId: undefined, viaAlias: false, shared: undefined };
}

/** ASCII case folding only: keeps offsets aligned (full Unicode upper-casing can change length). */
function fold(code: number): number {
  return code >= 97 && code <= 122 ? code - 32 : code;
}

/** Letters and digits, Unicode-aware: `é` continues a word just like `e` does. */
const ALNUM = /[\p{L}\p{N}]/u;
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_ALNUM[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
}
function isAlnumAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) return ASCII_ALNUM[code] === 1;
  return ALNUM.test(text[index] ?? '');
}

/**
 * `CHK-123` is a different (perhaps unknown) key, not `CHK` followed by noise: a separator
 * followed by a digit continues the key. `chk-reorder` still yields `CHK`.
 */
function continuesAsLongerKey(text: string, end: number): boolean {
  const sep = text.charCodeAt(end);
  const next = text.charCodeAt(end + 1);
  return (sep === 45 || sep === 46 || sep === 95) && next >= 48 && next <= 57;
}

/** More distinct key prefixes than this and the prefilter would cost more than it saves: none is used. */
const MAX_PREFIXES = 256;
const PREFIX_LENGTH = 3;

export class ReferenceMatcher {
  private readonly root = newNode();
  private readonly size: number;
  /** The first PREFIX_LENGTH characters of every key (folded), for the prefilter. */
  private readonly prefixes = new Set<string>();
  /** undefined: not built yet; null: too many prefixes to be worth it. */
  private prefilter: RegExp | null | undefined;
  /** The prefilter's expression with the global flag: where findAll looks for the next key start. */
  private skipper: RegExp | undefined;

  /**
   * Ids take precedence over aliases: when an alias of one item equals another item's id, the id wins.
   * A ref several items declare belongs to all of them: the first is `itemId`, the rest `sharedWith`.
   */
  constructor(items: Iterable<Pick<RoadmapItem, 'id' | 'aliases'>>) {
    const list = [...items];
    let size = 0;
    for (const item of list) {
      if (this.insert(item.id, item.id, false, true)) size++;
    }
    for (const item of list) {
      for (const ref of item.aliases) {
        if (this.insert(ref, item.id, true, false)) size++;
      }
    }
    this.size = size;
  }

  get keyCount(): number {
    return this.size;
  }

  private insert(key: string, itemId: string, viaAlias: boolean, override: boolean): boolean {
    const trimmed = key.trim();
    if (trimmed.length === 0) return false;
    // The prefix folded as findAll folds (ASCII letters only), built while walking: 10,000 ids
    // each through a regex replace with a callback cost ~5 ms of a warm `why` (issue #13).
    let prefix = '';
    let node = this.root;
    for (let i = 0; i < trimmed.length; i++) {
      const code = fold(trimmed.charCodeAt(i));
      if (i < PREFIX_LENGTH) prefix += String.fromCharCode(code);
      node.next ??= new Map();
      let child = node.next.get(code);
      if (!child) {
        child = newNode();
        node.next.set(code, child);
      }
      node = child;
    }
    this.prefixes.add(prefix);
    if (node.itemId !== undefined && !override) {
      if (viaAlias && node.viaAlias && node.itemId !== itemId && !(node.shared ?? []).includes(itemId))
        (node.shared ??= []).push(itemId);
      return false;
    }
    if (node.itemId !== undefined && node.viaAlias === false) return false;
    node.itemId = itemId;
    node.viaAlias = viaAlias;
    return true;
  }

  /**
   * Every reference in `text`, left to right, not overlapping. At each start the longest key wins,
   * so `CHK-12` beats `CHK`, and a key only counts when it is not glued to letters or digits
   * on either side: `CHK-123` never yields `CHK-12`.
   *
   * Where the keys have few distinct prefixes, a regular expression of them finds the next place a
   * key may start and the trie is walked only there: V8 runs the expression as machine code, and on
   * real histories (git's own: 82k commits, 53 MB of messages) the walk over every character was
   * ~0.7 s of a 1.9 s `report` (issue #13). The answer is findAllEveryPosition's (property-tested).
   */
  findAll(text: string): ReferenceMatch[] {
    const filter = this.prefilterOnce();
    const skip = filter === null ? null : (this.skipper ??= new RegExp(filter.source, 'gi'));
    return this.scan(text, skip);
  }

  /** findAll without the skip: the trie tried at every position (the oracle findAll is tested against). */
  findAllEveryPosition(text: string): ReferenceMatch[] {
    return this.scan(text, null);
  }

  private scan(text: string, skip: RegExp | null): ReferenceMatch[] {
    const out: ReferenceMatch[] = [];
    const rootNext = this.root.next;
    if (!rootNext) return out;
    const n = text.length;
    // Hot path (100k commit messages): most characters sit inside a word and can never start a
    // key, so they are skipped with one table look-up before any trie work. A key may start
    // where the character or the one before it is not a letter or digit.
    let prevAlnum = false;
    let i = 0;
    while (i < n) {
      if (skip !== null) {
        skip.lastIndex = i;
        const next = skip.exec(text);
        if (next === null) break;
        if (next.index !== i) prevAlnum = isAlnumAt(text, next.index - 1);
        i = next.index;
      }
      const code = text.charCodeAt(i);
      const alnum = code < 128 ? ASCII_ALNUM[code] === 1 : ALNUM.test(text[i] ?? '');
      if (alnum && prevAlnum) {
        i++;
        continue;
      }
      prevAlnum = alnum;
      const first = rootNext.get(fold(code));
      if (first === undefined) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = first;
      let j = i;
      let bestEnd = -1;
      let best: TrieNode | undefined;
      while (node) {
        j++;
        if (node.itemId !== undefined) {
          const endsWord = !(isAlnumAt(text, j - 1) && isAlnumAt(text, j)) && !continuesAsLongerKey(text, j);
          if (endsWord) {
            bestEnd = j;
            best = node;
          }
        }
        if (j >= n || !node.next) break;
        node = node.next.get(fold(text.charCodeAt(j)));
      }
      if (best?.itemId !== undefined) {
        const match = {
          itemId: best.itemId,
          text: text.slice(i, bestEnd),
          start: i,
          end: bestEnd,
          viaAlias: best.viaAlias,
        };
        out.push(best.shared ? { ...match, sharedWith: best.shared } : match);
        i = bestEnd;
        prevAlnum = isAlnumAt(text, bestEnd - 1);
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * False when `text` certainly names no key: it contains none of the keys' first characters
   * (ASCII case ignored, as findAll does). One regular-expression scan, compiled to machine code by
   * V8 even in a fresh process, where findAll's loop still runs in the interpreter: the comment
   * scan of a 10k-line file asks this of every comment line (issue #13, warm `why`).
   */
  mayMatch(text: string): boolean {
    const filter = this.prefilterOnce();
    return filter === null || filter.test(text);
  }

  /** The prefilter, built on first use by findAll or mayMatch (null: too many prefixes). */
  private prefilterOnce(): RegExp | null {
    if (this.prefilter === undefined) this.prefilter = buildPrefilter(this.prefixes);
    return this.prefilter;
  }

  /** The distinct item ids referenced in `text` (every owner of a shared ref), in order of first appearance. */
  itemIds(text: string): string[] {
    const seen = new Set<string>();
    for (const m of this.findAll(text)) for (const id of matchItemIds(m)) seen.add(id);
    return [...seen];
  }

  /** The match covering `offset`, if any (for hovers and links at a cursor). */
  at(text: string, offset: number): ReferenceMatch | undefined {
    return this.findAll(text).find((m) => m.start <= offset && offset <= m.end);
  }
}

/**
 * One alternation of the prefixes, case-insensitive without the `u` flag, so only ASCII letters
 * fold (as findAll's fold): a superset of what findAll can match. Null when there are too many.
 */
function buildPrefilter(prefixes: ReadonlySet<string>): RegExp | null {
  if (prefixes.size === 0) return /(?!)/;
  if (prefixes.size > MAX_PREFIXES) return null;
  const escaped = [...prefixes].map((p) => p.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'i');
}

/** Every item a match refers to: its item, then the others sharing the ref. */
export function matchItemIds(m: ReferenceMatch): readonly string[] {
  return m.sharedWith ? [m.itemId, ...m.sharedWith] : [m.itemId];
}

/** Convenience for callers that hold ids: is `key` the same id ignoring case? */
export function sameId(a: string, b: string): boolean {
  return idKey(a) === idKey(b);
}
