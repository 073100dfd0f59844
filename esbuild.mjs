// Bundles the extension and the CLI. Types are checked separately by `tsc --noEmit`.
import { createHash } from 'node:crypto';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints problem-matcher-friendly start/end lines so VS Code tasks can track watch builds. */
const problemMatcherLog = {
  name: 'problem-matcher-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * A hash of the bundled code of `modules` (a cache of their results names the code that made them),
 * dependencies included, so any change to what that code produces is a new key and an old result is
 * never read. Watch builds get none (their caches are off): the code changes under them without a new id.
 */
async function buildId(modules) {
  if (watch) return '';
  const out = await esbuild.build({
    stdin: {
      contents: modules.map((m) => `export * from './${m}';`).join(' '),
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  return createHash('sha256').update(out.outputFiles[0].contents).digest('hex').slice(0, 32);
}

// The parsed-roadmap cache's parser build id (src/fs/parsedRoadmapCache.ts).
const parserBuildId = () => buildId(['src/core/roadmap/parseRoadmap', 'src/core/indexFile/parsedRoadmapCodec']);
// The symbol finder's answers are cached per file (src/fs/symbolStore.ts) under this id.
const symbolsBuildId = () => buildId(['src/core/attribution/symbolRanges', 'src/core/indexFile/symbolsCodec']);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcherLog],
  define: {
    __ROADMAP_LENS_PARSER_BUILD__: JSON.stringify(await parserBuildId()),
    __ROADMAP_LENS_SYMBOLS_BUILD__: JSON.stringify(await symbolsBuildId()),
  },
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // dist/cli.js is a small launcher: it loads dist/cliMain.js with V8's cached code (src/cli/cliLauncher.ts).
  { ...common, entryPoints: ['src/cli/cliLauncher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js' },
  // Roadmap files are parsed off the extension host's thread (src/roadmap/model/roadmapParser.ts).
  { ...common, entryPoints: ['src/roadmap/model/roadmapParseWorker.ts'], outfile: 'dist/roadmapParseWorker.js' },
  // The overview page's search, grouping and windowing: the same core code the exports use.
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    globalName: 'RoadmapLensOverview',
    entryPoints: ['src/core/overview/overviewBrowser.ts'],
    outfile: 'dist/overviewCore.js',
  },
];

const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
