// The blame store (src/fs/blameStore.ts) as `why` uses it: the first call blames with git and
// stores the result; the next call (a new process, or this one again) answers from the store with
// the same answer; a commit, an edit or a damaged file is a miss that git answers (then stored
// again); --no-cache neither reads nor writes it; two processes racing both answer and leave one
// whole file. Answers are compared with `--no-cache` on the same repository: the store may change
// the cost, never the result. No assertion counts processes exactly: on a hit git blame is
// stopped, and whether it had started is a race.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWhy } from '../../src/cli/whyAnalysis';
import { blameWithStore } from '../../src/cli/blameWithStore';
import { GitRunner } from '../../src/git/gitRunner';
import { gitProcessesStarted } from '../../src/git/gitProcessCounter';
import { BLAME_FOLDER, BlameStore } from '../../src/fs/blameStore';
import { TestRepo } from './gitFixture';
import { SHOP_ROADMAP } from './shopRoadmap';
import { whyJson } from './whyJson';

const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function makeRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.commit('Add roadmap', 'roadmap.yaml', SHOP_ROADMAP);
  repo.commit('CHK-12: first lines', 'src/cart.ts', 'a\nb\nc\n');
  repo.commit('CHK-13: saved carts', 'src/cart.ts', 'a\nb\nc\nsaved\n');
  return repo;
}

const blameDir = (repo: TestRepo): string => path.join(repo.dir, '.git', 'roadmap-lens', BLAME_FOLDER);
const stored = (repo: TestRepo): string[] =>
  fs.existsSync(blameDir(repo)) ? fs.readdirSync(blameDir(repo)).filter((f) => f.endsWith('.json')) : [];

async function blameFrom(repo: TestRepo, file = 'src/cart.ts'): Promise<string> {
  return (await analyzeWhy({ cwd: repo.dir, file })).blameFrom;
}

/** The CLI in its own process (node dist/cli.js), with the trace on. */
function runCli(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, ROADMAP_LENS_TRACE: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('why: the blame store', function () {
  this.timeout(60_000);

  it('stores the first blame; the next call answers from it, the same as without the cache', async () => {
    const repo = makeRepo();
    assert.equal(await blameFrom(repo), 'git');
    assert.equal(stored(repo).length, 1);
    assert.equal(await blameFrom(repo), 'store');
    const cached = await whyJson(repo.dir, 'src/cart.ts');
    const fresh = await whyJson(repo.dir, 'src/cart.ts', '--no-cache');
    assert.deepEqual(cached.json, fresh.json);
    assert.ok(
      cached.json.perLine?.some((l) => l.items.some((i) => i.id === 'CHK-13')),
      'history was used',
    );
    assert.equal(cached.err, '', 'no notes');
  });

  it('a second process answers from the store, with the same answer, and the trace says so', async () => {
    const repo = makeRepo();
    const first = await runCli(repo.dir, 'why', 'src/cart.ts', '--json', '--lines');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /blame done\n/);
    const second = await runCli(repo.dir, 'why', 'src/cart.ts', '--json', '--lines');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /blame done \(from the blame store\)/);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  });

  it('is a miss after a commit or an edit (git answers, and its blame is stored for the new key)', async () => {
    const repo = makeRepo();
    await blameFrom(repo);
    repo.commit('CHK-12: more', 'src/cart.ts', 'a\nb\nc\nsaved\nmore\n');
    assert.equal(await blameFrom(repo), 'git', 'HEAD moved');
    assert.equal(await blameFrom(repo), 'store');
    repo.write('src/cart.ts', 'a\nb\nc\nsaved\nmore\nedited, not committed\n');
    assert.equal(await blameFrom(repo), 'git', 'the bytes changed');
    assert.equal(await blameFrom(repo), 'store');
    const cached = await whyJson(repo.dir, 'src/cart.ts');
    assert.deepEqual(cached.json, (await whyJson(repo.dir, 'src/cart.ts', '--no-cache')).json);
    assert.equal(cached.json.perLine?.[5]?.commit, '0'.repeat(40), 'the uncommitted line stays uncommitted');
  });

  it('ignores a damaged file with one note, answers as git does, and stores a good one', async () => {
    const repo = makeRepo();
    await blameFrom(repo);
    const [name] = stored(repo);
    const file = path.join(blameDir(repo), name ?? '');
    const good = fs.readFileSync(file);
    for (const bad of [good.subarray(0, 40), Buffer.from(good.toString().replace('"version":1', '"version":7'))]) {
      fs.writeFileSync(file, bad);
      const { json, err } = await whyJson(repo.dir, 'src/cart.ts');
      assert.match(err, /note: the cached blame .* is ignored/);
      assert.deepEqual(json, (await whyJson(repo.dir, 'src/cart.ts', '--no-cache')).json);
      assert.equal(await blameFrom(repo), 'store', 'rewritten whole');
    }
  });

  it('--no-cache neither reads nor writes it', async () => {
    const repo = makeRepo();
    assert.equal((await analyzeWhy({ cwd: repo.dir, file: 'src/cart.ts', noCache: true })).blameFrom, 'git');
    assert.deepEqual(stored(repo), []);
    await blameFrom(repo);
    assert.equal((await analyzeWhy({ cwd: repo.dir, file: 'src/cart.ts', noCache: true })).blameFrom, 'git');
  });

  it('two processes racing both answer the same, and leave one whole file the next call reads', async () => {
    const repo = makeRepo();
    const [a, b] = await Promise.all([
      runCli(repo.dir, 'why', 'src/cart.ts', '--json', '--lines'),
      runCli(repo.dir, 'why', 'src/cart.ts', '--json', '--lines'),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(JSON.parse(a.stdout), JSON.parse(b.stdout));
    assert.doesNotMatch(a.stderr + b.stderr, /note:/);
    assert.equal(stored(repo).length, 1);
    assert.deepEqual(
      fs.readdirSync(blameDir(repo)).filter((f) => f.endsWith('.tmp')),
      [],
      'no temp file left behind',
    );
    assert.equal(await blameFrom(repo), 'store');
  });
});

describe('blameWithStore: the store before git', function () {
  this.timeout(60_000);

  /** One blame of src/cart.ts through blameWithStore, with how many git processes it started. */
  async function once(
    repo: TestRepo,
    storeWaitMs: number,
  ): Promise<{ from: string; gitProcesses: number; shas: string[] }> {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const bytes = fs.readFileSync(path.join(repo.dir, 'src/cart.ts'));
    const store = BlameStore.open(path.join(repo.dir, '.git'));
    const shas: string[] = [];
    const before = gitProcessesStarted();
    const answer = await blameWithStore({
      git: new GitRunner({ cwd: repo.dir, isTrusted: () => true }),
      relPath: 'src/cart.ts',
      bytes,
      lineCount: () => bytes.toString('utf8').split('\n').length - 1,
      head: Promise.resolve(head),
      headNow: () => Promise.resolve(head),
      store,
      signal: new AbortController().signal,
      onCommit: (sha) => shas.push(sha),
      note: (line) => assert.fail(line),
      storeWaitMs,
    });
    await answer.stored;
    assert.equal(answer.outcome.state, 'ok');
    return { from: answer.from, gitProcesses: gitProcessesStarted() - before, shas: shas.sort() };
  }

  /** A wait no lookup outlasts (setTimeout's longest): which comes first is then certain, not a race. */
  const FOREVER = 2 ** 31 - 1;

  it('starts no git process when the store answers within the wait, and names the same commits', async () => {
    const repo = makeRepo();
    const first = await once(repo, FOREVER);
    assert.equal(first.from, 'git');
    assert.ok(first.gitProcesses >= 1, 'git blamed the file');
    const second = await once(repo, FOREVER);
    assert.equal(second.from, 'store');
    assert.equal(second.gitProcesses, 0, 'no git config, no git blame');
    assert.deepEqual(second.shas, first.shas);
  });

  it('starts git as soon as the store misses, without serving the wait', async () => {
    // Were the wait served, this would never end (the suite's timeout fails it).
    const repo = makeRepo();
    const first = await once(repo, FOREVER);
    assert.equal(first.from, 'git');
    assert.ok(first.gitProcesses >= 1);
  });
});
