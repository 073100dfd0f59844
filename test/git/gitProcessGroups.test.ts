// killRunningGitProcesses against real process groups. Each case runs in a node process of its own:
// the bug it guards against was a microtask livelock (the CLI spun at 100% CPU after Ctrl-C and
// never exited), which would freeze mocha's own timers too. The spawnSync timeout is a safety net
// that turns such a hang into a failed assertion; nothing here depends on how fast anything runs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const GROUPS = path.resolve(__dirname, '..', '..', 'src', 'git', 'gitProcessGroups.js');
const SAFETY_NET_MS = 45_000;
const posix = process.platform !== 'win32';

interface Outcome {
  readonly running: number;
  readonly groupAlive: boolean;
}

/** Runs `body` (a script with `groups`, `spawn` and `report(pid)` in scope) in a fresh node. */
function inChild(body: string): Outcome {
  const script = `
    const { spawn } = require('node:child_process');
    const groups = require(${JSON.stringify(GROUPS)});
    const fs = require('node:fs');
    // Members of group "pid" that are not zombies: a killed process finishes exiting a moment
    // after its pipes close, so this is polled (bounded) rather than read once.
    function liveMembers(pid) {
      return fs.readdirSync('/proc').filter((p) => {
        try {
          const stat = fs.readFileSync('/proc/' + p + '/stat', 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return Number(fields[2]) === pid && fields[0] !== 'Z';
        } catch { return false; }
      });
    }
    async function report(pid) {
      for (let i = 0; i < 1000 && liveMembers(pid).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      const groupAlive = liveMembers(pid).length > 0;
      process.stdout.write(JSON.stringify({ running: groups.runningGitProcesses(), groupAlive }));
      process.exit(0);
    }
    ${body}
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: SAFETY_NET_MS });
  assert.equal(r.signal, null, `the script did not finish (${r.signal}): killRunningGitProcesses never returned`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Outcome;
}

(posix ? describe : describe.skip)('git process groups (real processes)', () => {
  it('a git that exited while what it started still holds its pipes: its group is killed and the wait ends', () => {
    // `sh` stands in for git: it exits at once, and the `sleep` it left in its group keeps its
    // stdout open, so 'exit' comes but 'close' does not. This is how the CLI was caught spinning.
    const outcome = inChild(`
      const child = spawn('sh', ['-c', 'sleep 600 & exit 0'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      groups.trackGitProcess(child);
      child.once('exit', () => {
        groups.killRunningGitProcesses(500, true).then(() => report(child.pid));
      });
    `);
    assert.deepEqual(outcome, { running: 0, groupAlive: false });
  });

  it('a git that ignores SIGTERM is SIGKILLed after the grace time, with its group', () => {
    const outcome = inChild(`
      const child = spawn('sh', ['-c', 'trap "" TERM; sleep 600 & echo started; wait'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      groups.trackGitProcess(child);
      child.stdout.once('data', () => {
        groups.killRunningGitProcesses(300, true).then(() => report(child.pid));
      });
    `);
    assert.deepEqual(outcome, { running: 0, groupAlive: false });
  });

  it('after a final stop, a git started later is killed at once', () => {
    const outcome = inChild(`
      groups.killRunningGitProcesses(300, true).then(() => {
        const child = spawn('sh', ['-c', 'sleep 600'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        groups.trackGitProcess(child);
        child.once('close', () => report(child.pid));
      });
    `);
    assert.deepEqual(outcome, { running: 0, groupAlive: false });
  });
});
