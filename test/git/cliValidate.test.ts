// Runs the bundled CLI (`npm run build` first) on real folders, as a user or CI would.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.join(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp folder that is a git repository, so discovery never climbs into the shared temp dir. */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-cli-'));
  const git = spawnSync('git', ['init', '-q', dir]);
  assert.equal(git.status, 0, String(git.stderr));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const CLEAN = `version: 1
product: Acme Shop
items:
  - id: GROW
    kind: goal
    title: Grow repeat purchases
    items:
      - id: CHK
        kind: epic
        title: Frictionless checkout
        why: Shoppers rebuild their cart by hand.
  - id: CHK-12
    parent: CHK
    kind: feature
    title: One-click reorder
    why: Weekly shoppers rebuild the same cart.
`;

const BROKEN = `version: 1
items:
  - id: A
    kind: goal
    title: Fine
  - id: a
    title: Duplicate
  - id: B
    title: Orphan
    parent: NOPE
    ownr: me
`;

describe('roadmap-lens validate (bundled CLI)', function () {
  this.timeout(60_000);
  const made: string[] = [];
  const ws = (files: Record<string, string | Buffer>): string => {
    const dir = workspace(files);
    made.push(dir);
    return dir;
  };

  before(() => {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run \`npm run build\` before the git tests`);
  });
  after(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a clean roadmap: exit 0 and a summary with counts by kind', () => {
    const r = run(ws({ 'roadmap.yaml': CLEAN }), 'validate');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'Acme Shop: 3 items (goal 1, epic 1, feature 1) in 1 file (roadmap.yaml); 0 errors, 0 warnings.\n',
    );
    assert.equal(r.stderr, '');
  });

  it('a broken roadmap: exit 1 with file:line:col: severity: message lines', () => {
    const r = run(ws({ 'roadmap.yaml': BROKEN }), 'validate');
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const expected = [
      /^roadmap\.yaml:3:9: error: The id "A" is defined again further down\. \[duplicate-id\]$/,
      /^roadmap\.yaml:6:9: error: Duplicate id "a": .* \[duplicate-id\]$/,
      /^roadmap\.yaml:10:13: error: Unknown parent "NOPE": .* \[unknown-parent\]$/,
      /^roadmap\.yaml:11:5: warning: .* \[unknown-key\]$/,
    ];
    assert.equal(lines.length, expected.length + 1, r.stdout);
    expected.forEach((re, i) => assert.match(lines[i] ?? '', re));
    assert.match(lines[3] ?? '', /Unknown key `ownr` in an item\. Did you mean `owner`\?/);
    assert.match(lines.at(-1) ?? '', /^2 items \(goal 1, item 1\) in 1 file \(roadmap\.yaml\); 3 errors, 1 warning\.$/);
  });

  it('--json: the documented shape, 1-based positions', () => {
    const r = run(ws({ 'roadmap.yaml': BROKEN }), 'validate', '--json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), [
      'version',
      'product',
      'files',
      'items',
      'byKind',
      'errors',
      'warnings',
      'diagnostics',
      'unreadable',
    ]);
    assert.equal(out['version'], 1);
    assert.equal(out['product'], null);
    assert.deepEqual(out['files'], ['roadmap.yaml']);
    assert.equal(out['items'], 2);
    assert.deepEqual(out['byKind'], { goal: 1, item: 1 });
    assert.equal(out['errors'], 3);
    assert.equal(out['warnings'], 1);
    const diagnostics = out['diagnostics'] as Record<string, unknown>[];
    assert.deepEqual(diagnostics[2], {
      file: 'roadmap.yaml',
      line: 10,
      column: 13,
      endLine: 10,
      endColumn: 17,
      severity: 'error',
      code: 'unknown-parent',
      message: 'Unknown parent "NOPE": no item has that id. "B" is shown at the top level.',
    });
  });

  it('--json keeps a kind called __proto__ as a plain key', () => {
    const r = run(
      ws({ 'roadmap.yaml': 'version: 1\nitems:\n  - id: A\n    title: T\n    kind: __proto__\n' }),
      'validate',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"byKind": \{\n\s+"__proto__": 1\n\s+\}/);
  });

  it('merges roadmap.yaml and roadmap/*.yaml, with parents and duplicates across files', () => {
    const dir = ws({
      'roadmap.yaml': CLEAN,
      'roadmap/payments.yaml':
        'version: 1\nitems:\n  - id: PAY\n    kind: epic\n    title: Payments\n    why: Cards fail.\n    parent: grow\n',
      'roadmap/zz.yaml': 'version: 1\nitems:\n  - id: pay\n    title: Again\n',
    });
    const r = run(dir, 'validate', '--json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as {
      files: string[];
      items: number;
      byKind: Record<string, number>;
      diagnostics: { file: string; line: number; column: number; code: string }[];
    };
    assert.deepEqual(out.files, ['roadmap.yaml', 'roadmap/payments.yaml', 'roadmap/zz.yaml']);
    assert.equal(out.items, 4);
    assert.deepEqual(out.byKind, { goal: 1, epic: 2, feature: 1 });
    assert.deepEqual(
      out.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
      ['roadmap/payments.yaml:3:9 duplicate-id', 'roadmap/zz.yaml:3:9 duplicate-id'],
    );
  });

  it('discovers roadmap/*.yaml alone, from a subfolder of the repository', () => {
    const dir = ws({ 'roadmap/a.yaml': CLEAN, 'src/deep/file.ts': '' });
    const r = run(path.join(dir, 'src', 'deep'), 'validate');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 items .* in 1 file \(\.\.\/\.\.\/roadmap\/a\.yaml\)/);
  });

  it('--roadmap with files and folders, relative to cwd', () => {
    const dir = ws({ 'plans/q3.yaml': CLEAN, 'other/roadmap.yaml': 'version: 1\nitems:\n  - id: X\n    title: X\n' });
    const r = run(dir, 'validate', '--roadmap', 'plans/q3.yaml', 'other');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /4 items .* in 2 files \(plans\/q3\.yaml, other\/roadmap\.yaml\)/);
  });

  it('a path through a file or a roadmap/ that is a file: not found, with the usual message', () => {
    const dir = ws({ 'notes.txt': 'x', roadmap: 'not a folder', 'plans/q3.yaml': CLEAN });
    const through = run(dir, 'validate', '--roadmap', 'notes.txt/q3.yaml');
    assert.equal(through.code, 2, through.stderr);
    assert.match(through.stderr, /--roadmap notes\.txt\/q3\.yaml: no such file or folder\./);
    const discovered = run(dir, 'validate');
    assert.equal(discovered.code, 1);
    assert.match(discovered.stderr, /No roadmap found in /);
  });

  it('no roadmap: a clear message and exit 1', () => {
    const r = run(ws({ 'README.md': 'hi' }), 'validate');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /No roadmap found in .* \(looked for roadmap\.yaml, roadmap\.yml, \.roadmap\.yaml, roadmap\/\*\.yaml\)/,
    );
  });

  it('non-UTF-8 bytes: an error at the bad byte, the items still counted', () => {
    const bytes = Buffer.concat([
      Buffer.from('version: 1\nitems:\n  - id: A\n    title: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const r = run(ws({ 'roadmap.yaml': bytes }), 'validate');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^roadmap\.yaml:4:15: error: The file is not valid UTF-8 \(byte 0xE9\)/m);
    assert.match(r.stdout, /1 item \(item 1\)/);
  });

  it('usage: --help, --version, unknown commands and options', () => {
    const dir = ws({ 'roadmap.yaml': CLEAN });
    const help = run(dir, '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: roadmap-lens <command>/);
    assert.match(help.stdout, /validate {2}Check the roadmap/);
    assert.match(run(dir, 'validate', '--help').stdout, /--roadmap PATH\.\.\./);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run(dir, '--version').stdout.trim(), pkg.version);
    const none = run(dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage:/);
    const unknown = run(dir, 'frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badOption = run(dir, 'validate', '--jsn');
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /Unknown option --jsn/);
    const missing = run(dir, 'validate', '--roadmap', 'nope.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: no such file or folder/);
  });
});
