// The blame parser on raw output captured from git 2.39 (test/fixtures/blame): a file renamed with
// `git mv` and edited, with CRLF lines, a unicode and quoted name, a boundary (root) commit and an
// uncommitted line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  BlameParser,
  isUncommittedSha,
  NOT_COMMITTED,
  parseBlame,
  unquoteGitPath,
  type BlameResult,
} from '../../src/core/gitOutput/blameParser';

const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'blame');
const read = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

const FIRST = 'ca8e30ca62492e4b31690ee312685332a9a13d3b';
const SECOND = '7bf7d3bd44eb3e987c5e51074c35e7a82f2de461';

function shas(r: BlameResult): string[] {
  return [...r.lineCommit].map((c) => r.commits[c]?.sha ?? '?');
}

function checkRenameFixture(r: BlameResult): void {
  assert.equal(r.lineCount, 4);
  assert.deepEqual(shas(r), [FIRST, SECOND, FIRST, '0'.repeat(40)]);
  const first = r.commits.find((c) => c.sha === FIRST);
  assert.equal(first?.boundary, true);
  assert.equal(first?.summary, 'CHK-1: first');
  assert.equal(first?.author, 'Ann');
  assert.equal(first?.authorTime, 1700000000);
  const second = r.commits.find((c) => c.sha === SECOND);
  assert.equal(second?.boundary, false);
  assert.equal(second?.authorTime, 1700000100);
  const pending = r.commits.find((c) => c.uncommitted);
  assert.equal(pending?.author, 'Not Committed Yet');
  // Lines 1 and 3 come from the file's old name, lines 2 and 4 from the new one.
  assert.deepEqual(
    [...r.lineFile].map((f) => r.filenames[f]),
    ['old näme.txt', 'new "näme".txt', 'old näme.txt', 'new "näme".txt'],
  );
  assert.deepEqual([...r.lineOrig], [1, 2, 3, 4]);
}

describe('blameParser', () => {
  it('parses --incremental output (entries out of line order)', () => {
    checkRenameFixture(parseBlame(read('rename-incremental.txt')));
  });

  it('parses --porcelain output with CRLF content lines', () => {
    checkRenameFixture(parseBlame(read('rename-porcelain.txt')));
  });

  it('parses --line-porcelain output', () => {
    checkRenameFixture(parseBlame(read('rename-line-porcelain.txt')));
  });

  it('gives the same result whatever the chunking, and with CRLF line ends', () => {
    const text = read('rename-incremental.txt');
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const parser = new BlameParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      checkRenameFixture(parser.end());
    }
    checkRenameFixture(parseBlame(text.replace(/\n/g, '\r\n')));
    const parser = new BlameParser();
    for (const line of text.split('\n')) parser.pushLine(line);
    checkRenameFixture(parser.end());
  });

  it('reads a last line without a newline', () => {
    const r = parseBlame(`${FIRST} 1 1 2\nauthor A\nsummary s\nfilename a.txt`);
    assert.equal(r.lineCount, 2);
    assert.deepEqual(r.filenames, ['a.txt']);
    assert.deepEqual([...r.lineFile], [0, 0]);
  });

  it('handles groups of lines and later groups of a commit without a filename line (porcelain)', () => {
    const out =
      [
        `${FIRST} 1 1 2`,
        'author A',
        'summary one',
        'filename a.txt',
        '\tx',
        `${FIRST} 2 2`,
        '\ty',
        `${SECOND} 1 3 1`,
        'author B',
        'summary two',
        'filename b.txt',
        '\tz',
        `${FIRST} 5 4 1`,
        '\tw',
      ].join('\n') + '\n';
    const r = parseBlame(out);
    assert.deepEqual(shas(r), [FIRST, FIRST, SECOND, FIRST]);
    assert.deepEqual(
      [...r.lineFile].map((f) => r.filenames[f]),
      ['a.txt', 'a.txt', 'b.txt', 'a.txt'],
    );
    assert.deepEqual([...r.lineOrig], [1, 2, 1, 5]);
  });

  it('ignores noise and leaves unknown lines at -1', () => {
    const r = parseBlame(`garbage\n${FIRST} 1 3 1\nauthor A\nfilename a\n`);
    assert.deepEqual([...r.lineCommit], [-1, -1, 0]);
  });

  it('recognises all-zero shas (SHA-1 and SHA-256) as uncommitted', () => {
    assert.equal(isUncommittedSha('0'.repeat(40)), true);
    assert.equal(isUncommittedSha('0'.repeat(64)), true);
    assert.equal(isUncommittedSha(FIRST), false);
    const r = parseBlame(`${'0'.repeat(64)} 1 1 1\nauthor Not Committed Yet\nfilename a\n`);
    assert.equal(r.commits[0]?.uncommitted, true);
  });

  it('unquotes git C-style paths', () => {
    assert.equal(unquoteGitPath('plain name.txt'), 'plain name.txt');
    assert.equal(unquoteGitPath('"new \\"n\\303\\244me\\".txt"'), 'new "näme".txt');
    assert.equal(unquoteGitPath('"tab\\there\\\\back"'), 'tab\there\\back');
    assert.equal(unquoteGitPath('"\\346\\227\\245\\346\\234\\254.ts"'), '日本.ts');
  });

  it('words uncommitted lines one way, however git was asked (editor buffer or working tree)', () => {
    const zero = '0'.repeat(40);
    const asked = (author: string, summary: string): BlameResult =>
      parseBlame(
        [
          `${zero} 1 1 1`,
          `author ${author}`,
          'author-mail <external.file>',
          `summary ${summary}`,
          'filename f.ts',
          '\tx',
        ].join('\n'),
      );
    const fromStdin = asked('External file (--contents)', 'Version of f.ts from standard input');
    const fromTree = asked('Not Committed Yet', 'Version of f.ts from f.ts');
    for (const r of [fromStdin, fromTree]) {
      const c = r.commits[0];
      assert.deepEqual(
        [c?.author, c?.authorMail, c?.summary],
        [NOT_COMMITTED.author, NOT_COMMITTED.authorMail, NOT_COMMITTED.summary],
      );
    }
    // A committed line keeps git's words.
    const committed = parseBlame(
      [`${FIRST} 1 1 1`, 'author Ann', 'summary CHK-1: first', 'filename f.ts', '\tx'].join('\n'),
    );
    assert.deepEqual([committed.commits[0]?.author, committed.commits[0]?.summary], ['Ann', 'CHK-1: first']);
  });
});
