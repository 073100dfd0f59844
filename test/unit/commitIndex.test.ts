import { strict as assert } from 'node:assert';
import { CommitIndex } from '../../src/core/commitIndex';
import { buildCommitIndex } from '../../src/core/commitIndexBuilder';
import type { RawCommit } from '../../src/core/gitLogParser';
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
  return index.evidence(s).map((e) => `${e.itemId}:${e.kind}`).sort();
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
    assert.deepEqual(index.commitsFor('chk-12').map((x) => x.sha), [M.sha, SM.sha, S1.sha, FM.sha, F1.sha]);
    assert.deepEqual(index.commitsFor('CHK-12', 2).map((x) => x.subject), ["Merge branch 'feature/chk-12-reorder'", "Merge branch 'checkout/sub' into feature/chk-12-reorder"]);
    assert.deepEqual(index.unlinked().map((x) => x.sha), [C.sha, A.sha]);
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
    const other = linkerFor([...ITEMS, item('WIP', { refs: ['wip'] })]);
    const back = CommitIndex.deserialize(index.serialize(), other);
    assert.ok(back.ok);
    assert.equal(back.relinked, true);
    assert.deepEqual(kinds(back.index, F1.sha), ['CHK-12:merge', 'WIP:message']);
  });

  it('corrupt or truncated input is a rebuild signal, never a throw', () => {
    const linker = linkerFor();
    const good = build(ALL, D.sha, linker).serialize();
    const mutate = (f: (o: Record<string, unknown>) => void): string => {
      const o = JSON.parse(good) as Record<string, unknown>;
      f(o);
      return JSON.stringify(o);
    };
    const bad = [
      '',
      '{',
      'null',
      '[]',
      good.slice(0, good.length / 2),
      mutate((o) => (o['version'] = 99)),
      mutate((o) => (o['format'] = 'other')),
      mutate((o) => (o['head'] = 'f'.repeat(40))),
      mutate((o) => (o['shas'] = `z${String(o['shas']).slice(1)}`)),
      mutate((o) => (o['message'] = (o['message'] as string[]).slice(1))),
      mutate((o) => (o['parents'] = (o['parents'] as number[]).map((x) => (x > 0 ? 999 : x)))),
      mutate((o) => (o['parents'] = [...(o['parents'] as number[]), 0])),
      mutate((o) => (o['links'] = (o['links'] as number[]).map((x, i) => (i > 0 && x === 0 ? 77 : x)))),
      mutate((o) => (o['items'] = [])),
      mutate((o) => (o['people'] = [])),
      mutate((o) => (o['time'] = 'soon')),
    ];
    for (const text of bad) {
      const r = CommitIndex.deserialize(text, linker);
      assert.equal(r.ok, false, text.slice(0, 60));
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
    assert.deepEqual(early.commitsFor('CHK-13').map((x) => x.sha), [D2.sha, B.sha]);
    assert.deepEqual(kinds(early, F1.sha), ['CHK-12:merge']);
  });

  it('builds from a stream of NUL-separated batches with progress and cancellation', async () => {
    const N = 'RLtest:';
    const raw = ALL.map((x) => `${N}${x.sha}\0${x.parents.join(' ')}\0${x.author}\0${x.email}\0${x.time}\0${x.message}\n\0`).join('');
    const fields = raw.split('\0');
    async function* batches(): AsyncGenerator<string[]> {
      for (let i = 0; i < fields.length; i += 5) {
        await Promise.resolve();
        yield fields.slice(i, i + 5);
      }
    }
    const progress: number[] = [];
    const index = await buildCommitIndex(batches(), N, D.sha, linkerFor(), { onProgress: (p) => progress.push(p.commits), sliceMs: 0 });
    assert.equal(index.size, ALL.length);
    assert.equal(progress[progress.length - 1], ALL.length);
    assert.deepEqual(kinds(index, S1.sha), ['CHK-12:merge', 'CHK:branch-tag']);

    const ac = new AbortController();
    ac.abort();
    await assert.rejects(buildCommitIndex(batches(), N, D.sha, linkerFor(), { signal: ac.signal }), { name: 'AbortError' });
  });
});
