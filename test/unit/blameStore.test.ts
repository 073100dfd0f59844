// The blame store on disk (src/fs/blameStore.ts): a written blame reads back for its key only;
// one file per (HEAD, path), so saving a file again replaces its entry; a damaged file, or a link
// or folder where a file or the store's folder should be, is a miss and is never written through;
// racing writers leave one whole file; the folder stays within its bounds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseBlame, type BlameResult } from '../../src/core/gitOutput/blameParser';
import { blameKeyOf, BlameStore } from '../../src/fs/blameStore';

const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'blame');
const blame: BlameResult = parseBlame(readFileSync(path.join(fixtures, 'rename-incremental.txt'), 'utf8'));
const HEAD = 'a'.repeat(40);

function freshStore(opts: ConstructorParameters<typeof BlameStore>[1] = {}): BlameStore {
  return new BlameStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-blame-store-')), 'blame'), opts);
}

describe('BlameStore', () => {
  it('reads back what it wrote, for that HEAD, path and content only', async () => {
    const store = freshStore();
    const key = blameKeyOf(HEAD, 'src/cart.ts', 'a\nb\n');
    assert.deepEqual(await store.read(key), { kind: 'missing' });
    await store.write(key, blame);
    const hit = await store.read(key, blame.lineCount);
    assert.equal(hit.kind, 'hit');
    assert.deepEqual(hit.kind === 'hit' ? [...hit.blame.lineCommit] : [], [...blame.lineCommit]);
    // The same file saved with other bytes: one entry per (HEAD, path), replaced on the next write.
    const edited = blameKeyOf(HEAD, 'src/cart.ts', 'a\nb\nc\n');
    assert.equal(store.fileOf(edited), store.fileOf(key));
    assert.deepEqual(await store.read(edited), { kind: 'missing' });
    assert.deepEqual(await store.read(blameKeyOf('b'.repeat(40), 'src/cart.ts', 'a\nb\n')), { kind: 'missing' });
    assert.equal(fs.readdirSync(store.dir).length, 1);
  });

  it('the key digests the bytes: a string and its UTF-8 bytes are one key', () => {
    const text = 'naïve ✓\n';
    assert.deepEqual(blameKeyOf(HEAD, 'p', text), blameKeyOf(HEAD, 'p', Buffer.from(text, 'utf8')));
    assert.notEqual(blameKeyOf(HEAD, 'p', text).digest, blameKeyOf(HEAD, 'p', `${text} `).digest);
  });

  it('ignores a damaged, truncated or foreign file with a reason, and a folder in its place', async () => {
    const store = freshStore();
    const key = blameKeyOf(HEAD, 'src/cart.ts', 'x\n');
    await store.write(key, blame);
    const file = store.fileOf(key);
    const good = fs.readFileSync(file);
    for (const bytes of [
      good.subarray(0, good.length - 10),
      Buffer.from('{"format":"roadmap-lens-blame","version":2}'),
    ]) {
      fs.writeFileSync(file, bytes);
      const read = await store.read(key);
      assert.equal(read.kind, 'ignored');
    }
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.equal((await store.read(key)).kind, 'ignored');
  });

  it('never writes through a link where its folder should be', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-blame-link-'));
    const elsewhere = path.join(base, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(base, 'blame'));
    const store = new BlameStore(path.join(base, 'blame'));
    await assert.rejects(store.write(blameKeyOf(HEAD, 'a', 'a\n'), blame), /not a folder/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('leaves one whole file when writers race on one key', async () => {
    const store = freshStore();
    const other = new BlameStore(store.dir);
    const key = blameKeyOf(HEAD, 'src/cart.ts', 'a\n');
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? store : other).write(key, blame)));
    assert.equal((await store.read(key)).kind, 'hit');
    assert.deepEqual(
      fs.readdirSync(store.dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('stays within its bounds, least recently used first', async () => {
    const store = freshStore({ limits: { maxBytes: 10_000_000, maxFiles: 3 }, evictEvery: 1 });
    const keys = ['a', 'b', 'c', 'd'].map((p) => blameKeyOf(HEAD, p, p));
    for (const [i, key] of keys.entries()) {
      await store.write(key, blame);
      // Distinct use times, oldest first; 'a' is then read (a use) before the fourth write.
      const when = new Date(Date.now() - (10 - i) * 1000);
      fs.utimesSync(store.fileOf(key), when, when);
      if (i === 2) assert.equal((await store.read(keys[0] as (typeof keys)[0])).kind, 'hit');
    }
    assert.equal(fs.readdirSync(store.dir).length, 3);
    assert.equal((await store.read(keys[1] as (typeof keys)[0])).kind, 'missing', 'the least recently used went');
    assert.equal((await store.read(keys[0] as (typeof keys)[0])).kind, 'hit', 'the one read since stayed');
  });
});
