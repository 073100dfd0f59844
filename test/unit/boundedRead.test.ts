// Bounded reads (issue #16, class 2): special files through every path a read takes are refused by
// kind, never read; a FIFO without a writer never blocks (the test would not finish otherwise).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  FileReadError,
  readFileBounded,
  readFileBoundedIfExists,
  readFileBoundedSync,
  type BoundedReadOptions,
} from '../../src/fs/boundedRead';
import { readRefFile } from '../../src/git/refFiles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-read-'));
const at = (name: string): string => path.join(dir, name);

/** Both readers, the same contract: the sync one is the CLI's for roadmap files. */
const READERS: [string, (file: string, opts: BoundedReadOptions) => Promise<Buffer>][] = [
  ['readFileBounded', readFileBounded],
  ['readFileBoundedSync', (file, opts) => Promise.resolve().then(() => readFileBoundedSync(file, opts))],
];

async function problemOf(file: string, maxBytes = 1024, read = readFileBounded): Promise<string> {
  try {
    await read(file, { maxBytes });
    return 'read';
  } catch (e) {
    assert.ok(e instanceof FileReadError, String(e));
    assert.equal(e.message.includes('\n'), false, 'one line');
    return e.problem;
  }
}

describe('bounded file reads', () => {
  const isPosix = process.platform !== 'win32';
  before(() => {
    fs.writeFileSync(at('ok.yaml'), 'version: 1\n');
    fs.writeFileSync(at('big.yaml'), Buffer.alloc(5000, 0x61));
    fs.mkdirSync(at('folder'));
    if (isPosix) {
      execFileSync('mkfifo', [at('fifo')]);
      fs.symlinkSync(at('fifo'), at('link-to-fifo'));
      fs.symlinkSync('/dev/zero', at('zero'));
      fs.symlinkSync('/dev/urandom', at('urandom'));
      fs.symlinkSync(at('zero'), at('link-to-link-to-zero'));
      fs.symlinkSync(at('loop-a'), at('loop-b'));
      fs.symlinkSync(at('loop-b'), at('loop-a'));
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, through a symlink too', async () => {
    assert.equal((await readFileBounded(at('ok.yaml'), { maxBytes: 100 })).toString(), 'version: 1\n');
    if (isPosix) {
      fs.symlinkSync(at('ok.yaml'), at('link-ok'));
      assert.equal((await readFileBounded(at('link-ok'), { maxBytes: 100 })).toString(), 'version: 1\n');
    }
  });

  it('refuses a file over the bound, naming the bound', async () => {
    await assert.rejects(readFileBounded(at('big.yaml'), { maxBytes: 4096, what: 'roadmap files' }), (e: unknown) => {
      assert.ok(e instanceof FileReadError);
      assert.equal(e.problem, 'too-large');
      assert.match(e.message, /4\.9 KB, over the 4\.0 KB Roadmap Lens reads for roadmap files/);
      return true;
    });
  });

  it('special files are refused by kind, not read (FIFO, devices, links to them, folders, loops)', async function () {
    if (!isPosix) this.skip();
    const cases: [string, string][] = [
      ['fifo', 'not-a-file'],
      ['link-to-fifo', 'not-a-file'],
      ['zero', 'not-a-file'],
      ['urandom', 'not-a-file'],
      ['link-to-link-to-zero', 'not-a-file'],
      ['folder', 'not-a-file'],
      ['loop-a', 'unreadable'],
      ['missing', 'missing'],
      ['ok.yaml/child', 'missing'],
    ];
    for (const [reader, read] of READERS)
      for (const [name, problem] of cases)
        assert.equal(await problemOf(at(name), 1024, read), problem, `${reader} ${name}`);
    assert.throws(
      () => readFileBoundedSync(at('fifo'), { maxBytes: 10, displayName: 'roadmap.yaml' }),
      /roadmap\.yaml is a FIFO/,
    );
    await assert.rejects(
      readFileBounded(at('fifo'), { maxBytes: 10, displayName: 'roadmap.yaml' }),
      /roadmap\.yaml is a FIFO/,
    );
    await assert.rejects(readFileBounded(at('zero'), { maxBytes: 10 }), /is a character device/);
  });

  it('reads every size whole, up to the bound and not past it, with both readers', async () => {
    const K = 64 * 1024;
    for (const size of [0, 1, 4095, K - 1, K, K + 1, 3 * K + 7]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
      fs.writeFileSync(at(`size-${size}`), bytes);
      for (const [reader, read] of READERS) {
        assert.deepEqual(
          await read(at(`size-${size}`), { maxBytes: size }),
          bytes,
          `${reader}: ${size} at a bound of ${size}`,
        );
        assert.deepEqual(await read(at(`size-${size}`), { maxBytes: 4 * K }), bytes, `${reader}: ${size}`);
        if (size > 0)
          assert.equal(await problemOf(at(`size-${size}`), size - 1, read), 'too-large', `${reader}: ${size}`);
      }
    }
  });

  it('a socket is refused', async function () {
    if (!isPosix) this.skip();
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(at('sock'), resolve));
    try {
      for (const [reader, read] of READERS) assert.equal(await problemOf(at('sock'), 1024, read), 'not-a-file', reader);
    } finally {
      server.close();
    }
  });

  it('readFileBoundedIfExists: undefined only when missing', async () => {
    assert.equal(await readFileBoundedIfExists(at('nope'), { maxBytes: 10 }), undefined);
    await assert.rejects(readFileBoundedIfExists(at('folder'), { maxBytes: 10 }), FileReadError);
  });

  it('git metadata: a ref that is a FIFO or a link to /dev/zero reads as unknown, never blocks', async function () {
    if (!isPosix) this.skip();
    const common = at('gitdir');
    fs.mkdirSync(path.join(common, 'refs', 'heads'), { recursive: true });
    execFileSync('mkfifo', [path.join(common, 'refs', 'heads', 'fifo')]);
    fs.symlinkSync('/dev/zero', path.join(common, 'refs', 'heads', 'zero'));
    fs.writeFileSync(path.join(common, 'refs', 'heads', 'main'), `${'a'.repeat(40)}\n`);
    assert.deepEqual(await readRefFile(common, 'refs/heads/main'), { kind: 'sha', sha: 'a'.repeat(40) });
    assert.equal((await readRefFile(common, 'refs/heads/fifo')).kind, 'unknown');
    assert.equal((await readRefFile(common, 'refs/heads/zero')).kind, 'unknown');
  });
});
