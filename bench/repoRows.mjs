// `npm run bench -- --repo PATH [--file F ...]`: the index and attribution rows on a REAL
// repository (its own history and roadmap; see bench/realRoadmap.mjs to write one from the history),
// against the same physical limits as the generated rows, measured alternately in the same run.
// Without --file, four files of the repository's main language are picked: the ones closest to
// 30, 400 and 1,200 lines (typical files) and the largest.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import {
  cliWhy,
  coldCommitIndex,
  commitLinker,
  loadRoadmapIndex,
  logFormatArgs,
  warmAttribution,
} from './adapters.mjs';
import { compare, productVsLimit, rawGit, runProcess } from './measure.mjs';
import { symbolRows } from './symbolRows.mjs';

const fmt = (n) => n.toLocaleString('en-US');
const ROADMAP_NAMES = ['roadmap.yaml', 'roadmap.yml', '.roadmap.yaml'];
const TYPICAL_LINES = [30, 400, 1200];

function roadmapFiles(dir) {
  const files = ROADMAP_NAMES.map((n) => path.join(dir, n)).filter((f) => fs.existsSync(f));
  const sub = path.join(dir, 'roadmap');
  if (fs.existsSync(sub)) for (const f of fs.readdirSync(sub)) if (f.endsWith('.yaml')) files.push(path.join(sub, f));
  return files;
}

const lineCount = (file) => {
  const text = fs.readFileSync(file, 'utf8');
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
};

/** The repository, its roadmap, and the files to attribute. */
export function describeRepo(repoDir, files) {
  const git = (...args) => execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const roadmap = roadmapFiles(repoDir);
  if (roadmap.length === 0) throw new Error(`${repoDir} has no roadmap.yaml (write one with bench/realRoadmap.mjs)`);
  const commits = Number(git('rev-list', '--count', 'HEAD').trim());
  let chosen = files;
  if (chosen.length === 0) {
    const tracked = git('ls-files', '-z').split('\0').filter(Boolean);
    const byExt = new Map();
    for (const f of tracked) {
      const ext = path.extname(f);
      if (/^\.(java|go|ts|js|py|rb|rs|c|cc|cpp|cs|kt|swift|php|scala)$/.test(ext))
        byExt.set(ext, (byExt.get(ext) ?? 0) + 1);
    }
    const main = [...byExt].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!main) throw new Error(`${repoDir}: no source files found; name them with --file`);
    const sized = tracked
      .filter((f) => path.extname(f) === main)
      .map((f) => ({ f, lines: lineCount(path.join(repoDir, f)) }));
    const picks = TYPICAL_LINES.map(
      (n) => [...sized].sort((a, b) => Math.abs(a.lines - n) - Math.abs(b.lines - n) || a.f.localeCompare(b.f))[0]?.f,
    );
    picks.push([...sized].sort((a, b) => b.lines - a.lines)[0]?.f);
    chosen = [...new Set(picks.filter(Boolean))];
  }
  return {
    dir: repoDir,
    name: path.basename(repoDir),
    commits,
    roadmap,
    roadmapBytes: roadmap.reduce((n, f) => n + fs.statSync(f).size, 0),
    files: chosen.map((f) => ({ path: f, lines: lineCount(path.join(repoDir, f)) })),
  };
}

const ms = productVsLimit;

/** Rows in run.mjs's shape for one real repository. */
export function repoRows(repo) {
  const shared = {};
  const once = async (key, fn) => (shared[key] ??= fn());
  const roadmapIndex = (ctx) => once('roadmap', () => loadRoadmapIndex(ctx.product, repo.dir));
  const coldIndex = (ctx) =>
    once('cold', async () => {
      const linker = commitLinker(ctx.product, await roadmapIndex(ctx));
      const format = logFormatArgs(ctx.product);
      let index;
      const r = await compare(
        {
          product: async () => {
            index = await coldCommitIndex(ctx.product, repo.dir, linker);
          },
          limit: () => rawGit(repo.dir, ['log', ...format, 'HEAD']),
        },
        { warmup: ctx.opts.warmup, runs: ctx.opts.hugeRuns },
      );
      return { r, index };
    });
  const rows = [
    {
      id: 'repo-roadmap-load',
      what: () => `${repo.name}: load + validate + index its roadmap (${fmt(repo.roadmapBytes)} bytes)`,
      target: { text: '≤ 1.3 × YAML.parseDocument', max: 1.3 },
      async measure(ctx) {
        let items = 0;
        const r = await compare(
          {
            product: async () => {
              items = (await loadRoadmapIndex(ctx.product, repo.dir)).items.length;
            },
            limit: async () => {
              for (const f of repo.roadmap) parseDocument(await fs.promises.readFile(f, 'utf8'));
            },
          },
          { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
        );
        return { ...ms(r.product, r.limit), limitWhat: 'read + `YAML.parseDocument`', note: `${fmt(items)} items` };
      },
    },
    {
      id: 'repo-commit-index-cold',
      what: () => `${repo.name}: cold commit index over ${fmt(repo.commits)} real commits`,
      target: { text: '≤ 1.5 × raw git log', max: 1.5 },
      async measure(ctx) {
        const { r, index } = await coldIndex(ctx);
        return {
          ...ms(r.product, r.limit),
          limitWhat: 'raw `git log -z` printing the same fields',
          note: `${fmt(index.size)} commits indexed`,
        };
      },
    },
  ];
  const why = whyMeasure(repo);
  for (const file of repo.files) {
    const label = `${file.path} (${fmt(file.lines)} lines)`;
    const whyCold = (ctx) => why(ctx, file, 'cold');
    rows.push(...whyRows(repo, file, why, 'repo-'));
    rows.push({
      id: `repo-attribution-warm:${file.path}`,
      what: () => `${repo.name}: warm attribution / lens computation of ${label}`,
      target: { text: '≤ 0.01 × cold', max: 0.01 },
      async measure(ctx) {
        const { index } = await coldIndex(ctx);
        const cold = (await whyCold(ctx)).r.product;
        const warm = await warmAttribution(ctx.product, repo.dir, file.path, await roadmapIndex(ctx), index);
        await warm.prime();
        const r = await compare({ product: () => warm.run() }, { warmup: ctx.opts.warmup, runs: ctx.opts.runs });
        return { ...ms(r.product, cold), limitWhat: 'the cold `why FILE` above', note: warm.note };
      },
    });
    rows.push(...symbolRows(repo, file, once));
  }
  return rows;
}

/**
 * A clone of `repo` in a temporary folder (objects hard-linked: seconds even for 100k commits), with
 * the roadmap files copied in (real repositories here keep theirs untracked): the "fresh clone" of
 * the parsed-cache row, whose `.git/roadmap-lens/` is removed before each call.
 */
function freshClone(repo) {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-clone-'));
  process.on('exit', () => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, repo.name);
  execFileSync('git', ['clone', '-q', '--local', repo.dir, dir], { stdio: 'ignore' });
  for (const f of repo.roadmap) {
    const to = path.join(dir, path.relative(repo.dir, f));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(f, to);
  }
  return dir;
}

/**
 * The CLI's `why --json` against `git blame --porcelain` of the file, a `node` that reads and
 * `YAML.parse`s the roadmap, and `node -e 0`, alternately in one loop. Every call gets the bench's
 * own `$XDG_CACHE_HOME` (the user's parsed-roadmap cache is neither read nor filled).
 * `cold`: `--no-cache` (no cache anywhere: the roadmap parsed, the commit graph read from git).
 * `fresh`: a fresh clone (no `.git/roadmap-lens/`: removed before each call) of a roadmap already
 * parsed once on this machine (the user-level parsed-roadmap cache is warm).
 * `warm`: a second call in the same clone (both caches written by a call before the loop).
 */
export function whyMeasure(repo) {
  const memo = {};
  const yamlModule = createRequire(import.meta.url).resolve('yaml');
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-xdg-'));
  process.on('exit', () => fs.rmSync(xdg, { recursive: true, force: true }));
  const env = { ...process.env, XDG_CACHE_HOME: xdg };
  delete env.ROADMAP_LENS_TRACE;
  let clone;
  return (ctx, file, mode) =>
    (memo[`${mode}:${file.path}`] ??= (async () => {
      const cli = cliWhy(ctx.root);
      const flags = mode === 'cold' ? ['--no-cache'] : [];
      const dir = mode === 'fresh' ? (clone ??= freshClone(repo)) : repo.dir;
      const repoCache = path.join(dir, '.git', 'roadmap-lens');
      if (mode !== 'cold') await runProcess(process.execPath, [cli, 'why', file.path, '--json'], dir, env);
      let answer;
      const r = await compare(
        {
          product: async () => {
            if (mode === 'fresh') fs.rmSync(repoCache, { recursive: true, force: true });
            answer = JSON.parse(
              await runProcess(process.execPath, [cli, 'why', file.path, '--json', ...flags], dir, env),
            );
          },
          blame: () => rawGit(dir, ['blame', '--porcelain', '--', file.path]),
          nodeYaml: () =>
            runProcess(
              process.execPath,
              [
                '-e',
                'const Y=require(process.argv[1]);for(const f of process.argv.slice(2))Y.parse(require("fs").readFileSync(f,"utf8"))',
                yamlModule,
                ...repo.roadmap,
              ],
              dir,
            ),
          node: () => runProcess(process.execPath, ['-e', '0'], dir),
        },
        { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
      );
      if (answer?.state !== 'ok') throw new Error(`\`why\` answered ${answer?.state}`);
      return { r, answer };
    })());
}

/** Each mode's target (issue #13) and the limit it is measured against. */
const WHY_TARGETS = {
  cold: {
    text: '≤ 1.15 × max(git blame, node + YAML.parse of the roadmap) + 50 ms',
    limit: (r) => (r.blame.median >= r.nodeYaml.median ? r.blame : r.nodeYaml),
    ok: (product, limit) => product <= 1.15 * limit + 50,
    limitWhat: (r) =>
      `max(raw \`git blame --porcelain\` ${r.blame.median.toFixed(0)} ms, \`node\` + YAML.parse of the roadmap ${r.nodeYaml.median.toFixed(0)} ms)`,
  },
  fresh: {
    text: '≤ max(git blame, node -e 0) + 100 ms',
    limit: (r) => (r.blame.median >= r.node.median ? r.blame : r.node),
    ok: (product, limit) => product <= limit + 100,
    limitWhat: (r) =>
      `max(raw \`git blame --porcelain\` ${r.blame.median.toFixed(0)} ms, \`node -e 0\` ${r.node.median.toFixed(0)} ms)`,
  },
  warm: {
    text: '≤ 3 × node -e 0',
    limit: (r) => r.node,
    ok: (product, limit) => product <= 3 * limit,
    limitWhat: (r) => `\`node -e 0\` ${r.node.median.toFixed(0)} ms`,
  },
};

/** The cold, fresh-clone and warm `why FILE` rows of one file (ids `${prefix}why-${mode}:PATH`). */
export function whyRows(repo, file, why, prefix) {
  const label = `${file.path} (${fmt(file.lines)} lines)`;
  const row = (mode, what) => ({
    id: `${prefix}why-${mode}:${file.path}`,
    what: () => `${repo.name}: ${what} \`why FILE\` of ${label}`,
    target: { text: WHY_TARGETS[mode].text },
    async measure(ctx) {
      const { r, answer } = await why(ctx, file, mode);
      const t = WHY_TARGETS[mode];
      const limit = t.limit(r);
      return {
        ...ms(r.product, limit),
        ok: t.ok(r.product.median, limit.median),
        limitWhat: `${t.limitWhat(r)}; also blame ${r.blame.median.toFixed(0)} ms, node+YAML ${r.nodeYaml.median.toFixed(0)} ms, \`node -e 0\` ${r.node.median.toFixed(0)} ms`,
        note: `${file.path}: \`why --json\` named ${answer.items.length} items; blame ${r.blame.median.toFixed(0)} ms, node+YAML ${r.nodeYaml.median.toFixed(0)} ms, node -e 0 ${r.node.median.toFixed(0)} ms, why ${r.product.median.toFixed(0)} ms (${(r.product.median / r.node.median).toFixed(1)} × node -e 0)`,
      };
    },
  });
  return [
    row('cold', 'cold (`--no-cache`: no cache anywhere)'),
    row('fresh', 'fresh clone, roadmap already parsed once on this machine,'),
    row('warm', 'second call in the same clone (both caches warm),'),
  ];
}

/** The generated repository's typical files (inputs.typical): cold and warm `why FILE` rows. */
export function typicalRows(inputs) {
  if (!inputs.typical) return [];
  const repo = {
    ...describeRepo(
      inputs.repos.n2.dir,
      inputs.typical.map((t) => t.path),
    ),
    name: 'generated',
  };
  const why = whyMeasure(repo);
  return repo.files.flatMap((file) => whyRows(repo, file, why, 'typical-'));
}
