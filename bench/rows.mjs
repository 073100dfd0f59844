// The measurements, one per row of the target table, plus growth (N vs 2N).
// Each compares the product with the raw limit measured in the same run, on the same input.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import {
  NotMeasured,
  cliWhy,
  coldCommitIndex,
  commitLinker,
  currentItem,
  deserializeCommitIndex,
  loadRoadmapIndex,
  logFormatArgs,
  need,
  updateCommitIndex,
  warmAttribution,
} from './adapters.mjs';
import { againstColdBuild, compare, median, rawGit, runProcess } from './measure.mjs';
import { resetWorkBranch } from './inputs.mjs';
import { indexingStall } from './stall.mjs';
import { VSCODE_ROWS } from './vscodeRows.mjs';
import { IMPORT_ROW } from './importRow.mjs';
import { rollupRow } from './rollupRow.mjs';
import { cacheSizeRow } from './cacheSizeRow.mjs';

const HEAP_LIMIT_MB = 60;
const BUNDLE_LIMIT_KB = 500;
const GROWTH_MAX = 2.2;
/** RAIL's long-task bound: longer, and input (typing, a hover) visibly waits. */
const STALL_LIMIT_MS = 50;
/** The bound for a completion answer on the 10,000-item roadmap. */
const COMPLETION_LIMIT_MS = 50;
/** The bound for a search keystroke or a filter change in the overview. */
const OVERVIEW_KEYSTROKE_LIMIT_MS = 50;
/** `roadmapLens.history.maxCommits`' default: what a cold build reads unless configured. */
const DEFAULT_MAX_COMMITS = 20000;
const GROWTH_TARGET = `≈ 2: ≤ ${GROWTH_MAX}, or no faster than the raw limit's own growth`;

async function once(ctx, key, fn) {
  if (!(key in ctx.shared)) {
    try {
      ctx.shared[key] = { value: await fn() };
    } catch (error) {
      ctx.shared[key] = { error };
    }
  }
  const entry = ctx.shared[key];
  if (entry.error) throw entry.error;
  return entry.value;
}

const fmt = (n) => n.toLocaleString('en-US');

/** The roadmap index all git rows link against (the full-size roadmap, as committed in the repositories). */
function roadmapForLinks(ctx) {
  return once(ctx, 'roadmapIndex', () => loadRoadmapIndex(ctx.product, ctx.inputs.roadmaps.n2.dir));
}

function linkerFor(ctx) {
  return once(ctx, 'linker', async () => commitLinker(ctx.product, await roadmapForLinks(ctx)));
}

/**
 * N and 2N are measured in the same alternating loop (product and limit at each size), so the
 * growth ratio compares runs made under the same machine load.
 */
function roadmapLoads(ctx) {
  return once(ctx, 'roadmap', async () => {
    const index = {};
    const fns = {};
    for (const which of ['n2', 'n']) {
      const { dir, files } = ctx.inputs.roadmaps[which];
      fns[`product-${which}`] = async () => {
        index[which] = await loadRoadmapIndex(ctx.product, dir);
      };
      fns[`limit-${which}`] = async () => {
        for (const file of files) parseDocument(await fs.promises.readFile(file, 'utf8'));
      };
    }
    const r = await compare(fns, { warmup: ctx.opts.warmup, runs: ctx.opts.runs });
    const out = {};
    for (const which of ['n2', 'n']) {
      const { items } = ctx.inputs.roadmaps[which];
      if (index[which].items.length !== items)
        throw new Error(`the product read ${index[which].items.length} items, the roadmap has ${items}`);
      const errors = index[which].diagnostics.filter((d) => d.severity === 'error').length;
      out[which] = {
        product: r[`product-${which}`],
        limit: r[`limit-${which}`],
        note: `${fmt(items)} items, ${errors} errors, ${index[which].diagnostics.length} diagnostics`,
      };
    }
    return out;
  });
}

function coldIndexes(ctx) {
  return once(ctx, 'cold', async () => {
    resetWorkBranch(ctx.inputs, 'n2');
    resetWorkBranch(ctx.inputs, 'n');
    const linker = await linkerFor(ctx);
    const format = logFormatArgs(ctx.product);
    const index = {};
    const fns = {};
    for (const which of ['n2', 'n']) {
      const repo = ctx.inputs.repos[which];
      fns[`product-${which}`] = async () => {
        index[which] = await coldCommitIndex(ctx.product, repo.dir, linker);
      };
      fns[`limit-${which}`] = () => rawGit(repo.dir, ['log', ...format, 'HEAD']);
    }
    const r = await compare(fns, { warmup: ctx.opts.warmup, runs: ctx.opts.hugeRuns });
    const out = {};
    for (const which of ['n2', 'n']) {
      const repo = ctx.inputs.repos[which];
      if (index[which].size !== repo.commits)
        throw new Error(`the index holds ${index[which].size} commits, the repository has ${repo.commits}`);
      out[which] = { product: r[`product-${which}`], limit: r[`limit-${which}`], index: index[which] };
    }
    out.n2.serialized = index.n2.serialize();
    return out;
  });
}

function coldAttributions(ctx) {
  return once(ctx, 'attr', async () => {
    if (ctx.buildProblem) throw new NotMeasured(ctx.buildProblem);
    const cli = cliWhy(ctx.root);
    resetWorkBranch(ctx.inputs, 'n2');
    const repo = ctx.inputs.repos.n2;
    const printed = {};
    const fns = {};
    for (const which of ['n2', 'n']) {
      const file = ctx.inputs.blame[which].path;
      fns[`product-${which}`] = async () => {
        printed[which] = await runProcess(process.execPath, [cli, 'why', file, '--json'], repo.dir);
      };
      fns[`limit-${which}`] = () => rawGit(repo.dir, ['blame', '--porcelain', '--', file]);
    }
    const r = await compare(fns, { warmup: ctx.opts.warmup, runs: ctx.opts.hugeRuns });
    const out = {};
    for (const which of ['n2', 'n']) {
      const answer = JSON.parse(printed[which]);
      if (answer.state !== 'ok' || answer.lineCount !== ctx.inputs.blame[which].lines)
        throw new Error(`\`why\` answered ${answer.state} for ${answer.lineCount} lines`);
      out[which] = { product: r[`product-${which}`], limit: r[`limit-${which}`], items: answer.items.length };
    }
    return out;
  });
}

const cpuRatio = (a, b) => (a.cpu !== undefined && b.cpu !== undefined && b.cpu > 0 ? a.cpu / b.cpu : undefined);

const ms = (r) => ({
  median: r.product.median,
  limit: r.limit.median,
  ratio: r.product.median / r.limit.median,
  unit: 'ms',
  samples: r.product.samples,
  limitSamples: r.limit.samples,
  cpu: r.product.cpu,
  limitCpu: r.limit.cpu,
  cpuRatio: cpuRatio(r.product, r.limit),
});

function growth(n, n2) {
  return {
    median: n2.product.median,
    limit: n.product.median,
    ratio: n2.product.median / n.product.median,
    unit: 'ms',
    cpu: n2.product.cpu,
    limitCpu: n.product.cpu,
    cpuRatio: cpuRatio(n2.product, n.product),
    // Where the raw limit itself grows faster than linear (git blame's cost is lines × history),
    // Roadmap Lens can only be judged on not growing faster than it.
    ok: n2.product.median / n.product.median <= Math.max(GROWTH_MAX, n2.limit.median / n.limit.median),
    note: `2N ${n2.product.median.toFixed(1)} ms vs N ${n.product.median.toFixed(1)} ms; the raw limit itself grew ${(n2.limit.median / n.limit.median).toFixed(2)}×`,
  };
}

export const ROWS = [
  {
    id: 'roadmap-load',
    what: (i) =>
      `load + validate + index a ${fmt(i.roadmaps.n2.items)}-item roadmap (${i.roadmaps.n2.files.length} files)`,
    target: { text: '≤ 1.3 × YAML.parseDocument', max: 1.3 },
    async measure(ctx) {
      const r = (await roadmapLoads(ctx)).n2;
      return { ...ms(r), limitWhat: 'read + `YAML.parseDocument` of the same files', note: r.note };
    },
  },
  {
    id: 'commit-index-cold',
    what: (i) => `cold commit index over ${fmt(i.repos.n2.commits)} commits`,
    target: { text: '≤ 1.5 × raw git log', max: 1.5 },
    async measure(ctx) {
      return { ...ms((await coldIndexes(ctx)).n2), limitWhat: 'raw `git log -z` printing the same fields' };
    },
  },
  {
    id: 'commit-index-update',
    what: () => 'index update after one new commit',
    target: { text: '≤ 3 × git log -1', max: 3 },
    async measure(ctx) {
      const cold = (await coldIndexes(ctx)).n2;
      const linker = await linkerFor(ctx);
      const repo = ctx.inputs.repos.n2;
      const format = logFormatArgs(ctx.product);
      let index = cold.index;
      const env = {
        ...process.env,
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      };
      let added = 0;
      let lastNew = '';
      try {
        const r = await compare(
          {
            product: async () => {
              index = await updateCommitIndex(ctx.product, repo.dir, index, linker);
            },
            limit: () => rawGit(repo.dir, ['log', '-1', ...format, 'HEAD']),
          },
          {
            warmup: ctx.opts.warmup,
            runs: ctx.opts.runs,
            // One new commit before each product round (untimed), as after `git commit`.
            before: (name) => {
              if (name !== 'product') return;
              added++;
              const git = (args) => execFileSync('git', args, { cwd: repo.dir, env, encoding: 'utf8' }).trim();
              lastNew = git([
                'commit-tree',
                'HEAD^{tree}',
                '-p',
                'HEAD',
                '-m',
                `${ctx.inputs.workItem}: bench commit ${added}\n\nRoadmap: ${ctx.inputs.workItem}`,
              ]);
              git(['update-ref', `refs/heads/${ctx.inputs.workBranch}`, lastNew]);
            },
          },
        );
        if (!index.has(lastNew)) throw new Error('the updated index does not hold the new commit');
        return { ...ms(r), limitWhat: 'one raw `git log -1` process, same fields' };
      } finally {
        resetWorkBranch(ctx.inputs, 'n2');
      }
    },
  },
  {
    id: 'commit-index-reload',
    what: (i) => `reload of the persisted ${fmt(i.repos.n2.commits)}-commit index`,
    target: { text: '≤ 0.1 × cold build', max: 0.1 },
    async measure(ctx) {
      const cold = (await coldIndexes(ctx)).n2;
      const linker = await linkerFor(ctx);
      const file = path.join(ctx.root, 'bench', '.cache', 'commit-index.bin');
      fs.writeFileSync(file, cold.serialized);
      let size = 0;
      const r = await compare(
        {
          product: async () => {
            size = deserializeCommitIndex(ctx.product, await fs.promises.readFile(file), linker).size;
          },
        },
        { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
      );
      if (size !== ctx.inputs.repos.n2.commits)
        throw new Error(`reloaded ${size} commits of ${ctx.inputs.repos.n2.commits}`);
      return againstColdBuild(
        r.product,
        cold.product,
        `read + deserialize of ${(Buffer.byteLength(cold.serialized) / 1e6).toFixed(1)} MB`,
      );
    },
  },
  {
    id: 'attribution-cold',
    what: (i) =>
      `cold attribution of a ${fmt(i.blame.n2.lines)}-line file (${fmt(i.blame.n2.touches)} commits), CLI \`why FILE\``,
    target: { text: '≤ 1.15 × git blame --porcelain', max: 1.15 },
    async measure(ctx) {
      const r = (await coldAttributions(ctx)).n2;
      return {
        ...ms(r),
        limitWhat: 'raw `git blame --porcelain` of the file',
        note: `\`why --json\` named ${r.items} items`,
      };
    },
  },
  {
    id: 'attribution-warm',
    what: () => 'warm attribution / lens computation of the same file',
    target: { text: '≤ 0.01 × cold', max: 0.01 },
    async measure(ctx) {
      const repo = ctx.inputs.repos.n2;
      const relPath = ctx.inputs.blame.n2.path;
      const roadmap = await roadmapForLinks(ctx);
      const cold = (await coldIndexes(ctx)).n2;
      const cliCold = (await coldAttributions(ctx)).n2;
      const warm = await warmAttribution(ctx.product, repo.dir, relPath, roadmap, cold.index);
      await warm.prime();
      const r = await compare({ product: () => warm.run() }, { warmup: ctx.opts.warmup, runs: ctx.opts.runs });
      return {
        median: r.product.median,
        limit: cliCold.product.median,
        ratio: r.product.median / cliCold.product.median,
        unit: 'ms',
        samples: r.product.samples,
        cpu: r.product.cpu,
        limitCpu: cliCold.product.cpu,
        cpuRatio: cpuRatio(r.product, cliCold.product),
        limitWhat: 'the cold attribution above',
        ...(warm.note ? { note: warm.note } : {}),
      };
    },
  },
  {
    id: 'current-item',
    what: () => 'current-item detection after a checkout',
    target: { text: '≤ 2 × git rev-parse + git log', max: 2 },
    async measure(ctx) {
      resetWorkBranch(ctx.inputs, 'n2');
      const repo = ctx.inputs.repos.n2;
      const roadmap = await roadmapForLinks(ctx);
      const format = logFormatArgs(ctx.product);
      const detect = currentItem(ctx.product, repo.dir, roadmap);
      let found;
      const r = await compare(
        {
          product: async () => {
            found = await detect();
          },
          limit: async () => {
            await rawGit(repo.dir, ['rev-parse', '--abbrev-ref', 'HEAD']);
            await rawGit(repo.dir, ['log', ...format, `${ctx.inputs.baseBranch}..HEAD`]);
          },
        },
        { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
      );
      if (found !== ctx.inputs.workItem) throw new Error(`detected ${String(found)}, expected ${ctx.inputs.workItem}`);
      return { ...ms(r), limitWhat: '`git rev-parse --abbrev-ref HEAD` then `git log main..HEAD`, same fields' };
    },
  },
  {
    id: 'indexing-stall',
    what: (i) =>
      `longest event-loop stall of a cold index build (${fmt(Math.min(DEFAULT_MAX_COMMITS, i.repos.n2.commits))} of ${fmt(i.repos.n2.commits)} commits), its summary, serialization, a relink and two warm starts from the saved file`,
    // ratio = stall ÷ the RAIL bound, so like every ms row the target is a bound on the ratio.
    target: { text: `longest event-loop stall ≤ ${STALL_LIMIT_MS} ms`, max: 1 },
    async measure(ctx) {
      resetWorkBranch(ctx.inputs, 'n2');
      const repo = ctx.inputs.repos.n2;
      const roadmap = await roadmapForLinks(ctx);
      // A roadmap edit that changes links: one file fewer (its items, refs and branch tags gone).
      const RoadmapIndex = need(ctx.product, 'roadmapIndex').RoadmapIndex;
      // A fresh one per run: its matcher is built lazily, on first use, as after a real edit.
      const run = (maxCount) =>
        indexingStall(ctx.product, {
          repoDir: repo.dir,
          commitsInRepo: repo.commits,
          roadmap,
          changedRoadmap: RoadmapIndex.build(roadmap.files.slice(0, -1)),
          maxCount,
        });
      for (let i = 0; i < ctx.opts.warmup; i++) await run(DEFAULT_MAX_COMMITS);
      const bounded = [];
      const full = [];
      for (let i = 0; i < ctx.opts.hugeRuns; i++) {
        bounded.push(await run(DEFAULT_MAX_COMMITS));
        full.push(await run(undefined));
      }
      const summary = (runs) => {
        const phases = Object.keys(runs[0].phases).map((name) => ({
          name,
          maxMs: median(runs.map((r) => r.phases[name].maxMs)),
          ms: median(runs.map((r) => r.phases[name].ms)),
        }));
        const worst = phases.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
        return {
          maxMs: median(runs.map((r) => r.maxMs)),
          p99Ms: median(runs.map((r) => r.p99Ms)),
          phases,
          worst,
          commits: runs[0].commits,
        };
      };
      const b = summary(bounded);
      const f = summary(full);
      const phaseText = (s) =>
        s.phases.map((p) => `${p.name} ${p.maxMs.toFixed(0)} (${p.ms.toFixed(0)} ms long)`).join(', ');
      return {
        median: b.maxMs,
        limit: STALL_LIMIT_MS,
        ratio: b.maxMs / STALL_LIMIT_MS,
        unit: 'ms',
        samples: bounded.map((r) => r.maxMs),
        limitWhat: 'RAIL long-task bound (longer, and typing or a hover visibly waits)',
        note:
          `${fmt(b.commits)} commits: longest stall ${b.maxMs.toFixed(1)} ms (in ${b.worst.name}), p99 ${b.p99Ms.toFixed(1)} ms — per phase ${phaseText(b)}; ` +
          `all ${fmt(f.commits)} commits: longest ${f.maxMs.toFixed(1)} ms (in ${f.worst.name}), p99 ${f.p99Ms.toFixed(1)} ms — per phase ${phaseText(f)}. ` +
          `monitorEventLoopDelay at 5 ms resolution, median of ${ctx.opts.hugeRuns} runs`,
        stall: { bounded: b, full: f },
      };
    },
  },
  {
    id: 'commit-index-heap',
    what: (i) => `heap for the ${fmt(i.repos.n2.commits)}-commit index`,
    target: { text: `≤ ${HEAP_LIMIT_MB} MB`, max: HEAP_LIMIT_MB },
    async measure(ctx) {
      if (!ctx.product.bundle) throw new NotMeasured('no product module builds');
      // A fresh process: nothing else on the heap, and --expose-gc for exact before/after numbers.
      const probe = path.join(ctx.root, 'bench', 'heapProbe.mjs');
      const out = await runProcess(
        process.execPath,
        [
          '--expose-gc',
          probe,
          ctx.product.bundle,
          JSON.stringify(ctx.product.problems),
          ctx.inputs.repos.n2.dir,
          ctx.inputs.roadmaps.n2.dir,
        ],
        ctx.root,
      );
      const result = JSON.parse(out.trim().split('\n').pop());
      if (result.notMeasured) throw new NotMeasured(result.notMeasured);
      return {
        median: result.heapMB,
        unit: 'MB',
        note: `heapUsed delta after gc, ${fmt(result.commits)} commits; external (Buffers) ${result.externalMB.toFixed(1)} MB`,
      };
    },
  },
  {
    id: 'bundle-size',
    what: () => 'dist/extension.js minified (`esbuild.mjs --production`)',
    target: { text: `≤ ${BUNDLE_LIMIT_KB} KB`, max: BUNDLE_LIMIT_KB },
    async measure(ctx) {
      if (!fs.existsSync(path.join(ctx.root, 'src', 'extension.ts'))) throw new NotMeasured('src/extension.ts missing');
      // The project's own build script, run in a scratch folder so dist/ (dev build) is untouched.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-lens-bundle-'));
      try {
        for (const name of ['src', 'node_modules', 'media']) {
          if (fs.existsSync(path.join(ctx.root, name))) fs.symlinkSync(path.join(ctx.root, name), path.join(tmp, name));
        }
        for (const name of ['esbuild.mjs', 'package.json', 'tsconfig.json'])
          fs.copyFileSync(path.join(ctx.root, name), path.join(tmp, name));
        try {
          execFileSync(process.execPath, ['esbuild.mjs', '--production'], {
            cwd: tmp,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
        } catch (error) {
          throw new NotMeasured(
            `production build failed: ${
              String(error.stderr ?? error.message)
                .trim()
                .split('\n')[0]
            }`,
          );
        }
        const bytes = fs.statSync(path.join(tmp, 'dist', 'extension.js')).size;
        return { median: bytes / 1024, unit: 'KB', note: `${fmt(bytes)} bytes` };
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    id: 'growth-commits',
    what: (i) => `growth: cold commit index, ${fmt(i.repos.n2.commits)} vs ${fmt(i.repos.n.commits)} commits`,
    target: { text: GROWTH_TARGET },
    async measure(ctx) {
      const r = await coldIndexes(ctx);
      return { ...growth(r.n, r.n2), limitWhat: 'the same at N (time at 2N / time at N)' };
    },
  },
  {
    id: 'growth-lines',
    what: (i) =>
      `growth: cold attribution, ${fmt(i.blame.n2.lines)} vs ${fmt(i.blame.n.lines)} lines (${fmt(i.blame.n2.touches)} vs ${fmt(i.blame.n.touches)} commits)`,
    target: { text: GROWTH_TARGET },
    async measure(ctx) {
      const r = await coldAttributions(ctx);
      return { ...growth(r.n, r.n2), limitWhat: 'the same at N (time at 2N / time at N)' };
    },
  },
  {
    id: 'growth-items',
    what: (i) => `growth: roadmap load, ${fmt(i.roadmaps.n2.items)} vs ${fmt(i.roadmaps.n.items)} items`,
    target: { text: GROWTH_TARGET },
    async measure(ctx) {
      const r = await roadmapLoads(ctx);
      return { ...growth(r.n, r.n2), limitWhat: 'the same at N (time at 2N / time at N)' };
    },
  },
  IMPORT_ROW,
  {
    id: 'completion',
    what: (i) =>
      `item completion on a ${fmt(i.roadmaps.n2.items)}-item roadmap: slowest of 12 typed words (id prefixes, title words, a miss, Ctrl+Space)`,
    // ratio = the slowest answer ÷ the bound, so the target is a bound on the ratio (like the stall row).
    target: { text: `≤ ${COMPLETION_LIMIT_MS} ms per answer`, max: 1 },
    async measure(ctx) {
      const roadmap = await roadmapForLinks(ctx);
      const { completionCandidates, rankItems } = need(ctx.product, 'itemCompletion');
      const { wordBefore } = need(ctx.product, 'completionContext');
      const items = roadmap.items;
      const pick = (n) => items[Math.floor((n * 7919) % items.length)];
      // Id prefixes of every length, a title word, a miss, and the empty word (Ctrl+Space).
      const words = [
        '',
        pick(1).id.slice(0, 1),
        pick(2).id.slice(0, 2),
        pick(3).id.slice(0, 4),
        pick(4).id,
        pick(5).title.split(' ')[0].slice(0, 3),
        pick(6).title.split(' ').pop(),
        'zzzz-none',
        pick(7).id.toLowerCase().slice(0, 3),
        pick(8).refs[0] ?? pick(8).id,
        pick(9).title.slice(0, 6),
        pick(10).id.slice(0, 5),
      ].map((w) => wordBefore(`// see ${w}`, 7 + w.length).text);
      const current = pick(11).id;
      // Per word: the median over runs of one answer; the row reports the slowest word's.
      const perWord = words.map(() => []);
      const builds = [];
      for (let round = 0; round < ctx.opts.warmup + ctx.opts.runs; round++) {
        let t0 = performance.now();
        // A new table each round: the first keystroke after a roadmap reload builds it.
        const candidates = completionCandidates(items);
        const build = performance.now() - t0;
        if (round >= ctx.opts.warmup) builds.push(build);
        words.forEach((w, n) => {
          t0 = performance.now();
          rankItems(candidates, w, current, 100);
          if (round >= ctx.opts.warmup) perWord[n].push(performance.now() - t0);
        });
      }
      const medians = perWord.map(median);
      const worst = Math.max(...medians);
      const worstWord = words[medians.indexOf(worst)];
      const build = median(builds);
      return {
        median: worst,
        limit: COMPLETION_LIMIT_MS,
        ratio: worst / COMPLETION_LIMIT_MS,
        unit: 'ms',
        samples: perWord[medians.indexOf(worst)],
        limitWhat: "the issue's bound for one completion answer",
        note:
          `slowest word ${JSON.stringify(worstWord)} (median of ${ctx.opts.runs}); all ${words.length} words: ` +
          medians.map((m) => m.toFixed(2)).join(', ') +
          ` ms; building the candidate table ${build.toFixed(1)} ms (paid once by the first answer of a session; after that it is rebuilt right after each roadmap reload, off the keystroke)`,
      };
    },
  },
  {
    id: 'overview-model',
    what: (i) =>
      `overview model for a ${fmt(i.roadmaps.n2.items)}-item roadmap: entries (inherited targets, swimlanes, work), menus, and the JSON posted to the page`,
    target: { text: '≤ 0.5 × YAML.parseDocument', max: 0.5 },
    async measure(ctx) {
      const roadmap = await roadmapForLinks(ctx);
      const { buildOverviewEntries } = need(ctx.product, 'overviewEntries');
      const { overviewFacets } = need(ctx.product, 'overviewQuery');
      const { files } = ctx.inputs.roadmaps.n2;
      const texts = await Promise.all(files.map((f) => fs.promises.readFile(f, 'utf8')));
      const facts = { work: () => ({ branches: 0, commits: 0 }), isMine: () => false };
      let entries = [];
      let bytes = 0;
      const r = await compare(
        {
          product: () => {
            entries = buildOverviewEntries(roadmap, facts);
            bytes = JSON.stringify({ entries, facets: overviewFacets(entries) }).length;
          },
          limit: () => {
            for (const t of texts) parseDocument(t);
          },
        },
        { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
      );
      if (entries.length !== roadmap.items.length)
        throw new Error(`${entries.length} entries for ${roadmap.items.length} items`);
      return {
        ...ms(r),
        limitWhat: '`YAML.parseDocument` of the same files (already read)',
        note: `${fmt(entries.length)} entries, ${fmt(Math.round(bytes / 1024))} KB of JSON per update`,
      };
    },
  },
  {
    id: 'overview-keystroke',
    what: (i) =>
      `overview search or filter on ${fmt(i.roadmaps.n2.items)} items: query, group, lay out and find the window (slowest of 8)`,
    target: { text: `≤ ${OVERVIEW_KEYSTROKE_LIMIT_MS} ms per keystroke`, max: 1 },
    async measure(ctx) {
      const roadmap = await roadmapForLinks(ctx);
      const { buildOverviewEntries } = need(ctx.product, 'overviewEntries');
      const { queryOverview, EMPTY_QUERY } = need(ctx.product, 'overviewQuery');
      const { layoutRows, visibleRows } = need(ctx.product, 'overviewWindow');
      const entries = buildOverviewEntries(roadmap, { work: () => ({ branches: 0, commits: 0 }), isMine: () => false });
      const deep = entries[entries.length - 1];
      // What a user does: type a word letter by letter, an id, a miss, then filters and groupings.
      const queries = [
        { ...EMPTY_QUERY, text: 't' },
        { ...EMPTY_QUERY, text: 'ta' },
        { ...EMPTY_QUERY, text: 'tax' },
        { ...EMPTY_QUERY, text: deep.id },
        { ...EMPTY_QUERY, text: 'zzzz-none' },
        { ...EMPTY_QUERY, statuses: ['shipped'] },
        { ...EMPTY_QUERY, groupBy: 'epic' },
        { ...EMPTY_QUERY, groupBy: 'status', kinds: ['feature'] },
      ];
      const perQuery = queries.map(() => []);
      for (let round = 0; round < ctx.opts.warmup + ctx.opts.runs; round++) {
        queries.forEach((q, n) => {
          const t0 = performance.now();
          const result = queryOverview(entries, q);
          const layout = layoutRows(
            result.groups.map((g) => ({ key: g.key, size: g.members.length })),
            new Set(),
            3,
            { header: 40, cards: 132 },
          );
          visibleRows(layout, 0, 900, 3);
          if (round >= ctx.opts.warmup) perQuery[n].push(performance.now() - t0);
        });
      }
      const medians = perQuery.map(median);
      const worst = Math.max(...medians);
      return {
        median: worst,
        limit: OVERVIEW_KEYSTROKE_LIMIT_MS,
        ratio: worst / OVERVIEW_KEYSTROKE_LIMIT_MS,
        unit: 'ms',
        samples: perQuery[medians.indexOf(worst)],
        limitWhat: "the issue's bound for a keystroke or filter change",
        note:
          `all ${queries.length} (median of ${ctx.opts.runs}): ` +
          medians.map((m) => m.toFixed(2)).join(', ') +
          ' ms; in the page the DOM then holds one screenful of rows',
      };
    },
  },
  rollupRow({ coldIndexes, roadmapForLinks }),
  cacheSizeRow({ coldIndexes }),
  ...VSCODE_ROWS,
];
