// What `why FILE` needs from history beyond the blame, persisted per blame (`<cache>/why-links/`,
// see fs/whyLinksStore.ts): for each commit the blame names, its parent count and the merges it
// inherits from, and the messages of all of those. With it a second call links the blamed commits
// without decoding the whole commit graph (~50 ms for 10k commits) and without a `git log` process.
//
// None of it depends on the roadmap (messages are linked with the roadmap of the call), only on
// HEAD and the blamed commits, so it is keyed like the blame store (HEAD, path, digest of the
// bytes): a file under another key is a miss.
//
// A cache file is untrusted input (a truncated write, another version, a crafted clone): decoding
// checks every field and cross-reference and returns a one-line reason instead of throwing.

import type { BlameKey } from './blameCodec';

export const WHY_LINKS_FORMAT = 'roadmap-lens-why-links';
export const WHY_LINKS_VERSION = 1;

/** More commits than a blame names (a 10k-line file touched by 2,000 commits: ~2,000 plus merges). */
const MAX_COMMITS = 1_000_000;
const MAX_PARENTS = 1024;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** What lookupCommitLinks needs of the commit graph, for exactly the commits it is asked about. */
export interface WhyLinks {
  /** Blamed commits outside the graph of HEAD (they get no links, as in the full index). */
  readonly outside: ReadonlySet<string>;
  /** Blamed commits in the graph: the merges each inherits from, outermost first. */
  readonly merges: ReadonlyMap<string, readonly string[]>;
  /** Parent counts of the blamed commits and of their merges. */
  readonly parentCounts: ReadonlyMap<string, number>;
  /** Messages of the blamed commits and of their merges. */
  readonly messages: ReadonlyMap<string, string>;
}

/** [sha, parent count, message, merges (blamed commits) or null (a merge only)] */
type CommitRow = [string, number, string, string[] | null];

interface WhyLinksJson {
  format: string;
  version: number;
  key: BlameKey;
  outside: string[];
  commits: CommitRow[];
}

/** The JSON text of `links` under `key`, as UTF-8 bytes. */
export function encodeWhyLinks(key: BlameKey, links: WhyLinks): Uint8Array {
  const commits: CommitRow[] = [];
  for (const [sha, count] of links.parentCounts) {
    const merges = links.merges.get(sha);
    commits.push([sha, count, links.messages.get(sha) ?? '', merges ? [...merges] : null]);
  }
  const json: WhyLinksJson = {
    format: WHY_LINKS_FORMAT,
    version: WHY_LINKS_VERSION,
    key: { head: key.head, path: key.path, digest: key.digest },
    outside: [...links.outside],
    commits,
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

export type DecodedWhyLinks =
  | { readonly ok: true; readonly links: WhyLinks }
  /** `otherKey`: a valid file of another key (not damage: a plain miss). */
  | { readonly ok: false; readonly reason: string; readonly otherKey?: boolean };

function fail(reason: string): DecodedWhyLinks {
  return { ok: false, reason };
}

/** Never throws: anything but a well-formed file of the expected version and `key` is `{ ok: false }`. */
export function decodeWhyLinks(bytes: Uint8Array, key: BlameKey): DecodedWhyLinks {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('not JSON');
  }
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const j = json as Partial<Record<keyof WhyLinksJson, unknown>>;
  if (j.format !== WHY_LINKS_FORMAT) return fail('not a why-links file');
  if (j.version !== WHY_LINKS_VERSION) return fail(`version ${String(j.version)}, expected ${WHY_LINKS_VERSION}`);
  const k = j.key as Partial<Record<keyof BlameKey, unknown>> | null | undefined;
  if (typeof k !== 'object' || k === null) return fail('no key');
  if (k.head !== key.head || k.path !== key.path || k.digest !== key.digest)
    return { ok: false, reason: 'another key', otherKey: true };
  if (!Array.isArray(j.outside) || !Array.isArray(j.commits)) return fail('missing fields');
  if (j.outside.length + j.commits.length > MAX_COMMITS) return fail('too many commits');
  const shaLength = key.head.length;
  const isSha = (v: unknown): v is string => typeof v === 'string' && v.length === shaLength && SHA.test(v);
  const outside = new Set<string>();
  for (const sha of j.outside as unknown[]) {
    if (!isSha(sha)) return fail('bad commit name');
    outside.add(sha);
  }
  const merges = new Map<string, readonly string[]>();
  const parentCounts = new Map<string, number>();
  const messages = new Map<string, string>();
  for (const row of j.commits as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4) return fail('bad commit row');
    const [sha, count, message, inherits] = row as unknown[];
    if (!isSha(sha) || parentCounts.has(sha) || outside.has(sha)) return fail('bad or repeated commit name');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_PARENTS)
      return fail('bad parent count');
    if (typeof message !== 'string') return fail('bad message');
    if (inherits !== null) {
      if (!Array.isArray(inherits) || inherits.length > MAX_COMMITS || !inherits.every(isSha))
        return fail('bad merge list');
      merges.set(sha, inherits);
    }
    parentCounts.set(sha, count);
    messages.set(sha, message);
  }
  // Every merge named must be a commit of the file, with its message: else links would be missing.
  for (const list of merges.values()) for (const m of list) if (!parentCounts.has(m)) return fail('unknown merge');
  return { ok: true, links: { outside, merges, parentCounts, messages } };
}

/** Whether `links` answers for every one of `blamed` (committed shas): else the graph is needed. */
export function whyLinksCover(links: WhyLinks, blamed: readonly string[]): boolean {
  return blamed.every((sha) => links.merges.has(sha) || links.outside.has(sha));
}
