// `npm run bench [-- --quick] [--runs N] [--huge-runs N] [--warmup N] [--only id,id] [--out DIR]`
// `npm run bench -- --repo PATH [--file F ...]`: the index and attribution rows on a real repository
// (repoRows.mjs); results go to bench/.cache/repo-NAME/ unless --out says otherwise.
// Measures the product against the raw physical limit (git itself, the YAML parser) on the same
// input in the same run, and prints a Markdown table; writes results.md and results.json.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInputs } from './inputs.mjs';
import { loadProductModules } from './productModules.mjs';
import { ROWS } from './rows.mjs';
import { describeRepo, repoRows, typicalRows } from './repoRows.mjs';
import { NotMeasured } from './adapters.mjs';
import { renderMarkdown } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = {
    quick: false,
    runs: undefined,
    hugeRuns: undefined,
    warmup: undefined,
    only: undefined,
    out: undefined,
    build: true,
    repo: undefined,
    files: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--huge-runs') opts.hugeRuns = Number(value());
    else if (a === '--warmup') opts.warmup = Number(value());
    else if (a === '--only') opts.only = value().split(',');
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--repo') opts.repo = path.resolve(value());
    else if (a === '--file') opts.files.push(value());
    else throw new Error(`unknown option ${a}`);
  }
  // Quick mode is a smoke test of the whole pipeline, not a measurement: as few rounds as possible.
  opts.runs ??= opts.quick ? 2 : 5;
  opts.hugeRuns ??= opts.quick ? 1 : 3;
  opts.warmup ??= opts.quick ? 0 : 1;
  opts.out ??= opts.repo
    ? path.join(root, 'bench', '.cache', `repo-${path.basename(opts.repo)}`)
    : opts.quick
      ? path.join(root, 'bench', '.cache', 'quick')
      : path.join(root, 'bench');
  return opts;
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

function machine() {
  const cpus = os.cpus();
  const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    git: gitVersion.replace(/^git version /, ''),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Builds dist/ with the project's own build; a failure is recorded, not fatal (rows then say why). */
function build() {
  try {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    return undefined;
  } catch (error) {
    return `build failed: ${String(error.stderr ?? error.message)
      .trim()
      .split('\n')
      .slice(0, 2)
      .join(' ')}`;
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const startMachine = machine();
  const cacheRoot = path.join(root, 'bench', '.cache');
  const repo = opts.repo ? describeRepo(opts.repo, opts.files) : undefined;
  const inputs = repo ? { repo } : await ensureInputs(cacheRoot, opts.quick ? 'quick' : 'full', log);
  if (repo)
    log(
      `repository ${repo.dir}: ${repo.commits} commits; files ${repo.files.map((f) => `${f.path} (${f.lines})`).join(', ')}`,
    );
  else log(`inputs ready (${((Date.now() - started) / 1000).toFixed(1)} s): ${inputs.dir}`);
  const buildProblem = opts.build ? build() : undefined;
  if (buildProblem) log(buildProblem);
  const product = await loadProductModules(root, path.join(cacheRoot, 'modules'));
  for (const [name, problem] of Object.entries(product.problems)) log(`  ${name}: ${problem}`);

  const ctx = { root, inputs, product, opts, buildProblem, shared: {}, log };
  const rows = [];
  for (const row of repo ? repoRows(repo) : [...ROWS, ...typicalRows(inputs)]) {
    if (opts.only && !opts.only.includes(row.id) && !(row.needs ?? []).some((n) => opts.only.includes(n))) {
      rows.push({ id: row.id, what: row.what(inputs), target: row.target.text, notMeasured: 'skipped (--only)' });
      continue;
    }
    log(`▶ ${row.id}`);
    const t = Date.now();
    let result;
    try {
      result = { id: row.id, what: row.what(inputs), target: row.target.text, ...(await row.measure(ctx)) };
      // Rows without a numeric bound decide `ok` themselves (real-VS-Code rows, growth rows).
      if (result.notMeasured === undefined && row.target.max !== undefined) {
        const value = result.ratio ?? result.median;
        result.ok = typeof value === 'number' && Number.isFinite(value) ? value <= row.target.max : undefined;
      }
    } catch (error) {
      const reason =
        error instanceof NotMeasured ? error.message : `failed: ${String(error?.message ?? error).split('\n')[0]}`;
      if (!(error instanceof NotMeasured)) log(String(error?.stack ?? error));
      result = { id: row.id, what: row.what(inputs), target: row.target.text, notMeasured: reason };
    }
    log(
      `  ${result.notMeasured ? `not measured: ${result.notMeasured}` : `${result.median?.toFixed?.(1)} ${result.unit} (ratio ${result.ratio?.toFixed?.(3) ?? '—'})`} [${((Date.now() - t) / 1000).toFixed(1)} s]`,
    );
    rows.push(result);
  }

  const report = {
    date: new Date().toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    runs: opts.runs,
    hugeRuns: opts.hugeRuns,
    warmup: opts.warmup,
    machine: { ...startMachine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    inputs: repo
      ? { repo: { dir: repo.dir, commits: repo.commits, roadmapBytes: repo.roadmapBytes, files: repo.files } }
      : {
          commits: inputs.repos.n2.commits,
          commitsHalf: inputs.repos.n.commits,
          roadmapItems: inputs.roadmaps.n2.items,
          roadmapBytes: inputs.roadmaps.n2.bytes,
          roadmapFiles: inputs.roadmaps.n2.files.length,
          blameFile: inputs.blame.n2,
          blameFileHalf: inputs.blame.n,
        },
    rows,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  const markdown = renderMarkdown(report);
  fs.mkdirSync(opts.out, { recursive: true });
  fs.writeFileSync(path.join(opts.out, 'results.md'), markdown);
  fs.writeFileSync(path.join(opts.out, 'results.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(markdown);
  log(`wrote ${path.join(opts.out, 'results.md')} and results.json`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
