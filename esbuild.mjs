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
 * The parsed-roadmap cache's parser build id (src/fs/parsedRoadmapCache.ts): a hash of the parser's
 * and the cache codec's own bundled code, the yaml library included, so any change to what a parse
 * produces is a new key and an old result is never read. Watch builds get none (their cache is off):
 * the code changes under them without a new id.
 */
async function parserBuildId() {
  if (watch) return '';
  const out = await esbuild.build({
    stdin: {
      contents:
        "export * from './src/core/roadmap/parseRoadmap'; export * from './src/core/indexFile/parsedRoadmapCodec';",
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
  define: { __ROADMAP_LENS_PARSER_BUILD__: JSON.stringify(await parserBuildId()) },
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
