// commitLookup answers for a few commits (what `why FILE` needs) without a log of all history. Its
// answers must be the full commit index's, so every commit of a history with nested, octopus,
// repeated and back-merges is looked up on its own and compared with an index of all of HEAD.
import * as assert from 'node:assert/strict';
import { buildCommitIndex } from '../../src/core/commitIndex/commitIndexBuilder';
import { commitItemLinks } from '../../src/core/linking/commitItemLinks';
import { lookupCommitLinks, readCommitGraph, readCommits } from '../../src/git/commitLookup';
import { InvalidRefError } from '../../src/git/gitErrors';
import { MessagePrefetch } from '../../src/git/messagePrefetch';
import { MemoLinker } from '../../src/core/linking/commitLinks';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { linkerFor } from '../unit/linkFixtures';
import { TestRepo } from './gitFixture';

describe('commitLookup (git)', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  let git: GitRunner;
  const sha: Record<string, string> = {};
  const linker = linkerFor();

  before(() => {
    repo = TestRepo.init();
    sha['init'] = repo.commit('Initial import');
    sha['chk12'] = repo.commit('CHK-12: start reorder');
    // A feature branch with a nested merge of a tagged branch, and a back-merge of main.
    repo.git('checkout', '-qb', 'feature/chk-13-saved');
    sha['save'] = repo.commit('save carts');
    repo.git('checkout', '-qb', 'team-search/box');
    sha['box'] = repo.commit('search box');
    repo.git('checkout', '-q', 'feature/chk-13-saved');
    sha['save2'] = repo.commit('more saving\n\nRoadmap: CHK-13');
    repo.git(
      'merge',
      '-q',
      '--no-ff',
      '-m',
      "Merge branch 'team-search/box' into feature/chk-13-saved",
      'team-search/box',
    );
    sha['nested'] = repo.head();
    repo.git('checkout', '-q', 'main');
    sha['mainOnly'] = repo.commit('unrelated work');
    repo.git('checkout', '-q', 'feature/chk-13-saved');
    repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'main' into feature/chk-13-saved", 'main');
    sha['after'] = repo.commit('after the back-merge');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/chk-13-saved'", 'feature/chk-13-saved');
    sha['featureMerge'] = repo.head();
    // An octopus merge: the first side is a tagged branch (checkout/*), the second names CHK-12.
    repo.git('checkout', '-qb', 'checkout/a');
    sha['a'] = repo.commit('octopus side a');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-qb', 'x/chk-12-b');
    sha['b'] = repo.commit('octopus side b');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'checkout/a'", 'checkout/a', 'x/chk-12-b');
    sha['octopus'] = repo.head();
    // One branch merged twice, and a pull-request merge.
    repo.git('checkout', '-qb', 'again');
    sha['q1'] = repo.commit('first round');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/chk-12-again'", 'again');
    repo.git('checkout', '-q', 'again');
    sha['q2'] = repo.commit('second round');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #45 from acme/chk-13-again', 'again');
    sha['last'] = repo.commit('CHK-13 wrap up');
    git = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
  });

  async function fullIndexRefs(head: string): Promise<ReturnType<typeof commitItemLinks>> {
    const { nonce, batches } = (await GitRepository.open(git)).log([head]);
    return commitItemLinks(await buildCommitIndex(batches, nonce, head, linker));
  }

  it('answers every commit, asked for on its own, as an index of all of HEAD does', async () => {
    const head = repo.head();
    const full = await fullIndexRefs(head);
    const graph = await readCommitGraph(git, head);
    const all = repo.git('rev-list', 'HEAD').trim().split('\n');
    assert.equal(graph.nodes.size, all.length);
    for (const c of all) {
      const one = await lookupCommitLinks(git, graph, [c], linker);
      assert.deepEqual(one.linksFor(c), full.linksFor(c), `commit ${repo.git('log', '-1', '--format=%s', c).trim()}`);
    }
    const together = await lookupCommitLinks(git, graph, all, linker);
    for (const c of all) assert.deepEqual(together.linksFor(c), full.linksFor(c));
    // The history really exercises inheritance, nested and octopus merges (else the above proves little).
    assert.deepEqual(
      full
        .linksFor(sha['box'] ?? '')
        ?.map((r) => r.itemId)
        .sort(),
      ['CHK-13', 'SRCH'],
    );
    assert.deepEqual(
      full.linksFor(sha['a'] ?? '')?.map((r) => r.itemId),
      ['CHK'],
    );
    assert.deepEqual(
      full.linksFor(sha['b'] ?? '')?.map((r) => r.itemId),
      ['CHK'],
    );
    assert.deepEqual(
      full.linksFor(sha['q2'] ?? '')?.map((r) => r.itemId),
      ['CHK-13'],
    );
    assert.equal(full.linksFor(sha['mainOnly'] ?? ''), undefined);
  });

  it('gives the same answers from messages fetched in batches (and linked) while blame runs', async () => {
    const head = repo.head();
    const full = await fullIndexRefs(head);
    const all = repo.git('rev-list', 'HEAD').trim().split('\n');
    const prefetch = new MessagePrefetch(git, undefined, 3);
    const memo = new MemoLinker(linker);
    const heard: number[] = [];
    prefetch.onCommits((commits) => {
      heard.push(commits.length);
      for (const c of commits) memo.warm(c.message, c.parents.length);
    });
    // Blame names commits one by one; the graph arrives part-way through.
    const half = Math.floor(all.length / 2);
    all.slice(0, half).forEach((c) => prefetch.add(c));
    prefetch.useGraph(await readCommitGraph(git, head));
    all.slice(half).forEach((c) => prefetch.add(c));
    const graph = await readCommitGraph(git, head);
    const refs = await lookupCommitLinks(git, graph, all, memo, undefined, (wanted) => prefetch.get(wanted));
    for (const c of all)
      assert.deepEqual(refs.linksFor(c), full.linksFor(c), `commit ${repo.git('log', '-1', '--format=%s', c).trim()}`);
    // The first batch leaves as soon as 3 commits are named; how later ones group depends on timing.
    const batches = heard.filter((n) => n > 0);
    assert.equal(batches[0], 3, `the first batch has the batch size (${heard.join(', ')})`);
    assert.ok(batches.length >= 2, `fetched in batches, not all at the end (${heard.join(', ')})`);
    assert.equal(
      heard.reduce((a, b) => a + b, 0),
      new Set([...all, ...all.flatMap((c) => graph.inheritingMerges(c))]).size,
      'each commit fetched once',
    );
  });

  it('asks only for the merges whose brought-in side holds the commits', async () => {
    const graph = await readCommitGraph(git, repo.head());
    assert.deepEqual(graph.inheritingMerges(sha['box'] ?? ''), [sha['featureMerge'], sha['nested']]);
    assert.deepEqual(graph.inheritingMerges(sha['save'] ?? ''), [sha['featureMerge']]);
    for (const c of ['mainOnly', 'chk12', 'last', 'init'])
      assert.deepEqual(graph.inheritingMerges(sha[c] ?? ''), [], c);
    assert.deepEqual(graph.inheritingMerges(sha['b'] ?? ''), [sha['octopus']]);
  });

  it('knows nothing of commits outside the graph, and takes only full shas', async () => {
    const graph = await readCommitGraph(git, sha['chk12'] ?? '');
    assert.equal(graph.nodes.size, 2);
    const refs = await lookupCommitLinks(git, graph, [sha['last'] ?? '', sha['chk12'] ?? ''], linker);
    assert.equal(refs.linksFor(sha['last'] ?? ''), undefined);
    assert.deepEqual(
      refs.linksFor(sha['chk12'] ?? '')?.map((r) => r.itemId),
      ['CHK-12'],
    );
    await assert.rejects(readCommits(git, ['--all']), InvalidRefError);
    await assert.rejects(readCommits(git, ['HEAD']), InvalidRefError);
    assert.deepEqual(
      (await readCommits(git, [sha['q1'] ?? ''])).map((c) => c.message),
      ['first round'],
    );
  });
});
