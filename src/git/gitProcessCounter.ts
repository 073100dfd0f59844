// Process-wide count of git processes started: how the real-VS-Code run checks that activation
// itself starts no git work (bench row `vscode-activation`, e2e suite performance.test.ts).

let processesStarted = 0;

/** How many git processes every GitRunner in this process has started so far. */
export function gitProcessesStarted(): number {
  return processesStarted;
}

/** Called by the one place that spawns git (gitChildProcess.ts), once per process. */
export function countGitProcessStarted(): void {
  processesStarted++;
}
