// The symbol finder's rows on a real repository, one pair per file, each against `git blame
// --porcelain` of the same file. The finder's cost depends on how warm V8's JIT is, and the product
// calls it in two ways (measured 2026-12-07, docs/performance.md "Symbol finder"):
// - the CLI's `why` calls it once per process, and the editor does on the first file it reads
//   without a language server: the first call pays for compiling the finder and runs in the
//   interpreter (`repo-symbols-first:FILE`, timed inside a fresh `node` with no code cache: the
//   editor's first file, or `why --no-cache`; other CLI calls load the bundle through the
//   launcher's code cache, and a warm one reads the symbol store instead);
// - the editor then calls it again for every other such file and for each new text of an edited
//   one, in one long-lived process: there its code is optimized (`repo-symbols:FILE`, after a
//   warm-up over the repository's files of that language).
// A loop of a few calls per file (the rows' old measurement) timed neither: calls 2–4 ran mostly
// unoptimized while TurboFan compiled the finder on the other core, and until the finder stopped
// making per-call maps, every major GC between two files threw its optimized code away again.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { need } from './adapters.mjs';
import { compare, median, productVsLimit, rawGit, runProcess } from './measure.mjs';

const fmt = (n) => n.toLocaleString('en-US');
/** Warm-up of the long-lived row: finder time spent, and at most this many passes over the files. */
const WARM_MS = 600;
const WARM_PASSES = 40;
/** Files read for the warm-up: at most this many bytes in all. */
const WARM_BYTES = 16 << 20;

const readLines = (dir, file) => fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/);

/** The finder afresh (symbolRanges keeps its last answers by content). */
function finder(product) {
  const { symbolRanges, findSymbolsFresh } = need(product, 'symbolRanges');
  return findSymbolsFresh ? (p, lines) => findSymbolsFresh(p, lines) ?? [] : symbolRanges;
}

/**
 * The editor's state after it has read files of this repository: the finder run over the tracked
 * files of the measured files' languages (the measured ones among them), pass after pass, until
 * WARM_MS of finder time. Once per bench process: every file row after it shares that JIT.
 */
export function warmUp(repo, find) {
  const exts = new Set(repo.files.map((f) => path.extname(f.path)));
  const tracked = execFileSync('git', ['-C', repo.dir, 'ls-files', '-z'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\0')
    .filter((f) => f && exts.has(path.extname(f)));
  const texts = [];
  let bytes = 0;
  for (const f of tracked) {
    const full = path.join(repo.dir, f);
    const size = fs.existsSync(full) ? fs.statSync(full).size : 0;
    if (size === 0 || bytes + size > WARM_BYTES) continue;
    bytes += size;
    texts.push([f, readLines(repo.dir, f)]);
  }
  let calls = 0;
  let passes = 0;
  const start = performance.now();
  while (passes < WARM_PASSES && performance.now() - start < WARM_MS && texts.length > 0) {
    for (const [f, lines] of texts) {
      find(f, lines);
      calls++;
    }
    passes++;
  }
  return { files: texts.length, calls, ms: performance.now() - start };
}

/** One call of the finder in a fresh `node` (the product's bundle loaded first, untimed): wall and CPU ms. */
const FIRST_CALL = `
const [bundle, file, rel] = process.argv.slice(1);
const { findSymbolsFresh, symbolRanges } = require(bundle).symbolRanges;
const lines = require('fs').readFileSync(file, 'utf8').split(/\\r?\\n/);
const find = findSymbolsFresh ?? symbolRanges;
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
find(rel, lines);
const wall = Number(process.hrtime.bigint() - t) / 1e6;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));
`;

const result = (product, limit, limitWhat, note) => ({ ...productVsLimit(product, limit), limitWhat, note });

const symbolsNote = (file, found) => {
  const methods = found.filter((s) => s.kind === 'method' || s.kind === 'function').length;
  return `${file.path}: ${found.length} symbols (${methods} methods/functions)`;
};

/** The two finder rows of one file; `once` shares work between the rows of one bench process. */
export function symbolRows(repo, file, once) {
  const label = `${file.path} (${fmt(file.lines)} lines)`;
  const target = { text: '≤ 0.1 × git blame', max: 0.1 };
  const limitWhat = 'raw `git blame --porcelain` of the file';
  return [
    {
      id: `repo-symbols:${file.path}`,
      what: () =>
        `${repo.name}: symbol finder on ${label}, in a long-lived process (the editor: its code already optimized)`,
      target,
      async measure(ctx) {
        const find = finder(ctx.product);
        const warm = await once('finder-warm-up', async () => warmUp(repo, find));
        const lines = readLines(repo.dir, file.path);
        let found = [];
        const r = await compare(
          {
            product: () => {
              found = find(file.path, lines);
            },
            limit: () => rawGit(repo.dir, ['blame', '--porcelain', '--', file.path]),
          },
          { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
        );
        return result(
          r.product,
          r.limit,
          limitWhat,
          `${symbolsNote(file, found)}; warmed first by ${fmt(warm.calls)} calls (${warm.ms.toFixed(0)} ms) over the repository's ${fmt(warm.files)} files of this language`,
        );
      },
    },
    {
      id: `repo-symbols-first:${file.path}`,
      what: () =>
        `${repo.name}: symbol finder on ${label}, first call in a fresh process, no code cache (the editor's first file, \`why --no-cache\`)`,
      target,
      async measure(ctx) {
        if (!ctx.product.bundle) need(ctx.product, 'symbolRanges');
        const calls = [];
        const r = await compare(
          {
            product: async () => {
              const out = await runProcess(
                process.execPath,
                ['-e', FIRST_CALL, ctx.product.bundle, path.join(repo.dir, file.path), file.path],
                repo.dir,
              );
              calls.push(JSON.parse(out));
            },
            limit: () => rawGit(repo.dir, ['blame', '--porcelain', '--', file.path]),
          },
          { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
        );
        // The call as timed inside the child, not the child's start (compare timed the whole process).
        const timed = calls.slice(calls.length - ctx.opts.runs);
        const product = {
          median: median(timed.map((c) => c.wall)),
          samples: timed.map((c) => c.wall),
          cpu: median(timed.map((c) => c.cpu)),
        };
        const found = finder(ctx.product)(file.path, readLines(repo.dir, file.path));
        return result(
          product,
          r.limit,
          limitWhat,
          `${symbolsNote(file, found)}; one call timed inside a new \`node\` that loaded the product first (CPU: all of that process's threads during the call)`,
        );
      },
    },
  ];
}
