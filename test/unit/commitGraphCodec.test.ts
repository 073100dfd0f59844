// The persisted commit graph (src/core/indexFile/commitGraphCodec.ts) is untrusted input: a round
// trip keeps every commit and parent in order, and no byte-level damage makes decode throw or
// return a graph that breaks its own invariants (head present, every listed parent a full sha).
import * as assert from 'node:assert/strict';
import { decodeCommitGraph, encodeCommitGraph } from '../../src/core/indexFile/commitGraphCodec';
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
