// Process-wide counts of git processes: how many were started (how the real-VS-Code run checks that
// activation itself starts no git work: bench row `vscode-activation`, e2e suite
// performance.test.ts), and how many were asked for and are not started yet (a GitRunner call
// checks the repository's config and may run `git config` first), so a CLI command can let them
// start before it holds its thread with a long synchronous step (gitStartsSettled).

let processesStarted = 0;
let startsPending = 0;
let onSettled: (() => void)[] = [];

/** How many git processes every GitRunner in this process has started so far. */
export function gitProcessesStarted(): number {
  return processesStarted;
}

/** Called by the one place that spawns git (gitChildProcess.ts), once per process. */
export function countGitProcessStarted(): void {
  processesStarted++;
}

/**
 * Called by GitRunner around each call's start (trust, config checks, spawn): `+1` when it begins,
 * `-1` once git is spawned or the call failed before that.
 */
export function countGitStartPending(delta: 1 | -1): void {
  startsPending = Math.max(0, startsPending + delta);
  if (startsPending > 0) return;
  const waiting = onSettled;
  onSettled = [];
  for (const resolve of waiting) resolve();
}

/**
 * Resolves once no git call is between being asked for and being spawned, or after `maxMs`
 * whichever is first (never keeps the process alive, never rejects). `why` waits on this before it
 * parses a roadmap on its own thread: a call whose spawn waits on an I/O callback would otherwise
 * start only after the parse, and blame would no longer run alongside it (issue #13).
 */
export function gitStartsSettled(maxMs: number): Promise<void> {
  if (startsPending === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, maxMs);
    timer.unref();
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    onSettled.push(done);
  });
}
