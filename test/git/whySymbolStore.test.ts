// The symbol store (src/fs/symbolStore.ts) as the built CLI uses it (dist/cli.js: only a bundled
// build has a finder build id; in-process calls neither read nor write it): the first `why` on a
// file finds its symbols and stores them, the next answers from the store with the same JSON as
// `--no-cache`; a damaged entry is one note, the finder answers and the entry is written again;
// an edited file is a miss.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYMBOLS_FOLDER } from '../../src/fs/symbolStore';
import { TestRepo } from './gitFixture';
import { SHOP_ROADMAP } from './shopRoadmap';

const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

const CART = [
  'export class Cart {',
  '  // Roadmap: CHK-12',
  '  reorder(): void {',
  '    this.items = [];',
  '  }',
  '',
  '  save(): void {',
  '    keep(this.items);',
  '  }',
  '}',
  '',
].join('\n');

interface Run {
  readonly code: number | null;
  readonly json: { symbols: unknown[]; perLine?: unknown; items: unknown[] };
  readonly stderr: string;
}

function why(cwd: string, xdg: string, ...flags: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'why', 'src/cart.ts', '--json', '--lines', ...flags], {
      cwd,
      env: { ...process.env, ROADMAP_LENS_TRACE: '1', XDG_CACHE_HOME: xdg },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, json: JSON.parse(stdout) as Run['json'], stderr });
      } catch (e) {
        reject(new Error(`${String(e)}\n${stderr}`));
      }
    });
  });
}

const traced = (run: Run, what: string): boolean => run.stderr.includes(`symbol store: ${what}`);
const notes = (run: Run): string[] => run.stderr.split('\n').filter((l) => l.includes('note:'));

describe('why: the symbol store (built CLI)', function () {
  this.timeout(60_000);

  before(function () {
    if (!fs.existsSync(cli)) this.skip();
  });

  it('stores the finder’s symbols on the first call and answers from them next, as --no-cache does', async () => {
    const repo = TestRepo.init();
    repo.commit('Add roadmap', 'roadmap.yaml', SHOP_ROADMAP);
    repo.commit('CHK-13: saved carts', 'src/cart.ts', CART);
    const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-symbols-xdg-'));
    const dir = path.join(repo.dir, '.git', 'roadmap-lens', SYMBOLS_FOLDER);

    const first = await why(repo.dir, xdg);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(traced(first, 'missing'), first.stderr);
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1);
    const second = await why(repo.dir, xdg);
    assert.ok(traced(second, 'hit'), second.stderr);
    const fresh = await why(repo.dir, xdg, '--no-cache');
    assert.ok(!fresh.stderr.includes('symbol store:'), '--no-cache does not look');
    assert.deepEqual(second.json, fresh.json);
    assert.deepEqual(first.json, fresh.json);
    assert.ok(second.json.symbols.length >= 3, JSON.stringify(second.json.symbols));
    assert.deepEqual(notes(second), []);

    // Damaged: one note, the same answer, a good entry again.
    const file = path.join(dir, fs.readdirSync(dir)[0] ?? '');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 40));
    const damaged = await why(repo.dir, xdg);
    assert.ok(traced(damaged, 'ignored'), damaged.stderr);
    assert.equal(notes(damaged).length, 1, damaged.stderr);
    assert.deepEqual(damaged.json, fresh.json);
    assert.ok(traced(await why(repo.dir, xdg), 'hit'));

    // Edited (not committed): other bytes are a miss; the answer is still --no-cache's.
    fs.writeFileSync(path.join(repo.dir, 'src/cart.ts'), CART.replace('save()', 'saveAll()'));
    const edited = await why(repo.dir, xdg);
    assert.ok(traced(edited, 'missing'), edited.stderr);
    assert.deepEqual(edited.json, (await why(repo.dir, xdg, '--no-cache')).json);
  });
});
