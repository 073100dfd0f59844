// The commit graph `why` keeps in `.git/roadmap-lens/commit-graph.bin` (src/cli/cachedGraph.ts):
// written by the first call, reused by the next (fewer git processes, no full-history rev-list),
// brought up to HEAD after a commit, rebuilt after a history rewrite, ignored with one note when
// corrupt, truncated, foreign or not a regular file, skipped with --no-cache, and moved to the
// user's cache when `.git/roadmap-lens` cannot be used. Every answer is compared with the answer
// of `--no-cache` on the same repository: the cache may change the cost, never the result.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WhyJson } from '../../src/cli/whyCommand';
import { COMMIT_GRAPH_VERSION, decodeCommitGraph, encodeCommitGraph } from '../../src/core/indexFile/commitGraphCodec';
import { tempDir, TestRepo } from './gitFixture';
import { analyzeCounting, mergedBranchRepo } from './mergedBranchRepo';
import { whyJson } from './whyJson';

const ROADMAP = [
  'version: 1',
  'product: Shop',
  'items:',
  '  - id: CHK',
  '    kind: epic',
  '    title: Checkout',
  '    items:',
  '      - id: CHK-12',
  '        kind: feature',
  '        title: One-click reorder',
  '      - id: CHK-13',
  '        kind: feature',
  '        title: Saved carts',
  '',
].join('\n');

const analyze = analyzeCounting;

const makeRepo = (): TestRepo => mergedBranchRepo(ROADMAP);

const cacheFile = (repo: TestRepo): string => path.join(repo.dir, '.git', 'roadmap-lens', 'commit-graph.bin');

/**
 * A second call on the same file and HEAD links its blame from the why-links cache without the
 * graph (whyLinksCache.test.ts): these tests are about the graph, so they remove that first.
 */
function forgetWhyLinks(cacheDir: string): void {
  fs.rmSync(path.join(cacheDir, 'why-links'), { recursive: true, force: true });
}
const repoCacheDir = (repo: TestRepo): string => path.join(repo.dir, '.git', 'roadmap-lens');

async function sameAsNoCache(repo: TestRepo, file = 'src/cart.ts'): Promise<WhyJson> {
  const cached = await whyJson(repo.dir, file);
  const fresh = await whyJson(repo.dir, file, '--no-cache');
  assert.deepEqual(cached.json, fresh.json);
  return cached.json;
}

describe('why: the commit graph cache', function () {
  this.timeout(60_000);

  it('is written by the first call and reused by the next, with fewer git processes and the same answer', async () => {
    const repo = makeRepo();
    const first = await analyze(repo.dir, 'src/cart.ts');
    assert.equal(first.a.graphSource, 'cold');
    assert.ok(fs.statSync(cacheFile(repo)).isFile());
    const decoded = decodeCommitGraph(fs.readFileSync(cacheFile(repo)));
    assert.ok(decoded.ok);
    assert.equal(decoded.graph.head, repo.head());
    assert.equal(decoded.graph.nodes.size, Number(repo.git('rev-list', '--count', 'HEAD').trim()));

    forgetWhyLinks(repoCacheDir(repo));
    const second = await analyze(repo.dir, 'src/cart.ts');
    assert.equal(second.a.graphSource, 'unchanged');
    // At most: the second call's blame comes from the blame store, which stops git blame, and
    // whether that process had started by then is a race (so no exact count).
    assert.ok(
      second.gitProcesses <= first.gitProcesses - 1,
      `the rev-list of all history is not run again (${second.gitProcesses} vs ${first.gitProcesses} processes)`,
    );
    assert.deepEqual(second.a.notes, []);
    const json = await sameAsNoCache(repo);
    // The merge's item reached the line its branch added: the graph was used.
    const saved = json.perLine?.find((l) => l.line === 4);
    assert.ok(saved?.items.some((i) => i.id === 'CHK-13'));
  });

  it('is brought up to HEAD after new commits, without a full rebuild', async () => {
    const repo = makeRepo();
    await analyze(repo.dir, 'src/cart.ts');
    repo.commit('CHK-12: more', 'src/cart.ts', 'a\nb\nc\nsaved\nmore\n');
    const after = await analyze(repo.dir, 'src/cart.ts');
    assert.equal(after.a.graphSource, 'updated');
    const decoded = decodeCommitGraph(fs.readFileSync(cacheFile(repo)));
    assert.ok(decoded.ok && decoded.graph.head === repo.head());
    await sameAsNoCache(repo);
  });

  it('is rebuilt when history was rewritten (reset, amend)', async () => {
    const repo = makeRepo();
    await analyze(repo.dir, 'src/cart.ts');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.commit('CHK-12: instead of the merge', 'src/cart.ts', 'a\nb\nc\nother\n');
    const after = await analyze(repo.dir, 'src/cart.ts');
    assert.equal(after.a.graphSource, 'rebuilt');
    const decoded = decodeCommitGraph(fs.readFileSync(cacheFile(repo)));
    assert.ok(decoded.ok);
    assert.equal(decoded.graph.nodes.size, Number(repo.git('rev-list', '--count', 'HEAD').trim()));
    const json = await sameAsNoCache(repo);
    assert.ok(!json.perLine?.some((l) => l.items.some((i) => i.id === 'CHK-13')), 'the dropped merge links nothing');
  });

  const corruptions: readonly [string, (file: string, valid: Buffer) => void][] = [
    ['garbage bytes', (f) => fs.writeFileSync(f, 'not a cache file at all\n')],
    ['a truncated file', (f, valid) => fs.writeFileSync(f, valid.subarray(0, Math.floor(valid.length / 2)))],
    ['an empty file', (f) => fs.writeFileSync(f, '')],
    [
      'another version',
      (f, valid) => {
        const text = valid.toString('latin1').replace(`"version":${COMMIT_GRAPH_VERSION}`, '"version":9');
        fs.writeFileSync(f, Buffer.from(text, 'latin1'));
      },
    ],
    [
      'a parent table pointing past its end',
      (f, valid) => {
        const decoded = decodeCommitGraph(valid);
        assert.ok(decoded.ok);
        const bytes = Buffer.from(encodeCommitGraph(decoded.graph));
        // The last parent offset sits just before the parents section; make it huge.
        const text = bytes.toString('latin1');
        const header = JSON.parse(text.slice(12, 12 + bytes.readUInt32LE(8))) as {
          sections: Record<string, [number, number]>;
        };
        const start = (12 + bytes.readUInt32LE(8) + 7) & ~7;
        const [off, len] = header.sections['parentOffsets'] ?? [0, 0];
        bytes.writeUInt32LE(0xfffffff0, start + off + len - 4);
        fs.writeFileSync(f, bytes);
      },
    ],
    [
      'a folder in its place',
      (f) => {
        fs.rmSync(f);
        fs.mkdirSync(f);
      },
    ],
  ];
  for (const [name, corrupt] of corruptions) {
    it(`ignores ${name} with one note, answers as without a cache and writes a good file`, async () => {
      const repo = makeRepo();
      await analyze(repo.dir, 'src/cart.ts');
      forgetWhyLinks(repoCacheDir(repo));
      corrupt(cacheFile(repo), fs.readFileSync(cacheFile(repo)));
      const { json, err } = await whyJson(repo.dir, 'src/cart.ts');
      const noteLines = err.split('\n').filter((l) => l.includes('note:'));
      assert.equal(noteLines.length, name === 'a folder in its place' ? 2 : 1, err);
      assert.match(noteLines[0] ?? '', /commit graph.*(ignored|could not write)/);
      assert.deepEqual(json, (await whyJson(repo.dir, 'src/cart.ts', '--no-cache')).json);
      if (name !== 'a folder in its place') {
        forgetWhyLinks(repoCacheDir(repo));
        const again = await analyze(repo.dir, 'src/cart.ts');
        assert.equal(again.a.graphSource, 'unchanged', 'the rewritten file is good');
      }
    });
  }

  it('--no-cache neither reads nor writes it', async () => {
    const repo = makeRepo();
    const off = await analyze(repo.dir, 'src/cart.ts', true);
    assert.equal(off.a.graphSource, 'off');
    assert.equal(fs.existsSync(path.join(repo.dir, '.git', 'roadmap-lens')), false);
    fs.mkdirSync(path.dirname(cacheFile(repo)));
    fs.writeFileSync(cacheFile(repo), 'garbage');
    const again = await analyze(repo.dir, 'src/cart.ts', true);
    assert.deepEqual(again.a.notes, [], 'the bad file was not even read');
    assert.equal(fs.readFileSync(cacheFile(repo), 'utf8'), 'garbage');
  });

  it("goes to the user's cache when .git/roadmap-lens cannot be used", async () => {
    const repo = makeRepo();
    fs.writeFileSync(path.join(repo.dir, '.git', 'roadmap-lens'), 'a file, not a folder');
    const xdg = tempDir('rl-xdg-');
    const saved = process.env['XDG_CACHE_HOME'];
    process.env['XDG_CACHE_HOME'] = xdg;
    try {
      assert.equal((await analyze(repo.dir, 'src/cart.ts')).a.graphSource, 'cold');
      const repos = fs.readdirSync(path.join(xdg, 'roadmap-lens', 'repos'));
      assert.equal(repos.length, 1);
      assert.ok(fs.statSync(path.join(xdg, 'roadmap-lens', 'repos', repos[0] ?? '', 'commit-graph.bin')).isFile());
      forgetWhyLinks(path.join(xdg, 'roadmap-lens', 'repos', repos[0] ?? ''));
      assert.equal((await analyze(repo.dir, 'src/cart.ts')).a.graphSource, 'unchanged');
    } finally {
      if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
      else process.env['XDG_CACHE_HOME'] = saved;
    }
    assert.equal(fs.readFileSync(path.join(repo.dir, '.git', 'roadmap-lens'), 'utf8'), 'a file, not a folder');
  });
});
