// The editor's Tag Branch on a saved buffer (roadmap/model/roadmapBufferEdit.ts) against the CLI's
// `tag` on the same file: the buffer edit is applied only under the CLI's lock and only while the
// disk still holds the buffer's text; otherwise it fails loudly and applies nothing.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RoadmapEditError } from '../../src/fs/roadmapFileEdit';
import { applyWhileDiskMatches } from '../../src/roadmap/model/roadmapBufferEdit';
import { TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const ROADMAP = 'version: 1\nitems:\n  - id: CHK-12\n    title: Checkout\n';

function setup(text = ROADMAP): { repo: TestRepo; file: string } {
  const repo = TestRepo.init();
  repo.write('roadmap.yaml', text);
  repo.git('add', '.');
  repo.commit('first');
  return { repo, file: path.join(repo.dir, 'roadmap.yaml') };
}

describe("editor Tag Branch vs the CLI's tag (#16, shared lock)", () => {
  it('a CLI tag between the buffer load and the edit: refused loudly, nothing applied, the CLI tag kept', async () => {
    const { repo, file } = setup();
    const buffer = fs.readFileSync(file, 'utf8'); // what the editor loaded
    const cli = spawnSync(process.execPath, [CLI, 'tag', 'cli/branch', 'CHK-12'], {
      cwd: repo.dir,
      encoding: 'utf8',
      timeout: 45_000,
    });
    assert.equal(cli.status, 0, cli.stderr);
    let applied = false;
    await assert.rejects(
      applyWhileDiskMatches(
        file,
        'roadmap.yaml',
        () => buffer,
        () => Promise.resolve((applied = true)),
      ),
      (e: unknown) =>
        e instanceof RoadmapEditError && e.code === 'changed-on-disk' && /nothing was changed/.test(e.message),
    );
    assert.equal(applied, false);
    assert.match(fs.readFileSync(file, 'utf8'), /cli\/branch/);
    assert.deepEqual(
      fs.readdirSync(repo.dir).filter((n) => n.endsWith('.lock')),
      [],
    );
  });

  it('disk unchanged: applied while the lock (with our pid) is held; the lock is gone after', async () => {
    const { repo, file } = setup();
    const lock = path.join(repo.dir, '.roadmap.yaml.lock');
    const seen = await applyWhileDiskMatches(
      file,
      'roadmap.yaml',
      () => ROADMAP,
      () => Promise.resolve(fs.readFileSync(lock, 'utf8')),
    );
    assert.equal(seen, `${process.pid}\n${os.hostname()}\n`);
    assert.equal(fs.existsSync(lock), false);
  });

  it('through a symlinked roadmap: the target is locked and compared', async () => {
    const { repo, file } = setup();
    const link = path.join(repo.dir, 'link.yaml');
    fs.symlinkSync(file, link);
    const seen = await applyWhileDiskMatches(
      link,
      'link.yaml',
      () => ROADMAP,
      () => Promise.resolve(fs.existsSync(path.join(repo.dir, '.roadmap.yaml.lock'))),
    );
    assert.equal(seen, true);
  });

  for (const [name, disk, buffer] of [
    ['CRLF on disk', ROADMAP.replace(/\n/g, '\r\n'), ROADMAP.replace(/\n/g, '\r\n')],
    [
      'mixed line ends normalised by the editor',
      'version: 1\r\nitems:\n  - id: A\r\n',
      'version: 1\r\nitems:\r\n  - id: A\r\n',
    ],
    ['a BOM the editor does not show', `\ufeff${ROADMAP}`, ROADMAP],
  ] as const) {
    it(`${name}: no false alarm`, async () => {
      const { file } = setup(disk);
      assert.equal(
        await applyWhileDiskMatches(
          file,
          'roadmap.yaml',
          () => buffer,
          () => Promise.resolve('ok'),
        ),
        'ok',
      );
    });
  }

  it('the lock held by another live process: a loud "locked" failure, nothing applied', async () => {
    const { repo, file } = setup();
    // A live process on this host owns it (pid 1 always exists).
    fs.writeFileSync(path.join(repo.dir, '.roadmap.yaml.lock'), `1\n${os.hostname()}\n`);
    let applied = false;
    await assert.rejects(
      applyWhileDiskMatches(
        file,
        'roadmap.yaml',
        () => ROADMAP,
        () => Promise.resolve((applied = true)),
        50,
      ),
      (e: unknown) => e instanceof RoadmapEditError && e.code === 'locked',
    );
    assert.equal(applied, false);
  });
});
