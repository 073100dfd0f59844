// Bad input never breaks attribution: random text through the blame parser, the comment scanner,
// the symbol heuristic and attributeFile, checking the invariants every caller relies on.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanAnnotations } from '../../src/core/attribution/annotations';
import { attributeFile } from '../../src/core/attribution/attribution';
import { parseBlame } from '../../src/core/gitOutput/blameParser';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';
import { symbolRanges } from '../../src/core/attribution/symbolRanges';
import type { RoadmapItem } from '../../src/core/roadmap/roadmapTypes';

const item = (id: string, paths: string[] = []): RoadmapItem => ({
  id,
  kind: 'feature',
  title: id,
  metrics: [],
  links: [],
  branches: [],
  paths,
  aliases: [],
  location: { file: 'r.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  idLocation: { file: 'r.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
});
const items = [item('CHK-12', ['src/**']), item('PAY-3')];
const matcher = new ReferenceMatcher(items);
const roadmap = { items, matcher, get: (id: string) => items.find((i) => i.id.toUpperCase() === id.toUpperCase()) };

const codeChar = fc.constantFrom(
  '{',
  '}',
  '(',
  ')',
  '"',
  "'",
  '`',
  '/',
  '*',
  '#',
  '-',
  ';',
  '<',
  '!',
  ' ',
  '\t',
  '\r',
  'a',
  'x',
  '=',
  '>',
  '\\',
  'CHK-12',
  'PAY-3',
  'function f',
  'class C',
  'def g():',
  '\n',
);
const codeText = fc.array(codeChar, { maxLength: 300 }).map((parts) => parts.join(''));
const SHA = 'a'.repeat(40);

describe('attribution on arbitrary input (properties)', () => {
  it('symbol ranges stay inside the file, start ≤ end, in any language', () => {
    fc.assert(
      fc.property(codeText, fc.constantFrom('a.ts', 'a.py', 'a.go', 'a.rs', 'A.java', 'a.c', 'a.md'), (text, file) => {
        const lines = text.split('\n');
        for (const s of symbolRanges(file, lines)) {
          assert.ok(s.startLine >= 0 && s.startLine <= s.endLine && s.endLine < lines.length, JSON.stringify(s));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the blame parser never throws and keeps per-line arrays consistent', () => {
    const blameLine = fc.oneof(
      fc.tuple(fc.nat(50), fc.nat(50), fc.nat(5)).map(([o, f, n]) => `${SHA} ${o + 1} ${f + 1} ${n}`),
      fc.constantFrom(
        'author A',
        'author-time x',
        'summary s',
        'boundary',
        'filename "q\\303\\244"',
        'filename plain',
        '\tcontent',
        '',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(blameLine, { maxLength: 60 }), (out) => {
        const r = parseBlame(out.join('\n'));
        assert.equal(r.lineCommit.length, r.lineCount);
        assert.equal(r.lineFile.length, r.lineCount);
        for (const c of r.lineCommit) assert.ok(c >= -1 && c < r.commits.length);
      }),
      { numRuns: 300 },
    );
  });

  it('attributeFile answers every line, counts never exceed the range, with or without blame', () => {
    fc.assert(
      fc.property(codeText, fc.boolean(), (text, withBlame) => {
        const lines = text.split('\n');
        const blame = withBlame
          ? parseBlame(`${SHA} 1 1 ${Math.max(1, lines.length - 1)}\nauthor A\nauthor-time 5\nfilename a.ts\n`)
          : undefined;
        const f = attributeFile({
          lines,
          relPath: 'src/a.ts',
          roadmap,
          blame,
          commits: { linksFor: () => [{ itemId: 'PAY-3', evidence: 'message' }] },
          symbols: symbolRanges('a.ts', lines),
        });
        for (const s of f.items) assert.ok(s.lines >= 1 && s.lines <= lines.length);
        for (const sym of f.symbols) for (const s of sym.items) assert.ok(s.lines <= sym.lines);
        for (let l = 0; l < lines.length; l++)
          assert.ok(
            f.itemsAt(l).some((i) => i.itemId === 'CHK-12'),
            'ownership covers every line',
          );
        assert.equal(scanAnnotations(lines, matcher).kinds.length, lines.length);
      }),
      { numRuns: 200 },
    );
  });

  it('handles a 100k-line file', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      i % 1000 === 0 ? `function f${i}() { // PAY-3` : i % 1000 === 999 ? '}' : `  x(${i});`,
    );
    const symbols = symbolRanges('big.ts', lines);
    assert.equal(symbols.length, 100);
    const f = attributeFile({ lines, relPath: 'big.ts', roadmap, symbols });
    assert.deepEqual(
      f.items.map((i) => [i.itemId, i.lines]),
      [['PAY-3', 100_000]],
    );
  });
});
