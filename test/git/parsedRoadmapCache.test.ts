// The user-level parsed-roadmap cache through the real CLI (dist/cli.js: only a bundled build
// names its parser, so only it uses the cache; run `npm run build` first). Each test has its own
// $XDG_CACHE_HOME. What is observed is the cache's own trace line (ROADMAP_LENS_TRACE) and the
// files in the folder, never a time; every answer is compared with `--no-cache`'s.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { tempDir, TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

const ROADMAP = [
  'version: 1',
  'product: Shop',
  'items:',
  '  - id: CHK',
  '    kind: epic',
  '    title: Checkout',
  '    why: Carts get lost.',
  '    items:',
  '      - id: CHK-12',
  '        kind: feature',
  '        title: One-click reorder',
  '        paths: [src/**]',
  '      - id: CHK-13',
  '        kind: feature',
  '        title: Saved carts',
  '        colour: blue',
  '',
].join('\n');

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function env(xdg: string): NodeJS.ProcessEnv {
  return { ...process.env, XDG_CACHE_HOME: xdg, ROADMAP_LENS_TRACE: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
}

function cli(cwd: string, xdg: string, ...args: string[]): Run {
  // `why --lines` of a 5,000-line file prints more than spawnSync's default 1 MB.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: env(xdg), maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function cliAsync(cwd: string, xdg: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: env(xdg) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** The cache's verdict for the run: hit, miss or ignored (the trace line loadRoadmap writes). */
function cacheUse(run: Run): string | undefined {
  return /parsed roadmap cache: (hit|miss|ignored)/.exec(run.err)?.[1];
}

const notes = (run: Run): string[] => run.err.split('\n').filter((l) => l.startsWith('roadmap-lens: note:'));
const parsedDir = (xdg: string): string => path.join(xdg, 'roadmap-lens', 'parsed');
const entries = (xdg: string): string[] => (fs.existsSync(parsedDir(xdg)) ? fs.readdirSync(parsedDir(xdg)).sort() : []);

function makeRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('roadmap.yaml', ROADMAP);
  repo.commit('Add roadmap', 'roadmap.yaml', ROADMAP);
  repo.commit('CHK-13: first lines', 'src/cart.ts', 'a\nb\nc\n');
  return repo;
}

function why(repo: string, xdg: string, ...flags: string[]): Run {
  const run = cli(repo, xdg, 'why', 'src/cart.ts', '--json', '--lines', ...flags);
  assert.equal(run.code, 0, run.err);
  return run;
}

describe('CLI: the parsed-roadmap cache (dist/cli.js)', function () {
  this.timeout(60_000);

  it('a fresh clone of a roadmap parsed once on this machine reads the parse from the cache, same answer', () => {
    const xdg = tempDir('rl-xdg-');
    const first = makeRepo();
    const cold = why(first.dir, xdg);
    assert.equal(cacheUse(cold), 'miss');
    assert.equal(entries(xdg).length, 1);

    const clone = new TestRepo(path.join(tempDir(), 'clone'));
    first.git('clone', '-q', first.dir, clone.dir);
    assert.equal(fs.existsSync(path.join(clone.dir, '.git', 'roadmap-lens')), false, 'a clone has no repository cache');
    const warm = why(clone.dir, xdg);
    assert.equal(cacheUse(warm), 'hit', warm.err);
    assert.deepEqual(notes(warm), []);
    const fresh = why(clone.dir, xdg, '--no-cache');
    assert.equal(cacheUse(fresh), undefined, '--no-cache does not look');
    assert.deepEqual(JSON.parse(warm.out), JSON.parse(fresh.out));
    // The clone's paths, not the first repository's: a problem is reported where it is.
    const validate = cli(clone.dir, xdg, 'validate', '--json');
    assert.equal(cacheUse(validate), 'hit');
    const validateFresh = cli(clone.dir, xdg, 'validate', '--json', '--no-cache');
    assert.deepEqual(JSON.parse(validate.out), JSON.parse(validateFresh.out));
    assert.match(validate.out, /unknown-key/);
  });

  it('an edited roadmap is another key: parsed again, and the answer follows the edit', () => {
    const xdg = tempDir('rl-xdg-');
    const repo = makeRepo();
    why(repo.dir, xdg);
    repo.write('roadmap.yaml', ROADMAP.replace('Saved carts', 'Saved baskets'));
    const after = why(repo.dir, xdg);
    assert.equal(cacheUse(after), 'miss');
    assert.match(after.out, /Saved baskets/);
    assert.equal(entries(xdg).length, 2);
  });

  it('two processes racing on an empty cache both answer right and leave one valid file', async () => {
    const xdg = tempDir('rl-xdg-');
    const repo = makeRepo();
    const expected = JSON.parse(why(repo.dir, tempDir('rl-xdg-other-'), '--no-cache').out) as unknown;
    const runs = await Promise.all(
      [1, 2].map(() => cliAsync(repo.dir, xdg, 'why', 'src/cart.ts', '--json', '--lines')),
    );
    for (const run of runs) {
      assert.equal(run.code, 0, run.err);
      assert.deepEqual(JSON.parse(run.out), expected);
      assert.deepEqual(notes(run), []);
    }
    assert.equal(entries(xdg).filter((f) => f.endsWith('.bin')).length, 1, entries(xdg).join(', '));
    assert.equal(cacheUse(why(repo.dir, xdg)), 'hit', 'what the race left is a valid file');
  });

  it('a garbage cache file is a miss with one note, then written again; --no-cache leaves it alone', () => {
    const xdg = tempDir('rl-xdg-');
    const repo = makeRepo();
    const first = why(repo.dir, xdg);
    const [name] = entries(xdg);
    assert.ok(name);
    const file = path.join(parsedDir(xdg), name);
    fs.writeFileSync(file, 'garbage');
    const noCache = why(repo.dir, xdg, '--no-cache');
    assert.deepEqual(notes(noCache), []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'garbage', '--no-cache neither reads nor writes it');

    const bad = why(repo.dir, xdg);
    assert.equal(cacheUse(bad), 'ignored');
    assert.equal(notes(bad).length, 1, bad.err);
    assert.match(notes(bad)[0] ?? '', /parsed roadmap cache file .* is ignored \(not a section file\)/);
    assert.deepEqual(JSON.parse(bad.out), JSON.parse(first.out));
    assert.equal(cacheUse(why(repo.dir, xdg)), 'hit', 'rewritten by the call that ignored it');

    // Truncated: the same, one note, right answer.
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 9));
    const torn = why(repo.dir, xdg);
    assert.equal(notes(torn).length, 1, torn.err);
    assert.deepEqual(JSON.parse(torn.out), JSON.parse(first.out));
  });

  it('--no-cache creates nothing; a folder in place of a cache file is a note, not a failure', () => {
    const xdg = tempDir('rl-xdg-');
    const repo = makeRepo();
    why(repo.dir, xdg, '--no-cache');
    assert.equal(fs.existsSync(path.join(xdg, 'roadmap-lens')), false);
    const report = cli(repo.dir, xdg, 'report', '--json', '--no-cache');
    assert.equal(report.code, 0, report.err);
    assert.equal(fs.existsSync(path.join(xdg, 'roadmap-lens')), false);

    const first = why(repo.dir, xdg);
    const [name] = entries(xdg);
    assert.ok(name);
    const file = path.join(parsedDir(xdg), name);
    fs.rmSync(file);
    fs.mkdirSync(file);
    const odd = why(repo.dir, xdg);
    assert.deepEqual(JSON.parse(odd.out), JSON.parse(first.out));
    assert.ok(notes(odd).length >= 1 && notes(odd).length <= 2, odd.err);
  });

  it('stays within its bound: writing a new entry evicts the least recently used beyond 64 files', () => {
    const xdg = tempDir('rl-xdg-');
    fs.mkdirSync(parsedDir(xdg), { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    for (let i = 0; i < 70; i++) {
      const f = path.join(parsedDir(xdg), `${String(i).padStart(64, '0')}.bin`);
      fs.writeFileSync(f, 'x');
      fs.utimesSync(f, old, old);
    }
    const repo = makeRepo();
    why(repo.dir, xdg);
    const left = entries(xdg);
    assert.equal(left.length, 64);
    assert.equal(cacheUse(why(repo.dir, xdg)), 'hit', 'the entry just written is kept');
  });

  it('a large roadmap parsed on the worker thread (cache miss) gives what the inline parse gives', async () => {
    // 512 KB or more: `why` parses it off the main thread (below that, inline whatever the file:
    // blame's output is spooled, so a big blame no longer needs the thread; see parseOffThread.ts);
    // the compiled tests in-process parse inline.
    const roadmapOf = (count: number): string =>
      [
        'version: 1',
        'product: Big',
        'items:',
        ...Array.from({ length: count }, (_, i) =>
          [
            `  - id: BIG-${i}`,
            `    kind: ${i % 10 === 0 ? 'epic' : 'feature'}`,
            `    title: "Item ${i}: ünïcode and \\"quotes\\""`,
            i % 10 === 0 ? '' : `    parent: BIG-${i - (i % 10)}`,
            `    why: Because ${i}.`,
            i % 97 === 0 ? '    ownr: typo' : '',
            `    refs: [T-${i}]`,
          ]
            .filter(Boolean)
            .join('\n'),
        ),
        '',
      ].join('\n');
    const big = roadmapOf(5200);
    assert.ok(big.length >= 512 * 1024, `${big.length} bytes`);
    const lines = `a\nb\n${'line\n'.repeat(5000)}`;
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', big);
    repo.commit('Add roadmap', 'roadmap.yaml', big);
    repo.commit('BIG-3: lines\n\nRoadmap: BIG-5', 'src/cart.ts', lines);
    // On a branch whose commits name an item: current work is read while the thread parses.
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('BIG-7: wip', 'src/other.ts', 'x\n');
    // Under 512 KB, with the same 5,000-line file to blame: inline.
    const smaller = TestRepo.init();
    smaller.commit('Add roadmap', 'roadmap.yaml', roadmapOf(700));
    smaller.commit('BIG-3: lines', 'src/cart.ts', lines);
    const inline = cli(smaller.dir, tempDir('rl-xdg-'), 'why', 'src/cart.ts', '--json', '--no-cache');
    assert.equal(inline.code, 0, inline.err);
    assert.doesNotMatch(inline.err, /worker thread/, 'a roadmap under 512 KB is parsed inline');
    assert.equal((JSON.parse(inline.out) as { items: { id: string }[] }).items[0]?.id, 'BIG-3');
    const xdg = tempDir('rl-xdg-');
    const offThread = why(repo.dir, xdg, '--no-cache');
    assert.match(offThread.err, /roadmap parsed on the worker thread/);
    assert.equal((JSON.parse(offThread.out) as { currentItem?: string }).currentItem, 'BIG-7');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['why', 'src/cart.ts', '--json', '--lines', '--no-cache'], {
      cwd: repo.dir,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    assert.equal(code, 0, err.join('\n'));
    assert.deepEqual(JSON.parse(offThread.out), JSON.parse(out.join('\n')));
    const cachedRun = why(repo.dir, xdg);
    assert.equal(cacheUse(cachedRun), 'miss');
    assert.deepEqual(JSON.parse(cachedRun.out), JSON.parse(offThread.out));
    assert.equal(cacheUse(why(repo.dir, xdg)), 'hit');
    const validate = cli(repo.dir, xdg, 'validate', '--json');
    const validateFresh = cli(repo.dir, xdg, 'validate', '--json', '--no-cache');
    assert.deepEqual(JSON.parse(validate.out), JSON.parse(validateFresh.out));
    assert.match(validate.out, /unknown-key/);
  });
});
