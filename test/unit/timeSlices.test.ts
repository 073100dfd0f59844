import { strict as assert } from 'node:assert';
import { CommitIndex } from '../../src/core/commitIndex/commitIndex';
import type { RawCommit } from '../../src/core/gitOutput/gitLogParser';
import { inheritMergeEvidence, inheritMergeEvidenceSteps } from '../../src/core/linking/mergeInheritance';
import { runInSlices, runToEnd } from '../../src/core/util/timeSlices';
import { summarizeWork, summarizeWorkSteps } from '../../src/core/commitIndex/workSummary';
import { item, ITEMS, linkerFor } from './linkFixtures';

const sha = (n: number): string => n.toString(16).padStart(40, '0');

/**
 * A history with a main line and feature branches merged back (some named after items, some
 * tagged, some unrelated), and messages mentioning items: every kind of link, over enough
 * commits that the step functions yield many times.
 */
function history(count: number): RawCommit[] {
  const commits: RawCommit[] = [];
  const messages = ['CHK-12: reorder', 'wip', 'search CHK-13 box', 'fix\n\nRefs: PAY-881', 'chore'];
  const branches = ['feature/chk-12-x', 'checkout/pay', 'team-search/a/b', 'misc-cleanup'];
  let main = 0;
  let n = 1;
  const add = (parents: number[], message: string): number => {
    commits.push({ sha: sha(n), parents: parents.map(sha), author: 'Ann', email: 'a@b', time: 1000 + n, message });
    return n++;
  };
  main = add([], 'init');
  while (n <= count) {
    if (n % 7 === 0) {
      let side = main;
      for (let k = 0; k < 3 && n <= count; k++) side = add([side], messages[(n + k) % messages.length] as string);
      const branch = branches[n % branches.length] as string;
      main = add([main, side], `Merge branch '${branch}'`);
    } else {
      main = add([main], messages[n % messages.length] as string);
    }
  }
  return commits.reverse();
}

function build(commits: readonly RawCommit[], linker = linkerFor()): CommitIndex {
  const index = new CommitIndex();
  index.add(commits, linker);
  index.finish(commits[0]?.sha, linker);
  return index;
}

function snapshot(index: CommitIndex, commits: readonly RawCommit[]): unknown {
  return {
    head: index.head,
    fingerprint: index.linkFingerprint,
    size: index.size,
    counts: [...index.itemCounts()].sort(),
    perItem: ['GROW', 'CHK', 'CHK-12', 'CHK-13', 'SRCH', 'WIP'].map((id) => index.commitsFor(id)),
    unlinked: index.unlinked(),
    evidence: commits.map((c) => index.evidence(c.sha)),
  };
}

function* counter(steps: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return steps;
}

describe('timeSlices', () => {
  it('runToEnd runs every step and returns the result', () => {
    const log: string[] = [];
    assert.equal(runToEnd(counter(3, log)), 3);
    assert.deepEqual(log, ['step 0', 'step 1', 'step 2']);
  });

  it('runInSlices gives the event loop turns between slices', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    // sliceMs 0: a turn after every step, so the other callback runs between the steps.
    assert.equal(await runInSlices(counter(3, log), { sliceMs: 0 }), 3);
    assert.ok(log.indexOf('other work') > 0 && log.indexOf('other work') < log.length - 1, log.join(', '));
  });

  it('inheritance in steps equals the one-call walk', () => {
    const commits = history(600);
    const index = build(commits);
    const bySha = new Map(commits.map((c) => [c.sha, c]));
    const input = {
      size: commits.length,
      get: (s: string) => bySha.get(s),
      mergeEvidence: (s: string) => index.evidence(s).filter((e) => e.via === s),
    };
    const tips = [commits[0]?.sha as string];
    const once = inheritMergeEvidence(tips, input);
    const stepped = runToEnd(inheritMergeEvidenceSteps(tips, input, 1));
    assert.ok(once.size > 0);
    assert.deepEqual([...stepped].sort(), [...once].sort());
  });

  it('a relinked copy in slices equals relink() in place, and leaves the original as it was', async () => {
    const commits = history(800);
    const original = build(commits);
    const before = snapshot(original, commits);
    const other = linkerFor([...ITEMS, item('WIP', { aliases: ['wip'] })]);
    const copy = await runInSlices(original.relinkedSteps(other, 7), { sliceMs: 0 });
    assert.deepEqual(snapshot(original, commits), before);
    const inPlace = build(commits);
    inPlace.relink(other);
    assert.deepEqual(snapshot(copy, commits), snapshot(inPlace, commits));
    assert.ok(copy.commitsFor('WIP').length > 0);
  });

  it('a relinked copy of a reloaded index equals relink() of it', async () => {
    const commits = history(300);
    const linker = linkerFor();
    const reloaded = CommitIndex.deserialize(build(commits, linker).serialize(), linker);
    const again = CommitIndex.deserialize(build(commits, linker).serialize(), linker);
    assert.ok(reloaded.ok && again.ok);
    const other = linkerFor([...ITEMS, item('WIP', { aliases: ['wip'] })]);
    const copy = await runInSlices(reloaded.index.relinkedSteps(other), { sliceMs: 0 });
    again.index.relink(other);
    assert.deepEqual(snapshot(copy, commits), snapshot(again.index, commits));
  });

  it('preparing in steps restarts when the index changes meanwhile', () => {
    const old = history(3000);
    const late: RawCommit = {
      sha: sha(99999),
      parents: [old[0]?.sha as string],
      author: 'Ann',
      email: 'a@b',
      time: 99999,
      message: 'CHK-12 late fix',
    };
    const linker = linkerFor();
    const index = build(old, linker);
    const steps = index.prepareSteps();
    steps.next(); // sorted
    assert.equal(steps.next().done, false); // the first thousand commits listed
    // A new commit arrives while the lists are half built.
    index.update({ head: late.sha, added: [late], removed: [] }, linker);
    runToEnd(steps);
    assert.equal(index.commitsFor('CHK-12', 1)[0]?.sha, late.sha);
    assert.deepEqual(snapshot(index, [late, ...old]), snapshot(build([late, ...old], linker), [late, ...old]));
  });

  it('summarizeWork in slices equals summarizeWork', async () => {
    const commits = history(700);
    const linker = linkerFor();
    const input = { branches: [], linker, itemIds: ITEMS.map((i) => i.id), recentCommits: 5 };
    const stepped = await runInSlices(summarizeWorkSteps({ ...input, index: build(commits, linker) }, 1), {
      sliceMs: 0,
    });
    assert.deepEqual(stepped, summarizeWork({ ...input, index: build(commits, linker) }));
    assert.ok(stepped.byItem.size > 0);
  });
});
