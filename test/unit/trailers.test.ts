import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTrailers, trailersWithKeys } from '../../src/core/gitOutput/trailers';
import { TRAILER_CASES } from './trailerCases';

describe('parseTrailers', () => {
  for (const c of TRAILER_CASES) {
    it(c.name, () => {
      const got = parseTrailers(c.message).trailers.map((t) => `${t.key}: ${t.value}`);
      assert.deepEqual(got, c.expected);
    });
  }

  it('reports offsets covering each trailer line', () => {
    const msg = 'Fix\n\nRoadmap: CHK-12,\n  CHK-13\nRefs: X\n';
    const block = parseTrailers(msg);
    const [first, second] = block.trailers;
    assert.equal(msg.slice(first?.start, first?.end), 'Roadmap: CHK-12,\n  CHK-13');
    assert.equal(msg.slice(second?.start, second?.end), 'Refs: X');
    assert.equal(msg.slice(block.start, block.end), 'Roadmap: CHK-12,\n  CHK-13\nRefs: X\n');
  });

  it('filters by configured keys case-insensitively', () => {
    const block = parseTrailers('Fix\n\nroadmap: A\nSigned-off-by: x\nIMPLEMENTS: B\n');
    assert.deepEqual(
      trailersWithKeys(block, ['Roadmap', 'Implements']).map((t) => t.value),
      ['A', 'B'],
    );
  });

  it('never throws and keeps offsets inside the message (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ':', ' ', '\n', '\t', '#', '-', 'x', '\r', 'é') }),
        (s) => {
          const block = parseTrailers(s);
          assert.ok(block.start >= 0 && block.end <= s.length && block.start <= block.end);
          for (const t of block.trailers)
            assert.ok(t.start >= block.start && t.end <= block.end && !t.key.includes('\n'));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
