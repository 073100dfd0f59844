// Two or more builds of the CLI on the same warm `why FILE`, alternately in one loop, with
// `node -e 0` in the same loop: how a change to the CLI was measured before and after (the machine
// is shared, so only builds timed in the same loop are compared). Wall time is the median; CPU is
// user + system of the process and its git children (from /usr/bin/time), the mean.
//
//   node bench/pairedWhy.mjs --repo DIR --file PATH [--rounds 21] [--cold] BUILD_DIR_A/cli.js BUILD_DIR_B/cli.js …
//
// --cold: each call with `--no-cache` (no cache anywhere), against a `node` that reads and
// `YAML.parse`s roadmap.yaml as well as `node -e 0`.
//
// Each build answers twice before the loop (its caches and code cache written), with its own
// $XDG_CACHE_HOME shared by all builds (the parsed-roadmap cache is keyed by the parser's build).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    repo: { type: 'string' },
    file: { type: 'string' },
    rounds: { type: 'string', default: '21' },
    cold: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (!values.repo || !values.file || positionals.length === 0 || !fs.existsSync('/usr/bin/time')) {
  console.error(
    'usage: node bench/pairedWhy.mjs --repo DIR --file PATH [--rounds N] [--cold] CLI_JS… (needs /usr/bin/time)',
  );
  process.exit(2);
}
const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-paired-xdg-'));
process.on('exit', () => fs.rmSync(xdg, { recursive: true, force: true }));
const env = { ...process.env, XDG_CACHE_HOME: xdg };
delete env.ROADMAP_LENS_TRACE;

/** [wall ms, CPU ms] of one `node ARGS` in the repository. */
function timed(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { cwd: values.repo, env });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: ${r.stderr.toString().trim()}`);
  const [user, sys] = r.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  return [wall, (user + sys) * 1000];
}

const builds = positionals.map((cli) => path.resolve(cli));
const why = (cli) => [cli, 'why', values.file, '--json', ...(values.cold ? ['--no-cache'] : [])];
for (const cli of builds) for (let i = 0; i < 2; i++) timed(why(cli));
const yaml = createRequire(import.meta.url).resolve('yaml');
const nodeYaml = {
  name: 'node + YAML.parse(roadmap.yaml)',
  args: ['-e', 'require(process.argv[1]).parse(require("fs").readFileSync("roadmap.yaml","utf8"))', yaml],
};
const rows = [
  { name: 'node -e 0', args: ['-e', '0'] },
  ...(values.cold ? [nodeYaml] : []),
  ...builds.map((cli) => ({ name: cli, args: why(cli) })),
];
for (const row of rows) Object.assign(row, { wall: [], cpu: [] });
for (let round = 0; round < Number(values.rounds); round++) {
  for (const row of rows) {
    const [wall, cpu] = timed(row.args);
    row.wall.push(wall);
    row.cpu.push(cpu);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const node = median(rows[0].wall);
for (const row of rows) {
  const wall = median(row.wall);
  console.log(
    `${row.name}: wall ${wall.toFixed(0)} ms (${(wall / node).toFixed(2)} × node -e 0), CPU ${mean(row.cpu).toFixed(0)} ms`,
  );
}
console.log(
  `${values.rounds} rounds, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`,
);
