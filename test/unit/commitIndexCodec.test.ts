import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CommitIndex } from '../../src/core/commitIndex/commitIndex';
import {
  COMMIT_INDEX_VERSION,
  decodeIndex,
  encodeIndex,
  encodeIndexSteps,
  type IndexParts,
} from '../../src/core/indexFile/commitIndexCodec';
import type { CommitLink } from '../../src/core/linking/commitLinks';
import type { RawCommit } from '../../src/core/gitOutput/gitLogParser';
import { unpackIndexFile } from './indexFile';
import { linkerFor } from './linkFixtures';

const hex = (n: number, length = 40): string => n.toString(16).padStart(8, '0').repeat(8).slice(0, length);

/** Parts with explicit link maps, as CommitIndex hands them to the encoder. */
function parts(
  commits: RawCommit[],
  links: {
    direct?: Map<string, CommitLink[]>;
    merges?: Map<string, CommitLink[]>;
    inherited?: Map<string, CommitLink[]>;
  } = {},
  head = commits[0]?.sha,
): IndexParts {
  return {
    head,
    fingerprint: 'fp',
    commits,
    direct: (sha) => links.direct?.get(sha),
    merges: (sha) => links.merges?.get(sha),
    inherited: (sha) => links.inherited?.get(sha),
  };
}

function decoded(bytes: Uint8Array): Exclude<ReturnType<typeof decodeIndex>, string> {
  const d = decodeIndex(bytes);
  assert.ok(typeof d !== 'string', typeof d === 'string' ? d : '');
  return d;
}

describe('commit index codec (format 4, binary)', () => {
  it('round-trips every field: shas, external parents, people, times, messages, direct, merge and inherited links', () => {
    const [a, b, side, merge, outside] = [hex(1), hex(2), hex(3), hex(4), hex(0xdead)];
    const commits: RawCommit[] = [
      {
        sha: merge,
        parents: [b, side],
        author: 'Zoë',
        email: 'z@x',
        time: 4_102_444_800,
        message: "Merge branch 'checkout/fast'\n\nRoadmap: CHK-12",
      },
      { sha: side, parents: [a], author: 'Ann', email: 'a@x', time: 3, message: 'side work' },
      { sha: b, parents: [a], author: 'Ann', email: 'a@x', time: 2, message: 'CHK-13 search box' },
      { sha: a, parents: [outside], author: 'Bo', email: 'b@x', time: -5, message: '' },
    ];
    const m: CommitLink[] = [
      { itemId: 'CHK-12', kind: 'merge', via: merge },
      { itemId: 'CHK', kind: 'branch-tag', branch: 'checkout/fast', via: merge },
    ];
    const bytes = encodeIndex(
      parts(commits, {
        direct: new Map([
          [b, [{ itemId: 'CHK-13', kind: 'message' }]],
          [
            merge,
            [
              { itemId: 'CHK-12', kind: 'trailer' },
              { itemId: 'CHK', kind: 'squash' },
            ],
          ],
        ]),
        merges: new Map([[merge, m]]),
        inherited: new Map([[side, m]]),
      }),
    );
    const d = decoded(bytes);
    assert.equal(d.head, merge);
    assert.equal(d.fingerprint, 'fp');
    const p = d.commits;
    assert.equal(p.size, 4);
    assert.equal(p.hasInherited, true);
    commits.forEach((c, i) => {
      assert.equal(p.position(c.sha), i);
      assert.deepEqual(p.raw(i), c);
    });
    assert.equal(p.position(outside), -1, 'an external parent is not an indexed commit');
    assert.deepEqual(p.direct(2), [{ itemId: 'CHK-13', kind: 'message' }]);
    assert.deepEqual(p.direct(0), [
      { itemId: 'CHK-12', kind: 'trailer' },
      { itemId: 'CHK', kind: 'squash' },
    ]);
    assert.equal(p.direct(1), undefined);
    assert.deepEqual(p.mergeLinks(0), m);
    assert.deepEqual(p.inherited(1), m);
    // Inherited lists hold the merge's own objects, as the cold build does.
    assert.equal(p.inherited(1)?.[1], p.mergeLinks(0)?.[1]);
    assert.equal(p.inherited(2), undefined);
    const header = unpackIndexFile(bytes).header;
    assert.equal(header['version'], COMMIT_INDEX_VERSION);
    assert.equal(header['shaLength'], 40);
  });

  it('sha-256 repositories keep 64-digit names (32 bytes each)', () => {
    const [a, b] = [hex(10, 64), hex(11, 64)];
    const commits: RawCommit[] = [
      { sha: b, parents: [a], author: 'A', email: 'a@x', time: 2, message: 'two' },
      { sha: a, parents: [hex(99, 64)], author: 'A', email: 'a@x', time: 1, message: 'one' },
    ];
    const bytes = encodeIndex(parts(commits));
    const file = unpackIndexFile(bytes);
    assert.equal(file.header['shaLength'], 64);
    assert.equal(file.sections.get('shas')?.length, 64);
    assert.equal(file.sections.get('external')?.length, 32);
    const p = decoded(bytes).commits;
    assert.deepEqual([p.raw(0), p.raw(1)], commits);
    assert.equal(p.position(b), 0);
    assert.equal(p.position(b.slice(0, 40)), -1);
  });

  it('an empty index (an unborn branch) round-trips', () => {
    const d = decoded(encodeIndex(parts([], {}, undefined)));
    assert.equal(d.head, undefined);
    assert.equal(d.commits.size, 0);
    assert.equal(d.commits.position(hex(1)), -1);
  });

  it('messages and names keep every character: emoji, CJK, combining marks, a leading BOM, NUL', () => {
    const messages = [
      '\uFEFFstarts with a BOM',
      'emoji 🚀👩‍👩‍👧 and 中文 and é (e\u0301)',
      'nul \u0000 inside',
      'x'.repeat(70_000),
      '',
    ];
    const commits = messages.map((message, i): RawCommit => ({
      sha: hex(i + 1),
      parents: [],
      author: `Ünïcode 名前 ${i}`,
      email: `😀${i}@x`,
      time: i,
      message,
    }));
    const p = decoded(encodeIndex(parts(commits))).commits;
    commits.forEach((c, i) => assert.deepEqual(p.raw(i), c));
  });

  it('lookups: unknown, uppercase, short or non-hex names are not found', () => {
    const commits = Array.from({ length: 300 }, (_, i): RawCommit => ({
      sha: hex(i * 7919 + 1),
      parents: [],
      author: 'A',
      email: 'a@x',
      time: i,
      message: `m${i}`,
    }));
    const p = decoded(encodeIndex(parts(commits))).commits;
    commits.forEach((c, i) => assert.equal(p.position(c.sha), i));
    assert.notEqual(hex(7920).toUpperCase(), hex(7920));
    for (const q of [hex(2), hex(7920).toUpperCase(), hex(1).slice(1), `${hex(1).slice(0, 39)}g`, '', hex(1, 64)])
      assert.equal(p.position(q), -1, q);
  });

  it('a file in a misaligned buffer still loads (columns are copied, not viewed)', () => {
    const linker = linkerFor();
    const index = new CommitIndex();
    const commits: RawCommit[] = [
      { sha: hex(2), parents: [hex(1)], author: 'A', email: 'a@x', time: 2, message: 'CHK-13 two' },
      { sha: hex(1), parents: [], author: 'A', email: 'a@x', time: 1, message: 'one' },
    ];
    index.add(commits, linker);
    index.finish(hex(2), linker);
    const bytes = index.serialize();
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const r = CommitIndex.deserialize(shifted.subarray(3), linker);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(r.index.get(hex(2)), index.get(hex(2)));
    assert.deepEqual(
      r.index.commitsFor('CHK-13').map((c) => c.sha),
      [hex(2)],
    );
  });

  it('a sha that is not lowercase hex cannot be written', () => {
    const bad: RawCommit = { sha: 'Z'.repeat(40), parents: [], author: 'A', email: 'a@x', time: 1, message: '' };
    assert.throws(() => encodeIndex(parts([bad])), RangeError);
    assert.throws(() => encodeIndex(parts([{ ...bad, sha: hex(1), parents: ['nope'] }])), RangeError);
  });

  it('property: any history round-trips exactly', () => {
    const commitsArb = fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { maxLength: 40 }).chain((ids) =>
      fc.tuple(
        fc.constant(ids),
        fc.array(
          fc.record({
            parents: fc.array(fc.oneof(fc.nat(), fc.integer({ min: -3, max: -1 })), { maxLength: 3 }),
            author: fc.string({ unit: 'grapheme', maxLength: 8 }),
            email: fc.string({ maxLength: 8 }),
            time: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
            message: fc.string({ unit: 'grapheme', maxLength: 60 }),
          }),
          { minLength: ids.length, maxLength: ids.length },
        ),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(commitsArb, ([ids, fields, wide]) => {
        const width = wide ? 64 : 40;
        const commits = ids.map((id, i): RawCommit => {
          const f = fields[i];
          assert.ok(f);
          // Parent n ≥ 0 is an indexed commit (any, cycles included), negative an outside one.
          const parents = f.parents.map((n) =>
            n >= 0 ? hex(ids[n % ids.length] ?? 0, width) : hex(0x7fff_0000 - n, width),
          );
          return { sha: hex(id, width), parents, author: f.author, email: f.email, time: f.time, message: f.message };
        });
        const p = decoded(encodeIndex(parts(commits))).commits;
        assert.equal(p.size, commits.length);
        commits.forEach((c, i) => {
          assert.deepEqual(p.raw(i), c);
          assert.equal(p.position(c.sha), i);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('encodes the same bytes in steps as at once, yielding as it goes (saving in slices)', () => {
    const commits: RawCommit[] = Array.from({ length: 5000 }, (_, i) => ({
      sha: hex(i + 1),
      parents: i + 1 < 5000 ? [hex(i + 2)] : [],
      author: `dev ${i % 7}`,
      email: `d${i % 7}@x`,
      time: 1_700_000_000 + i,
      message: i % 3 === 0 ? `CHK-${i % 50}: change ${i} — ünïcode` : `change ${i}`,
    }));
    const direct = new Map(
      commits
        .filter((_, i) => i % 3 === 0)
        .map((c, i) => [c.sha, [{ itemId: `CHK-${i % 50}`, kind: 'message' as const }]]),
    );
    const whole = encodeIndex(parts(commits, { direct }));
    const steps = encodeIndexSteps(parts(commits, { direct }), 100);
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields++;
      next = steps.next();
    }
    assert.deepEqual(next.value, whole);
    assert.ok(yields >= 150, `yields ${yields} times for 5,000 commits in steps of 100`);
    assert.equal(decoded(next.value).commits.size, 5000);
  });
});
