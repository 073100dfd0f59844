import * as assert from 'node:assert/strict';
import { closedReferences, magicReferences } from '../../../src/core/drift/magicWords';

describe('magic words', () => {
  const closes = (msg: string): string[] => closedReferences(msg);

  it("GitHub's close / fix / resolve in every tense, with a colon, lists and cross-repo refs", () => {
    for (const word of [
      'close',
      'closes',
      'closed',
      'closing',
      'fix',
      'fixes',
      'fixed',
      'fixing',
      'resolve',
      'resolves',
      'resolved',
      'resolving',
    ])
      assert.deepEqual(closes(`Make it fast\n\n${word} #12`), ['#12'], word);
    assert.deepEqual(closes('Fixes: #12, #13 and acme/shop#14'), ['#12', '#13', 'acme/shop#14']);
    assert.deepEqual(closes('CLOSES #7'), ['#7']);
  });

  it("Linear's implement / complete and tracker keys", () => {
    assert.deepEqual(closes('Implements ENG-123'), ['ENG-123']);
    assert.deepEqual(closes('completed ENG-1 & ENG-2'), ['ENG-1', 'ENG-2']);
    assert.deepEqual(closes('Implementing PAY-9: the rest'), ['PAY-9']);
  });

  it('Jira smart commits: keys then #close / #done', () => {
    assert.deepEqual(closes('PAY-12 #close Done with reorder'), ['PAY-12']);
    assert.deepEqual(closes('PAY-1 PAY-2 #done'), ['PAY-1', 'PAY-2']);
    assert.deepEqual(closes('PAY-12 #comment not yet'), []);
  });

  it('Refs / Part of / Related to only link; closing wins when both name an item', () => {
    assert.deepEqual(magicReferences('Refs #12\nPart of PAY-3\nRelated to ENG-4'), [
      { ref: '#12', kind: 'links', word: 'refs' },
      { ref: 'PAY-3', kind: 'links', word: 'part of' },
      { ref: 'ENG-4', kind: 'links', word: 'related to' },
    ]);
    assert.deepEqual(closes('Refs #12, fixes #12'), ['#12']);
  });

  it('does not read words inside other words, bare numbers, or mentions without a verb', () => {
    assert.deepEqual(closes('prefix #12'), []);
    assert.deepEqual(closes('suffixed #12'), []);
    assert.deepEqual(closes('fix 12'), []);
    assert.deepEqual(closes('see PAY-1 for why'), []);
    assert.deepEqual(closes('fixture ENG-1'), []);
  });

  it('stays linear on a hostile message', () => {
    const hostile = `fixes ${'#1, '.repeat(50_000)}${'PAY-1 '.repeat(50_000)}#close`;
    assert.ok(closes(hostile).length >= 1);
  });
});
