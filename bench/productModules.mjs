// Loads the product's own modules for measurement, straight from src/ (bundled by esbuild, no type
// check, so a teammate's mid-edit type error does not stop the bench). A module that is missing or
// does not build is reported as such, and every row that needs it says "not measured".
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

export const MODULES = {
  parseRoadmap: 'src/core/roadmap/parseRoadmap.ts',
  roadmapIndex: 'src/core/roadmap/roadmapIndex.ts',
  loadRoadmap: 'src/cli/loadRoadmap.ts',
  gitRunner: 'src/git/gitRunner.ts',
  gitRepository: 'src/git/gitRepository.ts',
  gitLogParser: 'src/core/gitOutput/gitLogParser.ts',
  commitLinks: 'src/core/linking/commitLinks.ts',
  commitIndex: 'src/core/commitIndex/commitIndex.ts',
  commitIndexBuilder: 'src/core/commitIndex/commitIndexBuilder.ts',
  commitIndexService: 'src/git/commitIndexService.ts',
  currentWorkService: 'src/git/currentWorkService.ts',
  commitItemLinks: 'src/core/linking/commitItemLinks.ts',
  currentWork: 'src/core/linking/currentWork.ts',
  blameParser: 'src/core/gitOutput/blameParser.ts',
  blameRunner: 'src/git/blameRunner.ts',
  attribution: 'src/core/attribution/attribution.ts',
  blameCache: 'src/core/attribution/blameCache.ts',
  symbolRanges: 'src/core/attribution/symbolRanges.ts',
  workSummary: 'src/core/commitIndex/workSummary.ts',
  timeSlices: 'src/core/util/timeSlices.ts',
  parseTrackerExport: 'src/core/import/parseTrackerExport.ts',
  importMerge: 'src/core/import/importMerge.ts',
  itemCompletion: 'src/core/language/itemCompletion.ts',
  completionContext: 'src/core/language/completionContext.ts',
  overviewEntries: 'src/core/overview/overviewEntries.ts',
  overviewQuery: 'src/core/overview/overviewQuery.ts',
  overviewWindow: 'src/core/overview/overviewWindow.ts',
  rollup: 'src/core/rollup/rollup.ts',
  blameStore: 'src/fs/blameStore.ts',
  whyLinksStore: 'src/fs/whyLinksStore.ts',
  symbolStore: 'src/fs/symbolStore.ts',
};

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function bundle(root, names, outfile) {
  const entry = names.map((n) => `export * as ${n} from ${JSON.stringify(path.join(root, MODULES[n]))};`).join('\n');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'bench-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    // The raw limit uses this same yaml package: one copy, so both sides run the same parser code.
    external: ['vscode', 'yaml'],
    sourcemap: 'inline',
    logLevel: 'silent',
  });
}

/**
 * @returns {Promise<{ mods: Record<string, any>, problems: Record<string, string>, bundle: string | undefined }>}
 *   `mods[name]` is the module's exports; `problems[name]` says why a module is unavailable.
 */
export async function loadProductModules(root, cacheDir) {
  const problems = {};
  const present = [];
  for (const [name, rel] of Object.entries(MODULES)) {
    if (fs.existsSync(path.join(root, rel))) present.push(name);
    else problems[name] = `module missing (${rel})`;
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  // One bundle per bench process (named by pid): concurrent runs must not delete each other's.
  for (const old of fs.readdirSync(cacheDir)) {
    const pid = /^(?:product|probe)-(\d+)/.exec(old)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) fs.rmSync(path.join(cacheDir, old), { force: true });
  }
  const outfile = path.join(cacheDir, `product-${process.pid}.cjs`);
  let usable = present;
  try {
    await bundle(root, usable, outfile);
  } catch {
    // Find the modules that do not build on their own and leave them out.
    usable = [];
    for (const name of present) {
      try {
        await bundle(root, [name], path.join(cacheDir, `probe-${process.pid}-${name}.cjs`));
        usable.push(name);
      } catch (error) {
        problems[name] = `module does not build: ${String(error.message ?? error)
          .split('\n')
          .slice(0, 2)
          .join(' ')}`;
      }
    }
    if (usable.length > 0) await bundle(root, usable, outfile);
  }
  const mods = usable.length > 0 ? createRequire(import.meta.url)(outfile) : {};
  return { mods, problems, bundle: usable.length > 0 ? outfile : undefined };
}

/**
 * For profiling: every src/ file compiled on its own (no bundle), so profile frames name the
 * product's source file. Same `{ mods, problems }` shape as loadProductModules.
 */
export async function loadProductModulesUnbundled(root, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const walk = (dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
      );
  for (const file of walk(path.join(root, 'src'))) {
    const rel = path.relative(root, file);
    const out = path.join(outDir, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const { code } = await esbuild.transform(fs.readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcefile: file,
    });
    fs.writeFileSync(out, code);
  }
  const require = createRequire(import.meta.url);
  const mods = {};
  const problems = {};
  for (const [name, rel] of Object.entries(MODULES)) {
    try {
      mods[name] = require(path.join(outDir, rel.replace(/\.ts$/, '.js')));
    } catch (error) {
      problems[name] = `module missing or broken (${rel}): ${String(error.message).split('\n')[0]}`;
    }
  }
  return { mods, problems, bundle: undefined };
}
