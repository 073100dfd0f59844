// lineStarts / lineOf (import's text edits and rename's positions): every offset maps to the line
// a plain split says it is on, for LF, CRLF, empty lines and text without a final newline.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineCount, lineOf, lineStarts } from '../../src/core/util/lineStarts';

/** Oracle: count the `\n` before the offset. */
function lineByCounting(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

describe('lineStarts / lineOf', () => {
  const cases: [string, number[]][] = [
    ['', [0]],
    ['a', [0]],
    ['a\n', [0, 2]],
    ['a\nbc\n\nd', [0, 2, 5, 6]],
    ['x\r\ny\r\n', [0, 3, 6]],
  ];
  for (const [text, starts] of cases)
    it(`line starts of ${JSON.stringify(text)}`, () => assert.deepEqual(lineStarts(text), starts));

  it('puts every offset on the line a split says (property, against counting newlines)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', 'é') }), (text) => {
        const starts = lineStarts(text);
        for (let offset = 0; offset <= text.length; offset++)
          assert.equal(lineOf(starts, offset), lineByCounting(text, offset), `offset ${offset}`);
      }),
      { numRuns: 300 },
    );
  });

  it('counts lines as git does (property, against splitting and dropping a final empty line)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r') }), (text) => {
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        assert.equal(lineCount(text), lines.length);
      }),
      { numRuns: 300 },
    );
  });
});
