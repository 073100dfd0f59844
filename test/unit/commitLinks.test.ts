import { strict as assert } from 'node:assert';
import { BranchTags, MemoLinker, mergedBranchName, stripRemote } from '../../src/core/linking/commitLinks';
import { item, linkerFor } from './linkFixtures';

describe('commitLinks', () => {
  describe('mergedBranchName', () => {
    const cases: [string, string | undefined][] = [
      ["Merge branch 'chk-12-reorder'", 'chk-12-reorder'],
      ["Merge branch 'chk-12-reorder' into main", 'chk-12-reorder'],
      ["Merge branch 'feature/x' into 'main'", 'feature/x'],
      ["Merge branch 'x' of https://example.com/repo into y", 'x'],
      ['Merge pull request #45 from org/chk-12-reorder', 'chk-12-reorder'],
      ['Merge pull request #45 from org/feature/chk-12', 'feature/chk-12'],
      ["Merge remote-tracking branch 'origin/chk-13'", 'chk-13'],
      ['Merged in chk-12-x (pull request #7)', 'chk-12-x'],
      ['Merge tag v1.0', undefined],
      ['Fix merge of branch x', undefined],
    ];
    for (const [subject, want] of cases)
      it(JSON.stringify(subject), () => assert.equal(mergedBranchName(subject), want));
  });

  it('stripRemote removes a known remote only', () => {
    assert.equal(stripRemote('origin/feature/x', ['origin']), 'feature/x');
    assert.equal(stripRemote('feature/x', ['origin']), 'feature/x');
  });

  describe('direct links', () => {
    const linker = linkerFor();
    it('finds ids in the message, longest match wins', () => {
      assert.deepEqual(linker.direct('CHK-12: reorder button'), [{ itemId: 'CHK-12', kind: 'message' }]);
      assert.deepEqual(linker.direct('CHK-123 is unknown, UTF-8 too'), []);
    });
    it('classifies trailer references', () => {
      const ev = linker.direct(
        'Add button\n\nMentions CHK-13 in passing.\n\nRoadmap: CHK-12\nSigned-off-by: A <a@b>\n',
      );
      assert.deepEqual(ev, [
        { itemId: 'CHK-13', kind: 'message' },
        { itemId: 'CHK-12', kind: 'trailer' },
      ]);
    });
    it('an id in a trailer-looking line that git would not call a trailer is a message reference', () => {
      assert.deepEqual(linker.direct('Add\n\nRoadmap: CHK-12\n\nmore prose'), [{ itemId: 'CHK-12', kind: 'message' }]);
    });
    it('refs count (PAY-881 → CHK)', () => {
      assert.deepEqual(linker.direct('Fix PAY-881'), [{ itemId: 'CHK', kind: 'message' }]);
    });
    it('marks ids in a GitHub squash body as squash evidence', () => {
      const msg = 'Reorder (#45)\n\n* CHK-12: add button\n\n* wire CHK-13 api\n\n* fix typo';
      assert.deepEqual(linker.direct(msg), [
        { itemId: 'CHK-12', kind: 'squash' },
        { itemId: 'CHK-13', kind: 'squash' },
      ]);
    });
    it('configurable trailer keys', () => {
      const custom = linkerFor(undefined, { trailerKeys: ['Epic'] });
      assert.deepEqual(custom.direct('x\n\nEpic: CHK\n'), [{ itemId: 'CHK', kind: 'trailer' }]);
      assert.deepEqual(custom.direct('x\n\nRoadmap: CHK\n'), [{ itemId: 'CHK', kind: 'message' }]);
    });
  });

  describe('branch links', () => {
    const linker = linkerFor();
    it('an explicit tag beats an id in the branch name', () => {
      assert.deepEqual(linker.branch(['checkout/chk-12-reorder']), { itemIds: ['CHK'], tagged: true });
    });
    it('an id in the name counts when no tag matches', () => {
      assert.deepEqual(linker.branch(['feature/chk-12-reorder']), { itemIds: ['CHK-12'], tagged: false });
      assert.deepEqual(linker.branch(['feature/chk-123']), { itemIds: [], tagged: false });
    });
    it('globs and exact names', () => {
      assert.deepEqual(linker.branch(['team-search/a/b']).itemIds, ['SRCH']);
      assert.deepEqual(linker.branch(['spike-x']).itemIds, ['SRCH']);
      assert.deepEqual(linker.branch(['spike-xy']).itemIds, []);
    });
    it('merge evidence only for merges with a known subject', () => {
      assert.deepEqual(linker.mergeEvidence("Merge branch 'feature/chk-12'", 2), [
        { itemId: 'CHK-12', kind: 'merge', branch: 'feature/chk-12' },
      ]);
      assert.deepEqual(linker.mergeEvidence("Merge branch 'checkout/chk-12'", 2), [
        { itemId: 'CHK', kind: 'branch-tag', branch: 'checkout/chk-12' },
      ]);
      assert.deepEqual(linker.mergeEvidence("Merge branch 'feature/chk-12'", 1), []);
    });
    it('BranchTags reports the matching pattern and ignores broken globs', () => {
      const tags = new BranchTags([item('A', { branches: ['a/*', '[', ''] }), item('B', { branches: ['a/x'] })]);
      assert.deepEqual(tags.matchDetailed(['a/x']), [
        { itemId: 'B', pattern: 'a/x' },
        { itemId: 'A', pattern: 'a/*' },
      ]);
    });
  });

  it('fingerprint changes with ids, refs, branches and trailer keys', () => {
    const base = linkerFor().fingerprint;
    assert.equal(linkerFor().fingerprint, base);
    assert.notEqual(linkerFor([item('X')]).fingerprint, base);
    assert.notEqual(linkerFor([item('X', { branches: ['b'] })]).fingerprint, linkerFor([item('X')]).fingerprint);
    assert.notEqual(linkerFor(undefined, { trailerKeys: ['Epic'] }).fingerprint, base);
  });

  describe('MemoLinker', () => {
    const messages: [string, number][] = [
      ['CHK-12: reorder', 1],
      ['fix\n\nRoadmap: CHK-13', 1],
      ["Merge branch 'feature/chk-12'", 2],
      ["Merge branch 'checkout/chk-12'", 2],
      ["Merge branch 'feature/chk-12'", 1],
      ['nothing here', 1],
      ['Squashed (#4)\n\n* CHK-12 a\n* CHK-13 b', 1],
    ];

    it('answers exactly as the linker it wraps, warmed or not, asked once or twice', () => {
      const linker = linkerFor();
      const memo = new MemoLinker(linker);
      messages.slice(0, 3).forEach(([m, p]) => memo.warm(m, p));
      for (const [m, p] of [...messages, ...messages]) {
        assert.deepEqual(memo.direct(m, p), linker.direct(m, p), `direct ${m} / ${p}`);
        assert.deepEqual(memo.mergeEvidence(m, p), linker.mergeEvidence(m, p), `merge ${m} / ${p}`);
      }
    });

    it('keeps remembered merge evidence safe from callers that change the list they get', () => {
      const memo = new MemoLinker(linkerFor());
      const first = memo.mergeEvidence("Merge branch 'feature/chk-12'", 2);
      first.length = 0;
      assert.equal(memo.mergeEvidence("Merge branch 'feature/chk-12'", 2).length, 1);
    });
  });
});
