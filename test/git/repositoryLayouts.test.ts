// Issue #16 classes 11 and 12 through real repositories and `node dist/cli.js`: roadmap discovery
// and edits stop at the repository's boundary in every layout (bare, linked worktree, submodule,
// `.git` file pointing elsewhere or at a hostile git dir, a GIT_DIR in the environment), and paths
// with newlines or other control characters (the repository's folder, files) are read exactly.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blameFile, locateRepo } from '../../src/git/blameRunner';
import { hooksDirectory } from '../../src/git/commitHookFiles';
import { GitRepository } from '../../src/git/gitRepository';
import { GitRunner } from '../../src/git/gitRunner';
import { tempDir, TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const posix = process.platform !== 'win32';

function cli(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 45_000,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function gitIn(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@x',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@x',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A repository in `dir`, created first (its name may hold any byte but NUL and `/`). */
function initAt(dir: string): TestRepo {
  fs.mkdirSync(dir, { recursive: true });
  return TestRepo.init(dir);
}

const ROADMAP = (id: string): string => `version: 1\nitems:\n  - id: ${id}\n    title: Item ${id}\n    paths: ["**"]\n`;

/** A roadmap outside the repository that must never be read or written. */
function outsideRoadmap(dir: string): { file: string; unchanged: () => void } {
  const file = path.join(dir, 'roadmap.yaml');
  fs.writeFileSync(file, ROADMAP('OUT-1'));
  const before = fs.readFileSync(file);
  return { file, unchanged: () => assert.deepEqual(fs.readFileSync(file), before, `${file} was changed`) };
}

describe('repository boundary (#16 class 11)', function () {
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  });

  it('bare repository: discovery stops at the git dir (from it and from inside it); tag writes nothing above', () => {
    const base = tempDir('rl-bare-');
    const outside = outsideRoadmap(base);
    const source = TestRepo.init();
    source.write('src/a.ts', 'x\n');
    source.commit('OUT-1 first');
    gitIn(base, 'clone', '-q', '--bare', source.dir, 'x.git');
    for (const cwd of [path.join(base, 'x.git'), path.join(base, 'x.git', 'refs')]) {
      for (const args of [['report'], ['validate'], ['tag', 'feature/x', 'OUT-1'], ['current']]) {
        const r = cli(cwd, ...args);
        assert.equal(r.code, 1, `${args.join(' ')} in ${cwd}: ${r.out}${r.err}`);
        assert.match(r.err, /No roadmap found/, r.err);
      }
    }
    outside.unchanged();
    // Named explicitly, a roadmap outside is the user's choice and is read.
    const r = cli(path.join(base, 'x.git'), 'report', '--roadmap', outside.file);
    assert.equal(r.code, 0, r.err);
  });

  it('linked worktree: discovery stops at the worktree root, never the folder holding it', () => {
    const base = tempDir('rl-wt-');
    const outside = outsideRoadmap(base);
    const repo = initAt(path.join(base, 'main'));
    repo.commit('first');
    repo.git('worktree', 'add', '-q', path.join(base, 'linked'));
    const r = cli(path.join(base, 'linked'), 'tag', 'feature/y', 'OUT-1');
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /No roadmap found/);
    outside.unchanged();
    // With a roadmap in the worktree, the worktree's own is used and its git dir is the linked one.
    fs.writeFileSync(path.join(base, 'linked', 'roadmap.yaml'), ROADMAP('WT-1'));
    const tag = cli(path.join(base, 'linked'), 'tag', 'feature/y', 'WT-1');
    assert.equal(tag.code, 0, tag.err);
    assert.match(fs.readFileSync(path.join(base, 'linked', 'roadmap.yaml'), 'utf8'), /feature\/y/);
    outside.unchanged();
  });

  it('submodule: commands inside it use its roadmap; why of a file in it from the superproject blames in it', () => {
    const sub = TestRepo.init();
    sub.write('roadmap.yaml', ROADMAP('SUB-1'));
    sub.write('lib.ts', 'export const lib = 1;\n');
    sub.git('add', '.');
    sub.commit('SUB-1 lib');
    const sup = TestRepo.init();
    sup.write('roadmap.yaml', ROADMAP('SUP-1'));
    sup.git('add', '.');
    sup.commit('SUP-1 root');
    sup.git('-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', sub.dir, 'vendor/sub');
    sup.commit('SUP-1 add submodule');
    const inSub = path.join(sup.dir, 'vendor', 'sub');
    const supBefore = fs.readFileSync(path.join(sup.dir, 'roadmap.yaml'));
    const tag = cli(inSub, 'tag', 'feature/z', 'SUB-1');
    assert.equal(tag.code, 0, tag.err);
    assert.match(fs.readFileSync(path.join(inSub, 'roadmap.yaml'), 'utf8'), /feature\/z/);
    assert.deepEqual(fs.readFileSync(path.join(sup.dir, 'roadmap.yaml')), supBefore);
    const unknown = cli(inSub, 'tag', 'feature/z', 'SUP-1');
    assert.equal(unknown.code, 1, 'the superproject roadmap is not the submodule roadmap');
    const why = cli(sup.dir, 'why', 'vendor/sub/lib.ts', '--json');
    assert.equal(why.code, 0, why.err);
    const json = JSON.parse(why.out) as { state: string; items: { id: string }[] };
    assert.equal(json.state, 'ok', why.out);
    assert.deepEqual(
      json.items.map((i) => i.id),
      ['SUB-1'],
    );
  });

  it('a `.git` file pointing at another repository: that git dir is used, discovery stops at the folder', () => {
    const base = tempDir('rl-gitfile-');
    const outside = outsideRoadmap(base);
    const other = TestRepo.init();
    other.commit('first');
    const dir = path.join(base, 'work');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '.git'), `gitdir: ${path.join(other.dir, '.git')}\n`);
    const r = cli(dir, 'report');
    assert.equal(r.code, 1);
    assert.match(r.err, /No roadmap found/);
    outside.unchanged();
  });

  const hostileGitDirs: readonly [string, (gitDir: string) => void][] = [
    ['a FIFO as HEAD', (g) => (fs.rmSync(path.join(g, 'HEAD')), spawnSync('mkfifo', [path.join(g, 'HEAD')]))],
    ['config including /dev/zero', (g) => fs.appendFileSync(path.join(g, 'config'), '[include]\n\tpath = /dev/zero\n')],
    ['a FIFO as commondir', (g) => spawnSync('mkfifo', [path.join(g, 'commondir')])],
    ['a git dir that is a FIFO', (g) => (fs.rmSync(g, { recursive: true }), spawnSync('mkfifo', [g]))],
  ];
  for (const [name, spoil] of hostileGitDirs) {
    it(`a \`.git\` file pointing at a hostile git dir (${name}): one line, exit 1 or an answer, nothing left running`, function () {
      if (!posix) this.skip();
      const other = TestRepo.init();
      other.commit('first');
      const dir = tempDir('rl-hostile-gitdir-');
      fs.writeFileSync(path.join(dir, 'roadmap.yaml'), ROADMAP('H-1'));
      const gitDir = path.join(other.dir, '.git');
      fs.writeFileSync(path.join(dir, '.git'), `gitdir: ${gitDir}\n`);
      spoil(gitDir);
      const r = spawnSync(process.execPath, [CLI, 'report', '--json'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 45_000,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', ROADMAP_LENS_GIT_TIMEOUT: '0.5' },
      });
      assert.notEqual(r.status, null, 'did not finish');
      const json = JSON.parse(r.stdout) as { ok?: boolean; error?: { code: string } };
      if (r.status !== 0) {
        assert.equal(json.ok, false);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.doesNotMatch(r.stderr, /internal error/);
      }
    });
  }

  it('GIT_DIR / GIT_WORK_TREE in the environment do not point the CLI at another repository', () => {
    const here = TestRepo.init();
    here.write('roadmap.yaml', ROADMAP('HERE-1'));
    here.git('add', '.');
    here.commit('HERE-1 first');
    const other = TestRepo.init();
    other.commit('OTHER-1 elsewhere');
    const r = spawnSync(process.execPath, [CLI, 'report', '--json'], {
      cwd: here.dir,
      encoding: 'utf8',
      timeout: 45_000,
      env: { ...process.env, GIT_DIR: path.join(other.dir, '.git'), GIT_WORK_TREE: other.dir },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /HERE-1/);
    assert.doesNotMatch(r.stdout, /OTHER-1 elsewhere/);
  });
});

describe('paths with newlines and control characters (#16 class 12)', function () {
  before(function () {
    if (!posix) this.skip();
  });

  for (const folder of ['with\nnewline', 'ends-with-newline\n', 'tab\tand\rcr', 'x\n\ny', 'esc\u001b[31m']) {
    it(`repository folder ${JSON.stringify(folder)}: opened, located, blamed; CLI report and why answer`, async () => {
      const repo = initAt(path.join(tempDir('rl-nl-'), folder));
      repo.write('roadmap.yaml', ROADMAP('NL-1'));
      repo.write('src/a.ts', 'export const a = 1;\n');
      repo.git('add', '.');
      repo.commit('NL-1 first');
      const git = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
      const opened = await GitRepository.open(git);
      assert.equal(opened.info.root, repo.dir);
      assert.equal(opened.info.gitDir, path.join(repo.dir, '.git'));
      assert.equal(opened.info.commonDir, path.join(repo.dir, '.git'));
      const located = await locateRepo(git);
      assert.ok('root' in located, JSON.stringify(located));
      assert.equal(located.root, repo.dir);
      assert.equal(located.head, repo.head());
      assert.equal((await blameFile(git, 'src/a.ts')).state, 'ok');
      assert.equal(await hooksDirectory(git, repo.dir), path.join(repo.dir, '.git', 'hooks'));
      const report = cli(repo.dir, 'report', '--json');
      assert.equal(report.code, 0, report.err);
      const why = cli(repo.dir, 'why', 'src/a.ts', '--json');
      assert.equal(why.code, 0, why.err);
      assert.equal((JSON.parse(why.out) as { state: string }).state, 'ok', why.out);
    });
  }

  it('a linked worktree and a bare repository in folders with newlines', async () => {
    const base = path.join(tempDir('rl-nl-'), 'a\nb');
    const repo = initAt(base);
    repo.commit('first');
    const linked = path.join(path.dirname(base), 'linked\nwt');
    repo.git('worktree', 'add', '-q', '--detach', linked);
    const wt = await GitRepository.open(new GitRunner({ cwd: linked, isTrusted: () => true }));
    assert.equal(wt.info.root, linked);
    assert.equal(wt.info.commonDir, path.join(base, '.git'));
    assert.ok(wt.info.isWorktree);
    const bare = path.join(path.dirname(base), 'bare\n.git');
    gitIn(path.dirname(base), 'clone', '-q', '--bare', base, bare);
    const b = await GitRepository.open(new GitRunner({ cwd: bare, isTrusted: () => true }));
    assert.equal(b.info.root, undefined);
    assert.equal(b.info.gitDir, bare);
  });

  it('files with a newline in their name: why answers for them, core.hooksPath with a newline is read whole', async () => {
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', ROADMAP('NL-2'));
    repo.write('src/odd\nname.ts', 'export const odd = 1;\n');
    repo.git('add', '.');
    repo.commit('NL-2 odd file');
    const why = cli(repo.dir, 'why', 'src/odd\nname.ts', '--json');
    assert.equal(why.code, 0, why.err);
    assert.equal((JSON.parse(why.out) as { state: string }).state, 'ok', why.out);
    repo.git('config', 'core.hooksPath', 'my\nhooks');
    assert.equal(
      await hooksDirectory(new GitRunner({ cwd: repo.dir, isTrusted: () => true }), repo.dir),
      path.join(repo.dir, 'my\nhooks'),
    );
  });
});
