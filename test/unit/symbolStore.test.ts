// The symbol store (src/fs/symbolStore.ts, src/core/indexFile/symbolsCodec.ts): the finder's
// symbols read back for their key only (path, bytes, finder build); any damage, another version,
// a symbol outside the file or a line count that no longer matches is a miss with a reason, never
// a throw; a link where the folder should be is never written through; `whySymbols` answers the
// finder's symbols from a hit, a miss or a broken store alike.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { whySymbols } from '../../src/cli/whySymbols';
import { findSymbolsFresh, symbolRanges } from '../../src/core/attribution/symbolRanges';
import { decodeSymbols, encodeSymbols, SYMBOLS_VERSION } from '../../src/core/indexFile/symbolsCodec';
import { RepoCache } from '../../src/fs/repoCache';
import { SymbolStore, symbolsKeyOf, SYMBOLS_FOLDER } from '../../src/fs/symbolStore';

const BUILD = 'test-build';
const TEXT = ['class Cart {', '  add() {', '    x();', '  }', '}', 'function f() {', '}'];
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'rl-symbol-store-'));

describe('symbol store', () => {
  it('reads back what it wrote, for that path, content and finder build only', async () => {
    const store = new SymbolStore(path.join(tmp(), SYMBOLS_FOLDER));
    const symbols = symbolRanges('src/cart.ts', TEXT);
    const key = symbolsKeyOf('src/cart.ts', TEXT.join('\n'), BUILD);
    assert.deepEqual(await store.read(key, TEXT.length), { kind: 'missing' });
    await store.write(key, TEXT.length, symbols);
    assert.deepEqual(await store.read(key, TEXT.length), { kind: 'hit', symbols });
    assert.deepEqual(await store.read({ ...key, build: 'other' }, TEXT.length), { kind: 'missing' });
    const edited = symbolsKeyOf('src/cart.ts', `${TEXT.join('\n')}\n`, BUILD);
    assert.equal(store.fileOf(edited), store.fileOf(key), 'one entry per path');
    assert.deepEqual(await store.read(edited, TEXT.length), { kind: 'missing' });
    assert.equal((await store.read(key, TEXT.length + 1)).kind, 'ignored', 'another line count');
  });

  it('decodes only well-formed files of its version whose symbols lie inside the file', () => {
    const key = { path: 'a.ts', digest: 'd', build: BUILD };
    const good = encodeSymbols(key, 7, symbolRanges('a.ts', TEXT));
    assert.ok(decodeSymbols(good, key, 7).ok);
    const json = JSON.parse(Buffer.from(good).toString('utf8')) as { symbols: unknown[]; version: number };
    const bad = (change: (j: typeof json) => void): Uint8Array => {
      const copy = JSON.parse(JSON.stringify(json)) as typeof json;
      change(copy);
      return Buffer.from(JSON.stringify(copy));
    };
    const cases: Uint8Array[] = [
      good.subarray(0, good.length - 5),
      Buffer.from('[]'),
      Buffer.from('null'),
      bad((j) => (j.version = SYMBOLS_VERSION + 1)),
      bad((j) => j.symbols.push(['x', 'class', 3, 7, 0])),
      bad((j) => j.symbols.push(['x', 'class', 4, 2, 0])),
      bad((j) => j.symbols.push(['x', 'class', -1, 2, 0])),
      bad((j) => j.symbols.push(['x', 'widget', 1, 2, 0])),
      bad((j) => j.symbols.push(['x', 'class', 1.5, 2, 0])),
      bad((j) => j.symbols.push(['x', 'class', 1, 2])),
      bad((j) => j.symbols.push([{}, 'class', 1, 2, 0])),
      bad((j) => (j.symbols = {} as unknown as unknown[])),
    ];
    for (const bytes of cases) {
      const decoded = decodeSymbols(bytes, key, 7);
      assert.equal(decoded.ok, false, Buffer.from(bytes).toString('utf8').slice(0, 200));
    }
    assert.deepEqual(decodeSymbols(good, { ...key, digest: 'e' }, 7), {
      ok: false,
      reason: 'stored for another path, content or finder',
      otherKey: true,
    });
  });

  it('never throws on arbitrary bytes', () => {
    const key = { path: 'a.ts', digest: 'd', build: BUILD };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(20), (bytes, lines) => {
        assert.equal(typeof decodeSymbols(bytes, key, lines).ok, 'boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every symbol the finder gives on this repository’s own sources', () => {
    const root = path.join(__dirname, '..', '..', '..', 'src');
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    let checked = 0;
    for (const file of files(root).filter((f) => f.endsWith('.ts'))) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const symbols = symbolRanges(file, lines);
      const key = { path: file, digest: 'd', build: BUILD };
      const decoded = decodeSymbols(encodeSymbols(key, lines.length, symbols), key, lines.length);
      assert.deepEqual(decoded, { ok: true, symbols }, file);
      checked++;
    }
    assert.ok(checked > 100);
  });

  it('whySymbols: the finder’s symbols from a miss, then from the store; a broken store still answers', async () => {
    const repoDir = tmp();
    const cache = RepoCache.open(repoDir);
    const bytes = Buffer.from(TEXT.join('\n'));
    const notes: string[] = [];
    const expected = findSymbolsFresh('src/cart.ts', TEXT);
    assert.deepEqual(await whySymbols(cache, 'src/cart.ts', bytes, TEXT, (l) => notes.push(l), BUILD), expected);
    const dir = path.join((await cache).dir, SYMBOLS_FOLDER);
    assert.equal(fs.readdirSync(dir).length, 1, 'stored');
    assert.deepEqual(await whySymbols(cache, 'src/cart.ts', bytes, TEXT, (l) => notes.push(l), BUILD), expected);
    assert.equal(notes.length, 0);
    // Damaged: one note, the finder answers, and the entry is written again.
    const file = path.join(dir, fs.readdirSync(dir)[0]!);
    fs.writeFileSync(file, '{"format":"roadmap-lens-symbols"');
    assert.deepEqual(await whySymbols(cache, 'src/cart.ts', bytes, TEXT, (l) => notes.push(l), BUILD), expected);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /ignored \(not JSON/);
    assert.ok(decodeSymbols(fs.readFileSync(file), symbolsKeyOf('src/cart.ts', bytes, BUILD), TEXT.length).ok);
    // A file where the folder should be: not written through, one note, still the finder's answer.
    fs.rmSync(dir, { recursive: true });
    fs.writeFileSync(dir, 'not a folder');
    notes.length = 0;
    assert.deepEqual(await whySymbols(cache, 'src/cart.ts', bytes, TEXT, (l) => notes.push(l), BUILD), expected);
    assert.equal(fs.readFileSync(dir, 'utf8'), 'not a folder');
    // Without a build id (unbundled code) the store is neither read nor written.
    assert.deepEqual(await whySymbols(cache, 'src/cart.ts', bytes, TEXT, () => undefined, undefined), expected);
  });
});
