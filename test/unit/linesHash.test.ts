// The memos' key (symbolMemo.ts linesHash): kept per lines array, so the finder's memo and the
// comment scan's hash one attribution's lines once; the key itself depends only on the content.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { linesHash } from '../../src/core/attribution/symbolMemo';
import { TextHash } from '../../src/core/util/textHash';

/** The key written out: each line, then a break, hashed with the line count as the seed. */
function oracle(lines: readonly string[]): string {
  const hash = new TextHash(lines.length);
  for (const line of lines) hash.add(line).addBreak();
  return hash.toString();
}

describe('linesHash', () => {
  it('is the content hash of the lines, for a new array and for the same array asked again (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 30 }), (lines) => {
        const expected = oracle(lines);
        assert.equal(linesHash(lines), expected);
        assert.equal(linesHash(lines), expected, 'asked again for the same array');
        assert.equal(linesHash([...lines]), expected, 'a copy with the same content');
      }),
    );
  });

  it('tells apart texts that differ only in where the lines break', () => {
    assert.notEqual(linesHash(['ab', 'c']), linesHash(['a', 'bc']));
    assert.notEqual(linesHash(['a']), linesHash(['a', '']));
  });
});
