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

/** Sends `signal` to git's whole process group (falls back to the process alone). */
export function killGitProcessGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (OWN_PROCESS_GROUP && child.pid !== undefined) {
    try {
      process.kill(-child.pid, signal);
      return;
    } catch {
      // The group is gone already (or never formed): kill the process itself below.
    }
  }
  child.kill(signal);
}

/** How many git processes are running now (tests and the CLI's exit path). */
export function runningGitProcesses(): number {
  return running.size;
}

/**
 * Kills every running git group (SIGTERM, so git removes its lock files), waits up to `graceMs`
 * for them to close, then SIGKILLs what is left. Resolves when none is running. `final`: no git
 * started from now on lives (the process is about to exit).
 */
export async function killRunningGitProcesses(graceMs = 1000, final = false): Promise<void> {
  if (final) stopped = true;
  const children = [...running];
  if (children.length === 0) return;
  const closed = children.map(
    (c) =>
      new Promise<void>((resolve) =>
        c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('close', () => resolve()),
      ),
  );
  for (const c of children) killGitProcessGroup(c, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'grace'>((resolve) => (timer = setTimeout(() => resolve('grace'), graceMs)));
  const first = await Promise.race([Promise.all(closed), grace]);
  if (timer) clearTimeout(timer);
  if (first === 'grace') {
    for (const c of children) killGitProcessGroup(c, 'SIGKILL');
    await Promise.all(closed);
  }
  // Started while the others closed (killed at once when `final`): wait for those too.
  if (final && running.size > 0) await killRunningGitProcesses(graceMs, final);
}
