// A repository whose own config names programs (fsmonitor, pager, hooks, external diff, textconv).
// Plain git runs them (checked first, so the test can fail); every call through the git layer
// must not: the marker file is never written.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommitLinker } from '../../src/core/linking/commitLinks';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';
import { blameFile, locateRepo } from '../../src/git/blameRunner';
import { filesTouched } from '../../src/git/changedFiles';
import { showCommit } from '../../src/git/commitShow';
import { buildIndexForHead, updateIndexToHead } from '../../src/git/commitIndexService';
import { detectCurrentWork } from '../../src/git/currentWorkService';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { tempDir, TestRepo } from './gitFixture';

describe('hostile repository config', () => {
  const repo = TestRepo.init();
  repo.commit('CHK-12 first', 'a.txt', 'one\n');
  repo.commit('second', 'a.txt', 'two\n');
  const outside = tempDir('rl-evil-');
  const marker = path.join(outside, 'MARKER');
  const evil = path.join(outside, 'evil.sh');
  fs.writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> '${marker}'\nexit 0\n`, { mode: 0o755 });
  const hooks = path.join(outside, 'hooks');
  fs.mkdirSync(hooks);
  for (const h of ['post-checkout', 'pre-commit', 'reference-transaction', 'pre-auto-gc', 'post-index-change'])
    fs.copyFileSync(evil, path.join(hooks, h));
  fs.mkdirSync(path.join(repo.dir, '.git', 'hooks'), { recursive: true });
  fs.copyFileSync(evil, path.join(repo.dir, '.git', 'hooks', 'post-checkout'));
  repo.git('config', 'core.fsmonitor', evil);
  repo.git('config', 'core.pager', evil);
  repo.git('config', 'core.hooksPath', hooks);
  repo.git('config', 'diff.external', evil);
  repo.git('config', 'diff.evil.textconv', evil);
  repo.git('config', 'gpg.program', evil);
  repo.git('config', 'log.showSignature', 'true');
  // A content filter that records and passes the text through (so plain git still works).
  const evilFilter = path.join(outside, 'evil-filter.sh');
  fs.writeFileSync(evilFilter, `#!/bin/sh\necho "filter $0 $*" >> '${marker}'\ncat\n`, { mode: 0o755 });
  repo.git('config', 'filter.evil.clean', evilFilter);
  repo.git('config', 'filter.evil.smudge', evilFilter);
  repo.git('config', 'filter.evil.required', 'true');
  repo.git('config', 'filter.we=ird.clean', evilFilter);
  repo.write('.gitattributes', '* diff=evil filter=evil\n*.md filter=we=ird\n');

  it('plain git does run them (the hostile config is live)', () => {
    repo.git('status');
    repo.git('checkout', '-q', '-b', 'plain-check');
    assert.ok(fs.existsSync(marker));
    fs.rmSync(marker);
    repo.git('checkout', '-q', 'main');
    fs.rmSync(marker, { force: true });
    repo.git('show', 'HEAD');
    assert.match(fs.readFileSync(marker, 'utf8'), /git-blob|a\.txt/, 'textconv/external diff ran');
    fs.rmSync(marker);
    repo.git('blame', '--incremental', '--', 'a.txt');
    assert.match(fs.readFileSync(marker, 'utf8'), /^filter /m, 'blame runs the clean filter');
    fs.rmSync(marker);
    repo.gitInput('edited\n', 'blame', '--incremental', '--contents', '-', '--', 'a.txt');
    assert.match(fs.readFileSync(marker, 'utf8'), /^filter /m, 'blame --contents runs the clean filter');
    fs.rmSync(marker);
  });

  it('no read-only entry point of the git layer runs them (each one called)', async () => {
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const r = await GitRepository.open(runner);
    const called: string[] = [];
    const check = (what: string): void => {
      called.push(what);
      assert.equal(
        fs.existsSync(marker),
        false,
        `${what} ran a configured program: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`,
      );
    };
    check('rev-parse (open)');
    const head = await r.head();
    check('head');
    assert.ok(head.kind === 'branch');
    await r.resolve('HEAD~1');
    check('rev-parse --verify');
    await r.remotes();
    check('remote');
    await r.branches();
    check('for-each-ref (branches)');
    await r.baseBranch();
    check('for-each-ref (base)');
    await r.mergeBase('HEAD', 'HEAD~1');
    check('merge-base');
    await r.isAncestor('HEAD~1', 'HEAD');
    check('merge-base --is-ancestor');
    await r.checkBranchName('feature/x');
    check('check-ref-format');
    await r.revList(['HEAD']);
    check('rev-list');
    const { batches } = r.log(['HEAD']);
    for await (const batch of batches) void batch;
    check('log');
    const items = [
      {
        id: 'CHK-12',
        aliases: [] as string[],
        branches: [] as string[],
        kind: 'feature',
        title: 't',
        metrics: [],
        links: [],
        paths: [],
        location: { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        idLocation: { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      },
    ];
    const linker = new CommitLinker({ items, matcher: new ReferenceMatcher(items) });
    const index = await buildIndexForHead(r, linker);
    check('log (index build)');
    await updateIndexToHead(r, index, linker);
    check('log + rev-list (index update)');
    const blame = await blameFile(runner, 'a.txt');
    assert.equal(blame.state, 'ok', JSON.stringify(blame));
    check('blame (work tree file)');
    const edited = await blameFile(runner, 'a.txt', { contents: 'two\nthree\n' });
    assert.equal(edited.state, 'ok', JSON.stringify(edited));
    check('blame --contents (editor buffer)');
    const notes = await blameFile(runner, 'notes.md', { contents: 'x\n' });
    assert.equal(notes.state, 'untracked', JSON.stringify(notes));
    check('blame of a path whose driver name has "="');
    await locateRepo(runner);
    check('rev-parse (locate)');
    const shas = (await r.revList(['HEAD'])).slice(0, 2);
    await filesTouched(runner, shas);
    check('log --name-only (files touched)');
    await showCommit(runner, shas[0] ?? '');
    check('show (commit document)');
    await detectCurrentWork(runner, linker);
    check('current work');
    assert.equal(called.length, 20);
  });

  it('the git layer never runs them', async () => {
    const runner = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
    const r = await GitRepository.open(runner);
    await r.head();
    await r.branches();
    await r.baseBranch();
    const items = [
      {
        id: 'CHK-12',
        aliases: [] as string[],
        branches: [] as string[],
        kind: 'feature',
        title: 't',
        metrics: [],
        links: [],
        paths: [],
        location: { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        idLocation: { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      },
    ];
    const linker = new CommitLinker({ items, matcher: new ReferenceMatcher(items) });
    const index = await buildIndexForHead(r, linker);
    assert.equal(index.size, 2);
    await detectCurrentWork(runner, linker);
    await r.createBranch('feature/chk-12');
    await r.checkout('main');
    await runner.run(['diff', 'HEAD~1', '--stat']);
    await runner.run(['show', 'HEAD']);
    assert.equal(fs.existsSync(marker), false, fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
  });
});
