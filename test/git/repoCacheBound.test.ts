// The repository's cache folder (`.git/roadmap-lens/`) stays bounded: one commit index per
// worktree accumulates as worktrees come and go, so every write evicts the least recently used
// files beyond REPO_CACHE_LIMITS; a file read is touched (kept longest); sub-folders (`blame/`)
// are not this bound's to empty.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { REPO_CACHE_LIMITS } from '../../src/fs/repoCache';
import { TestRepo } from './gitFixture';

async function why(cwd: string): Promise<void> {
  const err: string[] = [];
  const code = await main(['why', 'src/a.ts', '--json'], { cwd, out: () => undefined, err: (l) => err.push(l) });
  assert.equal(code, 0, err.join('\n'));
}

describe('the repository cache folder is bounded', function () {
  this.timeout(60_000);

  it('evicts the least recently used files beyond its limit, keeps what was just used and leaves sub-folders alone', async () => {
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', 'version: 1\nitems:\n  - id: A\n    kind: epic\n    title: A\n');
    repo.commit('A: first', 'src/a.ts', 'x\n');
    const dir = path.join(repo.dir, '.git', 'roadmap-lens');
    fs.mkdirSync(path.join(dir, 'blame'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'blame', 'kept.bin'), 'b');
    const old = new Date(Date.now() - 3600_000);
    const stale = Array.from({ length: REPO_CACHE_LIMITS.maxFiles + 5 }, (_, i) => `commit-index-gone${i}.bin`);
    for (const name of stale) {
      fs.writeFileSync(path.join(dir, name), 'x');
      fs.utimesSync(path.join(dir, name), old, old);
    }
    // The newest of the old ones was read a moment ago: it is kept over the others.
    const recent = stale[0] ?? '';
    fs.utimesSync(path.join(dir, recent), new Date(), new Date());
    await why(repo.dir);
    const files = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile());
    assert.equal(files.length, REPO_CACHE_LIMITS.maxFiles, files.join(', '));
    assert.ok(files.includes('commit-graph.bin'), 'the file just written stays');
    assert.ok(files.includes(recent), 'a recently used file stays');
    assert.equal(fs.readFileSync(path.join(dir, 'blame', 'kept.bin'), 'utf8'), 'b');
  });

  it('a hit touches the file it read', async () => {
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', 'version: 1\nitems:\n  - id: A\n    kind: epic\n    title: A\n');
    repo.commit('A: first', 'src/a.ts', 'x\n');
    await why(repo.dir);
    const graph = path.join(repo.dir, '.git', 'roadmap-lens', 'commit-graph.bin');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(graph, old, old);
    // Else the second call links its blame from the why-links cache and never reads the graph.
    fs.rmSync(path.join(repo.dir, '.git', 'roadmap-lens', 'why-links'), { recursive: true, force: true });
    await why(repo.dir);
    assert.ok(fs.statSync(graph).mtimeMs > old.getTime() + 1000);
  });
});
