// `roadmap-lens report --drift` / `check --drift` through the bundled CLI, on a real repository in
// a temp folder holding one case of each kind of drift (and neighbours that must not be flagged).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closingMessages } from '../../src/git/driftFacts';
import { GitRunner } from '../../src/git/gitRunner';

const repoRoot = path.join(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const DAY = 86_400;
const now = Math.floor(Date.now() / 1000);

function git(dir: string, daysAgo: number, ...args: string[]): string {
  const t = `${now - daysAgo * DAY} +0000`;
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ann',
      GIT_AUTHOR_EMAIL: 'ann@example.com',
      GIT_COMMITTER_NAME: 'Ann',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
      GIT_AUTHOR_DATE: t,
      GIT_COMMITTER_DATE: t,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
    },
  });
}

function commit(dir: string, daysAgo: number, message: string, file: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.appendFileSync(path.join(dir, file), `${message}\n`);
  git(dir, daysAgo, 'add', '--', file);
  git(dir, daysAgo, 'commit', '-q', '-m', message);
}

const ROADMAP = `version: 1
items:
  - id: A-1
    kind: feature
    title: Closed by a merged commit, still planned
    status: planned
  - id: A-2
    kind: feature
    title: Shipped, but its tagged branch has more
    status: shipped
    branches: ["feat/a2"]
  - id: A-3
    kind: feature
    title: In progress, quiet for two months
    status: in-progress
  - id: A-4
    kind: feature
    title: Dropped, still getting commits
    status: dropped
  - id: A-5
    kind: feature
    title: Owns a folder that is gone
    status: planned
    paths: ["src/gone/**", "src/app.ts"]
  - id: A-6
    kind: feature
    title: In progress and busy
    status: in-progress
  - id: A-7
    kind: feature
    title: Only referenced, not closed
    status: planned
`;

function driftRepo(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-drift-')));
  git(dir, 90, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'roadmap.yaml'), ROADMAP);
  commit(dir, 90, 'Add the roadmap', 'src/app.ts');
  git(dir, 90, 'add', 'roadmap.yaml');
  git(dir, 90, 'commit', '-q', '-m', 'roadmap');
  commit(dir, 60, 'Start the quiet one\n\nRoadmap: A-3', 'src/a3.ts');
  commit(dir, 20, 'One-click reorder\n\nFixes A-1', 'src/a1.ts');
  commit(dir, 5, 'More on the dropped one\n\nRoadmap: A-4', 'src/a4.ts');
  commit(dir, 2, 'Busy\n\nRoadmap: A-6', 'src/a6.ts');
  commit(dir, 1, 'Groundwork\n\nRefs A-7', 'src/a7.ts');
  git(dir, 1, 'checkout', '-q', '-b', 'feat/a2');
  commit(dir, 1, 'Late follow-up\n\nRoadmap: A-2', 'src/a2.ts');
  git(dir, 1, 'checkout', '-q', 'main');
  return dir;
}

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('drift (CLI)', function () {
  this.timeout(120_000);

  it('report --drift finds each kind, and only those', () => {
    const dir = driftRepo();
    const r = run(dir, 'report', '--drift', '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      base: string;
      findings: { kind: string; id: string; line: number; suggestedStatus: string | null; evidence: string[] }[];
    };
    assert.equal(json.base, 'main');
    assert.deepEqual(
      json.findings.map((f) => [f.id, f.kind]),
      [
        ['A-1', 'closed-not-shipped'],
        ['A-2', 'shipped-unmerged'],
        ['A-3', 'stale'],
        ['A-4', 'dropped-active'],
        ['A-5', 'dead-path'],
      ],
    );
    assert.equal(json.findings[0]?.suggestedStatus, 'shipped');
    assert.equal(json.findings[0]?.line, 3);
    assert.deepEqual(json.findings[4]?.evidence, ['src/gone/**']);
    const text = run(dir, 'report', '--drift');
    assert.match(
      text.stdout,
      /roadmap\.yaml:3: drift: A-1 is planned, but [0-9a-f]{7} \("One-click reorder"\) on main closes it: mark it shipped\? \[closed-not-shipped\]/,
    );
    assert.match(text.stdout, /A-2 is shipped, but its tagged branch feat\/a2 \(1 commit\) is not merged into main/);
    assert.match(text.stdout, /5 drift findings against main\./);
  });

  it('check --drift is opt-in and exits 1 on drift; --stale-days moves the line', () => {
    const dir = driftRepo();
    const gate = run(dir, 'check', '--drift');
    assert.equal(gate.code, 1, gate.stdout + gate.stderr);
    const lenient = run(dir, 'report', '--drift', '--stale-days', '90', '--json');
    const kinds = (JSON.parse(lenient.stdout) as { findings: { kind: string }[] }).findings.map((f) => f.kind);
    assert.ok(!kinds.includes('stale'));
    assert.equal(run(dir, 'report', '--drift', '--stale-days', '0').code, 2);
  });

  it('no drift: exit 0 and says so', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-drift-')));
    git(dir, 1, 'init', '-q', '-b', 'main');
    fs.writeFileSync(
      path.join(dir, 'roadmap.yaml'),
      'version: 1\nitems:\n  - id: B-1\n    kind: goal\n    title: Fine\n    status: planned\n',
    );
    git(dir, 1, 'add', '.');
    git(dir, 1, 'commit', '-q', '-m', 'roadmap');
    const r = run(dir, 'check', '--drift');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No drift against main\./);
  });
});

describe('drift facts (git layer)', function () {
  this.timeout(120_000);

  it('closingMessages: the base branch’s closing references as written, bounded by maxCount', async () => {
    const dir = driftRepo();
    const runner = new GitRunner({ cwd: dir, isTrusted: () => true });
    const all = await closingMessages(runner, 'main', 100);
    // "Fixes A-1" closes; "Refs A-7" only links; feat/a2's commit is not on main.
    assert.deepEqual(
      all.map((m) => [m.subject, [...m.refs]]),
      [['One-click reorder', ['A-1']]],
    );
    assert.match(all[0]?.sha ?? '', /^[0-9a-f]{40}$/);
    // The newest two commits of main close nothing: a bound of 2 reads only those.
    assert.deepEqual(await closingMessages(runner, 'main', 2), []);
    const untrusted = new GitRunner({ cwd: dir, isTrusted: () => false });
    await assert.rejects(closingMessages(untrusted, 'main', 100));
  });
});

describe('drift of a parent (CLI)', function () {
  this.timeout(120_000);

  it('an in-progress epic is as fresh as its newest feature', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-drift-')));
    git(dir, 90, 'init', '-q', '-b', 'main');
    fs.writeFileSync(
      path.join(dir, 'roadmap.yaml'),
      [
        'version: 1',
        'items:',
        '  - id: E-1',
        '    kind: epic',
        '    title: Busy through its feature',
        '    status: in-progress',
        '    items:',
        '      - id: F-1',
        '        kind: feature',
        '        title: Busy',
        '  - id: E-2',
        '    kind: epic',
        '    title: Quiet, its feature too',
        '    status: in-progress',
        '    items:',
        '      - id: F-2',
        '        kind: feature',
        '        title: Quiet',
        '',
      ].join('\n'),
    );
    git(dir, 90, 'add', '.');
    git(dir, 90, 'commit', '-q', '-m', 'roadmap');
    commit(dir, 70, 'Old work\n\nRoadmap: F-2', 'src/f2.ts');
    commit(dir, 3, 'New work\n\nRoadmap: F-1', 'src/f1.ts');
    const r = run(dir, 'report', '--drift', '--json');
    assert.equal(r.code, 0, r.stderr);
    const findings = (JSON.parse(r.stdout) as { findings: { id: string; kind: string; message: string }[] }).findings;
    assert.deepEqual(
      findings.map((f) => [f.id, f.kind]),
      [['E-2', 'stale']],
    );
    assert.match(findings[0]?.message ?? '', /E-2 is in progress, but its last linked commit is 70 days old/);
  });
});
