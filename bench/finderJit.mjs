// The symbol finder and V8's JIT, the experiments behind docs/performance.md "Symbol finder: what
// its row timed". Each runs in a fresh `node` (the JIT's state is the point):
//   node bench/finderJit.mjs curve --repo PATH --file F [--calls 40] [-- NODE_FLAGS]
//     per-call ms of the first calls on F (e.g. `-- --max-opt=1`: without the optimizing compiler)
//   node bench/finderJit.mjs gc --repo PATH --file F [--gcs 3] [-- NODE_FLAGS]
//     the finder warmed as the long-lived row warms it (symbolRows.mjs: the repository's files of F's
//     language, 600 ms or 40 passes), then forced major GCs
//     with the finder idle, then 4 calls on F (e.g. `-- --trace-deopt`: what the GC threw away)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadProductModules } from './productModules.mjs';
import { warmUp } from './symbolRows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const args = dash < 0 ? argv : argv.slice(0, dash);
const nodeFlags = dash < 0 ? [] : argv.slice(dash + 1);
const [mode] = args;
const flag = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const repo = flag('--repo');
const file = flag('--file');
if (!['curve', 'gc'].includes(mode) || !repo || !file)
  throw new Error(
    'usage: node bench/finderJit.mjs curve|gc --repo PATH --file F [--calls N] [--gcs N] [-- NODE_FLAGS]',
  );

const readLines = (f) => fs.readFileSync(path.join(repo, f), 'utf8').split(/\r?\n/);

if (process.env.FINDER_JIT_CHILD !== '1') {
  const flags = mode === 'gc' ? ['--expose-gc', ...nodeFlags] : nodeFlags;
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, FINDER_JIT_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}

const { mods } = await loadProductModules(root, path.join(root, 'bench', '.cache', 'modules'));
const { findSymbolsFresh } = mods.symbolRanges;
const lines = readLines(file);
const time = () => {
  const t = performance.now();
  findSymbolsFresh(file, lines);
  return (performance.now() - t).toFixed(2);
};
if (mode === 'curve') {
  const calls = Number(flag('--calls', '40'));
  console.log(`${file}: ms per call, calls 1–${calls}: ${Array.from({ length: calls }, time).join(' ')}`);
} else {
  // The bench row's own warm-up (symbolRows.mjs): the same state the long-lived row measures in.
  const warm = warmUp({ dir: repo, files: [{ path: file }] }, findSymbolsFresh);
  const gcs = Number(flag('--gcs', '3'));
  console.log(`--- warmed (${warm.files} files, ${warm.calls} calls); ${gcs} forced major GCs`);
  for (let i = 0; i < gcs; i++) globalThis.gc();
  console.log(`${file}: after ${gcs} GCs, ms per call: ${[time(), time(), time(), time()].join(' ')}`);
}
