// The persisted commit graph (src/core/indexFile/commitGraphCodec.ts) is untrusted input: a round
// trip keeps every commit and parent in order, and no byte-level damage makes decode throw or
// return a graph that breaks its own invariants (head present, every listed parent a full sha).
import * as assert from 'node:assert/strict';
import { decodeCommitGraph, encodeCommitGraph } from '../../src/core/indexFile/commitGraphCodec';
import { packSectionFile } from '../../src/core/indexFile/sectionFile';
import type { GraphNode } from '../../src/core/linking/mergeInheritance';

function sha(n: number, len = 40): string {
  return n.toString(16).padStart(len, '0');
}

function graph(count: number, len = 40): { head: string; nodes: Map<string, GraphNode> } {
  const nodes = new Map<string, GraphNode>();
  for (let i = count; i >= 1; i--) {
    const parents = i === 1 ? [] : i % 5 === 0 && i > 2 ? [sha(i - 1, len), sha(i - 2, len)] : [sha(i - 1, len)];
    nodes.set(sha(i, len), { parents });
  }
  return { head: sha(count, len), nodes };
}

/** A section of an encoded file, as a view into its bytes (the container's layout: sectionFile.ts). */
function section(bytes: Uint8Array, name: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as {
    sections: Record<string, [number, number]>;
  };
  const [offset, length] = header.sections[name] ?? [0, 0];
  const start = (12 + headerLength + 7) & ~7;
  return bytes.subarray(start + offset, start + offset + length);
}

describe('commitGraphCodec', () => {
  for (const [name, g] of [
    ['one root commit', graph(1)],
    ['a history with merges', graph(50)],
    ['sha-256 names', graph(20, 64)],
  ] as const) {
    it(`round-trips ${name}`, () => {
      const decoded = decodeCommitGraph(encodeCommitGraph(g));
      assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
      assert.equal(decoded.graph.head, g.head);
      assert.deepEqual([...decoded.graph.nodes.entries()], [...g.nodes.entries()]);
    });
  }

  it("round-trips parents outside the graph (a shallow clone's boundary), each stored once", () => {
    const nodes = new Map<string, GraphNode>([
      [sha(3), { parents: [sha(2), sha(0xbeef)] }],
      [sha(2), { parents: [sha(0xbeef), sha(0xcafe)] }],
    ]);
    const bytes = encodeCommitGraph({ head: sha(3), nodes });
    const decoded = decodeCommitGraph(bytes);
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
    assert.deepEqual([...decoded.graph.nodes.entries()], [...nodes.entries()]);
    // Two names outside, one referenced twice: 40 bytes in the external table.
    assert.equal(section(bytes, 'external').length, 40);
  });

  it('stores each name once: parents are 4-byte references, not repeated shas', () => {
    // The budget this is for (issue #13): the whole cache within twice the commit index. A name
    // repeated per parent made a 100,000-commit graph 4.5 MB; references make it 2.8 MB.
    for (const count of [50, 500]) {
      const g = graph(count);
      let parents = 0;
      for (const node of g.nodes.values()) parents += node.parents.length;
      const columns = count * 20 + (count + 1) * 4 + parents * 4;
      const bytes = encodeCommitGraph(g);
      const header = bytes.length - columns;
      assert.ok(header > 0 && header < 400, `${bytes.length} bytes for ${count} commits, ${parents} parents`);
    }
  });

  it('refuses a version-1 file (parents as shas) with a reason, so the caller rebuilds', () => {
    const v1 = packSectionFile(
      { format: 'roadmap-lens-commit-graph', version: 1, head: sha(1), shaBytes: 20, count: 1 },
      new Map<string, ArrayBufferView>([
        ['shas', new Uint8Array(20)],
        ['parentOffsets', new Uint32Array(2)],
        ['parents', new Uint8Array(0)],
      ]),
    );
    assert.deepEqual(decodeCommitGraph(v1), { ok: false, reason: 'version 1, expected 2' });
  });

  it('refuses a parent reference past the name tables', () => {
    const bytes = encodeCommitGraph(graph(3));
    assert.ok(decodeCommitGraph(bytes).ok);
    const refs = section(bytes, 'parentRefs');
    new DataView(refs.buffer, refs.byteOffset, refs.byteLength).setUint32(refs.length - 4, 0x7fffffff, true);
    assert.deepEqual(decodeCommitGraph(bytes), { ok: false, reason: 'bad parent reference' });
  });

  it('refuses names that are not shas when encoding', () => {
    assert.throws(() => encodeCommitGraph({ head: 'HEAD', nodes: new Map([['HEAD', { parents: [] }]]) }), RangeError);
  });

  it('reports a head missing from the graph', () => {
    const g = graph(3);
    const bytes = encodeCommitGraph({ head: g.head, nodes: new Map([...g.nodes].slice(1)) });
    assert.deepEqual(decodeCommitGraph(bytes), { ok: false, reason: 'head not in the graph' });
  });

  it('never throws on damaged bytes, and what it accepts is a consistent graph (property)', () => {
    const good = encodeCommitGraph(graph(30));
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      const bytes = good.slice(0, round % 7 === 0 ? rand(good.length) : good.length);
      for (let k = 0; k < 1 + rand(4); k++) if (bytes.length > 0) bytes[rand(bytes.length)] = rand(256);
      const decoded = decodeCommitGraph(bytes);
      if (!decoded.ok) {
        assert.equal(typeof decoded.reason, 'string');
        continue;
      }
      assert.ok(decoded.graph.nodes.has(decoded.graph.head));
      for (const node of decoded.graph.nodes.values()) for (const p of node.parents) assert.match(p, /^[0-9a-f]{40}$/);
    }
  });
});
