// Every git process runs in a process group of its own (spawned detached on POSIX), so it can be
// killed together with anything it started, and a blocked git never outlives us: the CLI calls
// killRunningGitProcesses() on SIGINT/SIGTERM, the extension on deactivate. Without this, `setsid
// roadmap-lens report & kill -INT` left a git blocked on a FIFO running under PID 1.

import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
/** Set by a final stop (the CLI on a signal): a git started after it is killed at once. */
let stopped = false;

/** Whether git runs in its own process group (not on Windows, where `detached` opens a console). */
export const OWN_PROCESS_GROUP = process.platform !== 'win32';

/** Records a started git until it closes. */
export function trackGitProcess(child: ChildProcess): void {
  running.add(child);
  child.once('close', () => running.delete(child));
  child.once('error', () => running.delete(child));
  // The command goes on while its git is being killed and may start another one: that one must
  // not outlive us either (seen under load: a `for-each-ref` left under PID 1 after SIGINT).
  if (stopped) killGitProcessGroup(child, 'SIGKILL');
}

/**
 * Sends `signal` to git's whole process group (falls back to the process alone). A git that has
 * exited while something it started still holds its pipes ('close' not yet emitted) still has a
 * group to kill; its id cannot have been reused while a member of that group lives.
 */
export function killGitProcessGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (exited && !(OWN_PROCESS_GROUP && running.has(child))) return;
  if (OWN_PROCESS_GROUP && child.pid !== undefined) {
    try {
      process.kill(-child.pid, signal);
      return;
    } catch {
      // The group is gone already (or never formed): kill the process itself below.
    }
  }
  if (!exited) child.kill(signal);
}

/** How many git processes are running now (tests and the CLI's exit path). */
export function runningGitProcesses(): number {
  return running.size;
}

/** Settles when `child` is no longer tracked (closed, or failed to start), or after `ms`. */
function untrackedWithin(children: readonly ChildProcess[], ms: number): Promise<'closed' | 'late'> {
  const waits = children.map(
    (c) =>
      new Promise<void>((resolve) => {
        if (!running.has(c)) return resolve();
        c.once('close', () => resolve());
        c.once('error', () => resolve());
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  return Promise.race([Promise.all(waits).then(() => 'closed' as const), late]).finally(() => clearTimeout(timer));
}

/**
 * Kills every running git group (SIGTERM, so git removes its lock files), waits up to `graceMs`
 * for them to close, then SIGKILLs what is left and waits up to `graceMs` again. `final`: no git
 * started from now on lives (the process is about to exit), and those started meanwhile are
 * waited for too.
 *
 * Every wait is on a timer or a process event, never on a promise alone: a git that had exited
 * but not yet closed used to make each round end at once and start the next one in the same
 * microtask, so its 'close' never came and the CLI spun at 100% CPU after Ctrl-C.
 */
export async function killRunningGitProcesses(graceMs = 1000, final = false): Promise<void> {
  if (final) stopped = true;
  const children = [...running];
  if (children.length === 0) return;
  for (const c of children) killGitProcessGroup(c, 'SIGTERM');
  if ((await untrackedWithin(children, graceMs)) === 'late') {
    for (const c of children) killGitProcessGroup(c, 'SIGKILL');
    // SIGKILL cannot be caught; only a process stuck in the kernel outlives it, and we do not wait for that one forever.
    await untrackedWithin(children, graceMs);
  }
  // Started while the others closed (killed at once when `final`): wait for those too, never again for these.
  if (final && [...running].some((c) => !children.includes(c))) await killRunningGitProcesses(graceMs, final);
}
