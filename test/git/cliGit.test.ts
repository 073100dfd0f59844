// The git-backed CLI commands end to end: `node dist/cli.js …` (run `npm run build` first)
// against a real repository with a roadmap.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir, TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

const ROADMAP = `version: 1
product: Acme Shop
items:
  - id: GROW                      # unique
    kind: goal
    title: Grow repeat purchases
    why: >
      Returning customers bring 60% of revenue.

    items:
      - id: CHK
        kind: epic
        title: 'Frictionless checkout'
        why: Shoppers rebuild carts.
        branches: ["checkout/*"]  # tagged
  - id: CHK-12
    parent: CHK                   # parent form
    kind: feature
    title: One-click reorder
    why: Weekly grocery shoppers must rebuild the same cart every week.
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
  repo.commit('add button');
  repo.git('checkout', '-q', 'main');
  repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/chk-12-reorder'", 'feature/chk-12-reorder');
  repo.git('checkout', '-q', '-b', 'topic');
  repo.commit('misc stuff');
  repo.commit('more\n\nRoadmap: CHK-12');
  return repo;
}

describe('CLI: current, tag, check, report (dist/cli.js)', () => {
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  });

  it('current: item, reason and why; --json; exit 1 with a clear state', () => {
    const repo = setup();
    const r = cli(repo.dir, 'current');
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^CHK-12 {2}One-click reorder\n {2}via commits on the branch \(1 of 2 since main\), on topic\n {2}why: Weekly grocery/,
    );
    const j = JSON.parse(cli(repo.dir, 'current', '--json').out) as {
      current: { id: string; reason: string };
      head: { kind: string };
    };
    assert.equal(j.current.id, 'CHK-12');
    assert.equal(j.head.kind, 'branch');
    repo.git('checkout', '-q', '--detach');
    const d = cli(repo.dir, 'current');
    assert.equal(d.code, 1);
    assert.match(d.out, /No current item detached at [0-9a-f]{8}: HEAD is detached/);
    const elsewhere = tempDir();
    const n = cli(elsewhere, 'current', '--roadmap', path.join(repo.dir, 'roadmap.yaml'));
    assert.equal(n.code, 1);
    assert.match(n.out, /not a git repository/);
  });

  it('tag: minimal edit, refusals leave the file untouched, --remove', () => {
    const repo = setup();
    const file = path.join(repo.dir, 'roadmap.yaml');
    const t = cli(repo.dir, 'tag', 'topic', 'GROW');
    assert.equal(t.code, 0, t.err);
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      ROADMAP.replace(
        '      Returning customers bring 60% of revenue.\n',
        '      Returning customers bring 60% of revenue.\n    branches: ["topic"]\n',
      ),
    );
    const c = cli(repo.dir, 'tag', 'team/$(x)', 'CHK');
    assert.equal(c.code, 0, c.err);
    assert.ok(fs.readFileSync(file, 'utf8').includes('branches: ["checkout/*", "team/$(x)"]  # tagged'));
    const before = fs.readFileSync(file);
    assert.equal(cli(repo.dir, 'tag', 'topic', 'GROW').code, 1);
    assert.equal(cli(repo.dir, 'tag', 'topic', 'NOPE').code, 1);
    assert.ok(fs.readFileSync(file).equals(before));
    const cur = cli(repo.dir, 'current', '--json');
    assert.equal((JSON.parse(cur.out) as { current: { id: string; reason: string } }).current.reason, 'branch-tag');
    assert.equal(cli(repo.dir, 'tag', 'team/$(x)', 'CHK', '--remove').code, 0);
    assert.ok(fs.readFileSync(file, 'utf8').includes('branches: ["checkout/*"]  # tagged'));
    // A roadmap that became invalid: refused, untouched.
    fs.writeFileSync(file, `${ROADMAP}  - id: BROKEN\n    title: [unclosed\n`);
    const broken = fs.readFileSync(file);
    const b = cli(repo.dir, 'tag', 'x', 'CHK-12');
    assert.equal(b.code, 1);
    assert.ok(fs.readFileSync(file).equals(broken));
    assert.deepEqual(
      fs.readdirSync(repo.dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('check: exit 1 listing unlinked commits; --range; --json', () => {
    const repo = setup();
    const r = cli(repo.dir, 'check');
    assert.equal(r.code, 1);
    assert.match(r.out, /1 commit in main\.\.HEAD reference no roadmap item:\n {2}[0-9a-f]{8} {2}misc stuff/);
    const ok = cli(repo.dir, 'check', '--range', 'HEAD~1..HEAD');
    assert.equal(ok.code, 0, ok.out + ok.err);
    const merged = cli(repo.dir, 'check', '--range', 'main~1..main', '--json');
    assert.equal(merged.code, 0, merged.out);
    assert.equal((JSON.parse(merged.out) as { commits: number }).commits, 2);
    const evil = cli(repo.dir, 'check', '--range', '--output=/tmp/x');
    assert.equal(evil.code, 2);
    const evil2 = cli(repo.dir, 'check', '--range=--output=pwned');
    assert.equal(evil2.code, 1);
    assert.ok(!fs.existsSync(path.join(repo.dir, 'pwned')));
  });

  it('report: text, markdown and json', () => {
    const repo = setup();
    const j = JSON.parse(cli(repo.dir, 'report', '--json').out) as {
      coverage: { commits: number; linked: number; percent: number; months: { commits: number; linked: number }[] };
      items: {
        id: string;
        commits: number;
        branches: { name: string }[];
        lastActivity: string | null;
        includingChildren?: { commits: number; branches: number; children: { total: number } };
      }[];
      unlinked: { branches: { name: string }[]; commits: { subject: string }[] };
    };
    // init, add button, misc stuff, more (the merge left out); add button (via its merge) and more link.
    assert.deepEqual([j.coverage.commits, j.coverage.linked, j.coverage.percent], [4, 2, 50]);
    assert.equal(
      j.coverage.months.reduce((n, m) => n + m.commits, 0),
      4,
    );
    const grow = j.items.find((i) => i.id === 'GROW');
    assert.equal(grow?.commits, 0);
    assert.deepEqual(grow?.includingChildren?.commits, 3);
    assert.deepEqual(grow?.includingChildren?.branches, 1);
    assert.equal(grow?.includingChildren?.children.total, 1);
    assert.equal(j.items.find((i) => i.id === 'CHK-12')?.includingChildren, undefined);
    const chk12 = j.items.find((i) => i.id === 'CHK-12');
    assert.equal(chk12?.commits, 3);
    assert.deepEqual(
      chk12?.branches.map((b) => b.name),
      ['feature/chk-12-reorder'],
    );
    assert.ok(chk12?.lastActivity);
    assert.deepEqual(
      j.unlinked.commits.map((c) => c.subject),
      ['misc stuff', 'init'],
    );
    const md = cli(repo.dir, 'report', '--markdown');
    assert.equal(md.code, 0);
    assert.match(
      md.out,
      /\| CHK-12 \| One-click reorder \| feature\/chk-12-reorder \| 3 \|/,
      'readable: no needless escapes',
    );
    const text = cli(repo.dir, 'report');
    assert.match(text.out, /CHK-12 {2}One-click reorder/);
    assert.match(text.out, /2 of 4 commits \(50%\) link to an item/);
    assert.match(text.out, /GROW {2}Grow repeat purchases[^\n]*\n {2}including children: 3 commits, 1 branch/);
    assert.match(text.out, /Unlinked work/);
  });
});
