// The persisted form of a CommitIndex: columnar JSON (one string of all shas, parent links as
// indices, an author table, flat number arrays) because JSON.parse reads a few long arrays far
// faster than 100k small ones: reloading must cost a small fraction of a cold build.
// Decoding validates everything and reports failure as a value, never a throw.

import type { Evidence, EvidenceKind } from './commitLinks';
import type { RawCommit } from './gitLogParser';

export const COMMIT_INDEX_FORMAT = 'roadmap-lens-commit-index';
export const COMMIT_INDEX_VERSION = 2;

const KIND_CODES: readonly EvidenceKind[] = ['message', 'trailer', 'squash', 'merge', 'branch-tag'];

export interface IndexParts {
  readonly head: string | undefined;
  readonly fingerprint: string;
  readonly commits: readonly RawCommit[];
  /** Message/trailer/squash links per commit (merge and inherited links are recomputed). */
  readonly direct: (sha: string) => readonly Evidence[] | undefined;
}

export interface DecodedParts {
  readonly head: string | undefined;
  readonly fingerprint: string;
  readonly commits: RawCommit[];
  readonly direct: Map<string, Evidence[]>;
}

class Table {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  id(s: string): number {
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.map.set(s, i);
    }
    return i;
  }
}

export function encodeIndex(p: IndexParts): string {
  const shaLength = p.commits[0]?.sha.length ?? 40;
  const position = new Map<string, number>();
  p.commits.forEach((c, i) => position.set(c.sha, i));
  const external = new Table();
  const people = new Table();
  const items = new Table();
  const parents: number[] = [];
  const links: number[] = [];
  for (const c of p.commits) {
    parents.push(c.parents.length);
    for (const parent of c.parents) parents.push(position.get(parent) ?? -1 - external.id(parent));
    const d = p.direct(c.sha) ?? [];
    links.push(d.length);
    for (const e of d) links.push(items.id(e.itemId), KIND_CODES.indexOf(e.kind));
  }
  return JSON.stringify({
    format: COMMIT_INDEX_FORMAT,
    version: COMMIT_INDEX_VERSION,
    head: p.head ?? null,
    fingerprint: p.fingerprint,
    shaLength,
    shas: p.commits.map((c) => c.sha).join(''),
    external: external.list.join(''),
    parents,
    author: p.commits.map((c) => people.id(c.author)),
    email: p.commits.map((c) => people.id(c.email)),
    people: people.list,
    time: p.commits.map((c) => c.time),
    message: p.commits.map((c) => c.message),
    items: items.list,
    links,
  });
}

function isHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

const isNumArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x));
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function decodeIndex(text: string): DecodedParts | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `unreadable: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a commit index';
  const d = data as Record<string, unknown>;
  if (d['format'] !== COMMIT_INDEX_FORMAT) return 'not a commit index';
  if (d['version'] !== COMMIT_INDEX_VERSION) return `version ${String(d['version'])} is not ${COMMIT_INDEX_VERSION}`;
  const { head, fingerprint, shaLength, shas, external, parents, people, author, email, time, message, items, links } = d;
  if ((head !== null && typeof head !== 'string') || typeof fingerprint !== 'string' || (shaLength !== 40 && shaLength !== 64)) return 'malformed header';
  if (typeof shas !== 'string' || typeof external !== 'string' || !isStrArray(people) || !isStrArray(message) || !isStrArray(items)) return 'malformed columns';
  if (!isNumArray(parents) || !isNumArray(author) || !isNumArray(email) || !isNumArray(time) || !isNumArray(links)) return 'malformed columns';
  const n = message.length;
  if (shas.length !== n * shaLength || external.length % shaLength !== 0 || author.length !== n || email.length !== n || time.length !== n) return 'column lengths disagree';
  if (!isHex(shas) || !isHex(external)) return 'malformed sha';
  const shaAt = (i: number): string => shas.slice(i * shaLength, (i + 1) * shaLength);
  const externalCount = external.length / shaLength;
  const commits: RawCommit[] = [];
  const direct = new Map<string, Evidence[]>();
  let pp = 0;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    const count = parents[pp++];
    if (count === undefined || count < 0 || pp + count > parents.length) return 'malformed parents';
    const list: string[] = [];
    for (let k = 0; k < count; k++) {
      const ref = parents[pp++] ?? 0;
      if (ref >= n || -1 - ref >= externalCount) return 'parent out of range';
      list.push(ref >= 0 ? shaAt(ref) : external.slice((-1 - ref) * shaLength, (-ref) * shaLength));
    }
    const a = people[author[i] ?? -1];
    const e = people[email[i] ?? -1];
    if (a === undefined || e === undefined) return 'person out of range';
    const sha = shaAt(i);
    commits.push({ sha, parents: list, author: a, email: e, time: time[i] ?? 0, message: message[i] ?? '' });
    const linkCount = links[lp++];
    if (linkCount === undefined || linkCount < 0 || lp + 2 * linkCount > links.length) return 'malformed links';
    if (linkCount > 0) {
      const ev: Evidence[] = [];
      for (let k = 0; k < linkCount; k++) {
        const itemId = items[links[lp++] ?? -1];
        const kind = KIND_CODES[links[lp++] ?? -1];
        if (itemId === undefined || kind === undefined) return 'link out of range';
        ev.push({ itemId, kind });
      }
      direct.set(sha, ev);
    }
  }
  if (pp !== parents.length || lp !== links.length) return 'trailing data';
  if (head !== null && !commits.some((c) => c.sha === head)) return 'head not in index';
  return { head: head ?? undefined, fingerprint, commits, direct };
}
