// Two or more builds of the CLI on the same `why FILE`, alternately in one loop (bench/measure.mjs
// `compare`), with `node -e 0` in the same loop: how a change to the CLI was measured before and
// after (the machine is shared, so only builds timed in the same loop are compared). Wall and CPU
// (the process and its git children) are medians.
//
//   node bench/pairedWhy.mjs --repo DIR --file PATH [--rounds 21] [--cold | --fresh] BUILD_DIR_A/cli.js BUILD_DIR_B/cli.js …
//
// --cold: each call with `--no-cache` (no cache anywhere), against a `node` that reads and
// `YAML.parse`s roadmap.yaml as well as `node -e 0`.
// --fresh: the repository's cache (`.git/roadmap-lens/`) removed before each call, the user-level
// parsed-roadmap cache kept (the bench's "fresh clone" row), against `git blame --porcelain` of the
// file as well as `node -e 0`. It removes DIR/.git/roadmap-lens: give it a clone made for the purpose.
//
// Each build answers twice before the loop (its caches and code cache written), with one
// $XDG_CACHE_HOME shared by all builds (the parsed-roadmap cache is keyed by the parser's build).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compare, rawGit, runProcess } from './measure.mjs';

const { values, positionals } = parseArgs({
  options: {
    repo: { type: 'string' },
    file: { type: 'string' },
    rounds: { type: 'string', default: '21' },
    cold: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (!values.repo || !values.file || positionals.length === 0) {
  console.error('usage: node bench/pairedWhy.mjs --repo DIR --file PATH [--rounds N] [--cold] CLI_JS…');
  process.exit(2);
}
const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-paired-xdg-'));
process.on('exit', () => fs.rmSync(xdg, { recursive: true, force: true }));
const env = { ...process.env, XDG_CACHE_HOME: xdg };
delete env.ROADMAP_LENS_TRACE;

const node = (args) => () => runProcess(process.execPath, args, values.repo, env);
const why = (cli) => node([path.resolve(cli), 'why', values.file, '--json', ...(values.cold ? ['--no-cache'] : [])]);
const repoCache = path.join(values.repo, '.git', 'roadmap-lens');

// Untimed, before each call of a build (compare's `before`).
const before = (name) => {
  if (values.fresh && positionals.includes(name)) fs.rmSync(repoCache, { recursive: true, force: true });
};
const yaml = createRequire(import.meta.url).resolve('yaml');
const fns = {
  'node -e 0': node(['-e', '0']),
  ...(values.cold
    ? {
        'node + YAML.parse(roadmap.yaml)': node([
          '-e',
          'require(process.argv[1]).parse(require("fs").readFileSync("roadmap.yaml","utf8"))',
          yaml,
        ]),
      }
    : {}),
  ...(values.fresh
    ? { 'git blame --porcelain': () => rawGit(values.repo, ['blame', '--porcelain', '--', values.file]) }
    : {}),
  ...Object.fromEntries(positionals.map((cli) => [cli, why(cli)])),
};
for (const cli of positionals) for (let i = 0; i < 2; i++) await why(cli)();
const r = await compare(fns, { warmup: 0, runs: Number(values.rounds), before });
const base = r['node -e 0'].median;
for (const [name, m] of Object.entries(r)) {
  const cpu = m.cpu === undefined ? '' : `, CPU ${m.cpu.toFixed(0)} ms`;
  console.log(`${name}: wall ${m.median.toFixed(0)} ms (${(m.median / base).toFixed(2)} × node -e 0)${cpu}`);
}
const load = os.loadavg().map((l) => l.toFixed(2));
console.log(`${values.rounds} rounds, load average ${load.join(' / ')}`);
