// The roadmap parser thread, driven through the real bundle (dist/roadmapParseWorker.js, built by
// `npm run build` before these tests): same answers as parsing inline, in any order, and no
// caller left waiting when the thread is missing, fails or is disposed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { INLINE_PARSE_LIMIT, RoadmapParser } from '../../src/roadmap/model/roadmapParser';
import { SPEC_EXAMPLE } from '../unit/roadmapFixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKER = path.join(ROOT, 'dist', 'roadmapParseWorker.js');

/** A roadmap bigger than the inline limit: `count` features under one epic, with whys and metrics. */
function bigRoadmap(prefix: string, count: number, broken = false): string {
  const lines = [
    'version: 1',
    `product: ${prefix} product`,
    'items:',
    `  - id: ${prefix}`,
    '    kind: epic',
    `    title: ${prefix} epic`,
    '    items:',
  ];
  for (let i = 0; i < count; i++) {
    lines.push(
      `      - id: ${prefix}-${i}`,
      '        kind: feature',
      `        title: Feature ${i} — ünïcode, "quotes" and: colons`,
      `        why: Shoppers number ${i} rebuild their cart by hand every week.`,
      '        metrics:',
      `          - { name: reorder rate ${i}, baseline: 1%, target: 2% }`,
      `        refs: [PAY-${1000 + i}]`,
    );
  }
  if (broken) lines.push('      - id: [unclosed', '        kind: : feature');
  return `${lines.join('\n')}\n`;
}

describe('roadmap parser thread (real bundled worker)', function () {
  this.timeout(60_000);

  before(function () {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run \`npm run build\` first`);
  });

  it('answers exactly as an inline parse, for big files, concurrently and in order of the requests', async () => {
    const problems: string[] = [];
    const parser = new RoadmapParser(WORKER, (m) => problems.push(m));
    const texts = ['AAA', 'BBB', 'CCC', 'DDD'].map((p, i) => bigRoadmap(p, 300 + i * 40, i === 2));
    assert.ok(
      texts.every((t) => t.length >= INLINE_PARSE_LIMIT),
      'the fixtures go to the worker',
    );
    const results = await Promise.all(texts.map((t, i) => parser.parse(`file:///r${i}.yaml`, t)));
    assert.equal(parser.usesWorker, true);
    results.forEach((r, i) => assert.deepEqual(r, parseRoadmapFile(`file:///r${i}.yaml`, texts[i] ?? '')));
    assert.equal(results[1]?.items.length, 341);
    assert.ok((results[2]?.diagnostics.length ?? 0) > 0, 'the broken file keeps its diagnostics');
    assert.deepEqual(problems, []);
    parser.dispose();
  });

  it('parses small files inline, without starting the thread', async () => {
    const parser = new RoadmapParser(WORKER);
    assert.deepEqual(
      await parser.parse('file:///spec.yaml', SPEC_EXAMPLE),
      parseRoadmapFile('file:///spec.yaml', SPEC_EXAMPLE),
    );
    assert.equal(parser.usesWorker, false);
    parser.dispose();
  });

  it('falls back to inline parsing when the thread cannot start, and says so once', async () => {
    const problems: string[] = [];
    const parser = new RoadmapParser(path.join(ROOT, 'dist', 'no-such-worker.js'), (m) => problems.push(m));
    const text = bigRoadmap('EEE', 300);
    const [a, b] = await Promise.all([parser.parse('file:///a.yaml', text), parser.parse('file:///b.yaml', text)]);
    assert.deepEqual(a, parseRoadmapFile('file:///a.yaml', text));
    assert.deepEqual(b, parseRoadmapFile('file:///b.yaml', text));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /parsing inline/);
    // Later parses go inline straight away.
    assert.deepEqual(await parser.parse('file:///c.yaml', text), parseRoadmapFile('file:///c.yaml', text));
    assert.equal(problems.length, 1);
  });

  it('answers pending requests inline when disposed mid-way', async () => {
    const parser = new RoadmapParser(WORKER);
    const text = bigRoadmap('FFF', 600);
    const pending = parser.parse('file:///f.yaml', text);
    parser.dispose();
    assert.deepEqual(await pending, parseRoadmapFile('file:///f.yaml', text));
    assert.deepEqual(await parser.parse('file:///g.yaml', text), parseRoadmapFile('file:///g.yaml', text));
  });
});
