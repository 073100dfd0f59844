// attributeFile against the implementation it replaced (oracles/attributionOracle.ts: counted line
// by line, scanned comments every call) on random roadmaps, files, symbols and blames: every
// ranking, every line's evidence and every blame lookup must be the same. Also the same text asked
// twice (the comment scan and the finder's symbols are kept by content) gives the same answer as a
// fresh one, and a changed text or roadmap is never answered from the memo.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { attributeFile, type FileAttribution } from '../../src/core/attribution/attribution';
import type { AttributionInput, CommitItemLink } from '../../src/core/attribution/attributionTypes';
import { findSymbolsFresh, symbolRanges, type SymbolRange } from '../../src/core/attribution/symbolRanges';
import type { BlameCommit, BlameResult } from '../../src/core/gitOutput/blameParser';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';
import type { RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { oracleAttributeFile, type OracleFileAttribution } from './oracles/attributionOracle';
import { makeItem } from './roadmapFixtures';

const IDS = ['CHK-1', 'CHK-2', 'CHK-12', 'PAY-3', 'AB-10', 'ZED-7'];
const item = (id: string, paths: string[], aliases: string[]): RoadmapItem =>
  makeItem({ id, title: id, paths, aliases });

const itemArb = fc.record({
  id: fc.constantFrom(...IDS),
  paths: fc.subarray(['src/**', 'src/a.ts', 'lib/**', '**/*.ts', 'src/*.go']),
  aliases: fc.subarray(['#12', 'GH-4', 'ref-x']),
});
const roadmapArb = fc
  .uniqueArray(itemArb, { selector: (i) => i.id, minLength: 1, maxLength: IDS.length })
  .map((list) => {
    const items = list.map((i) => item(i.id, i.paths, i.aliases));
    const matcher = new ReferenceMatcher(items);
    const byKey = new Map<string, RoadmapItem>();
    for (const i of items) byKey.set(i.id.toUpperCase(), i);
    return { items, matcher, get: (id: string) => byKey.get(id.toUpperCase()) };
  });

const lineArb = fc.oneof(
  fc.constantFrom('', '  x();', '}', '{', 'function f() {', 'class C {', '  m() {', '/**', ' */', ' * text'),
  fc
    .constantFrom(...IDS, '#12', 'GH-4', 'NOPE-1')
    .chain((id) =>
      fc.constantFrom(`// ${id}`, `  y(); // Roadmap: ${id}`, ` * see ${id}`, `/* ${id} */ z();`, `# ${id}`),
    ),
);

const SHAS = ['1'.repeat(40), '2'.repeat(40), '3'.repeat(40), '0'.repeat(40)];

function blameOf(commits: BlameCommit[], lineCommit: number[]): BlameResult {
  return {
    commits,
    filenames: ['src/a.ts'],
    lineCount: lineCommit.length,
    lineCommit: Int32Array.from(lineCommit),
    lineOrig: Int32Array.from(lineCommit, (_, i) => i + 1),
    lineFile: new Int32Array(lineCommit.length),
  };
}

const inputArb = fc
  .record({
    roadmap: roadmapArb,
    lines: fc.array(lineArb, { maxLength: 80 }),
    relPath: fc.constantFrom('src/a.ts', 'lib/b.go', 'other.txt'),
    commits: fc.array(
      fc.record({ sha: fc.constantFrom(...SHAS), time: fc.integer({ min: 0, max: 2000 }), boundary: fc.boolean() }),
      { maxLength: 4 },
    ),
    links: fc.array(fc.array(fc.constantFrom(...IDS, 'GH-4', 'NOPE-1'), { maxLength: 3 }), {
      minLength: 4,
      maxLength: 4,
    }),
    history: fc.constantFrom('blame', 'none', 'untracked'),
    extraLines: fc.integer({ min: -5, max: 5 }),
    currentItemId: fc.option(fc.constantFrom(...IDS, 'NOPE-1'), { nil: undefined }),
    symbols: fc.array(
      fc.record({
        start: fc.nat(90),
        length: fc.nat(40),
        depth: fc.nat(3),
        kind: fc.constantFrom('class', 'method', 'function', 'file'),
      }),
      { maxLength: 8 },
    ),
    seed: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 90, maxLength: 90 }),
  })
  .map((r): AttributionInput => {
    const unique = r.commits.filter((c, i) => r.commits.findIndex((d) => d.sha === c.sha) === i);
    const commits: BlameCommit[] = unique.map((c) => ({
      sha: c.sha,
      author: 'A',
      authorMail: 'a@x',
      authorTime: c.time,
      authorTz: '+0000',
      summary: `s ${c.sha.slice(0, 3)}`,
      boundary: c.boundary,
      uncommitted: c.sha === SHAS[3],
    }));
    const blameLines = Math.max(0, r.lines.length + r.extraLines);
    // Runs of the same commit, as blame gives them, with a few single lines between.
    const lineCommit = Array.from({ length: blameLines }, (_, i) => {
      const c = r.seed[Math.floor(i / 3) % r.seed.length] ?? -1;
      return c < commits.length ? c : -1;
    });
    const linkMap = new Map<string, CommitItemLink[]>(
      SHAS.map((sha, i) => [sha, (r.links[i] ?? []).map((itemId) => ({ itemId, evidence: `how ${i}` }))]),
    );
    const symbols: SymbolRange[] = r.symbols.map((s, i) => ({
      name: `s${i}`,
      kind: s.kind,
      startLine: s.start,
      endLine: s.start + s.length,
      depth: s.depth,
    }));
    return {
      lines: r.lines,
      relPath: r.relPath,
      roadmap: r.roadmap,
      symbols,
      currentItemId: r.currentItemId,
      now: 5000,
      ...(r.history === 'blame'
        ? { blame: blameOf(commits, lineCommit), commits: { linksFor: (sha: string) => linkMap.get(sha) } }
        : r.history === 'untracked'
          ? { allUncommitted: true }
          : {}),
    };
  });

function assertSame(actual: FileAttribution, expected: OracleFileAttribution, input: AttributionInput): void {
  assert.deepEqual(actual.items, expected.items);
  assert.deepEqual(actual.symbols, expected.symbols);
  assert.deepEqual(actual.annotations, expected.annotations);
  assert.equal(actual.lineCount, expected.lineCount);
  for (let l = -1; l <= input.lines.length; l++) {
    assert.deepEqual(actual.itemsAt(l), expected.itemsAt(l), `line ${l}`);
    assert.deepEqual(actual.commitAt(l), expected.commitAt(l), `commit at ${l}`);
  }
  const n = input.lines.length;
  for (const [a, b] of [
    [0, n - 1],
    [-3, 2],
    [1, 1],
    [2, n + 4],
    [Math.floor(n / 2), n],
    [5, 3],
  ] as const)
    assert.deepEqual(actual.rankRange(a, b), expected.rankRange(a, b), `range ${a}..${b}`);
}

describe('attributeFile against the line-by-line oracle (properties)', () => {
  it('gives the oracle’s rankings, evidence and blame for random roadmaps, files, symbols and blames', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        assertSame(attributeFile(input), oracleAttributeFile(input), input);
        // Asked again with the same text (the comment scan from the memo): the same answer.
        assertSame(attributeFile({ ...input, lines: [...input.lines] }), oracleAttributeFile(input), input);
      }),
      { numRuns: 400 },
    );
  });

  it('never answers a changed text or roadmap from the memo', () => {
    const items = [item('CHK-1', [], []), item('PAY-3', [], [])];
    const roadmapOf = (list: RoadmapItem[]): AttributionInput['roadmap'] => {
      const matcher = new ReferenceMatcher(list);
      return { items: list, matcher, get: (id) => list.find((i) => i.id === id) };
    };
    const roadmap = roadmapOf(items);
    const first = attributeFile({ lines: ['// CHK-1', 'x'], relPath: 'a.ts', roadmap });
    assert.deepEqual(
      first.items.map((i) => i.itemId),
      ['CHK-1'],
    );
    const edited = attributeFile({ lines: ['// PAY-3', 'x'], relPath: 'a.ts', roadmap });
    assert.deepEqual(
      edited.items.map((i) => i.itemId),
      ['PAY-3'],
    );
    // The same text under a roadmap without CHK-1: its comment no longer names an item.
    const without = attributeFile({ lines: ['// CHK-1', 'x'], relPath: 'a.ts', roadmap: roadmapOf([items[1]!]) });
    assert.deepEqual(without.items, []);
    // And back to the first roadmap: CHK-1 again.
    assert.deepEqual(
      attributeFile({ lines: ['// CHK-1', 'x'], relPath: 'a.ts', roadmap }).items.map((i) => i.itemId),
      ['CHK-1'],
    );
  });

  it('symbolRanges from the memo equals the finder run afresh, and a hit is a copy', () => {
    const text = ['class A {', '  m() {', '    x();', '  }', '}', 'function f() {', '}'];
    const fresh = findSymbolsFresh('a.ts', text);
    const once = symbolRanges('a.ts', [...text]);
    assert.deepEqual(once, fresh);
    once.pop();
    assert.deepEqual(symbolRanges('a.ts', [...text]), fresh);
    // Another language for the same text is another answer (Python reads none of these).
    assert.deepEqual(symbolRanges('a.py', [...text]), symbolRanges('b.py', text.slice()));
    assert.notDeepEqual(symbolRanges('a.py', [...text]), fresh);
    // One character changed: not from the memo.
    const edited = [...text];
    edited[5] = 'function g() {';
    assert.equal(symbolRanges('a.ts', edited).find((s) => s.startLine === 5)?.name, 'g');
  });
});
