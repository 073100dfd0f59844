// `roadmap-lens import` through the bundled CLI (`npm run build` first), on real folders.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.join(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'import');

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-import-'));
  assert.equal(spawnSync('git', ['init', '-q', dir]).status, 0);
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(dir, f));
  return dir;
}

describe('roadmap-lens import (CLI)', () => {
  it('--dry-run prints the diff and writes nothing; then the import creates a valid roadmap.yaml', () => {
    const dir = repo();
    const dry = run(dir, 'import', 'jira', 'jira.csv', '--dry-run', '--base-url', 'https://acme.atlassian.net');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^--- roadmap\.yaml\n\+\+\+ roadmap\.yaml \(imported\)\n@@ /);
    assert.match(dry.stdout, /\+ {4}links: \[https:\/\/acme\.atlassian\.net\/browse\/PAY-1\]/);
    assert.match(dry.stdout, /Would import 6 items into roadmap\.yaml: 6 added/);
    assert.match(dry.stderr, /skipped: jira\.csv:18: malformed CSV: a quote inside an unquoted field/);
    assert.match(dry.stderr, /note: No roadmap status for "Waiting for QA" \(1\)/);
    assert.equal(fs.existsSync(path.join(dir, 'roadmap.yaml')), false);

    const real = run(dir, 'import', 'jira', 'jira.csv', '--status-map', 'Waiting for QA=in-progress');
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, /Imported 6 items into roadmap\.yaml: 6 added, 0 updated, 0 unchanged\./);
    const validate = run(dir, 'validate');
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    assert.match(validate.stdout, /6 items/);
  });

  it('re-import keeps an edited why and comments, updates tracker fields, reports and prunes gone items', () => {
    const dir = repo();
    assert.equal(run(dir, 'import', 'github', 'github.json').code, 0);
    const file = path.join(dir, 'roadmap.yaml');
    const written = fs.readFileSync(file, 'utf8');
    const edited = written
      .replace('Weekly shoppers rebuild the same cart by hand.', 'The PM rewrote this why.')
      .replace('  - id: GH-13', '  # saved carts are the next big thing\n  - id: GH-13')
      .replace(
        '    title: Saved carts\n',
        '    title: Saved carts\n    metrics:\n      - name: carts restored\n        target: 50%\n',
      );
    fs.writeFileSync(file, edited);
    const issues = JSON.parse(fs.readFileSync(path.join(dir, 'github.json'), 'utf8')) as {
      number: unknown;
      state?: string;
    }[];
    const next = issues.filter((i) => i.number !== 14).map((i) => (i.number === 13 ? { ...i, state: 'CLOSED' } : i));
    fs.writeFileSync(path.join(dir, 'github.json'), JSON.stringify(next, null, 2));
    const again = run(dir, 'import', 'github', 'github.json');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Kept the why people wrote for 1: GH-12\./);
    assert.match(again.stdout, /Gone from the export, still in the roadmap \(--prune removes them\): GH-14\./);
    const after = fs.readFileSync(file, 'utf8');
    assert.match(after, /The PM rewrote this why\./);
    assert.match(after, /# saved carts are the next big thing\n {2}- id: GH-13/);
    assert.match(after, /metrics:\n {6}- name: carts restored/);
    assert.match(after, /- id: GH-13\n(?: {4}.*\n)*? {4}status: shipped/);
    const pruned = run(dir, 'import', 'github', 'github.json', '--prune', '--json');
    assert.equal(pruned.code, 0, pruned.stderr);
    const json = JSON.parse(pruned.stdout) as { pruned: string[]; ok: boolean };
    assert.deepEqual([json.ok, json.pruned], [true, ['GH-14']]);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /GH-14/);
    assert.equal(run(dir, 'validate').code, 0);
  });

  it('--roadmap PATH outside the folder, and clear failures (usage, not an export, broken roadmap)', () => {
    const dir = repo();
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-shared-'));
    const target = path.join(shared, 'roadmap.yaml');
    const r = run(dir, 'import', 'linear', 'linear.csv', '--roadmap', target);
    assert.equal(r.code, 0, r.stderr);
    assert.match(fs.readFileSync(target, 'utf8'), /- id: ENG-10/);
    assert.match(r.stderr, /skipped: linear\.csv:10: ENG-14 has no `Title`; row skipped/);

    assert.equal(run(dir, 'import', 'trello', 'x.csv').code, 2);
    assert.equal(run(dir, 'import', 'jira').code, 2);
    assert.equal(run(dir, 'import', 'jira', 'jira.csv', '--status-map', 'X=done').code, 2);
    const notJira = run(dir, 'import', 'jira', 'linear.csv');
    assert.equal(notJira.code, 1);
    assert.match(notJira.stderr, /not a Jira CSV export/);
    fs.writeFileSync(path.join(dir, 'roadmap.yaml'), 'version: 1\nitems: [\n');
    const broken = run(dir, 'import', 'aha', 'aha.csv');
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /roadmap\.yaml: the roadmap has YAML errors/);
    assert.equal(fs.readFileSync(path.join(dir, 'roadmap.yaml'), 'utf8'), 'version: 1\nitems: [\n');
  });
});
