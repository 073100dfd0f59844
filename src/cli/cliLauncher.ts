// `roadmap-lens` as installed (dist/cli.js): a few KB that load the CLI's bundle (dist/cliMain.js,
// built from main.ts) with V8's code for it from the user's cache (fs/codeCache.ts), so a call does
// not compile ~700 KB of JavaScript again each time: node 20 has no compile cache of its own, and
// compiling was a third of a warm `why`'s own time (issue #13). Without a usable cache file it
// compiles as `require` would and writes one at exit, once the functions the call ran are compiled
// too. `--no-cache` neither reads nor writes it; the answer is the same either way.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { codeCacheDir, codeCacheFile, codeCacheKey, readCodeCache, runtimeId, writeCodeCache } from '../fs/codeCache';
import { userCacheRoot } from '../fs/repoCache';
import { trace } from './trace';

const MAIN = path.join(__dirname, 'cliMain.js');

type ModuleBody = (
  exports: unknown,
  require: NodeJS.Require,
  module: Module,
  filename: string,
  dirname: string,
) => void;

function launch(): void {
  const source = fs.readFileSync(MAIN);
  const useCache = !process.argv.includes('--no-cache');
  const key = codeCacheKey(source, runtimeId());
  const dir = codeCacheDir(userCacheRoot());
  const file = codeCacheFile(dir, key);
  const read = useCache ? readCodeCache(file, key) : undefined;
  const script = new vm.Script(Module.wrap(source.toString('utf8')), {
    filename: MAIN,
    ...(read?.kind === 'hit' ? { cachedData: read.data } : {}),
  });
  const state =
    read === undefined
      ? 'off'
      : read.kind === 'hit'
        ? script.cachedDataRejected === true
          ? 'rejected'
          : 'hit'
        : read.kind;
  trace(`code cache: ${state}${read?.kind === 'ignored' ? ` (${read.reason})` : ''}`);
  if (useCache && state !== 'hit') {
    process.once('exit', () => {
      const problem = writeCodeCache(dir, file, script.createCachedData(), key);
      trace(problem === undefined ? 'code cache: written' : `code cache: not written (${problem})`);
    });
  }
  const mod = new Module(MAIN, module);
  mod.filename = MAIN;
  const body = script.runInThisContext() as ModuleBody;
  body.call(mod.exports, mod.exports, Module.createRequire(MAIN), mod, MAIN, __dirname);
  mod.loaded = true;
  (mod.exports as { runCli: () => void }).runCli();
}

launch();
