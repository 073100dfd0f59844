import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeRoadmapBytes } from '../../src/core/roadmap/decodeRoadmapBytes';

describe('decodeRoadmapBytes', () => {
  it('decodes UTF-8 and strips a BOM, with no diagnostics', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('version: 1\ntitle: café ✓\n')]);
    assert.deepEqual(decodeRoadmapBytes('f', bytes), { text: 'version: 1\ntitle: café ✓\n', diagnostics: [] });
  });

  it('reports the first invalid byte at its line and UTF-16 column and keeps the rest', () => {
    const bytes = Buffer.concat([
      Buffer.from('a\n😀é'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('z\n'),
      Buffer.from([0xff]),
    ]);
    const { text, diagnostics } = decodeRoadmapBytes('/w/r.yaml', bytes);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d?.code, 'invalid-encoding');
    assert.equal(d?.file, '/w/r.yaml');
    assert.equal(d?.severity, 'error');
    assert.deepEqual(d?.range.start, { line: 1, character: 3 });
    assert.match(d?.message ?? '', /0xC0/);
    assert.ok(text.startsWith('a\n😀é\uFFFD'));
    assert.ok(text.includes('z\n'));
  });

  for (const [name, bad] of [
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['an overlong form', [0xe0, 0x80, 0xaf]],
  ] as const) {
    it(`finds ${name}`, () => {
      const { diagnostics } = decodeRoadmapBytes('f', Buffer.concat([Buffer.from('ab\ncd'), Buffer.from(bad)]));
      assert.deepEqual(diagnostics[0]?.range.start, { line: 1, character: 2 });
    });
  }

  it('agrees with TextDecoder on what is valid, for arbitrary bytes without NUL or a UTF-16 BOM', () => {
    // NUL bytes and UTF-16 BOMs are refused as a whole (decodeRoadmapBytes: UTF-16 is not UTF-8).
    const noNul = fc
      .uint8Array({ maxLength: 64 })
      .map((b) => b.map((x) => (x === 0 ? 1 : x)))
      .filter((b) => !((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)));
    fc.assert(
      fc.property(noNul, (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        const { text, diagnostics } = decodeRoadmapBytes('f', bytes);
        assert.equal(diagnostics.length === 0, valid);
        assert.equal(typeof text, 'string');
        if (!valid) {
          // The reported position is where a replacement character appears in the decoded text.
          const start = diagnostics[0]?.range.start;
          assert.ok(start);
          const lines = text.split('\n');
          assert.equal(lines[start.line]?.charAt(start.character), '\uFFFD');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('UTF-16 (either BOM) and NUL bytes: one whole-file error, no text', () => {
    for (const bytes of [
      Buffer.from([0xff, 0xfe, 0x76, 0]),
      Buffer.from([0xfe, 0xff, 0, 0x76]),
      Buffer.from('version: 1\n', 'utf16le'),
      Buffer.from('version: 1\n\0'),
    ]) {
      const { text, diagnostics } = decodeRoadmapBytes('f', bytes);
      assert.equal(text, '');
      assert.equal(diagnostics.length, 1);
      assert.match(diagnostics[0]?.message ?? '', /UTF-16|NUL bytes/);
    }
  });
});
