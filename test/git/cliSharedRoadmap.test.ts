// A roadmap shared by several repositories, from the CLI: a sibling checkout's file, and a git
// object (`roadmap:roadmap.yaml`, a branch of its own) read with git cat-file, never edited in place.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRepo, tempDir } from './gitFixture';

const repoRoot = path.join(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SHARED =
  'version: 1\nproduct: Platform\nitems:\n  - id: PLAT-1\n    kind: epic\n    title: One login\n    why: Users sign in three times.\n';

describe('shared roadmap (CLI)', () => {
  it('reads a sibling checkout and tags a branch in it', () => {
    const parent = tempDir('rl-shared-');
    fs.mkdirSync(path.join(parent, 'service'));
    const service = TestRepo.init(path.join(parent, 'service'));
    fs.mkdirSync(path.join(parent, 'roadmap'));
    fs.writeFileSync(path.join(parent, 'roadmap', 'roadmap.yaml'), SHARED);
    service.commit('start');
    const v = run(service.dir, 'validate', '--roadmap', '../roadmap/roadmap.yaml');
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /Platform: 1 item/);
    const t = run(service.dir, 'tag', 'login/*', 'PLAT-1', '--roadmap', '../roadmap');
    assert.equal(t.code, 0, t.stderr);
    assert.match(fs.readFileSync(path.join(parent, 'roadmap', 'roadmap.yaml'), 'utf8'), /branches: \["login\/\*"\]/);
  });

  it('reads `REV:PATH` from git, and refuses to edit it with a clear message', () => {
    const repo = TestRepo.init(tempDir('rl-gitobj-'));
    repo.commit('main work');
    repo.git('checkout', '-q', '--orphan', 'roadmap');
    repo.git('rm', '-rfq', '.');
    repo.commit('the roadmap', 'plans/roadmap.yaml', SHARED);
    repo.git('checkout', '-q', 'main');
    assert.equal(fs.existsSync(path.join(repo.dir, 'plans', 'roadmap.yaml')), false);
    const v = run(repo.dir, 'validate', '--roadmap', 'roadmap:plans/roadmap.yaml', '--json');
    assert.equal(v.code, 0, v.stderr);
    const json = JSON.parse(v.stdout) as { product: string; items: number; files: string[] };
    assert.deepEqual([json.product, json.items], ['Platform', 1]);
    const t = run(repo.dir, 'tag', 'login/*', 'PLAT-1', '--roadmap', 'roadmap:plans/roadmap.yaml');
    assert.equal(t.code, 1);
    assert.match(t.stderr, /read from git: commit the tag on that branch instead/);
    const missing = run(repo.dir, 'validate', '--roadmap', 'roadmap:nope.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /roadmap:nope\.yaml: no such file in git/);
  });
});
