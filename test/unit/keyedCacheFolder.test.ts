// The folder the blame, why-links and symbol stores share (src/fs/keyedCacheFolder.ts): what the
// codec accepts is a hit (and touched as used), another key's file is a plain miss, anything else
// is ignored with the codec's or the read's reason; a file past the bound is not written; a link
// where the folder should be is never written through; eviction keeps the most recently used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KeyedCacheFolder, type KeyedDecoded } from '../../src/fs/keyedCacheFolder';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'rl-keyed-folder-'));

/** A codec for tests: "v:KEY:VALUE"; another KEY is another key's file. */
function decodeFor(key: string): (bytes: Uint8Array) => KeyedDecoded<string> {
  return (bytes) => {
    const [tag, k, value] = Buffer.from(bytes).toString('utf8').split(':');
    if (tag !== 'v' || value === undefined) return { ok: false, reason: 'not a test file' };
    if (k !== key) return { ok: false, reason: 'another key', otherKey: true };
    return { ok: true, value };
  };
}

describe('keyed cache folder', () => {
  it('reads back what it wrote; another key is a miss; a damaged file is ignored with its reason', async () => {
    const dir = path.join(tmp(), 'store');
    const folder = new KeyedCacheFolder(dir, { maxBytes: 1024, maxFiles: 10 }, 'test cache files');
    const file = path.join(dir, 'a.json');
    assert.deepEqual(await folder.read(file, decodeFor('a')), { kind: 'missing' });
    await folder.write(file, Buffer.from('v:a:one'));
    assert.deepEqual(await folder.read(file, decodeFor('a')), { kind: 'hit', value: 'one' });
    assert.deepEqual(await folder.read(file, decodeFor('b')), { kind: 'missing' });
    fs.writeFileSync(file, 'garbage');
    assert.deepEqual(await folder.read(file, decodeFor('a')), { kind: 'ignored', reason: 'not a test file' });
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.equal((await folder.read(file, decodeFor('a'))).kind, 'ignored', 'a folder where a file should be');
  });

  it('writes nothing past its bound, and never through a link in place of the folder', async () => {
    const root = tmp();
    const bounded = new KeyedCacheFolder(path.join(root, 'small'), { maxBytes: 4, maxFiles: 10 }, 'test cache files');
    await bounded.write(path.join(root, 'small', 'a.json'), Buffer.from('v:a:too long'));
    assert.ok(!fs.existsSync(path.join(root, 'small', 'a.json')));

    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(root, 'linked'));
    const linked = new KeyedCacheFolder(
      path.join(root, 'linked'),
      { maxBytes: 1024, maxFiles: 10 },
      'test cache files',
    );
    await assert.rejects(linked.write(path.join(root, 'linked', 'a.json'), Buffer.from('v:a:x')), /is not a folder/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('evicts to its bounds every N writes, least recently used first (a hit counts as a use)', async () => {
    const dir = path.join(tmp(), 'store');
    const folder = new KeyedCacheFolder(dir, { maxBytes: 1024, maxFiles: 2 }, 'test cache files', 1);
    const at = (k: string): string => path.join(dir, `${k}.json`);
    await folder.write(at('a'), Buffer.from('v:a:1'));
    await folder.write(at('b'), Buffer.from('v:b:2'));
    // Make the order of use certain: b older than a, then a read touches a.
    fs.utimesSync(at('a'), new Date(2_000_000), new Date(2_000_000));
    fs.utimesSync(at('b'), new Date(1_000_000), new Date(1_000_000));
    assert.equal((await folder.read(at('a'), decodeFor('a'))).kind, 'hit');
    await folder.write(at('c'), Buffer.from('v:c:3'));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.json', 'c.json']);
  });
});
