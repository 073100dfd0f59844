// `npm run demo -- --folder PATH`: the README's way to try Roadmap Lens on your own repository.
// The argument checks run without starting anything; the last test starts the real VS Code
// (code-server, installed first when missing) on a repository of the test's own and checks, in
// headless Chromium, that its roadmap is the one in the tree.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRepo, tempDir } from './gitFixture';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEMO = path.join(ROOT, 'scripts', 'demo.mjs');

function demo(args: string[], cwd: string, timeout = 30_000) {
  // INIT_CWD is what npm sets to the folder `npm run demo` was typed in.
  return spawnSync(process.execPath, [DEMO, ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: cwd },
    encoding: 'utf8',
    timeout,
  });
}

describe('npm run demo -- --folder PATH', function () {
  this.timeout(300_000);

  it('refuses an unknown option, a missing path, a folder that does not exist and a file', () => {
    const dir = tempDir('rl-demo-');
    try {
      fs.writeFileSync(path.join(dir, 'file.txt'), 'x');
      const unknown = demo(['--fodler', 'x'], dir);
      assert.equal(unknown.status, 2, unknown.stderr);
      assert.match(unknown.stderr, /unknown option "--fodler"\. usage: npm run demo/);
      const bare = demo(['--folder'], dir);
      assert.equal(bare.status, 2, bare.stderr);
      assert.match(bare.stderr, /--folder needs a path/);
      const missing = demo(['--folder', 'nope'], dir);
      assert.equal(missing.status, 1, missing.stderr);
      assert.equal(missing.stderr.trim(), `demo: --folder ${path.join(dir, 'nope')} does not exist`);
      const file = demo(['--folder=file.txt'], dir);
      assert.equal(file.status, 1, file.stderr);
      assert.equal(file.stderr.trim(), `demo: --folder ${path.join(dir, 'file.txt')} is not a folder`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens the given folder (relative to where npm was run) in the real VS Code with its roadmap in the tree', () => {
    const parent = tempDir('rl-demo-');
    try {
      fs.mkdirSync(path.join(parent, 'my-repo'));
      const repo = TestRepo.init(path.join(parent, 'my-repo'));
      fs.writeFileSync(
        path.join(repo.dir, 'roadmap.yaml'),
        [
          'version: 1',
          'product: Folder Check',
          'items:',
          '  - id: FC',
          '    kind: goal',
          '    title: The demo opens my own folder',
          '    why: Trying Roadmap Lens on a real repository before installing it.',
          '',
        ].join('\n'),
      );
      repo.git('add', '.');
      repo.git('commit', '-q', '-m', 'FC: roadmap');
      const run = demo(['--smoke', '--folder', 'my-repo'], parent, 280_000);
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /window title "\[Extension Development Host\] my-repo/);
      // Tree rows lead with the item's id.
      assert.match(run.stdout, /the Roadmap tree shows "\S+ The demo opens my own folder"/);
      assert.equal(repo.git('status', '--porcelain'), '', 'the demo leaves the folder as it was');
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
