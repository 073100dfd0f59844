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

/** Where this bundle's code is cached; undefined when no cache folder can be named (no home folder). */
function cacheLocation(source: Buffer): { key: Buffer; dir: string; file: string } | undefined {
  try {
    const key = codeCacheKey(source, runtimeId());
    const dir = codeCacheDir(userCacheRoot());
    return { key, dir, file: codeCacheFile(dir, key) };
  } catch {
    return undefined;
  }
}

function launch(): void {
  const source = fs.readFileSync(MAIN);
  const at = process.argv.includes('--no-cache') ? undefined : cacheLocation(source);
  const read = at ? readCodeCache(at.file, at.key) : undefined;
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
  if (at && state !== 'hit') {
    process.once('exit', () => {
      let problem: string | undefined;
      try {
        problem = writeCodeCache(at.dir, at.file, script.createCachedData(), at.key);
      } catch (e) {
        // Not being able to cache never fails the command.
        problem = e instanceof Error ? e.message : String(e);
      }
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
