// The CLI's code cache file (src/fs/codeCache.ts) is read before V8 sees a byte of it: V8 does not
// check the payload's checksum in release builds, so the file's own header must. A round trip
// gives back the payload; a file truncated, of another version, made for another bundle or node,
// with a damaged payload, or garbage is `ignored` with a reason, never an exception.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  codeCacheFile,
  codeCacheKey,
  decodeCodeCache,
  encodeCodeCache,
  readCodeCache,
  writeCodeCache,
} from '../../src/fs/codeCache';

const KEY = codeCacheKey(Buffer.from('bundle bytes'), 'v20\0x64');
const PAYLOAD = Buffer.from('pretend V8 code '.repeat(50));

describe('codeCache', () => {
  it('gives back the payload it was written with', () => {
    const read = decodeCodeCache(encodeCodeCache(PAYLOAD, KEY), KEY);
    assert.equal(read.kind, 'hit');
    assert.ok(read.kind === 'hit' && read.data.equals(PAYLOAD));
  });

  it('keys by the bundle bytes and the runtime', () => {
    assert.ok(
      !codeCacheKey(Buffer.from('bundle bytes'), 'v20\0x64').equals(
        codeCacheKey(Buffer.from('bundle byteS'), 'v20\0x64'),
      ),
    );
    assert.ok(!KEY.equals(codeCacheKey(Buffer.from('bundle bytes'), 'v22\0x64')));
  });

  const good = encodeCodeCache(PAYLOAD, KEY);
  const flip = (at: number): Buffer => {
    const b = Buffer.from(good);
    b[at] = (b[at] ?? 0) ^ 0xff;
    return b;
  };
  const damaged: readonly [string, Buffer, RegExp][] = [
    ['empty', Buffer.alloc(0), /truncated/],
    ['a truncated header', good.subarray(0, 40), /truncated/],
    ['a truncated payload', good.subarray(0, good.length - 10), /truncated/],
    ['bytes after the payload', Buffer.concat([good, Buffer.from('x')]), /truncated/],
    ['garbage', Buffer.from('not a code cache file, just text '.repeat(5)), /not a code cache/],
    ['another version', flip(6), /version/],
    ['another bundle', encodeCodeCache(PAYLOAD, codeCacheKey(Buffer.from('other'), 'v20\0x64')), /another bundle/],
    ['a damaged payload', flip(good.length - 1), /checksum/],
    ['a damaged checksum', flip(50), /checksum/],
  ];
  for (const [name, bytes, reason] of damaged) {
    it(`ignores ${name}`, () => {
      const read = decodeCodeCache(bytes, KEY);
      assert.equal(read.kind, 'ignored');
      assert.match(read.kind === 'ignored' ? read.reason : '', reason);
    });
  }

  it('never throws and never hits on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        assert.notEqual(decodeCodeCache(Buffer.from(b), KEY).kind, 'hit');
      }),
    );
  });

  it('writes atomically, reads back, and a folder or a missing file is not a hit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-code-'));
    try {
      const file = codeCacheFile(dir, KEY);
      assert.equal(readCodeCache(file, KEY).kind, 'missing');
      assert.equal(writeCodeCache(dir, file, PAYLOAD, KEY), undefined);
      const read = readCodeCache(file, KEY);
      assert.ok(read.kind === 'hit' && read.data.equals(PAYLOAD));
      assert.deepEqual(
        fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
      );
      fs.rmSync(file);
      fs.mkdirSync(file);
      assert.equal(readCodeCache(file, KEY).kind, 'ignored');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps at most a few files, the one just written among them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-code-'));
    try {
      const old = new Date(Date.now() - 3600_000);
      for (let i = 0; i < 12; i++) {
        fs.writeFileSync(path.join(dir, `old${i}.bin`), 'x');
        fs.utimesSync(path.join(dir, `old${i}.bin`), old, old);
      }
      const file = codeCacheFile(dir, KEY);
      assert.equal(writeCodeCache(dir, file, PAYLOAD, KEY), undefined);
      const left = fs.readdirSync(dir);
      assert.equal(left.length, 8);
      assert.ok(left.includes(path.basename(file)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
