// Smoke test of the benchmark harness: `bench/run.mjs --quick` runs end to end on tiny inputs
// (a real generated git repository and roadmap) and reports every row, each with a number or an
// explicit reason it was not measured. Structure only: no timing is asserted anywhere.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const ROW_IDS = [
  'roadmap-load',
  'commit-index-cold',
  'commit-index-update',
  'commit-index-reload',
  'attribution-cold',
  'attribution-warm',
  'current-item',
  'indexing-stall',
  'commit-index-heap',
  'bundle-size',
  'growth-commits',
  'growth-lines',
  'growth-items',
  'import-jira',
  'completion',
  'overview-model',
  'overview-keystroke',
  'rollup',
  'cache-on-disk',
  'vscode-activation',
  'vscode-indexing',
  'vscode-overview-first-paint',
  'vscode-overview-keystroke',
  'vscode-tree-expand',
  ...['src/typical/annotation-30.ts', 'src/typical/utility-400.ts', 'src/typical/service-1200.ts'].flatMap((f) => [
    `typical-why-cold:${f}`,
    `typical-why-fresh:${f}`,
    `typical-why-warm:${f}`,
  ]),
];

interface BenchRow {
  id: string;
  what: string;
  target: string;
  notMeasured?: unknown;
  median?: unknown;
  limit?: unknown;
  ratio?: unknown;
  unit?: unknown;
  ok?: unknown;
}

interface BenchReport {
  mode: string;
  date: string;
  machine: { cpu: unknown; cores: unknown; memoryGB: unknown; node: unknown; git: unknown };
  rows: BenchRow[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

describe('bench --quick', function () {
  this.timeout(240_000);
  let out: string;
  let report: BenchReport;
  let markdown: string;
  let stdout: string;

  before(function () {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-lens-bench-'));
    const run = spawnSync(process.execPath, ['bench/run.mjs', '--quick', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(run.status, 0, `bench --quick failed:\n${run.stderr}`);
    stdout = run.stdout;
    report = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as BenchReport;
    markdown = fs.readFileSync(path.join(out, 'results.md'), 'utf8');
  });

  after(function () {
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('reports every row of the target table, in order', function () {
    assert.equal(report.mode, 'quick');
    assert.deepEqual(
      report.rows.map((r) => r.id),
      ROW_IDS,
    );
  });

  it('gives each row a number or an explicit reason it was not measured', function () {
    for (const row of report.rows) {
      assert.ok(row.what.length > 0 && row.target.length > 0, `${row.id}: what and target`);
      if (row.notMeasured !== undefined) {
        assert.equal(typeof row.notMeasured, 'string', `${row.id}: reason is text`);
        assert.ok((row.notMeasured as string).trim().length > 0, `${row.id}: reason is not empty`);
        assert.equal(row.median, undefined, `${row.id}: no number next to a reason`);
        continue;
      }
      assert.ok(isNumber(row.median) && row.median >= 0, `${row.id}: median is a number (${String(row.median)})`);
      assert.ok(['ms', 'MB', 'KB'].includes(row.unit as string), `${row.id}: unit`);
      if (row.unit === 'ms') {
        assert.ok(isNumber(row.limit) && row.limit > 0, `${row.id}: limit is a number`);
        assert.ok(isNumber(row.ratio), `${row.id}: ratio is a number`);
      }
      assert.equal(typeof row.ok, 'boolean', `${row.id}: ok is decided`);
    }
  });

  it('records the machine it ran on', function () {
    assert.ok(typeof report.machine.cpu === 'string' && report.machine.cpu.length > 0);
    assert.ok(isNumber(report.machine.cores) && report.machine.cores > 0);
    assert.ok(isNumber(report.machine.memoryGB));
    assert.match(String(report.machine.node), /^v\d+/);
    assert.match(String(report.machine.git), /^\d+\.\d+/);
    assert.ok(!Number.isNaN(Date.parse(report.date)));
  });

  it('prints the same Markdown table it writes, one line per row', function () {
    assert.equal(stdout, markdown);
    assert.match(markdown, /^\| what \| median ms \| limit ms \| ratio \| target \| ok\? \| CPU ratio \|$/m);
    const tableRows = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| what'));
    assert.equal(tableRows.length, ROW_IDS.length);
    report.rows.forEach((row, i) => {
      const line = tableRows[i] ?? '';
      assert.ok(line.startsWith(`| ${row.what}`), `${row.id}: table line`);
      if (row.notMeasured !== undefined) assert.match(line, /not measured: \S/);
    });
  });
});
