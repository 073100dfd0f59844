// The persisted commit graph (`.git/roadmap-lens/commit-graph.bin`): every commit reachable from a
// head with its parents, and nothing else. `roadmap-lens why` needs exactly this to pass merge
// links on to the commits they brought in; reading it from a file instead of a full-history
// `git rev-list --parents` is what makes a second call cheap (issue #13).
//
// A cache file is untrusted input (another process, a crafted clone, a truncated write): decoding
// checks every length, offset and name and returns a one-line reason instead of throwing, and the
// caller rebuilds.
//
// Version 2 stores each name once: shas are raw bytes (20, or 32 for sha-256), and parents are
// uint32 references into that table (a CSR column), with a small table of their own for parents
// outside the graph (a shallow clone's boundary). Version 1 wrote every parent as a full sha: for
// 100,000 commits 4.5 MB against 2.8 MB now, which put the cache past its budget of twice the
// commit index (issue #13: "cache on disk ≤ 2 × the commit index alone").

import { isFullSha } from '../gitOutput/gitLogParser';
import type { GraphNode } from '../linking/mergeInheritance';
import { packSectionFile, readSectionFile } from './sectionFile';
import { readShaHex, writeShaBytes } from './shaBytes';

export const COMMIT_GRAPH_FORMAT = 'roadmap-lens-commit-graph';
export const COMMIT_GRAPH_VERSION = 2;
/** More commits than any real repository has (linux: ~1.3M): a bigger count is a crafted file. */
const MAX_COMMITS = 20_000_000;
const MAX_PARENTS_PER_COMMIT = 1024;

const SECTIONS = { shas: 1, parentOffsets: 4, parentRefs: 4, external: 1 } as const;

export interface GraphParts {
  readonly head: string;
  readonly nodes: ReadonlyMap<string, GraphNode>;
}

/** Throws a RangeError when a name is not lowercase hex of one length (git never prints such a commit). */
export function encodeCommitGraph(g: GraphParts): Uint8Array {
  const shaBytes = g.head.length / 2;
  const count = g.nodes.size;
  const indexOf = new Map<string, number>();
  const shas = new Uint8Array(count * shaBytes);
  let parentCount = 0;
  for (const [sha, node] of g.nodes) {
    if (!writeShaBytes(sha, shas, indexOf.size * shaBytes, shaBytes)) throw new RangeError(`not a commit name: ${sha}`);
    indexOf.set(sha, indexOf.size);
    parentCount += node.parents.length;
  }
  const parentOffsets = new Uint32Array(count + 1);
  const parentRefs = new Uint32Array(parentCount);
  const externalIndex = new Map<string, number>();
  let p = 0;
  let i = 0;
  for (const node of g.nodes.values()) {
    for (const parent of node.parents) {
      let ref = indexOf.get(parent);
      if (ref === undefined) {
        if (!isFullSha(parent) || parent.length !== 2 * shaBytes) throw new RangeError(`not a commit name: ${parent}`);
        ref = externalIndex.get(parent);
        if (ref === undefined) externalIndex.set(parent, (ref = count + externalIndex.size));
      }
      parentRefs[p++] = ref;
    }
    parentOffsets[++i] = p;
  }
  const external = new Uint8Array(externalIndex.size * shaBytes);
  for (const [sha, ref] of externalIndex) writeShaBytes(sha, external, (ref - count) * shaBytes, shaBytes);
  return packSectionFile(
    { format: COMMIT_GRAPH_FORMAT, version: COMMIT_GRAPH_VERSION, head: g.head, shaBytes, count },
    new Map<string, ArrayBufferView>([
      ['shas', shas],
      ['parentOffsets', parentOffsets],
      ['parentRefs', parentRefs],
      ['external', external],
    ]),
  );
}

export type DecodedGraph = { ok: true; graph: GraphParts } | { ok: false; reason: string };

/** Never throws: anything but a well-formed graph of the expected version is `{ ok: false, reason }`. */
export function decodeCommitGraph(bytes: Uint8Array): DecodedGraph {
  const file = readSectionFile(bytes, SECTIONS, (h) => {
    if (h['format'] !== COMMIT_GRAPH_FORMAT) return 'not a commit graph file';
    if (h['version'] !== COMMIT_GRAPH_VERSION)
      return `version ${String(h['version'])}, expected ${COMMIT_GRAPH_VERSION}`;
    return undefined;
  });
  if (typeof file === 'string') return { ok: false, reason: file };
  const { head, shaBytes, count } = file.header;
  if (shaBytes !== 20 && shaBytes !== 32) return { ok: false, reason: 'bad sha length' };
  if (typeof head !== 'string' || !isFullSha(head) || head.length !== shaBytes * 2)
    return { ok: false, reason: 'bad head' };
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > MAX_COMMITS)
    return { ok: false, reason: 'bad commit count' };
  const shas = file.bytes('shas');
  const offsets = file.uint32('parentOffsets');
  const refs = file.uint32('parentRefs');
  const external = file.bytes('external');
  if (shas.length !== count * shaBytes || offsets.length !== count + 1 || external.length % shaBytes !== 0)
    return { ok: false, reason: 'truncated' };
  if (offsets[0] !== 0 || offsets[count] !== refs.length) return { ok: false, reason: 'bad parent table' };
  // Every name once, as hex: parents are references into this list.
  const names: string[] = new Array<string>(count + external.length / shaBytes);
  for (let i = 0; i < count; i++) names[i] = readShaHex(shas, i * shaBytes, shaBytes);
  for (let k = 0; k * shaBytes < external.length; k++) names[count + k] = readShaHex(external, k * shaBytes, shaBytes);
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < count; i++) {
    const from = offsets[i] ?? 0;
    const to = offsets[i + 1] ?? 0;
    if (to < from || to - from > MAX_PARENTS_PER_COMMIT) return { ok: false, reason: 'bad parent table' };
    const list: string[] = [];
    for (let k = from; k < to; k++) {
      const name = names[refs[k] ?? names.length];
      if (name === undefined) return { ok: false, reason: 'bad parent reference' };
      list.push(name);
    }
    const sha = names[i] ?? '';
    if (nodes.has(sha)) return { ok: false, reason: 'a commit listed twice' };
    nodes.set(sha, { parents: list });
  }
  if (!nodes.has(head)) return { ok: false, reason: 'head not in the graph' };
  return { ok: true, graph: { head, nodes } };
}
