// The roadmaps shown in README.md and docs/ are what users copy first: each must load with no
// problem at all, through the same parser and index as the extension and the CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';

const root = path.resolve(__dirname, '../../..');

/** Fenced ```yaml blocks that are whole roadmap files (they start with `version:`). */
function roadmapExamples(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)]
    .map((m) => m[1] ?? '')
    .filter((block) => block.startsWith('version:'));
}

describe('roadmap examples in the docs', () => {
  for (const file of ['README.md', 'docs/roadmap-format.md']) {
    it(`${file}: every example roadmap loads without a problem`, () => {
      const examples = roadmapExamples(file);
      assert.ok(examples.length > 0, `${file} shows a roadmap`);
      for (const example of examples) {
        const index = RoadmapIndex.build([parseRoadmapFile('roadmap.yaml', example)]);
        assert.deepEqual(
          index.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
          [],
          example,
        );
        assert.ok(index.items.length >= 2, 'items were read');
      }
    });
  }
});

describe('README.md (the extension page)', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it('stays a two-minute read: under 200 lines', () => {
    assert.ok(readme.split('\n').length < 200, `${readme.split('\n').length} lines: move detail into docs/`);
  });

  it('carries no benchmark timestamps or CI internals (they live in docs/)', () => {
    assert.doesNotMatch(readme, /\b\d{1,2}:\d{2} UTC\b|\b20\d\d-\d\d-\d\d \d\d:\d\d\b/, 'a measured-at time');
    assert.doesNotMatch(readme, /\.ci\/|bench\/results/, 'CI or bench internals');
  });
});
