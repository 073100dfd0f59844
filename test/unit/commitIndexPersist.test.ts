import { strict as assert } from 'node:assert';
import { CommitIndex, COMMIT_INDEX_VERSION } from '../../src/core/commitIndex/commitIndex';
import type { CommitLinker } from '../../src/core/linking/commitLinks';
import type { RawCommit } from '../../src/core/gitOutput/gitLogParser';
import { ints, mutateIndexFile, setInts } from './indexFile';
import { item, ITEMS, linkerFor } from './linkFixtures';
import { seededRandom } from './seededRandom';

// A deterministic history with many merges: id-less side branches merged under tagged and untagged
// names, pull requests, nested sub-branches merged into a feature before it reaches main, main merged
// back into features, and equal commit times (ties must keep their order after a reload).
function history(): { commits: RawCommit[]; head: string } {
  const rand = seededRandom(7);
  let count = 0;
  const made: RawCommit[] = [];
  const commit = (parents: string[], message: string): string => {
    const sha = (count++).toString(16).padStart(8, '0').repeat(5);
    made.push({
      sha,
      parents,
      author: `Dev ${rand(3)}`,
      email: `d${rand(3)}@x`,
      time: 1000 + Math.floor(count / 3),
      message,
    });
    return sha;
  };
  const messages = [
    'plain work',
    'CHK-13 search box',
    'fix(chk-12): crash',
    'tidy\n\nRefs: PAY-881',
    'Ship it (#12)\n\n* CHK-13 part',
    'noise UTF-8 SHA-256',
  ];
  const branches = [
    'feature/chk-12-reorder',
    'checkout/fast',
    'team-search/a/b',
    'spike-x',
    'misc/cleanup',
    'chk-13-box',
  ];
  const side = (from: string, depth: number): string => {
    let tip = from;
    const n = 1 + rand(4);
    for (let i = 0; i < n; i++) {
      tip = commit([tip], rand(3) === 0 ? (messages[rand(messages.length)] ?? '') : 'side work');
      if (depth < 2 && rand(4) === 0)
        tip = commit(
          [tip, side(tip, depth + 1)],
          `Merge branch '${branches[rand(branches.length)] ?? ''}' into feature`,
        );
    }
    return tip;
  };
  let main = commit([], 'init');
  for (let step = 0; step < 120; step++) {
    const r = rand(5);
    if (r < 2) {
      main = commit([main], messages[rand(messages.length)] ?? '');
    } else {
      let feature = side(main, 0);
      if (rand(3) === 0) {
        main = commit([main], 'main moves on');
        feature = commit([feature, main], "Merge branch 'main' into feature");
      }
      const subject =
        r === 4
          ? `Merge pull request #${step} from acme/${branches[rand(branches.length)] ?? ''}`
          : `Merge branch '${branches[rand(branches.length)] ?? ''}'`;
      main = commit([main, feature], subject);
    }
  }
  return { commits: made.reverse(), head: main };
}

function build(commits: readonly RawCommit[], head: string, linker: CommitLinker): CommitIndex {
  const index = new CommitIndex();
  index.add(commits, linker);
  index.finish(head, linker);
  return index;
}

function assertSame(actual: CommitIndex, expected: CommitIndex, shas: readonly string[]): void {
  assert.equal(actual.size, expected.size);
  assert.equal(actual.head, expected.head);
  for (const sha of shas) assert.deepEqual(actual.get(sha), expected.get(sha), sha);
  assert.deepEqual(actual.itemCounts(), expected.itemCounts());
  for (const it of ITEMS) assert.deepEqual(actual.commitsFor(it.id), expected.commitsFor(it.id), it.id);
  assert.deepEqual(actual.unlinked(), expected.unlinked());
  assert.deepEqual(actual.tips(), expected.tips());
}

/** Same fingerprint, but any matching or merge reading fails the test: a reload must only decode. */
function decodeOnly(linker: CommitLinker): CommitLinker {
  const fail = (): never => assert.fail('the reload re-linked a commit');
  return {
    fingerprint: linker.fingerprint,
    direct: fail,
    mergeEvidence: fail,
    branch: fail,
  } as unknown as CommitLinker;
}

const reload = (bytes: Uint8Array, linker: CommitLinker): CommitIndex => {
  const r = CommitIndex.deserialize(bytes, linker);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.index;
};

describe('CommitIndex persistence (format 4)', () => {
  const { commits, head } = history();
  const shas = commits.map((c) => c.sha);

  it('the history under test has merges, nested merges and inherited links', () => {
    const cold = build(commits, head, linkerFor());
    assert.ok(commits.filter((c) => c.parents.length > 1).length > 40);
    const inheritedVia = commits.filter((c) =>
      cold.evidence(c.sha).some((e) => e.via !== undefined && e.via !== c.sha),
    );
    assert.ok(inheritedVia.length > 30);
    assert.ok(
      commits.some((c) => new Set(cold.evidence(c.sha).map((e) => e.via)).size > 1),
      'some commit inherits through two merges',
    );
  });

  it('a reload under the same roadmap equals the cold build, without matching or walking anything', () => {
    const linker = linkerFor();
    const cold = build(commits, head, linker);
    const text = cold.serialize();
    const r = CommitIndex.deserialize(text, decodeOnly(linker));
    assert.ok(r.ok);
    assert.equal(r.relinked, false);
    assertSame(r.index, cold, shas);
    // Inherited evidence keeps its merge (`via`) and branch.
    assert.ok(Buffer.from(r.index.serialize()).equals(text));
  });

  it('updates after a reload equal a cold build: new commits, then rewritten history', () => {
    const linker = linkerFor();
    const cold = build(commits, head, linker);
    const back = reload(cold.serialize(), linker);
    const side1: RawCommit = {
      sha: 'a'.repeat(40),
      parents: [head],
      author: 'N',
      email: 'n@x',
      time: 5000,
      message: 'side CHK-13',
    };
    const side2: RawCommit = {
      sha: 'b'.repeat(40),
      parents: ['a'.repeat(40)],
      author: 'N',
      email: 'n@x',
      time: 5001,
      message: 'more',
    };
    const next: RawCommit = {
      sha: 'c'.repeat(40),
      parents: [head],
      author: 'N',
      email: 'n@x',
      time: 5002,
      message: 'main',
    };
    const merge: RawCommit = {
      sha: 'd'.repeat(40),
      parents: [next.sha, side2.sha],
      author: 'N',
      email: 'n@x',
      time: 5003,
      message: "Merge branch 'checkout/new'",
    };
    const added = [merge, next, side2, side1];
    back.update({ head: merge.sha, added, removed: [] }, linker);
    const all = [...added, ...commits];
    const expected = build(all, merge.sha, linker);
    assertSame(
      back,
      expected,
      all.map((c) => c.sha),
    );
    assert.deepEqual(
      back
        .evidence(side1.sha)
        .map((e) => `${e.itemId}:${e.kind}`)
        .sort(),
      ['CHK-13:message', 'CHK:branch-tag'],
    );

    // Reset to the old head: the merge and its side commits go (the base is copied into the maps).
    back.update({ head, added: [], removed: added.map((c) => c.sha) }, linker);
    assertSame(back, cold, shas);
  });

  it('a reload under another roadmap re-links, and relink() after a reload matches a cold build', () => {
    const linker = linkerFor();
    const text = build(commits, head, linker).serialize();
    const other = linkerFor([...ITEMS, item('WORK', { aliases: ['side work'], branches: ['misc/**'] })]);
    const r = CommitIndex.deserialize(text, other);
    assert.ok(r.ok);
    assert.equal(r.relinked, true);
    assertSame(r.index, build(commits, head, other), shas);

    const back = reload(text, linker);
    back.relink(other);
    assertSame(back, build(commits, head, other), shas);
  });

  it("with relink 'later', a reload under another roadmap keeps the stored links until re-linked in steps", () => {
    const linker = linkerFor();
    const saved = build(commits, head, linker);
    const text = saved.serialize();
    const other = linkerFor([...ITEMS, item('WORK', { aliases: ['side work'], branches: ['misc/**'] })]);
    const r = CommitIndex.deserialize(text, decodeOnly(other), { relink: 'later' });
    assert.ok(r.ok);
    assert.equal(r.relinked, false);
    // Still the saved roadmap's index: answers as before, fingerprint says so.
    assert.equal(r.index.linkFingerprint, linker.fingerprint);
    assertSame(r.index, saved, shas);
    // The caller's relink, in steps (as FolderWork runs it in slices), gives the cold build's answers.
    const steps = r.index.relinkedSteps(other);
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields++;
      next = steps.next();
    }
    assert.ok(yields > 3, `the relink yields (${yields})`);
    assertSame(next.value, build(commits, head, other), shas);
    // The reloaded index itself is unchanged by a relinked copy.
    assertSame(r.index, saved, shas);
  });

  it('a file without inherited links still loads, by walking the graph', () => {
    const linker = linkerFor();
    const cold = build(commits, head, linker);
    const bytes = mutateIndexFile(cold.serialize(), (f) => {
      f.header['inherited'] = false;
      f.sections.set('contexts', new Uint8Array(0));
      f.sections.set('inherited', new Uint8Array(0));
    });
    assertSame(reload(bytes, linker), cold, shas);
  });

  it('an older (JSON) version is a rebuild signal naming the version, never a throw', () => {
    const linker = linkerFor();
    const cold = build(commits, head, linker);
    for (const version of [2, 3]) {
      // The start of what versions 2 and 3 wrote: columnar JSON.
      const json = JSON.stringify({
        format: 'roadmap-lens-commit-index',
        version,
        head,
        fingerprint: linker.fingerprint,
        shaLength: 40,
        shas: shas.join(''),
      });
      const r = CommitIndex.deserialize(new TextEncoder().encode(json), linker);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, new RegExp(`^version ${version} is not ${COMMIT_INDEX_VERSION}`));
    }
    const future = mutateIndexFile(cold.serialize(), (f) => (f.header['version'] = COMMIT_INDEX_VERSION + 1));
    const r = CommitIndex.deserialize(future, linker);
    assert.match(r.ok ? '' : r.reason, /^version 5 is not 4/);
  });

  it('corrupt link and order columns are a rebuild signal, never a throw', () => {
    const linker = linkerFor();
    const good = build(commits, head, linker).serialize();
    const column = (name: string, f: (v: number[]) => number[] | void): Uint8Array =>
      mutateIndexFile(good, (file) => {
        const v = ints(file, name);
        setInts(file, name, f(v) ?? v);
      });
    const bad = [
      column('order', (v) => v.reverse()),
      column('order', (v) => void (v[1] = v[0] ?? 0)),
      column('order', (v) => v.slice(1)),
      column('merges', (v) => void (v[0] = shas.length)),
      column('merges', (v) => void (v[2] = 9999)),
      column('merges', (v) => void (v[4] = 9999)),
      column('merges', (v) => [...v, 1]),
      mutateIndexFile(good, (f) => (f.header['branches'] = [])),
      column('contexts', (v) => void (v[1] = shas.length + 5)),
      column('contexts', (v) => void (v[2] = 99)),
      column('contexts', (v) => void (v[0] = 0)),
      column('inherited', (v) => void (v[1] = 99999)),
      column('inherited', (v) => void (v[0] = -1)),
      column('inherited', (v) => [...v, 3]),
      mutateIndexFile(good, (f) => (f.header['inherited'] = 'x')),
      mutateIndexFile(
        good,
        () => undefined,
        (h) => (h['sections'] = []),
      ),
    ];
    for (const [i, bytes] of bad.entries()) {
      const r = CommitIndex.deserialize(bytes, linker);
      assert.equal(r.ok, false, `case ${i}`);
    }
  });
});
