// ReferenceMatcher.mayMatch, the comment scan's cheap check before findAll: it may say "maybe"
// too often, never "no" for a text in which findAll finds a reference (random keys, aliases and
// texts: any ASCII case, regular-expression characters, non-ASCII letters); and with more key
// prefixes than it is worth it always says "maybe". findAll jumps between key prefixes with the
// same expression: it finds exactly what trying every position finds.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';

const keyChar = fc.constantFrom('A', 'b', 'C', '-', '.', '#', '1', '2', '(', '[', '*', '\\', 'é', 'É', 'ß', ' ');
const key = fc.array(keyChar, { minLength: 1, maxLength: 6 }).map((c) => c.join(''));
const textPart = fc.oneof(key, fc.constantFrom(' ', 'x', 'a-', '1', 'é', 'É', 'SS', '\t', '/'));

/** A matcher over a few random keys and aliases, and a text of keys and noise, perhaps case-swapped. */
const matcherAndText = (maxParts: number): fc.Arbitrary<{ matcher: ReferenceMatcher; text: string }> =>
  fc
    .tuple(
      fc.array(fc.record({ id: key, aliases: fc.array(key, { maxLength: 2 }) }), { minLength: 1, maxLength: 5 }),
      fc.array(textPart, { maxLength: maxParts }),
      fc.boolean(),
    )
    .map(([items, parts, swapCase]) => {
      const text = parts.join('');
      return {
        matcher: new ReferenceMatcher(items),
        text: swapCase
          ? text.replace(/[a-zA-Z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
          : text,
      };
    });

describe('ReferenceMatcher.mayMatch (properties)', () => {
  it('never says no where findAll finds a reference', () => {
    fc.assert(
      fc.property(matcherAndText(12), ({ matcher, text }) => {
        if (matcher.findAll(text).length > 0) assert.equal(matcher.mayMatch(text), true, text);
      }),
      { numRuns: 1000 },
    );
  });

  it('findAll, which jumps to where a key prefix is, finds what trying every position finds', () => {
    fc.assert(
      fc.property(matcherAndText(16), ({ matcher, text }) => {
        // Twice: the jump's expression keeps its position between calls, which must not matter.
        assert.deepEqual(matcher.findAll(text), matcher.findAllEveryPosition(text), text);
        assert.deepEqual(matcher.findAll(text), matcher.findAllEveryPosition(text), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('says no for text without any key prefix, maybe for a prefix in any ASCII case', () => {
    const matcher = new ReferenceMatcher([{ id: 'LANG-12', aliases: ['#88'] }]);
    assert.equal(matcher.mayMatch('Returns the length of the array, or zero.'), false);
    assert.equal(matcher.mayMatch('see lang-12'), true);
    assert.equal(matcher.mayMatch('fixes #88'), true);
    assert.equal(matcher.mayMatch('a language'), true, 'a maybe: findAll decides');
    assert.deepEqual(matcher.findAll('a language'), []);
    assert.equal(new ReferenceMatcher([]).mayMatch('LANG-12'), false);
  });

  it('with more key prefixes than it is worth, always maybe', () => {
    const letter = (n: number): string => String.fromCharCode(65 + (n % 26));
    const items = Array.from({ length: 400 }, (_, i) => ({ id: `${letter(i)}${letter(i / 26)}-1`, aliases: [] }));
    const matcher = new ReferenceMatcher(items);
    assert.equal(matcher.mayMatch('nothing here'), true);
    assert.deepEqual(matcher.itemIds('see JP-1'), ['JP-1']);
  });
});
