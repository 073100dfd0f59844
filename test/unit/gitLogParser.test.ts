import { strict as assert } from 'node:assert';
import {
  GitLogParser,
  gitLogFormat,
  makeLogNonce,
  parseGitLog,
  subjectOf,
} from '../../src/core/gitOutput/gitLogParser';

const N = 'RL0123456789abcdef0123:';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

function record(sha: string, parents: string[], message: string, author = 'Ann'): string {
  return `${N}${sha}\0${parents.join(' ')}\0${author}\0ann@example.com\x001700000000\0${message}\n\0`;
}

describe('gitLogParser', () => {
  it('parses records with parents, authors and multi-line messages', () => {
    const raw = record(C, [A, B], "Merge branch 'chk-12'\n\nbody\n") + record(A, [], 'first\n\n\nwith blank lines');
    const { commits, malformed } = parseGitLog(raw, N);
    assert.equal(malformed, 0);
    assert.equal(commits.length, 2);
    assert.deepEqual(commits[0]?.parents, [A, B]);
    assert.equal(commits[0]?.message, "Merge branch 'chk-12'\n\nbody\n");
    assert.equal(commits[1]?.message, 'first\n\n\nwith blank lines');
    assert.deepEqual(commits[1]?.parents, []);
    assert.equal(commits[1]?.time, 1700000000);
  });

  it('keeps a message containing something that looks like a record (no nonce, no split)', () => {
    const raw = record(A, [], `evil\n${'RLxxxx:'}${B}\nstill the message`);
    const { commits } = parseGitLog(raw, N);
    assert.equal(commits.length, 1);
    assert.match(commits[0]?.message ?? '', /still the message/);
  });

  it('rejoins a message split by a stray NUL instead of shifting fields', () => {
    const raw = `${N}${A}\0\0Ann\0a@b\x001\0part one\0part two\n\0` + record(B, [A], 'next');
    const { commits, malformed } = parseGitLog(raw, N);
    assert.equal(malformed, 0);
    assert.equal(commits[0]?.message, 'part one\uFFFDpart two');
    assert.equal(commits[1]?.sha, B);
  });

  it('counts truncated or garbage records as malformed without throwing', () => {
    const raw = `garbage\0${N}${A}\0\0Ann\0` + record(B, [], 'ok') + `${N}nothex\0\0a\0b\x001\0m\0`;
    const { commits, malformed } = parseGitLog(raw, N);
    assert.deepEqual(
      commits.map((c) => c.sha),
      [B],
    );
    assert.equal(malformed, 3);
  });

  it('gives the same result however the stream is cut into batches', () => {
    const raw = record(A, [], 'one\n\nRoadmap: CHK-12') + record(B, [A], 'two') + record(C, [B], 'three');
    const fields = raw.split('\0');
    for (let cut = 0; cut <= fields.length; cut++) {
      const p = new GitLogParser(N);
      const got = [...p.push(fields.slice(0, cut)), ...p.push(fields.slice(cut)), ...p.end()];
      assert.deepEqual(
        got.map((c) => c.sha),
        [A, B, C],
      );
    }
  });

  it('shares author strings (interning) and derives subjects', () => {
    const { commits } = parseGitLog(record(A, [], 'x') + record(B, [A], 'y'), N);
    assert.equal(commits[0]?.author, commits[1]?.author);
    assert.equal(subjectOf('  Subject line  \nbody'), 'Subject line');
  });

  it('makes printable nonces and a matching format', () => {
    const nonce = makeLogNonce(() => 0.5);
    assert.equal(nonce, `RL${'8'.repeat(20)}:`);
    assert.ok(gitLogFormat(nonce).startsWith(`--format=${nonce}%H%x00%P`));
  });
});
