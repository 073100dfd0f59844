// git itself is the oracle for trailer parsing: every case in the shared table is fed to
// `git interpret-trailers --parse`, and both git's answer and parseTrailers must equal the table.
import { strict as assert } from 'node:assert';
import { parseTrailers } from '../../src/core/gitOutput/trailers';
import { seededRandom } from '../unit/seededRandom';
import { TRAILER_CASES } from '../unit/trailerCases';
import { TestRepo } from './gitFixture';

describe('trailers vs git interpret-trailers --parse', () => {
  const repo = TestRepo.init();
  for (const c of TRAILER_CASES) {
    it(c.name, () => {
      const fromGit = repo
        .gitInput(c.message, 'interpret-trailers', '--parse')
        .split('\n')
        .filter((l) => l.length > 0);
      assert.deepEqual(fromGit, c.expected, 'the table disagrees with git');
      assert.deepEqual(
        parseTrailers(c.message).trailers.map((t) => `${t.key}: ${t.value}`),
        fromGit,
      );
    });
  }

  it('agrees with git on generated messages', () => {
    const lines = [
      'Roadmap: CHK-12',
      'Refs: A, B',
      'Signed-off-by: A <a@b>',
      'plain words',
      '  continued',
      '',
      '# comment',
      'Key x: y',
      'Fixes #12',
      '---',
      'Co-authored-by: B <b@c>',
    ];
    const rnd = seededRandom(7);
    for (let i = 0; i < 120; i++) {
      const body = Array.from({ length: 1 + rnd(7) }, () => lines[rnd(lines.length)] ?? '').join('\n');
      const message = `Subject ${i}\n\n${body}\n`;
      const fromGit = repo
        .gitInput(message, 'interpret-trailers', '--parse')
        .split('\n')
        .filter((l) => l.length > 0);
      assert.deepEqual(
        parseTrailers(message).trailers.map((t) => `${t.key}: ${t.value}`),
        fromGit,
        JSON.stringify(message),
      );
    }
  });
});
