// The contract between the extension-host suite (test/e2e/suite/index.ts) and the drivers.
// The suite runs in another process (the extension host), so results travel through a file whose
// path the driver puts in the environment of code-server / VS Code, which the host inherits.
// (The workbench URL's `extensionEnvironment` does not reach the host: see the offline notes.)

/** Absolute path where the suite writes its `E2eResults` JSON. */
export const RESULTS_ENV = 'ROADMAP_LENS_E2E_RESULTS';
/** Optional mocha `--grep` pattern for the extension-host suite. */
export const GREP_ENV = 'ROADMAP_LENS_E2E_GREP';
/**
 * `restricted`: the run with workspace trust on and the folder untrusted (suite in suite/restricted);
 * `multi-root`: the run on a `.code-workspace` with three folders (suite in suite/multiRoot).
 */
export const MODE_ENV = 'ROADMAP_LENS_E2E_MODE';
/** Restricted run: the file the recording fake `git` appends one line per call to. */
export const GIT_LOG_ENV = 'ROADMAP_LENS_E2E_GIT_LOG';
/** Restricted run: the suite creates this file to ask the driver to grant trust through the UI. */
export const TRUST_REQUEST_ENV = 'ROADMAP_LENS_E2E_TRUST_REQUEST';
/** Restricted run: the driver creates this file once it clicked "Trust". */
export const TRUST_GRANTED_ENV = 'ROADMAP_LENS_E2E_TRUST_GRANTED';

export interface E2eTestResult {
  /** Titles from the outermost `describe` to the test (or hook) itself. */
  readonly titlePath: readonly string[];
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: { readonly message: string; readonly stack?: string };
}

/** A measured number the suite reports (never asserts on): see suite/metrics.ts. */
export interface E2eMetric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

export interface E2eResults {
  readonly vscodeVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  readonly tests: readonly E2eTestResult[];
  readonly metrics?: readonly E2eMetric[];
  /** Set when the suite could not even run (no test files, a file that throws on load...). */
  readonly fatal?: string;
}

const MAX_MESSAGE_LINES = 25;

/** Spec-reporter-like lines: one per test, then the failures with their messages and stacks. */
export function formatResults(results: E2eResults): string {
  const lines: string[] = [];
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'failed' ? '  ✘' : '  -';
    const suffix = t.state === 'pending' ? ' (pending)' : ` (${t.durationMs}ms)`;
    lines.push(`${mark} ${t.titlePath.join(' › ')}${suffix}`);
  }
  lines.push('', `  ${results.passes} passing, ${results.failures} failing, ${results.pending} pending`);
  const failed = results.tests.filter((t) => t.state === 'failed');
  failed.forEach((t, i) => {
    lines.push('', `  ${i + 1}) ${t.titlePath.join(' › ')}`);
    // Long assertion diffs drown the summary: the whole message stays in the results JSON.
    const message = (t.error?.message ?? '(no message)').split('\n');
    lines.push(...message.slice(0, MAX_MESSAGE_LINES).map((l) => `     ${l}`));
    if (message.length > MAX_MESSAGE_LINES)
      lines.push(`     … ${message.length - MAX_MESSAGE_LINES} more lines in the results JSON`);
    // The stack repeats the message (assert's diffs span lines): keep only its frames.
    const frames = (t.error?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
    lines.push(...frames.slice(0, 6).map((l) => `     ${l.trim()}`));
  });
  if (results.metrics && results.metrics.length > 0) {
    lines.push('', '  measured (reported, not asserted):');
    for (const m of results.metrics)
      lines.push(
        `    ${m.name}: ${Number.isInteger(m.value) ? m.value : m.value.toFixed(1)} ${m.unit}${m.note ? ` (${m.note})` : ''}`,
      );
  }
  if (results.fatal) lines.push('', `  FATAL: ${results.fatal}`);
  return lines.join('\n');
}
