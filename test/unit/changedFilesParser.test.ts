import * as assert from 'node:assert/strict';
import { countTouches, parseChangedFiles } from '../../src/core/gitOutput/changedFilesParser';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const M = 'c'.repeat(40);

describe('parseChangedFiles', () => {
  it('reads records with odd paths (spaces, newlines, unicode)', () => {
    const out = `\x1e${A}\0\na.txt\0new\nline.txt\0sp ace/b c.txt\0\x1e${M}\0\x1e${B}\0\na.txt\0ü/ñ.ts\0`;
    const bySha = parseChangedFiles(out, new Set([A, B, M]));
    assert.deepEqual(bySha.get(A), ['a.txt', 'new\nline.txt', 'sp ace/b c.txt']);
    assert.deepEqual(bySha.get(M), [], 'a merge has no files');
    assert.deepEqual(bySha.get(B), ['a.txt', 'ü/ñ.ts']);
  });

  it('ignores headers for commits we did not ask about and output before the first header', () => {
    const fakeHeader = `\x1e${'d'.repeat(40)}`;
    const out = `junk\0\x1e${A}\0\nx\0${fakeHeader}\0y\0`;
    const bySha = parseChangedFiles(out, new Set([A]));
    assert.deepEqual(bySha.get(A), ['x', fakeHeader, 'y']);
    assert.equal(bySha.size, 1);
  });

  it('empty output: nothing', () => {
    assert.equal(parseChangedFiles('', new Set([A])).size, 0);
  });
});

describe('countTouches', () => {
  it('counts each file once per commit, most touched first, ties by path', () => {
    const counts = countTouches(
      new Map([
        [A, ['b.ts', 'a.ts', 'a.ts']],
        [B, ['a.ts', 'c.ts']],
      ]),
    );
    assert.deepEqual(counts, [
      { path: 'a.ts', commits: 2 },
      { path: 'b.ts', commits: 1 },
      { path: 'c.ts', commits: 1 },
    ]);
    assert.equal(countTouches(new Map([[A, ['x', 'y', 'z']]]), 2).length, 2);
  });
});
