import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { flowListSource, pairSource, scalarSource, textHash } from '../../../src/core/import/yamlScalarText';

/** A small deterministic generator: no Math.random, so a failure reproduces. */
function* strings(count: number): Generator<string> {
  const alphabet = [
    'a',
    'Z',
    '9',
    ' ',
    ':',
    '#',
    '-',
    '"',
    "'",
    ',',
    '[',
    ']',
    '{',
    '}',
    '&',
    '*',
    '!',
    '|',
    '>',
    '%',
    '@',
    '`',
    '?',
    '\t',
    'ü',
    '支',
    '😀',
    '\\',
    '.',
    '~',
  ];
  let seed = 7;
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = (seed % 9) + 1;
    for (let k = 0; k < len; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += alphabet[seed % alphabet.length] ?? '';
    }
    yield s;
  }
  yield* [
    'true',
    'No',
    'null',
    '~',
    '12',
    '1.5',
    '0x1F',
    '.inf',
    '2026-03-15',
    '2026.1',
    '-',
    '- a',
    'a: b',
    'a #b',
    'x:',
    ' lead',
    'trail ',
  ];
}

describe('yamlScalarText', () => {
  it('every scalar reads back as the same string (block pair, flow list)', () => {
    for (const s of strings(3000)) {
      assert.deepEqual(parse(`k: ${scalarSource(s)}`), { k: s }, JSON.stringify(s));
      assert.deepEqual(parse(`k: ${flowListSource([s, 'b'])}`), { k: [s, 'b'] }, JSON.stringify(s));
    }
  });

  it('writes plain text plainly and multi-line text as a literal block', () => {
    assert.equal(scalarSource('Frictionless checkout'), 'Frictionless checkout');
    assert.equal(scalarSource('Fix: checkout'), '"Fix: checkout"');
    const src = pairSource('why', 'one\n\ntwo: three', '    ', 'imported 00000000');
    assert.equal(src, '    why: |- # imported 00000000\n      one\n\n      two: three');
    assert.deepEqual(parse(`x:\n${src}`.replace('x:\n    ', 'x:\n    ')), { x: { why: 'one\n\ntwo: three' } });
    assert.deepEqual(parse(pairSource('why', ' lead\nx', '')), { why: ' lead\nx' });
  });

  it('hashes deterministically', () => {
    assert.equal(textHash('abc'), textHash('abc'));
    assert.notEqual(textHash('abc'), textHash('abd'));
    assert.match(textHash(''), /^[0-9a-f]{8}$/);
  });
});
