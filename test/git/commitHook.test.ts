// `roadmap-lens hook install|uninstall` end to end: real `git commit`s through the installed
// prepare-commit-msg hook (dist/cli.js; run `npm run build` first).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

const ROADMAP = `version: 1
items:
  - id: CHK
    kind: epic
    title: Frictionless checkout
    why: Shoppers rebuild carts.
  - id: CHK-12
    parent: CHK
    kind: feature
    title: One-click reorder
    why: Weekly shoppers rebuild the same cart.
    refs: [PAY-881]
`;

function cli(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function setup(): TestRepo {
  const repo = TestRepo.init();
  repo.write('roadmap.yaml', ROADMAP);
  repo.git('add', 'roadmap.yaml');
  repo.commit('init');
  repo.git('checkout', '-q', '-b', 'feature/chk-12-reorder');
  return repo;
}

function message(repo: TestRepo, rev = 'HEAD'): string {
  return repo.git('log', '-1', '--format=%B', rev).trimEnd();
}

describe('CLI: hook (prepare-commit-msg through real commits)', function () {
  this.timeout(60_000);
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  });

  it('adds the trailer for the current item once; leaves messages that name an item alone', () => {
    const repo = setup();
    const r = cli(repo.dir, 'hook', 'install');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Installed the Roadmap Lens hook at .*prepare-commit-msg/);
    const hook = path.join(repo.dir, '.git', 'hooks', 'prepare-commit-msg');
    assert.ok(fs.statSync(hook).mode & 0o100, 'the hook is executable');

    repo.commit('Add the reorder button');
    assert.equal(message(repo), 'Add the reorder button\n\nRoadmap: CHK-12');
    // Amending keeps one trailer, never two.
    repo.git('commit', '-q', '--amend', '--no-edit');
    assert.equal(message(repo), 'Add the reorder button\n\nRoadmap: CHK-12');
    // A message that names an item (id or ref) is left as written.
    repo.commit('CHK: tidy the checkout');
    assert.equal(message(repo), 'CHK: tidy the checkout');
    repo.commit('Split charge logic (PAY-881)');
    assert.equal(message(repo), 'Split charge logic (PAY-881)');
    // A merge of a branch named after the item names it already.
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'release');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature/chk-12-reorder');
    assert.equal(message(repo), "Merge branch 'feature/chk-12-reorder' into release");
    // No current item (a branch that links to nothing): unchanged.
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'spike');
    repo.commit('Try something');
    assert.equal(message(repo), 'Try something');

    // Installing again updates in place (no chaining of our own hook).
    const again = cli(repo.dir, 'hook', 'install');
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Updated/);
    assert.ok(!fs.existsSync(`${hook}.roadmap-lens-previous`));
    const un = cli(repo.dir, 'hook', 'uninstall');
    assert.equal(un.code, 0, un.err);
    assert.ok(!fs.existsSync(hook), 'uninstall removed the hook');
    assert.equal(cli(repo.dir, 'hook', 'uninstall').code, 1, 'a second uninstall says it is not installed');
  });

  it('chains a hook that was there, stops when it fails, and restores it on uninstall', () => {
    const repo = setup();
    const hook = path.join(repo.dir, '.git', 'hooks', 'prepare-commit-msg');
    const original = '#!/bin/sh\nif grep -q FAILME "$1"; then exit 3; fi\nprintf "\\nReviewed-by: Pat\\n" >> "$1"\n';
    fs.mkdirSync(path.dirname(hook), { recursive: true });
    fs.writeFileSync(hook, original, { mode: 0o755 });
    const r = cli(repo.dir, 'hook', 'install');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /the hook that was there runs first/);
    repo.commit('Add the reorder button');
    assert.equal(message(repo), 'Add the reorder button\n\nReviewed-by: Pat\nRoadmap: CHK-12');
    assert.notEqual(
      repo.tryGit('commit', '-q', '--allow-empty', '-m', 'FAILME'),
      0,
      'the previous hook still stops commits',
    );
    assert.equal(cli(repo.dir, 'hook', 'uninstall').code, 0);
    assert.equal(fs.readFileSync(hook, 'utf8'), original, 'the previous hook is back, byte for byte');
    assert.ok(fs.statSync(hook).mode & 0o100);
    assert.ok(!fs.existsSync(`${hook}.roadmap-lens-previous`));
  });

  it('installs where core.hooksPath points', () => {
    const repo = setup();
    repo.git('config', 'core.hooksPath', '.githooks');
    const r = cli(repo.dir, 'hook', 'install');
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.existsSync(path.join(repo.dir, '.githooks', 'prepare-commit-msg')));
    assert.ok(!fs.existsSync(path.join(repo.dir, '.git', 'hooks', 'prepare-commit-msg')));
    repo.commit('Add the reorder button');
    assert.equal(message(repo), 'Add the reorder button\n\nRoadmap: CHK-12');
  });
});
