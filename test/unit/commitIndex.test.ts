import { strict as assert } from 'node:assert';
import { CommitIndex } from '../../src/core/commitIndex/commitIndex';
import { buildCommitIndex } from '../../src/core/commitIndex/commitIndexBuilder';
import type { RawCommit } from '../../src/core/gitOutput/gitLogParser';
import { ints, mutateIndexFile, setInts } from './indexFile';
import { item, ITEMS, linkerFor } from './linkFixtures';

const sha = (name: string): string => Buffer.from(name).toString('hex').padEnd(40, '0').slice(0, 40);
let clock = 1000;
function c(name: string, parents: string[], message: string): RawCommit {
  return { sha: sha(name), parents: parents.map(sha), author: 'Ann', email: 'a@b', time: clock++, message };
}

// main: A - B - C ------------- M - D
//            \                 /
//   feature:  F1 - FM(main in) - F2      (FM merges C into the feature branch)
//                \
//   checkout/sub:  S1 -> merged into F2? no: S1 merged by SM into the feature branch
const A = c('A', [], 'init');
const B = c('B', ['A'], 'CHK-13 search box');
const C = c('C', ['B'], 'main work');
const F1 = c('F1', ['B'], 'wip');
const FM = c('FM', ['F1', 'C'], "Merge branch 'main' into feature/chk-12-reorder");
const S1 = c('S1', ['F1'], 'sub work');
const SM = c('SM', ['FM', 'S1'], "Merge branch 'checkout/sub' into feature/chk-12-reorder");
const M = c('M', ['C', 'SM'], "Merge branch 'feature/chk-12-reorder'");
const D = c('D', ['M'], 'unrelated\n\nRefs: PAY-881');
const ALL = [D, M, SM, S1, FM, F1, C, B, A];

function build(commits: readonly RawCommit[], head: string, linker = linkerFor()): CommitIndex {
  const index = new CommitIndex();
  index.add(commits, linker);
  index.finish(head, linker);
  return index;
}

function kinds(index: CommitIndex, s: string): string[] {
  return index
    .evidence(s)
    .map((e) => `${e.itemId}:${e.kind}`)
    .sort();
}

describe('CommitIndex', () => {
  it('links messages, trailers, merges and what each merge brought in', () => {
    const index = build(ALL, D.sha);
    assert.deepEqual(kinds(index, B.sha), ['CHK-13:message']);
    assert.deepEqual(kinds(index, D.sha), ['CHK:trailer']);
    assert.deepEqual(kinds(index, M.sha), ['CHK-12:merge']);
    assert.deepEqual(kinds(index, F1.sha), ['CHK-12:merge']);
    assert.deepEqual(kinds(index, FM.sha), ['CHK-12:merge']);
    // Nested: S1 came in through SM (a tagged branch) and then through M.
    assert.deepEqual(kinds(index, S1.sha), ['CHK-12:merge', 'CHK:branch-tag']);
    // C is on the first-parent side of M (and merged into the feature): it inherits nothing.
    assert.deepEqual(kinds(index, C.sha), []);
    assert.deepEqual(kinds(index, A.sha), []);
    assert.equal(index.evidence(F1.sha).find((e) => e.kind === 'merge')?.via, M.sha);
  });

  it('item lookups are most recent first, and unlinked excludes merges', () => {
    const index = build(ALL, D.sha);
    assert.deepEqual(
      index.commitsFor('chk-12').map((x) => x.sha),
      [M.sha, SM.sha, S1.sha, FM.sha, F1.sha],
    );
    assert.deepEqual(
      index.commitsFor('CHK-12', 2).map((x) => x.subject),
      ["Merge branch 'feature/chk-12-reorder'", "Merge branch 'checkout/sub' into feature/chk-12-reorder"],
    );
    assert.deepEqual(
      index.unlinked().map((x) => x.sha),
      [C.sha, A.sha],
    );
    assert.equal(index.itemCounts().get('CHK-12'), 5);
  });

  it('serialize → deserialize keeps every link', () => {
    const linker = linkerFor();
    const index = build(ALL, D.sha, linker);
    const back = CommitIndex.deserialize(index.serialize(), linker);
    assert.ok(back.ok);
    assert.equal(back.relinked, false);
    assert.equal(back.index.head, D.sha);
    for (const x of ALL) assert.deepEqual(back.index.get(x.sha), index.get(x.sha));
  });

  it('a changed roadmap re-links a persisted index without git', () => {
    const index = build(ALL, D.sha);
    const other = linkerFor([...ITEMS, item('WIP', { aliases: ['wip'] })]);
    const back = CommitIndex.deserialize(index.serialize(), other);
    assert.ok(back.ok);
    assert.equal(back.relinked, true);
    assert.deepEqual(kinds(back.index, F1.sha), ['CHK-12:merge', 'WIP:message']);
  });

  it('corrupt or truncated input is a rebuild signal, never a throw', () => {
    const linker = linkerFor();
    const good = build(ALL, D.sha, linker).serialize();
    const column = (name: string, f: (v: number[]) => number[]): Uint8Array =>
      mutateIndexFile(good, (file) => setInts(file, name, f(ints(file, name))));
    const header = (f: (h: Record<string, unknown>) => void): Uint8Array =>
      mutateIndexFile(good, (file) => f(file.header));
    const section = (name: string, at: number, length: number): Uint8Array =>
      mutateIndexFile(
        good,
        () => undefined,
        (h) => ((h['sections'] as Record<string, [number, number]>)[name] = [at, length]),
      );
    const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
    const flipped = good.slice();
    flipped[0] = 0x88;
    const notJson = good.slice();
    notJson[12] = 0x78;
    const hugeHeader = good.slice();
    new DataView(hugeHeader.buffer).setUint32(8, good.length, true);
    const bad: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(0), 'not a commit index'],
      ['JSON', utf8('{'), 'not a commit index'],
      ['null', utf8('null'), 'not a commit index'],
      ['garbage', Uint8Array.from([0xff, 0xfe, 0, 0x41]), 'not a commit index'],
      ['wrong magic', flipped, 'not a commit index'],
      ['header longer than the file', hugeHeader, 'truncated header'],
      ['header not JSON', notJson, 'malformed header'],
      ['header of something else', mutateIndexFile(good, (f) => (f.header = { x: 1 })), 'not a commit index'],
      ['version', header((h) => (h['version'] = 99)), 'version 99 is not 4'],
      ['format', header((h) => (h['format'] = 'other')), 'not a commit index'],
      ['byte order', header((h) => (h['littleEndian'] = !h['littleEndian'])), 'written with another byte order'],
      ['head not indexed', header((h) => (h['head'] = 'f'.repeat(40))), 'head not in index'],
      ['head not hex', header((h) => (h['head'] = 'z'.repeat(40))), 'head not in index'],
      ['count', header((h) => (h['count'] = Number(h['count']) + 1)), 'column lengths disagree'],
      ['sha length', header((h) => (h['shaLength'] = 64)), 'column lengths disagree'],
      ['no items', header((h) => (h['items'] = [])), 'link out of range'],
      ['no people', header((h) => (h['people'] = [])), 'person out of range'],
      ['section past the end', section('messages', good.length, 8), 'truncated'],
      ['section misaligned', section('time', 4, 72), 'malformed section table'],
      ['section with a partial element', section('author', 0, 35), 'malformed section table'],
      ['section missing', mutateIndexFile(good, (f) => f.sections.delete('order')), 'malformed section table'],
      ['parent out of range', column('parentRefs', (v) => v.map(() => 999)), 'parent out of range'],
      ['external parent out of range', column('parentRefs', (v) => v.map(() => -5)), 'parent out of range'],
      [
        'parent offsets decrease',
        column('parentOffsets', (v) => v.map((x, i) => (i === 3 ? 0 : x))),
        'malformed parents',
      ],
      [
        'parent offsets overrun',
        column('parentOffsets', (v) => v.map((x, i) => (i === v.length - 1 ? x + 1 : x))),
        'malformed parents',
      ],
      [
        'message offsets overrun',
        column('messageOffsets', (v) => v.map((x, i) => (i === 2 ? 1e9 : x))),
        'malformed messages',
      ],
      [
        'message offsets do not end at the blob',
        column('messageOffsets', (v) => v.map((x, i) => (i === v.length - 1 ? x - 1 : x))),
        'malformed messages',
      ],
      ['link item out of range', column('links', (v) => v.map((x, i) => (i % 2 === 0 ? 77 : x))), 'link out of range'],
      ['link kind out of range', column('links', (v) => v.map((x, i) => (i % 2 === 1 ? 9 : x))), 'link out of range'],
      ['link offsets', column('linkOffsets', (v) => v.map((x, i) => (i === 1 ? x + 5 : x))), 'malformed links'],
      ['author out of range', column('author', (v) => v.map(() => 3)), 'person out of range'],
      ['negative email', column('email', (v) => v.map(() => -1)), 'person out of range'],
      ['order not a permutation', column('order', (v) => v.map(() => 0)), 'malformed order'],
      [
        'time not an integer',
        mutateIndexFile(good, (f) => f.sections.set('time', new Uint8Array(Float64Array.from(ALL, () => NaN).buffer))),
        'malformed time',
      ],
    ];
    for (const [what, bytes, reason] of bad) {
      const r = CommitIndex.deserialize(bytes, linker);
      assert.equal(r.ok ? '' : r.reason, reason, what);
    }
    for (let length = 0; length < good.length; length += 7) {
      assert.equal(CommitIndex.deserialize(good.subarray(0, length), linker).ok, false, `truncated to ${length}`);
    }
  });

  it('every single flipped byte is either caught or still decodes to something usable, never a throw', () => {
    const linker = linkerFor();
    const good = build(ALL, D.sha, linker).serialize();
    for (let at = 0; at < good.length; at++) {
      const bytes = good.slice();
      bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
      const r = CommitIndex.deserialize(bytes, linker);
      if (!r.ok) continue;
      // What a flipped byte can leave (a letter of a message or a name, a time): every query still answers.
      for (const x of ALL) r.index.get(x.sha);
      r.index.unlinked();
      r.index.itemCounts();
      r.index.serialize();
    }
  });

  it('a cyclic (crafted) parent graph terminates', () => {
    const X = c('X', ['Y'], 'x');
    const Y = c('Y', ['X', 'X'], "Merge branch 'chk-12'");
    const index = build([X, Y], X.sha);
    assert.ok(index.size === 2);
  });

  it('incremental update equals a cold build, and rewritten history drops entries', () => {
    const linker = linkerFor();
    const early = build([C, B, A], C.sha, linker);
    early.update({ head: D.sha, added: [D, M, SM, S1, FM, F1], removed: [] }, linker);
    const cold = build(ALL, D.sha, linker);
    for (const x of ALL) assert.deepEqual(early.get(x.sha), cold.get(x.sha), x.message);

    // Rewrite: D is replaced by D2 (amended).
    const D2 = c('D2', ['M'], 'amended CHK-13');
    early.update({ head: D2.sha, added: [D2], removed: [D.sha] }, linker);
    assert.equal(early.has(D.sha), false);
    assert.deepEqual(kinds(early, D2.sha), ['CHK-13:message']);
    assert.deepEqual(
      early.commitsFor('CHK-13').map((x) => x.sha),
      [D2.sha, B.sha],
    );
    assert.deepEqual(kinds(early, F1.sha), ['CHK-12:merge']);
  });

  it('builds from a stream of NUL-separated batches with progress and cancellation', async () => {
    const N = 'RLtest:';
    const raw = ALL.map(
      (x) => `${N}${x.sha}\0${x.parents.join(' ')}\0${x.author}\0${x.email}\0${x.time}\0${x.message}\n\0`,
    ).join('');
    const fields = raw.split('\0');
    async function* batches(): AsyncGenerator<string[]> {
      for (let i = 0; i < fields.length; i += 5) {
        await Promise.resolve();
        yield fields.slice(i, i + 5);
      }
    }
    const progress: number[] = [];
    const index = await buildCommitIndex(batches(), N, D.sha, linkerFor(), {
      onProgress: (p) => progress.push(p.commits),
      sliceMs: 0,
    });
    assert.equal(index.size, ALL.length);
    assert.equal(progress[progress.length - 1], ALL.length);
    assert.deepEqual(kinds(index, S1.sha), ['CHK-12:merge', 'CHK:branch-tag']);

    const ac = new AbortController();
    ac.abort();
    await assert.rejects(buildCommitIndex(batches(), N, D.sha, linkerFor(), { signal: ac.signal }), {
      name: 'AbortError',
    });
  });
});
