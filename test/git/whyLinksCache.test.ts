// The why-links cache (`.git/roadmap-lens/why-links/`, src/fs/whyLinksStore.ts): a second `why` on
// the same file and HEAD links its blamed commits from it, without the commit graph and without a
// `git log` of their messages; a damaged, foreign or incomplete file is a miss (the graph is read,
// a good file written again); `--no-cache` neither reads nor writes it. Every answer is compared
// with `--no-cache`'s on the same repository: the cache changes the cost, never the result.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeWhyLinks, encodeWhyLinks } from '../../src/core/indexFile/whyLinksCodec';
import { blameKeyOf } from '../../src/fs/blameStore';
import { WhyLinksStore } from '../../src/fs/whyLinksStore';
import { TestRepo } from './gitFixture';
import { SHOP_ROADMAP } from './shopRoadmap';
import { analyzeCounting, mergedBranchRepo } from './mergedBranchRepo';
import { whyJson } from './whyJson';

const analyze = (dir: string, noCache = false): ReturnType<typeof analyzeCounting> =>
  analyzeCounting(dir, 'src/cart.ts', noCache);

const makeRepo = (): TestRepo => mergedBranchRepo(SHOP_ROADMAP);

const linksDir = (repo: TestRepo): string => path.join(repo.dir, '.git', 'roadmap-lens', 'why-links');
const store = (repo: TestRepo): WhyLinksStore => new WhyLinksStore(linksDir(repo));
const keyOf = (repo: TestRepo) =>
  blameKeyOf(repo.head(), 'src/cart.ts', fs.readFileSync(path.join(repo.dir, 'src', 'cart.ts')));

async function sameAsNoCache(repo: TestRepo): Promise<void> {
  const cached = await whyJson(repo.dir, 'src/cart.ts');
  const fresh = await whyJson(repo.dir, 'src/cart.ts', '--no-cache');
  assert.deepEqual(cached.json, fresh.json);
  const saved = cached.json.perLine?.find((l) => l.line === 4);
  assert.ok(
    saved?.items.some((i) => i.id === 'CHK-13'),
    'the merge links the line its branch added',
  );
}

describe('why: the why-links cache', function () {
  this.timeout(60_000);

  it('is written by the first call; the second links from it without the graph, with the same answer', async () => {
    const repo = makeRepo();
    const first = await analyze(repo.dir);
    assert.equal(first.a.graphSource, 'cold');
    const read = await store(repo).read(keyOf(repo));
    assert.equal(read.kind, 'hit');
    const second = await analyze(repo.dir);
    assert.equal(second.a.graphSource, 'why-links');
    assert.deepEqual(second.a.notes, []);
    // The first call ran at least the full rev-list and the messages' log that the second does not
    // (whether the second's git blame started before the blame store stopped it is a race: no exact count).
    assert.ok(second.gitProcesses <= first.gitProcesses - 2, `${second.gitProcesses} vs ${first.gitProcesses}`);
    await sameAsNoCache(repo);
  });

  it('is a miss after a new commit (another HEAD) and after an edit (other bytes)', async () => {
    const repo = makeRepo();
    await analyze(repo.dir);
    repo.commit('CHK-12: more', 'src/cart.ts', 'a\nb\nc\nsaved\nmore\n');
    assert.equal((await analyze(repo.dir)).a.graphSource, 'updated');
    repo.write('src/cart.ts', 'a\nb\nc\nsaved\nmore\nedited\n');
    assert.equal((await analyze(repo.dir)).a.graphSource, 'unchanged');
    assert.equal((await analyze(repo.dir)).a.graphSource, 'why-links');
    await sameAsNoCache(repo);
  });

  it('reads the graph when the stored links do not cover the blame, and answers the same', async () => {
    const repo = makeRepo();
    await analyze(repo.dir);
    const key = keyOf(repo);
    const read = await store(repo).read(key);
    assert.ok(read.kind === 'hit');
    // A well-formed file for this key that knows nothing of one blamed commit.
    const [dropped] = [...read.links.merges.keys()];
    const merges = new Map(read.links.merges);
    merges.delete(dropped ?? '');
    fs.writeFileSync(store(repo).fileOf(key), encodeWhyLinks(key, { ...read.links, merges }));
    const again = await analyze(repo.dir);
    assert.equal(again.a.graphSource, 'unchanged');
    await sameAsNoCache(repo);
  });

  const corruptions: readonly [string, (file: string, valid: Buffer) => void][] = [
    ['garbage bytes', (f) => fs.writeFileSync(f, 'not a cache file at all\n')],
    ['a truncated file', (f, valid) => fs.writeFileSync(f, valid.subarray(0, Math.floor(valid.length / 2)))],
    ['an empty file', (f) => fs.writeFileSync(f, '')],
    [
      'another version',
      (f, valid) => fs.writeFileSync(f, valid.toString('utf8').replace('"version":1', '"version":9')),
    ],
    [
      'a merge it does not carry',
      (f, valid) => {
        const text = valid.toString('utf8');
        const merge = /"(?:[0-9a-f]{40})",2,/.exec(text)?.[0].slice(1, 41) ?? '';
        assert.ok(merge.length === 40, 'the stored links carry the merge');
        fs.writeFileSync(f, text.replace(`["${merge}",2,`, `["${'f'.repeat(40)}",2,`));
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
    it(`ignores ${name} with one note and answers as without a cache`, async () => {
      const repo = makeRepo();
      await analyze(repo.dir);
      const file = store(repo).fileOf(keyOf(repo));
      corrupt(file, fs.readFileSync(file));
      const after = await analyze(repo.dir);
      assert.equal(after.a.graphSource, 'unchanged', 'the graph was read instead');
      assert.equal(after.a.notes.length, name === 'a folder in its place' ? 2 : 1, after.a.notes.join('\n'));
      assert.match(after.a.notes[0] ?? '', /why-links.*(ignored|could not write)/);
      await sameAsNoCache(repo);
      if (name !== 'a folder in its place') {
        assert.ok(decodeWhyLinks(fs.readFileSync(file), keyOf(repo)).ok, 'a good file was written again');
      }
    });
  }

  it('--no-cache neither reads nor writes it', async () => {
    const repo = makeRepo();
    await analyze(repo.dir, true);
    assert.equal(fs.existsSync(linksDir(repo)), false);
    fs.mkdirSync(linksDir(repo), { recursive: true });
    const file = store(repo).fileOf(keyOf(repo));
    fs.writeFileSync(file, 'garbage');
    const off = await analyze(repo.dir, true);
    assert.equal(off.a.graphSource, 'off');
    assert.deepEqual(off.a.notes, [], 'the bad file was not even read');
    assert.equal(fs.readFileSync(file, 'utf8'), 'garbage');
  });
});
