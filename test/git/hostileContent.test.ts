// Issue #16 end to end through `node dist/cli.js`: hostile globs, special files, broken roadmaps
// and hostile commit text. "Never hangs" is checked by outcome (every run exits with the stated
// answer), never by a clock.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRepo } from './gitFixture';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function cli(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const posix = process.platform !== 'win32';

function roadmap(branches: readonly string[], paths: readonly string[]): string {
  return [
    'version: 1',
    'items:',
    '  - id: CHK-12',
    '    title: One-click reorder',
    '    why: Shoppers rebuild carts.',
    `    branches: ${JSON.stringify(branches)}`,
    `    paths: ${JSON.stringify(paths)}`,
    '',
  ].join('\n');
}

describe('hostile content through the CLI (#16)', function () {
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  });

  describe('class 1: catastrophic globs', () => {
    const longA = 'a'.repeat(34);
    // Nested ones are refused (diagnostic), the rest are accepted and matched in bounded time.
    const refused = ['+(+(a)+(a))*b', '*(a|*(b))c', '!(+(a))'];
    const accepted = ['+(a)+(a)+(a)+(a)*b', '*a*a*a*a*a*a*a*a*a*a*a*b', '{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}*b'];
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', roadmap([...refused, ...accepted, 'topic/*'], [...refused, ...accepted, 'src/**']));
    repo.write(`${'a'.repeat(200)}/x.ts`, 'export const x = 1;\n');
    repo.git('add', '.');
    repo.commit('init');
    for (const name of [longA, 'a'.repeat(200), `${'a'.repeat(120)}/${'a'.repeat(120)}`]) repo.git('branch', name);
    repo.git('checkout', '-q', '-b', 'topic/x');
    repo.commit('work');
    repo.git('checkout', '-q', longA);

    it(`validate reports each of ${refused.length} nested globs twice (branches, paths) as invalid-glob`, () => {
      const r = cli(repo.dir, 'validate', '--json');
      assert.equal(r.code, 1);
      const json = JSON.parse(r.out) as { diagnostics: { code: string; message: string }[] };
      const invalid = json.diagnostics.filter((d) => d.code === 'invalid-glob');
      assert.equal(invalid.length, refused.length * 2, r.out);
      for (const d of invalid) assert.match(d.message, /inside another/);
    });

    it('report, current and check answer on branches of 34 and 200 `a`s', () => {
      const report = cli(repo.dir, 'report', '--json');
      assert.equal(report.code, 0, report.err);
      assert.doesNotThrow(() => JSON.parse(report.out));
      // `current` exits 1 when the branch links to no item: the answer here (no glob matches 34 `a`s).
      const current = cli(repo.dir, 'current', '--json');
      assert.equal(current.code, 1, current.err);
      assert.equal((JSON.parse(current.out) as { current: unknown }).current, null);
      const check = cli(repo.dir, 'check', '--range', 'main..topic/x', '--json');
      assert.equal(check.code, 1, check.err);
      assert.equal((JSON.parse(check.out) as { unlinked: unknown[] }).unlinked.length, 1);
    });

    it('why answers for a file under a 200-character folder owned only by `src/**` (no match)', () => {
      const r = cli(repo.dir, 'why', `${'a'.repeat(200)}/x.ts`, '--json');
      assert.equal(r.code, 0, r.err);
      assert.deepEqual((JSON.parse(r.out) as { items: unknown[] }).items, []);
    });
  });

  describe('class 2: special files are never read', () => {
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', roadmap([], ['*']));
    repo.write('ok.ts', 'x\n');
    repo.git('add', '.');
    repo.commit('init');
    before(function () {
      if (!posix) this.skip();
      fs.symlinkSync('/dev/zero', path.join(repo.dir, 'zero'));
      fs.symlinkSync('/dev/urandom', path.join(repo.dir, 'random'));
      execFileSync('mkfifo', [path.join(repo.dir, 'fifo')]);
      repo.git('add', 'zero', 'random');
      repo.commit('links');
    });

    for (const name of ['zero', 'random', 'fifo', '.']) {
      it(`why ${name}: one line saying what it is, exit 1`, () => {
        const r = cli(repo.dir, 'why', name);
        assert.equal(r.code, 1);
        assert.match(r.err, name === '.' ? /is a folder/ : /is a (character device|FIFO)/);
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
      });
    }

    for (const [what, make] of [
      ['a FIFO', (f: string): void => void execFileSync('mkfifo', [f])],
      ['a link to /dev/zero', (f: string): void => fs.symlinkSync('/dev/zero', f)],
      ['a link to /dev/urandom', (f: string): void => fs.symlinkSync('/dev/urandom', f)],
    ] as const) {
      it(`a roadmap file that is ${what}: validate, report and tag say so and exit 1`, () => {
        const dir = TestRepo.init();
        make(path.join(dir.dir, 'roadmap.yaml'));
        for (const args of [['validate'], ['report'], ['tag', 'x', 'CHK-12']]) {
          const r = cli(dir.dir, ...args);
          assert.equal(r.code, 1, `${args[0]}: ${r.err}`);
          assert.match(r.err, /roadmap\.yaml is a (FIFO|character device)/, args[0]);
        }
      });
    }
  });

  describe('classes 8-10: output contracts', () => {
    const repo = TestRepo.init();
    repo.write('roadmap.yaml', roadmap(['topic/*'], []));
    repo.git('add', '.');
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'side');
    for (const subject of ['x \u007f', 'bidi \u202e evil', 'c1 \u0085\u009b', 'isolate \u2066x\u2069'])
      repo.gitInput(subject, 'commit', '-q', '--allow-empty', '-F', '-');

    for (const command of ['check', 'report', 'current', 'validate']) {
      it(`${command} --json parses as JSON with hostile commit subjects`, () => {
        const r = cli(repo.dir, command, ...(command === 'check' ? ['--range', 'main..side'] : []), '--json');
        assert.doesNotThrow(() => JSON.parse(r.out), r.out.slice(0, 300));
        if (command === 'check') assert.match(r.out, /\\u007f/);
      });
    }

    it('a broken roadmap (syntax error, UTF-16) is unreadable for report/check/current/why: exit 1, no "0 of 0"', () => {
      const broken = TestRepo.init();
      broken.write('a.ts', 'x\n');
      broken.commit('init', 'a.ts', 'x\n');
      for (const bytes of [
        Buffer.from('version: 1\nitems:\n  - id: A\n    title: [x\n'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\nitems: []\n', 'utf16le')]),
        Buffer.from('version: 1\nitems: []\n', 'utf16le'),
      ]) {
        fs.writeFileSync(path.join(broken.dir, 'roadmap.yaml'), bytes);
        for (const args of [['report'], ['check'], ['current'], ['why', 'a.ts'], ['tag', 'x', 'A']]) {
          const r = cli(broken.dir, ...args);
          assert.equal(r.code, 1, `${args.join(' ')}: ${r.out}`);
          assert.match(r.err, /roadmap\.yaml is unreadable \(line \d+: .+\)\. Fix it first/, args.join(' '));
          assert.doesNotMatch(r.out, /0 of 0/);
          const j = cli(broken.dir, ...args, '--json');
          assert.equal((JSON.parse(j.out) as { error: { code: string } }).error.code, 'roadmap-unreadable');
        }
        const v = cli(broken.dir, 'validate');
        assert.equal(v.code, 1);
        assert.match(v.out, /roadmap\.yaml is unreadable/);
      }
    });

    it('failures are one line (JSON on stdout with --json): --repo on a file, missing --roadmap, no repository', () => {
      const runs: [string[], RegExp][] = [
        [['report', '--repo', 'roadmap.yaml'], /--repo roadmap\.yaml: not a folder/],
        [['check', '--roadmap', 'nope.yaml'], /nope\.yaml: no such file/],
        [['why', 'roadmap.yaml', '--repo', 'roadmap.yaml'], /./],
      ];
      for (const [args, message] of runs) {
        const r = cli(repo.dir, ...args);
        assert.notEqual(r.code, 0);
        assert.match(r.err, message);
        assert.doesNotMatch(r.err, /^\s+at /m, 'no stack trace');
        const j = cli(repo.dir, ...args, '--json');
        const parsed = JSON.parse(j.out) as { ok?: boolean };
        if ('ok' in parsed) assert.equal(parsed.ok, false);
      }
    });
  });
});
