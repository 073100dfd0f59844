import assert from 'node:assert/strict';
import { addTrailer } from '../../src/core/linking/commitTrailer';

describe('addTrailer', () => {
  const cases: Array<[string, string, string]> = [
    ['empty message keeps an empty subject', '', '\n\nRoadmap: CHK-12'],
    ['subject only', 'Add reorder button', 'Add reorder button\n\nRoadmap: CHK-12'],
    ['subject and body', 'Add reorder\n\nWhy it matters.', 'Add reorder\n\nWhy it matters.\n\nRoadmap: CHK-12'],
    [
      'joins an existing trailer block',
      'Add reorder\n\nSigned-off-by: A <a@x>',
      'Add reorder\n\nSigned-off-by: A <a@x>\nRoadmap: CHK-12',
    ],
    ['trailing whitespace trimmed', 'Add reorder\n\n', 'Add reorder\n\nRoadmap: CHK-12'],
    ['a subject that looks like a trailer is not a block', 'Fix: crash', 'Fix: crash\n\nRoadmap: CHK-12'],
    [
      'a body paragraph with prose is not a block',
      'S\n\nNote: this\nand more prose',
      'S\n\nNote: this\nand more prose\n\nRoadmap: CHK-12',
    ],
    ['another id is added beside', 'S\n\nRoadmap: CHK-7', 'S\n\nRoadmap: CHK-7\nRoadmap: CHK-12'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(addTrailer(input, 'Roadmap', 'CHK-12'), expected));
  }

  it('never duplicates, case-insensitively', () => {
    const once = addTrailer('Subject', 'Roadmap', 'CHK-12');
    assert.equal(addTrailer(once, 'Roadmap', 'CHK-12'), once);
    assert.equal(addTrailer('S\n\nroadmap: chk-12', 'Roadmap', 'CHK-12'), 'S\n\nroadmap: chk-12');
  });

  it('treats configured equivalent keys as already present', () => {
    const msg = 'S\n\nRefs: CHK-12';
    assert.equal(addTrailer(msg, 'Roadmap', 'CHK-12', ['Refs', 'Implements']), msg);
    assert.equal(addTrailer(msg, 'Roadmap', 'CHK-12'), 'S\n\nRefs: CHK-12\nRoadmap: CHK-12');
  });

  it('does not mistake CHK-123 for CHK-12', () => {
    assert.equal(addTrailer('S\n\nRoadmap: CHK-123', 'Roadmap', 'CHK-12'), 'S\n\nRoadmap: CHK-123\nRoadmap: CHK-12');
  });
});
