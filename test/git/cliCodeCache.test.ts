// The CLI's code cache (`$XDG_CACHE_HOME/roadmap-lens/code/`, src/fs/codeCache.ts, read by
// dist/cli.js: src/cli/cliLauncher.ts) through the real built CLI (run `npm run build` first). Each
// test has its own $XDG_CACHE_HOME. What is observed is the launcher's trace line and the files,
// never a time; every answer is compared with the answer of a call that used no code cache.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clearCodeCache } from '../../src/fs/codeCache';
import { tempDir, TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

interface Run {
  readonly out: string;
  readonly err: string;
}

function why(repo: TestRepo, xdg: string, ...flags: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, 'why', 'src/cart.ts', '--json', '--lines', ...flags], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: xdg, ROADMAP_LENS_TRACE: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  assert.equal(r.status, 0, r.stderr);
  return { out: r.stdout, err: r.stderr };
}

/** The launcher's verdict: hit, missing, ignored (…), rejected or off. */
const codeCache = (run: Run): string | undefined => /code cache: (hit|missing|ignored|rejected|off)/.exec(run.err)?.[1];
const codeDir = (xdg: string): string => path.join(xdg, 'roadmap-lens', 'code');
const files = (xdg: string): string[] => (fs.existsSync(codeDir(xdg)) ? fs.readdirSync(codeDir(xdg)).sort() : []);

function makeRepo(): TestRepo {
  const roadmap = 'version: 1\nitems:\n  - id: CHK-12\n    kind: feature\n    title: One-click reorder\n';
  const repo = TestRepo.init();
  repo.write('roadmap.yaml', roadmap);
  repo.commit('Add roadmap', 'roadmap.yaml', roadmap);
  repo.commit('CHK-12: first lines', 'src/cart.ts', 'a\nb\nc\n');
  return repo;
}

describe('CLI: the code cache (dist/cli.js)', function () {
  this.timeout(60_000);
  before(function () {
    if (!fs.existsSync(CLI) || !fs.existsSync(path.join(path.dirname(CLI), 'cliMain.js'))) this.skip();
  });

  it('is written by the first call and used by the next, with the same answer', () => {
    const repo = makeRepo();
    const xdg = tempDir('rl-xdg-');
    const first = why(repo, xdg);
    assert.equal(codeCache(first), 'missing');
    assert.match(first.err, /code cache: written/);
    assert.equal(files(xdg).length, 1);
    const second = why(repo, xdg);
    assert.equal(codeCache(second), 'hit');
    assert.doesNotMatch(second.err, /code cache: written/, 'a hit is not written again');
    assert.equal(second.out, first.out);
    assert.equal(why(repo, xdg, '--no-cache').out, first.out);
  });

  const corruptions: readonly [string, (file: string, valid: Buffer) => void, string][] = [
    ['garbage', (f) => fs.writeFileSync(f, 'not compiled code\n'.repeat(10)), 'ignored'],
    ['a truncated file', (f, valid) => fs.writeFileSync(f, valid.subarray(0, Math.floor(valid.length / 2))), 'ignored'],
    ['an empty file', (f) => fs.writeFileSync(f, ''), 'ignored'],
    [
      'another version',
      (f, valid) => {
        const b = Buffer.from(valid);
        b.writeUInt16LE(99, 6);
        fs.writeFileSync(f, b);
      },
      'ignored',
    ],
    [
      'a damaged payload',
      (f, valid) => {
        const b = Buffer.from(valid);
        const at = b.length - 100;
        b[at] = (b[at] ?? 0) ^ 0xff;
        fs.writeFileSync(f, b);
      },
      'ignored',
    ],
    [
      'a payload V8 does not accept (checksum right)',
      (f, valid) => {
        // Same header and key, a payload that is not V8's: our checks pass, V8's own refuse it.
        const payload = Buffer.from('x'.repeat(4096));
        const header = Buffer.from(valid.subarray(0, 76));
        header.writeUInt32LE(payload.length, 8);
        createHash('sha256').update(payload).digest().copy(header, 44);
        fs.writeFileSync(f, Buffer.concat([header, payload]));
      },
      'rejected',
    ],
    [
      'a folder in its place',
      (f) => {
        fs.rmSync(f);
        fs.mkdirSync(f);
      },
      'ignored',
    ],
  ];
  for (const [name, corrupt, verdict] of corruptions) {
    it(`is a clean miss for ${name}: same answer, and a good file written again`, () => {
      const repo = makeRepo();
      const xdg = tempDir('rl-xdg-');
      const first = why(repo, xdg);
      const [entry] = files(xdg);
      const file = path.join(codeDir(xdg), entry ?? '');
      corrupt(file, fs.readFileSync(file));
      const damaged = why(repo, xdg);
      assert.equal(codeCache(damaged), verdict, damaged.err);
      assert.equal(damaged.out, first.out);
      assert.doesNotMatch(damaged.err, /roadmap-lens: note:/, 'the code cache is no part of the answer');
      if (name !== 'a folder in its place') assert.equal(codeCache(why(repo, xdg)), 'hit', 'rewritten');
    });
  }

  it('--no-cache neither reads nor writes it', () => {
    const repo = makeRepo();
    const xdg = tempDir('rl-xdg-');
    const off = why(repo, xdg, '--no-cache');
    assert.equal(codeCache(off), 'off');
    assert.deepEqual(files(xdg), []);
    why(repo, xdg);
    const [entry] = files(xdg);
    const file = path.join(codeDir(xdg), entry ?? '');
    fs.writeFileSync(file, 'garbage');
    assert.equal(codeCache(why(repo, xdg, '--no-cache')), 'off');
    assert.equal(fs.readFileSync(file, 'utf8'), 'garbage');
  });

  it('a cache folder that cannot be written costs nothing but the cache', () => {
    const repo = makeRepo();
    const xdg = tempDir('rl-xdg-');
    // `roadmap-lens` is a file where the cache folder would go.
    fs.writeFileSync(path.join(xdg, 'roadmap-lens'), 'a file, not a folder');
    const run = why(repo, xdg);
    assert.match(run.err, /code cache: not written/);
    assert.doesNotMatch(run.err, /roadmap-lens: note:.*code/);
    assert.equal(run.out, why(repo, tempDir('rl-xdg-'), '--no-cache').out);
  });

  it('Clear Cache removes it (clearCodeCache, which the command calls)', async () => {
    const repo = makeRepo();
    const xdg = tempDir('rl-xdg-');
    why(repo, xdg);
    assert.equal(files(xdg).length, 1);
    await clearCodeCache({ ...process.env, XDG_CACHE_HOME: xdg });
    assert.equal(fs.existsSync(codeDir(xdg)), false);
    assert.equal(codeCache(why(repo, xdg)), 'missing');
  });
});
