// Builds the benchmark inputs once and caches them in bench/.cache (git-ignored). The folder name
// carries INPUT_VERSION and the sizes, so changing the generator or a size regenerates.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRoadmap } from './roadmapGen.mjs';
import { makeRepo, WORK_BRANCH, BASE_BRANCH } from './repoGen.mjs';

export const INPUT_VERSION = 'v5';

/**
 * Typical source files (issue #13: 34, 444 and 1,228 lines in a real repository), each touched by
 * commits over the whole history, so `why` on them is dominated by the fixed costs, not by blame.
 */
export const TYPICAL_FILES = [
  { path: 'src/typical/annotation-30.ts', lines: 30, touches: 6 },
  { path: 'src/typical/utility-400.ts', lines: 400, touches: 40 },
  { path: 'src/typical/service-1200.ts', lines: 1200, touches: 90 },
];

export const PROFILES = {
  full: { commits: 100_000, items: 10_000, lines: 10_000, lineTouches: 2_000 },
  quick: { commits: 500, items: 100, lines: 200, lineTouches: 40 },
};

function writeRoadmap(dir, roadmap) {
  for (const f of roadmap.files) {
    const file = path.join(dir, f.rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, f.text);
  }
  return roadmap.files.map((f) => path.join(dir, f.rel));
}

/**
 * @returns {Promise<{ dir: string, sizes: typeof PROFILES.full, roadmaps: Record<'n'|'n2', {dir: string, files: string[], bytes: number, items: number}>,
 *   repos: Record<'n'|'n2', {dir: string, commits: number, head: string}>, blame: Record<'n'|'n2', {path: string, lines: number, touches: number}>,
 *   workBranch: string, baseBranch: string, workItem: string }>}
 */
export async function ensureInputs(cacheRoot, profileName, log) {
  const sizes = PROFILES[profileName];
  const key = `${INPUT_VERSION}-${profileName}-${sizes.commits}c-${sizes.items}i-${sizes.lines}l-${sizes.lineTouches}t`;
  const dir = path.join(cacheRoot, key);
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) return JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  const half = (n) => Math.round(n / 2);
  const roadmaps = {};
  const generated = {};
  for (const [name, items] of [
    ['n', half(sizes.items)],
    ['n2', sizes.items],
  ]) {
    const roadmap = makeRoadmap(items);
    generated[name] = roadmap;
    const rdir = path.join(dir, `roadmap-${items}`);
    const files = writeRoadmap(rdir, roadmap);
    roadmaps[name] = {
      dir: rdir,
      files,
      items: roadmap.items.length,
      bytes: roadmap.files.reduce((s, f) => s + Buffer.byteLength(f.text), 0),
    };
  }
  const blame = {
    n: {
      path: `src/legacy/ledger-${half(sizes.lines)}.ts`,
      lines: half(sizes.lines),
      touches: half(sizes.lineTouches),
    },
    n2: { path: `src/legacy/ledger-${sizes.lines}.ts`, lines: sizes.lines, touches: sizes.lineTouches },
  };
  const repos = {};
  let workItem = '';
  for (const [name, commits] of [
    ['n2', sizes.commits],
    ['n', half(sizes.commits)],
  ]) {
    const rdir = path.join(dir, `repo-${commits}`);
    const started = Date.now();
    log(`generating ${commits}-commit repository in ${rdir} …`);
    // Both repositories carry the full-size roadmap, so growth in commits is measured alone.
    const result = await makeRepo(rdir, {
      commits,
      roadmap: generated.n2,
      blameFiles: name === 'n2' ? [blame.n, blame.n2, ...TYPICAL_FILES] : [],
    });
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    repos[name] = { dir: rdir, commits: result.commits, head: result.head };
    if (name === 'n2') workItem = result.workItem;
  }
  const manifest = {
    version: INPUT_VERSION,
    profile: profileName,
    dir,
    sizes,
    roadmaps,
    repos,
    blame,
    typical: TYPICAL_FILES,
    workBranch: WORK_BRANCH,
    baseBranch: BASE_BRANCH,
    workItem,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Work branch back to its generated tip, whatever an interrupted earlier run left behind. */
export function resetWorkBranch(inputs, which) {
  const repo = inputs.repos[which];
  execFileSync('git', ['update-ref', `refs/heads/${inputs.workBranch}`, repo.head], { cwd: repo.dir });
}
