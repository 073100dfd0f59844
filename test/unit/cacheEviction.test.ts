// Cache eviction (issue #13): a cache folder is kept within its bytes and files, least recently
// used first, and a hostile folder (links, sub-folders, a writer's temp file) loses nothing that is
// not a cache file of ours.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { evictLeastRecentlyUsed, touchCacheFile } from '../../src/fs/cacheEviction';

function freshDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rl-evict-'));
}

/** Writes `name` with `bytes` bytes, last used `age` seconds before `now`. */
function put(dir: string, name: string, bytes: number, age: number, now: number): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.alloc(bytes, 1));
  const when = new Date(now - age * 1000);
  fs.utimesSync(file, when, when);
}

const now = Date.parse('2026-12-07T12:00:00Z');

describe('cache eviction (least recently used)', () => {
  it('removes the oldest files until both bounds hold', async () => {
    const dir = freshDir();
    put(dir, 'a', 100, 50, now);
    put(dir, 'b', 100, 40, now);
    put(dir, 'c', 100, 30, now);
    put(dir, 'd', 100, 20, now);
    const result = await evictLeastRecentlyUsed(dir, { maxBytes: 250, maxFiles: 10 }, now);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['c', 'd']);
    assert.equal(result.removed, 2);
    assert.equal(result.bytesRemoved, 200);
    await evictLeastRecentlyUsed(dir, { maxBytes: 10_000, maxFiles: 1 }, now);
    assert.deepEqual(fs.readdirSync(dir), ['d']);
  });

  it('keeps a file that was touched on a hit over newer unused ones', async () => {
    const dir = freshDir();
    put(dir, 'old-but-used', 10, 100, now);
    put(dir, 'newer', 10, 10, now);
    await touchCacheFile(path.join(dir, 'old-but-used'), new Date(now));
    await evictLeastRecentlyUsed(dir, { maxBytes: 1000, maxFiles: 1 }, now);
    assert.deepEqual(fs.readdirSync(dir), ['old-but-used']);
  });

  it('leaves links, folders and a young temp file alone, and removes a stale temp file', async () => {
    const dir = freshDir();
    const outside = freshDir();
    fs.writeFileSync(path.join(outside, 'precious'), 'keep me');
    fs.symlinkSync(path.join(outside, 'precious'), path.join(dir, 'link'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'inner'), 'x');
    put(dir, 'writing.123.ab.tmp', 10, 5, now);
    put(dir, 'dead.456.cd.tmp', 10, 3600, now);
    put(dir, 'entry', 10, 1, now);
    await evictLeastRecentlyUsed(dir, { maxBytes: 0, maxFiles: 0 }, now);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['link', 'sub', 'writing.123.ab.tmp']);
    assert.equal(fs.readFileSync(path.join(outside, 'precious'), 'utf8'), 'keep me');
    assert.equal(fs.readFileSync(path.join(dir, 'sub', 'inner'), 'utf8'), 'x');
  });

  it('treats a missing folder as empty, and two evictions at once as one', async () => {
    assert.deepEqual(await evictLeastRecentlyUsed(path.join(freshDir(), 'none'), { maxBytes: 0, maxFiles: 0 }), {
      removed: 0,
      bytesRemoved: 0,
      truncated: false,
    });
    const dir = freshDir();
    for (let i = 0; i < 20; i++) put(dir, `f${i}`, 10, 100 - i, now);
    const results = await Promise.all([
      evictLeastRecentlyUsed(dir, { maxBytes: 50, maxFiles: 100 }, now),
      evictLeastRecentlyUsed(dir, { maxBytes: 50, maxFiles: 100 }, now),
    ]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['f15', 'f16', 'f17', 'f18', 'f19']);
    assert.equal(results[0].removed + results[1].removed, 15);
  });

  it('keeps exactly the most recent files that fit (property, against a sorted oracle)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ bytes: fc.integer({ min: 0, max: 50 }), age: fc.integer({ min: 0, max: 1000 }) }), {
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 12 }),
        async (files, maxBytes, maxFiles) => {
          const dir = freshDir();
          files.forEach((f, i) => put(dir, `e${String(i).padStart(2, '0')}`, f.bytes, f.age, now));
          await evictLeastRecentlyUsed(dir, { maxBytes, maxFiles }, now);
          // Oracle: sort oldest first (ties by name), drop from the old end until both bounds hold.
          const order = files
            .map((f, i) => ({ ...f, name: `e${String(i).padStart(2, '0')}` }))
            .sort((a, b) => b.age - a.age || (a.name < b.name ? -1 : 1));
          let total = order.reduce((s, f) => s + f.bytes, 0);
          let count = order.length;
          let cut = 0;
          while (cut < order.length && (total > maxBytes || count > maxFiles)) {
            total -= order[cut]?.bytes ?? 0;
            count--;
            cut++;
          }
          const expected = order
            .slice(cut)
            .map((f) => f.name)
            .sort();
          assert.deepEqual(fs.readdirSync(dir).sort(), expected);
          fs.rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});
