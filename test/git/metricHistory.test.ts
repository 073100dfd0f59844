// Metric history against real repositories: a roadmap whose metric changes across commits (with
// an invalid-YAML revision, unrelated commits and a path with a space), the bounds (revisions,
// bytes), a roadmap with thousands of commits, and the trust guard.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { metricHistory, revisionMetrics } from '../../src/core/drift/metricHistory';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { fileRevisions } from '../../src/git/fileRevisions';
import { UntrustedWorkspaceError } from '../../src/git/gitErrors';
import { GitRunner } from '../../src/git/gitRunner';
import { TestRepo } from './gitFixture';

function roadmap(current: string, why = 'Shoppers abandon carts.'): string {
  return [
    'version: 1',
    'items:',
    '  - id: CHK-12',
    '    kind: feature',
    '    title: One-click reorder',
    `    why: ${why}`,
    '    metrics:',
    '      - name: Repeat conversion',
    '        baseline: 10%',
    '        target: 30%',
    `        current: ${current}`,
    '',
  ].join('\n');
}

const FILE = 'plans/road map.yaml';
const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('metric history (git)', () => {
  let repo: TestRepo;
  let git: GitRunner;
  const shas: string[] = [];

  before(() => {
    repo = TestRepo.init();
    shas.push(repo.commit('start', FILE, roadmap('12%')));
    repo.commit('unrelated work', 'src/a.ts', 'export const a = 1;\n');
    shas.push(repo.commit('edit the why only', FILE, roadmap('12%', 'Weekly shoppers rebuild carts.')));
    shas.push(repo.commit('measured', FILE, roadmap('18%', 'Weekly shoppers rebuild carts.')));
    shas.push(repo.commit('broken edit', FILE, 'version: 1\nitems: [\n  - id: CHK-12\n'));
    shas.push(repo.commit('measured again', FILE, roadmap('24%').replace(/\n/g, '\r\n')));
    repo.commit('more unrelated work', 'src/b.ts', 'export const b = 2;\n');
    git = new GitRunner({ cwd: repo.dir, isTrusted: () => true });
  });

  it('reads the file as it was at each commit that changed it (oracle: git show)', async () => {
    const revs = await fileRevisions(git, FILE, { maxCount: 40, maxBytes: 1024 * 1024 });
    assert.deepEqual(
      revs.map((r) => r.sha),
      [...shas].reverse(),
    );
    for (const r of revs) assert.equal(r.text, repo.git('show', `${r.sha}:${FILE}`), r.sha);
  });

  it('turns them into the metric series, skipping the invalid revision', async () => {
    const revs = await fileRevisions(git, FILE, { maxCount: 40, maxBytes: 1024 * 1024 });
    const read = revs.flatMap((r) => {
      const m = r.text === undefined ? undefined : revisionMetrics(r.sha, r.time, parseRoadmapFile('/r.yaml', r.text));
      return m ? [m] : [];
    });
    assert.equal(read.length, revs.length - 1);
    const series = metricHistory(read).get('CHK-12');
    assert.deepEqual(
      series?.map((s) => ({ name: s.name, values: s.points.map((p) => p.value), shas: s.points.map((p) => p.sha) })),
      [{ name: 'Repeat conversion', values: ['12%', '18%', '24%'], shas: [shas[0], shas[2], shas[4]] }],
    );
    const times = series?.[0]?.points.map((p) => p.time) ?? [];
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(times[0], Number(repo.git('log', '-1', '--format=%ct', shas[0] ?? '').trim()));
  });

  it('reads at most maxCount revisions, and fewer when maxBytes would be exceeded', async () => {
    assert.equal((await fileRevisions(git, FILE, { maxCount: 2, maxBytes: 1024 * 1024 })).length, 2);
    const one = Buffer.byteLength(repo.git('log', '-1', '-p', '-U1000000000', '--format=%x00%H%x1f%ct', '--', FILE));
    const fewer = await fileRevisions(git, FILE, { maxCount: 40, maxBytes: one * 2 + 10 });
    assert.ok(fewer.length >= 1 && fewer.length < shas.length, `read ${fewer.length}`);
    assert.equal(fewer[0]?.sha, shas[shas.length - 1]);
  });

  it('a roadmap with thousands of commits reads only the newest maxCount', async function () {
    this.timeout(120_000);
    const big = TestRepo.init();
    const parts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const message = `metric ${i}\n`;
      const content = roadmap(`${i}`);
      parts.push(
        'commit refs/heads/main',
        `committer Ann <ann@example.com> ${1_700_000_000 + i} +0000`,
        `data ${Buffer.byteLength(message)}`,
        message,
        'M 644 inline roadmap.yaml',
        `data ${Buffer.byteLength(content)}`,
        content,
      );
    }
    big.gitInput(`${parts.join('\n')}\n`, 'fast-import', '--quiet');
    big.git('reset', '-q', '--hard', 'main');
    const started = Date.now();
    const revs = await fileRevisions(new GitRunner({ cwd: big.dir, isTrusted: () => true }), 'roadmap.yaml', {
      maxCount: 40,
      maxBytes: 16 * 1024 * 1024,
    });
    console.log(`      measured: 40 of 3,000 revisions read in ${Date.now() - started} ms`);
    assert.equal(revs.length, 40);
    assert.equal(revs[0]?.text, roadmap('2999'));
  });

  it('a file outside the history or a missing file is no revisions, not an error', async () => {
    assert.deepEqual(await fileRevisions(git, 'nope.yaml', { maxCount: 5, maxBytes: 1024 }), []);
  });

  it('runs no git in an untrusted workspace', async () => {
    const untrusted = new GitRunner({ cwd: repo.dir, isTrusted: () => false });
    await assert.rejects(
      fileRevisions(untrusted, FILE, { maxCount: 5, maxBytes: 1024 * 1024 }),
      UntrustedWorkspaceError,
    );
  });

  it('roadmap-lens report --metrics prints the same series (text and --json)', () => {
    const run = (...args: string[]): string => {
      const r = spawnSync(process.execPath, [cli, 'report', '--metrics', '--roadmap', FILE, ...args], {
        cwd: repo.dir,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const text = run();
    assert.match(text, /^CHK-12 Repeat conversion: 12% \(\d{4}-\d\d-\d\d [0-9a-f]{7}\) → 18% .* → 24% /m);
    assert.match(text, /1 metric with history; 1 revision that was not valid YAML skipped\./);
    const json = JSON.parse(run('--json')) as {
      skippedRevisions: number;
      metrics: { id: string; name: string; points: { value: string; sha: string }[] }[];
    };
    assert.equal(json.skippedRevisions, 1);
    assert.deepEqual(
      json.metrics.map((m) => [m.id, m.name, m.points.map((p) => p.value), m.points.map((p) => p.sha)]),
      [['CHK-12', 'Repeat conversion', ['12%', '18%', '24%'], [shas[0], shas[2], shas[4]]]],
    );
  });
});
