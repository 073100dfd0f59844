// Timing helpers. Every comparison alternates the product and its limit run by run on the same
// input, so machine noise (other processes, CPU frequency) lands on both sides alike.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU milliseconds used so far by this process plus its waited-for children (git, the CLI and
 * their own children), from /proc/self/stat's cutime/cstime. On a loaded machine wall time
 * mostly measures the scheduler; CPU time still says how much work each side did.
 * Undefined where /proc is missing (then only wall time is reported).
 */
export function cpuNow() {
  const self = process.cpuUsage();
  let children;
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
  return (self.user + self.system) / 1000 + children;
}

export async function timeOnce(fn) {
  const cpu0 = cpuNow();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const cpu1 = cpuNow();
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

/**
 * Runs `warmup` untimed rounds, then `runs` timed rounds of each function, alternating.
 * `before` (untimed) prepares each round, e.g. adds the new commit an update is to index.
 * @returns {Promise<Record<string, {median: number, samples: number[], cpu: number | undefined}>>}  (cpu: median CPU ms)
 */
export async function compare(fns, { warmup, runs, before }) {
  const names = Object.keys(fns);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const name of names) {
      if (before) await before(name);
      const t = await timeOnce(fns[name]);
      if (round >= warmup) {
        samples[name].push(t.wall);
        if (t.cpu !== undefined) cpu[name].push(t.cpu);
      }
    }
  }
  return Object.fromEntries(
    names.map((n) => [
      n,
      {
        median: median(samples[n]),
        samples: samples[n],
        cpu: cpu[n].length === samples[n].length ? median(cpu[n]) : undefined,
      },
    ]),
  );
}

/**
 * The raw limit for a git call: spawn git, read all of stdout and throw it away. No shell, no
 * buffering of the output, so this is what git itself costs plus one process start.
 */
export function rawGit(cwd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(bytes) : reject(new Error(`git ${args.join(' ')} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

/** Runs a command to completion (for the CLI), failing on a non-zero exit. Returns stdout. */
export function runProcess(command, args, cwd, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code}: ${(stderr || stdout).trim().split('\n').slice(0, 3).join(' | ')}`,
          ),
        );
    });
  });
}

/**
 * A row whose limit is the cold index build of the same run (`cold`: that build's measurement):
 * reloading the saved index and rolling the roadmap up are judged as fractions of it.
 */
export function againstColdBuild(product, cold, note) {
  return { ...productVsLimit(product, cold), limitWhat: 'the cold build above', note };
}

/** A row's result from two compare() samples: the product's and its limit's medians, samples and CPU. */
export function productVsLimit(product, limit) {
  return {
    median: product.median,
    limit: limit.median,
    ratio: product.median / limit.median,
    unit: 'ms',
    samples: product.samples,
    limitSamples: limit.samples,
    cpu: product.cpu,
    limitCpu: limit.cpu,
    cpuRatio: product.cpu !== undefined && limit.cpu ? product.cpu / limit.cpu : undefined,
  };
}
