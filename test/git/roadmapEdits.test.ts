// Edits that must not lose data (#16 classes 4-7), through `node dist/cli.js tag` with real
// processes and real files: concurrent writers, a save between read and write, symlinks, hard
// links, mode and owner, read-only files, temp files and locks left by killed runs, CRLF, and
// edits the validator would reject.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editRoadmapFile } from '../../src/fs/roadmapFileEdit';
import { tempDir } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const posix = process.platform !== 'win32';

const ROADMAP = [
  'version: 1',
  'items:',
  '  - id: CHK-12',
  '    title: One-click reorder',
  '    why: Shoppers rebuild carts.',
  '    branches: ["checkout/*"]',
  '',
].join('\n');

function cli(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function folder(text = ROADMAP): { dir: string; file: string } {
  const dir = tempDir('rl-edit-');
  const file = path.join(dir, 'roadmap.yaml');
  fs.writeFileSync(file, text);
  return { dir, file };
}

function branchesOf(file: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'validate', '--roadmap', file, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout);
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/"?(par\/\d+)"?/g)].map((m) => m[1] ?? '');
}

describe('roadmap edits keep every change and the file identity (#16)', function () {
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  });

  it('20 concurrent `tag` processes: every one that exits 0 is in the file, and all 20 do', async () => {
    const { dir, file } = folder();
    const errors: string[] = [];
    const runs = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          new Promise<number>((resolve) => {
            const child = spawn(process.execPath, [CLI, 'tag', `par/${i}`, 'CHK-12'], { cwd: dir });
            let err = '';
            child.stderr.on('data', (d: Buffer) => (err += d.toString()));
            child.stdout.resume();
            child.on('close', (code) => {
              if (code !== 0) errors.push(err);
              resolve(code ?? -1);
            });
          }),
      ),
    );
    const tagged = branchesOf(file);
    const succeeded = runs.flatMap((code, i) => (code === 0 ? [`par/${i}`] : []));
    assert.deepEqual([...tagged].sort(), [...succeeded].sort(), 'exit 0 ⇔ in the file');
    assert.equal(succeeded.length, 20, `exit codes: ${runs.join(',')}; ${errors.join(' | ')}`);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n !== 'roadmap.yaml'),
      [],
      'no lock or temp file left',
    );
  });

  it('a save between read and rename is detected: the edit is redone on the saved text, both kept', async () => {
    const { file } = folder();
    let saves = 0;
    const text = await editRoadmapFile(file, 'roadmap.yaml', (t) => ({ text: t.replace('One-click', 'One-tap') }), {
      beforeCommit: async (target) => {
        if (saves++ > 0) return;
        // The user's editor saves a new why meanwhile.
        await fs.promises.writeFile(
          target,
          (await fs.promises.readFile(target, 'utf8')).replace('carts.', 'carts weekly.'),
        );
      },
    });
    assert.match(text, /One-tap/);
    assert.match(text, /carts weekly\./);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    // A file that changes on every try: loud failure, nothing of ours written.
    let n = 0;
    await assert.rejects(
      editRoadmapFile(file, 'roadmap.yaml', (t) => ({ text: `${t}# ours\n` }), {
        beforeCommit: (target) => fs.promises.appendFile(target, `# theirs ${n++}\n`),
      }),
      /kept changing while it was being edited/,
    );
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /# ours/);
  });

  it('through a symlink: the link stays a link and its target is edited', function () {
    if (!posix) this.skip();
    const { dir, file } = folder();
    const real = path.join(dir, 'real.yaml');
    fs.renameSync(file, real);
    fs.symlinkSync('real.yaml', file);
    assert.equal(cli(dir, 'tag', 'sym/x', 'CHK-12').code, 0);
    assert.ok(fs.lstatSync(file).isSymbolicLink());
    assert.match(fs.readFileSync(real, 'utf8'), /sym\/x/);
  });

  it('hard links, mode 664 and another owner are kept', function () {
    if (!posix) this.skip();
    const { dir, file } = folder();
    const other = path.join(dir, 'other-name.yaml');
    fs.linkSync(file, other);
    fs.chmodSync(file, 0o664);
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(file, 12345, 12345);
    assert.equal(cli(dir, 'tag', 'hard/x', 'CHK-12', '--roadmap', 'roadmap.yaml').code, 0);
    const st = fs.statSync(file);
    assert.equal(st.nlink, 2);
    assert.equal(st.mode & 0o777, 0o664);
    if (root) assert.equal(st.uid, 12345);
    assert.match(fs.readFileSync(other, 'utf8'), /hard\/x/, 'the other name sees the edit');
    // A single-link file with an odd mode goes through the rename path: mode kept there too.
    const single = folder();
    fs.chmodSync(single.file, 0o640);
    if (root) fs.chownSync(single.file, 23456, 23456);
    assert.equal(cli(single.dir, 'tag', 'mode/x', 'CHK-12').code, 0);
    assert.equal(fs.statSync(single.file).mode & 0o777, 0o640);
    if (root) assert.equal(fs.statSync(single.file).uid, 23456);
  });

  it('read-only files (444, 400, 555) are refused with a message, untouched', function () {
    if (!posix) this.skip();
    for (const mode of [0o444, 0o400, 0o555]) {
      const { dir, file } = folder();
      fs.chmodSync(file, mode);
      const r = cli(dir, 'tag', 'ro/x', 'CHK-12');
      assert.equal(r.code, 1);
      assert.match(r.err, /roadmap\.yaml is read-only \(mode \d+\); make it writable/);
      assert.equal(fs.readFileSync(file, 'utf8'), ROADMAP);
      fs.chmodSync(file, 0o644);
    }
  });

  it("a killed run's temp files and its dead lock are cleaned up by the next run", function () {
    if (!posix) this.skip();
    const { dir, file } = folder();
    const temps = ['.roadmap.yaml.0123456789ab.tmp', '.roadmap.yaml.ffffffffffff.tmp'];
    for (const t of temps) fs.writeFileSync(path.join(dir, t), 'x'.repeat(1024 * 1024));
    // A lock from a process that no longer exists on this host.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, '.roadmap.yaml.lock'), `${dead.stdout}\n${os.hostname()}\n`);
    fs.writeFileSync(path.join(dir, '.unrelated.tmp'), 'keep');
    const r = cli(dir, 'tag', 'clean/x', 'CHK-12');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.unrelated.tmp', 'roadmap.yaml']);
    assert.match(fs.readFileSync(file, 'utf8'), /clean\/x/);
  });

  it('CRLF files stay CRLF (tag, untag, a new branches key)', () => {
    const crlf = ROADMAP.replace(/\n/g, '\r\n');
    const noBranches = crlf.replace('    branches: ["checkout/*"]\r\n', '');
    const block = crlf.replace(
      '    branches: ["checkout/*"]\r\n',
      '    branches:\r\n      - checkout/*\r\n      - other/*\r\n',
    );
    for (const [what, text, args] of [
      ['flow list', crlf, ['tag', 'crlf/x', 'CHK-12']],
      ['no key', noBranches, ['tag', 'crlf/x', 'CHK-12']],
      ['block list', block, ['tag', 'crlf/x', 'CHK-12']],
      ['untag block', block, ['tag', '--remove', 'other/*', 'CHK-12']],
      ['untag the only one', crlf, ['tag', '--remove', 'checkout/*', 'CHK-12']],
    ] as const) {
      const { dir, file } = folder(text);
      const r = cli(dir, ...args);
      assert.equal(r.code, 0, `${what}: ${r.err}`);
      const after = fs.readFileSync(file, 'utf8');
      assert.notEqual(after, text, what);
      assert.doesNotMatch(after, /[^\r]\n/, `${what}: no bare LF in ${JSON.stringify(after)}`);
    }
  });

  it('edits the validator would reject are refused: bad globs, files with errors', () => {
    for (const branch of ['x]', 'a{b', '+(+(a))', ' lead', 'x\\']) {
      const { dir, file } = folder();
      const r = cli(dir, 'tag', branch, 'CHK-12');
      assert.equal(r.code, 1, branch);
      assert.match(r.err, /not a usable branch name or glob/, branch);
      assert.equal(fs.readFileSync(file, 'utf8'), ROADMAP);
    }
    for (const [what, text] of [
      ['duplicate key', ROADMAP.replace('    why: Shoppers rebuild carts.\n', '    why: a\n    why: b\n')],
      ['duplicate id', `${ROADMAP}  - id: CHK-12\n    title: again\n    why: w\n`],
      ['invalid id', `${ROADMAP}  - id: "has space"\n    title: t\n    why: w\n`],
    ]) {
      const { dir, file } = folder(text);
      const r = cli(dir, 'tag', 'ok/x', 'CHK-12');
      assert.equal(r.code, 1, what);
      assert.match(r.err, /has errors \(line \d+: .*\); fix them first/, what);
      assert.equal(fs.readFileSync(file, 'utf8'), text, what);
    }
  });

  it('ids written as YAML numbers are found by their text: 0x1F, 1e3, 1.10, 0o17', () => {
    for (const id of ['0x1F', '1e3', '1.10', '0o17']) {
      const { dir, file } = folder(`version: 1\nitems:\n  - id: ${id}\n    title: t\n    why: w\n`);
      const r = cli(dir, 'tag', 'num/x', id);
      if (r.code === 1 && /invalid|not a valid id/i.test(r.err)) continue; // the parser refuses this id form
      assert.equal(r.code, 0, `${id}: ${r.err}`);
      assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`id: ${id.replace('.', '\\.')}\\n[\\s\\S]*num/x`));
    }
  });
});
