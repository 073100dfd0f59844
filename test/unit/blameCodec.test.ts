// The stored blame (src/core/indexFile/blameCodec.ts) is untrusted input: a round trip gives back
// the blame git computed, line for line; a file of another version, for another key, truncated or
// damaged is a miss with a reason, never an exception and never a blame that breaks its own
// invariants.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseBlame, type BlameResult } from '../../src/core/gitOutput/blameParser';
import { BLAME_VERSION, decodeBlame, encodeBlame, type BlameKey } from '../../src/core/indexFile/blameCodec';

const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'blame');
const KEY: BlameKey = { head: 'a'.repeat(40), path: 'src/cart.ts', digest: 'd'.repeat(64) };

/** A blame as plain data (typed arrays as arrays), for deepEqual. */
function plain(b: BlameResult): unknown {
  return {
    commits: b.commits,
    filenames: b.filenames,
    lineCount: b.lineCount,
    lineCommit: [...b.lineCommit],
    lineOrig: [...b.lineOrig],
    lineFile: [...b.lineFile],
  };
}

function roundTrip(b: BlameResult, key = KEY): BlameResult {
  const decoded = decodeBlame(encodeBlame(key, b), key, b.lineCount);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
  return decoded.blame;
}

/** Random blames with the parser's invariants: every line names a commit, renames included. */
const blames: fc.Arbitrary<BlameResult> = fc
  .record({
    commitCount: fc.integer({ min: 1, max: 6 }),
    fileCount: fc.integer({ min: 1, max: 3 }),
    lines: fc.array(fc.record({ c: fc.nat(), f: fc.nat(), orig: fc.integer({ min: 1, max: 500 }) }), {
      maxLength: 60,
    }),
    text: fc.string({ maxLength: 20 }),
    sha256: fc.boolean(),
  })
  .map(({ commitCount, fileCount, lines, text, sha256 }) => {
    const len = sha256 ? 64 : 40;
    const commits = Array.from({ length: commitCount }, (_, i) => ({
      sha: i === 0 ? '0'.repeat(len) : (i + 1).toString(16).padStart(len, 'f'),
      author: `${text}${i}`,
      authorMail: `<${i}@x>`,
      authorTime: 1_700_000_000 + i,
      authorTz: '+0100',
      summary: `${text} summary ${i}`,
      boundary: i === commitCount - 1,
      uncommitted: i === 0,
    }));
    return {
      commits,
      filenames: Array.from({ length: fileCount }, (_, i) => `dir ${text}/f${i}.ts`),
      lineCount: lines.length,
      lineCommit: Int32Array.from(lines.map((l) => l.c % commitCount)),
      lineOrig: Int32Array.from(lines.map((l) => l.orig)),
      lineFile: Int32Array.from(lines.map((l) => l.f % fileCount)),
    };
  });

describe('blameCodec', () => {
  for (const name of ['rename-incremental.txt', 'rename-porcelain.txt']) {
    it(`round-trips git's blame of a renamed file with an uncommitted line (${name})`, () => {
      let text: string;
      try {
        text = readFileSync(path.join(fixtures, name), 'utf8');
      } catch {
        return assert.fail(`fixture ${name} missing`);
      }
      const blame = parseBlame(text);
      assert.ok(blame.lineCount > 0);
      assert.deepEqual(plain(roundTrip(blame)), plain(blame));
    });
  }

  it('round-trips any blame, and stores runs, not one entry per line (property)', () => {
    fc.assert(
      fc.property(blames, (b) => {
        assert.deepEqual(plain(roundTrip(b)), plain(b));
      }),
      { numRuns: 300 },
    );
    // 1,000 lines of one commit, in order: one run.
    const one: BlameResult = {
      commits: [
        {
          sha: 'b'.repeat(40),
          author: 'A',
          authorMail: '<a>',
          authorTime: 1,
          authorTz: '+0000',
          summary: 's',
          boundary: false,
          uncommitted: false,
        },
      ],
      filenames: ['f'],
      lineCount: 1000,
      lineCommit: new Int32Array(1000),
      lineOrig: Int32Array.from({ length: 1000 }, (_, i) => i + 1),
      lineFile: new Int32Array(1000),
    };
    const json = JSON.parse(new TextDecoder().decode(encodeBlame(KEY, one))) as { runs: number[] };
    assert.deepEqual(json.runs, [0, 0, 1, 1000]);
  });

  it('is a miss, with the reason, for another key, version, line count, or a damaged file', () => {
    const blame = parseBlame(readFileSync(path.join(fixtures, 'rename-incremental.txt'), 'utf8'));
    const bytes = encodeBlame(KEY, blame);
    const text = new TextDecoder().decode(bytes);
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    const cases: [string, Uint8Array, BlameKey, number | undefined, RegExp][] = [
      ['another HEAD', bytes, { ...KEY, head: 'c'.repeat(40) }, undefined, /another commit, path or content/],
      ['another path', bytes, { ...KEY, path: 'src/other.ts' }, undefined, /another commit/],
      ['other content', bytes, { ...KEY, digest: 'e'.repeat(64) }, undefined, /another commit/],
      ['another line count', bytes, KEY, blame.lineCount + 1, /lines stored, the file has/],
      [
        'another version',
        enc(text.replace(`"version":${BLAME_VERSION}`, '"version":99')),
        KEY,
        undefined,
        /version 99/,
      ],
      ['another format', enc(text.replace('roadmap-lens-blame', 'something-else')), KEY, undefined, /not a blame/],
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), KEY, undefined, /not JSON/],
      ['empty', new Uint8Array(0), KEY, undefined, /not JSON/],
      ['not UTF-8', Uint8Array.from([0xff, 0xfe, 0x7b]), KEY, undefined, /not JSON/],
      ['an array', enc('[1,2,3]'), KEY, undefined, /not a blame/],
      [
        'a run past the last line',
        enc(text.replace(/"runs":\[(\d+),(\d+),(\d+),(\d+)/, '"runs":[$1,$2,$3,999')),
        KEY,
        undefined,
        /bad line runs/,
      ],
      [
        'a run naming no commit',
        enc(text.replace(/"runs":\[(\d+)/, '"runs":[77')),
        KEY,
        undefined,
        /names no stored commit/,
      ],
      [
        'a commit that is not a sha',
        enc(text.replace(/"commits":\[\["[0-9a-f]+"/, '"commits":[["HEAD"')),
        KEY,
        undefined,
        /bad commit name/,
      ],
    ];
    for (const [what, input, key, lines, reason] of cases) {
      const decoded = decodeBlame(input, key, lines);
      assert.ok(!decoded.ok, `${what}: a miss`);
      assert.match(decoded.reason, reason, what);
    }
  });

  it('never throws on damaged bytes, and what it accepts keeps its invariants (property)', () => {
    const blame = parseBlame(readFileSync(path.join(fixtures, 'rename-incremental.txt'), 'utf8'));
    const good = encodeBlame(KEY, blame);
    fc.assert(
      fc.property(
        fc.nat({ max: good.length }),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
        (cut, edits) => {
          const bytes = good.slice(0, cut);
          for (const e of edits) if (bytes.length > 0) bytes[e.at % bytes.length] = e.byte;
          const decoded = decodeBlame(bytes, KEY);
          if (!decoded.ok) return;
          const b = decoded.blame;
          assert.equal(b.lineCommit.length, b.lineCount);
          for (const c of b.lineCommit) assert.ok(c >= -1 && c < b.commits.length);
          for (const f of b.lineFile) assert.ok(f >= 0 && (f < b.filenames.length || f === 0));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
