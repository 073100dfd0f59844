// Profiles one product operation on the full bench inputs and prints where the time goes.
//   node bench/profile.mjs roadmap-load|commit-index-cold|commit-index-reload|attribution-warm|symbols [--quick]
//   node bench/profile.mjs attribution-warm|symbols|commit-index-cold --repo PATH --file F   (a real repository and its roadmap)
// Runs itself again under `node --cpu-prof`, then summarises the .cpuprofile by self time and by
// source file (the flame's widest frames); the profile stays in bench/.cache/profiles for DevTools.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  coldCommitIndex,
  commitLinker,
  deserializeCommitIndex,
  loadRoadmapIndex,
  warmAttribution,
} from './adapters.mjs';
import { ensureInputs } from './inputs.mjs';
import { loadProductModulesUnbundled } from './productModules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [what, ...flags] = process.argv.slice(2);
const quick = flags.includes('--quick');
const flag = (name) => {
  const at = flags.indexOf(name);
  return at >= 0 ? flags[at + 1] : undefined;
};
const repoDir = flag('--repo') && path.resolve(flag('--repo'));
const repoFile = flag('--file');
if ((repoDir === undefined) !== (repoFile === undefined)) throw new Error('--repo and --file go together');
/** The repository, roadmap folder and file an operation runs on: --repo/--file, else the bench's inputs. */
const target = (inputs) =>
  repoDir
    ? { repo: repoDir, roadmap: repoDir, file: repoFile }
    : { repo: inputs.repos.n2.dir, roadmap: inputs.roadmaps.n2.dir, file: inputs.blame.n2.path };
const profiles = path.join(root, 'bench', '.cache', 'profiles');

const OPERATIONS = {
  'roadmap-load': async (p, inputs) => {
    await loadRoadmapIndex(p, inputs.roadmaps.n2.dir);
  },
  'commit-index-cold': async (p, inputs) => {
    const t = target(inputs);
    const linker = commitLinker(p, await loadRoadmapIndex(p, t.roadmap));
    // A real repository's history is small: repeated, so its fixed costs show above the noise.
    for (let i = 0; i < (repoDir ? 30 : 1); i++) await coldCommitIndex(p, t.repo, linker);
  },
  'commit-index-reload': async (p, inputs) => {
    const linker = commitLinker(p, await loadRoadmapIndex(p, inputs.roadmaps.n2.dir));
    const text = (await coldCommitIndex(p, inputs.repos.n2.dir, linker)).serialize();
    for (let i = 0; i < 5; i++) deserializeCommitIndex(p, text, linker);
  },
  'attribution-warm': async (p, inputs) => {
    const t = target(inputs);
    const roadmap = await loadRoadmapIndex(p, t.roadmap);
    const index = await coldCommitIndex(p, t.repo, commitLinker(p, roadmap));
    const warm = await warmAttribution(p, t.repo, t.file, roadmap, index);
    await warm.prime();
    for (let i = 0; i < 20; i++) warm.run();
  },
  symbols: async (p, inputs) => {
    const t = target(inputs);
    const lines = fs.readFileSync(path.join(t.repo, t.file), 'utf8').split(/\r?\n/);
    const { symbolRanges, findSymbolsFresh } = p.mods.symbolRanges;
    for (let i = 0; i < 50; i++) (findSymbolsFresh ?? symbolRanges)(t.file, lines);
  },
};

function summarise(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byFile = new Map();
  for (const [id, ms] of self) {
    const cf = byId.get(id).callFrame;
    const source = cf.url
      ? cf.url.replace(/^.*\/(src|node_modules)\//, '$1/').replace(/^(src\/.*)\.js$/, '$1.ts')
      : '(native)';
    const key = `${cf.functionName || '(anonymous)'}  ${source}:${cf.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byFile.set(source, (byFile.get(source) ?? 0) + ms);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `total sampled ${total.toFixed(0)} ms`,
    'by self time:',
    ...top(byFunction, 25),
    'by file:',
    ...top(byFile, 12),
  ].join('\n');
}

async function main() {
  if (!(what in OPERATIONS))
    throw new Error(`usage: node bench/profile.mjs ${Object.keys(OPERATIONS).join('|')} [--quick]`);
  if (!process.execArgv.some((a) => a.startsWith('--cpu-prof'))) {
    fs.mkdirSync(profiles, { recursive: true });
    const name = `${what}-${Date.now()}.cpuprofile`;
    const r = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${profiles}`,
        `--cpu-prof-name=${name}`,
        fileURLToPath(import.meta.url),
        what,
        ...flags,
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
    process.stdout.write(`${summarise(path.join(profiles, name))}\nprofile: ${path.join(profiles, name)}\n`);
    return;
  }
  const inputs = repoDir
    ? undefined
    : await ensureInputs(path.join(root, 'bench', '.cache'), quick ? 'quick' : 'full', (l) =>
        process.stderr.write(`${l}\n`),
      );
  // Unbundled, one output file per source file, so frames name the product's own files.
  const product = await loadProductModulesUnbundled(root, path.join(root, 'bench', '.cache', 'src-cjs'));
  await OPERATIONS[what](product, inputs);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
