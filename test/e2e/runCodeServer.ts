// `npm run test:e2e`: runs the extension inside the real VS Code (code-server 4.100.3 bundles
// VS Code 1.100.3), driven by headless Chromium, with no internet. Two phases:
//   api: the mocha suite in test/e2e/suite runs in the extension host (same suite as test:electron);
//        it writes its results to a file named in the environment, which this driver waits for.
//   ui:  mocha runs test/e2e/ui/*.test.js here, in Node, against the rendered workbench (Playwright).
// Exits non-zero on any failure, on zero tests, on a timeout, or when VS Code/Chromium cannot start.
//
//   restricted: a second code-server with workspace trust ON and the folder untrusted, a recording
//        fake `git` first on its PATH, and the suite in test/e2e/suite/restricted (see restrictedMode.ts).
//   multi-root: a third code-server on a `.code-workspace` with three folders (two roadmaps, two
//        repositories, one plain folder) and the suite in test/e2e/suite/multiRoot (see multiRootMode.ts).
//
// Options: --mode trusted|restricted|multi-root|all (default all: every run)
//          --phase api|ui|all (default all; phases of the trusted run)   --grep PATTERN   --extension PATH (default: repo root)
//          --timeout SECONDS (per phase; default 300, or $E2E_TIMEOUT_SECONDS)   --keep (keep the temp dir)
//          --workspace DIR (the api phase opens DIR instead of a fresh sample workspace: the bench
//          runs suite/performance.test.ts on its 100k-commit repository this way)
// Logs for debugging land in test-results/ (code-server output, browser console, VS Code logs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha from 'mocha';
import { chromium, type Browser } from 'playwright-core';
import { RESULTS_ENV, GREP_ENV, formatResults, type E2eResults } from './e2eResults';
import {
  loadCodeServerLib,
  loadSampleWorkspaceLib,
  repoRoot,
  type CodeServerHandle,
  type CodeServerLib,
  type SampleWorkspaceLib,
} from './harness';
import { configurationScopeWarnings } from './configurationWarnings';
import { prepareMultiRootRun } from './multiRootMode';
import { prepareRestrictedRun, serveTrustRequest } from './restrictedMode';
import { screenshotOpenWorkbenches, setUiContext } from './ui/workbench';

interface Options {
  mode: 'trusted' | 'restricted' | 'multi-root' | 'all';
  phase: 'api' | 'ui' | 'all';
  grep: string | undefined;
  extension: string | undefined;
  timeoutMs: number;
  keep: boolean;
  workspace: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const defaultSeconds = Number(process.env['E2E_TIMEOUT_SECONDS'] ?? 300);
  const opts: Options = {
    mode: 'all',
    phase: 'all',
    grep: undefined,
    extension: undefined,
    timeoutMs: defaultSeconds * 1000,
    keep: false,
    workspace: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--phase') {
      const phase = value();
      if (phase !== 'api' && phase !== 'ui' && phase !== 'all')
        throw new Error(`--phase must be api, ui or all, not ${phase}`);
      opts.phase = phase;
    } else if (arg === '--mode') {
      const mode = value();
      if (mode !== 'trusted' && mode !== 'restricted' && mode !== 'multi-root' && mode !== 'all') {
        throw new Error(`--mode must be trusted, restricted, multi-root or all, not ${mode}`);
      }
      opts.mode = mode;
    } else if (arg === '--grep') opts.grep = value();
    else if (arg === '--extension') opts.extension = path.resolve(value());
    else if (arg === '--timeout') opts.timeoutMs = Number(value()) * 1000;
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--workspace') opts.workspace = path.resolve(value());
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0)
    throw new Error('--timeout must be a positive number of seconds');
  return opts;
}

class E2eFailure extends Error {}

const started = Date.now();
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const section = (title: string): void => console.log(`\n=== ${title} [${elapsed()}]`);

// Everything that must be stopped, whatever happens.
let server: CodeServerHandle | undefined;
let restrictedServer: CodeServerHandle | undefined;
let multiRootServer: CodeServerHandle | undefined;
let browser: Browser | undefined;
let cleanedUp: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await restrictedServer?.stop();
    await multiRootServer?.stop();
  })();
  return cleanedUp;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForResults(
  file: string,
  deadline: number,
  host: CodeServerHandle | undefined = server,
): Promise<E2eResults> {
  for (;;) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eResults;
    if (host?.hasExited())
      throw new E2eFailure(`code-server exited during the extension-host tests (${host.exitInfo()})`);
    if (browser && !browser.isConnected()) throw new E2eFailure('Chromium went away during the extension-host tests');
    if (Date.now() > deadline) {
      throw new E2eFailure(
        `TIMEOUT: the extension-host suite wrote no results to ${file} in time. The extension or the suite may have ` +
          'failed to load: see test-results/e2e-browser-console.log and test-results/e2e-logs/ (exthost logs).',
      );
    }
    await sleep(250);
  }
}

function copyDir(from: string, to: string): void {
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const root = repoRoot();
  const extensionPath = opts.extension ?? root;
  const resultsDir = path.join(root, 'test-results');
  fs.rmSync(path.join(resultsDir, 'e2e-logs'), { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const consoleLogFile = path.join(resultsDir, 'e2e-browser-console.log');
  fs.writeFileSync(consoleLogFile, '');

  section('Checking the build');
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { main?: string };
  if (manifest.main && !fs.existsSync(path.join(extensionPath, manifest.main))) {
    throw new E2eFailure(`${path.join(extensionPath, manifest.main)} is missing: run \`npm run build\` first`);
  }
  const suiteIndex = path.join(__dirname, 'suite', 'index.js');
  if (!fs.existsSync(suiteIndex))
    throw new E2eFailure(`${suiteIndex} is missing: run \`npx tsc -p tsconfig.test.json\` first`);
  console.log(`extension: ${extensionPath}`);

  section('Real VS Code (code-server)');
  const codeServer = await loadCodeServerLib();
  const sample = await loadSampleWorkspaceLib();
  let entry: string;
  try {
    entry = codeServer.ensureCodeServer(root);
  } catch (err) {
    throw new E2eFailure(err instanceof Error ? err.message : String(err));
  }
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-lens-e2e-'));
  const userDataDir = path.join(tempDir, 'user-data');
  codeServer.writeUserSettings(userDataDir);
  const apiWorkspace = opts.workspace ?? sample.createSampleWorkspace(path.join(tempDir, 'api', 'acme-shop')).dir;
  const resultsFile = path.join(tempDir, 'api-results.json');
  const port = await codeServer.freePort();
  server = await codeServer.startCodeServer({
    entry,
    port,
    folder: apiWorkspace,
    userDataDir,
    extensionsDir: path.join(tempDir, 'extensions'),
    logFile: path.join(resultsDir, 'e2e-code-server.log'),
    // The extension host inherits code-server's environment: this is how the suite finds its settings.
    env: { [RESULTS_ENV]: resultsFile, ...(opts.grep ? { [GREP_ENV]: opts.grep } : {}) },
  });
  console.log(`code-server up on ${server.url} (pid ${server.pid}); temp dir ${tempDir}`);

  try {
    // Playwright's own signal handlers exit the process before code-server is stopped: ours do both.
    browser = await chromium.launch({
      executablePath: codeServer.CHROMIUM_PATH,
      args: [...codeServer.CHROMIUM_ARGS],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    throw new E2eFailure(
      `Chromium could not start (${codeServer.CHROMIUM_PATH}): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  console.log(`Chromium ${browser.version()} up`);

  let failed = false;
  const trustedRun = opts.mode === 'trusted' || opts.mode === 'all';
  if (trustedRun && opts.phase !== 'ui') {
    section('Extension-host tests (test/e2e/suite) in VS Code');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const deadline = Date.now() + opts.timeoutMs;
    page.on('console', (msg) => fs.appendFileSync(consoleLogFile, `[api] [${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => fs.appendFileSync(consoleLogFile, `[api] [pageerror] ${err.stack ?? err.message}\n`));
    await page.goto(
      codeServer.workbenchUrl({
        port,
        folder: apiWorkspace,
        extensionDevelopmentPath: extensionPath,
        extensionTestsPath: suiteIndex,
      }),
      {
        waitUntil: 'domcontentloaded',
        timeout: Math.max(deadline - Date.now(), 1000),
      },
    );
    let results: E2eResults;
    try {
      results = await waitForResults(resultsFile, deadline);
    } finally {
      await page.screenshot({ path: path.join(resultsDir, 'e2e-api-final.png') }).catch(() => undefined);
      await context.close();
    }
    fs.copyFileSync(resultsFile, path.join(resultsDir, 'e2e-api-results.json'));
    console.log(`VS Code ${results.vscodeVersion}`);
    console.log(formatResults(results));
    if (results.fatal || results.failures > 0 || results.passes === 0) {
      failed = true;
      console.log(
        results.passes === 0 && !results.fatal
          ? '\nFAIL: no extension-host test passed'
          : '\nFAIL: extension-host tests',
      );
    }
  }

  if (trustedRun && opts.phase !== 'api') {
    section('UI tests (test/e2e/ui) against the rendered workbench');
    setUiContext({
      browser,
      codeServer,
      sample,
      port,
      extensionDevelopmentPath: extensionPath,
      tempDir,
      screenshotDir: process.env['E2E_SCREENSHOT_DIR'] ?? path.join(root, 'media', 'screenshots'),
      consoleLogFile,
    });
    const uiDir = path.join(__dirname, 'ui');
    const files = fs
      .readdirSync(uiDir)
      .filter((f) => f.endsWith('.test.js'))
      .sort();
    if (files.length === 0) throw new E2eFailure(`no *.test.js files in ${uiDir}`);
    const mocha = new Mocha({
      ui: 'bdd',
      timeout: Math.min(120_000, opts.timeoutMs),
      color: false,
      ...(opts.grep ? { grep: opts.grep } : {}),
    });
    files.forEach((f) => mocha.addFile(path.join(uiDir, f)));
    mocha.suite.afterEach(async function () {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      const slug = test
        .fullTitle()
        .replace(/[^\w-]+/g, '-')
        .slice(0, 80);
      const shots = await screenshotOpenWorkbenches(path.join(resultsDir, `e2e-ui-failed-${slug}`));
      if (shots.length > 0) console.log(`      screenshot: ${shots.map((f) => path.relative(root, f)).join(', ')}`);
    });
    let timedOut = false;
    const { failures, tests } = await new Promise<{ failures: number; tests: number }>((resolve) => {
      const runner = mocha.run((count) => resolve({ failures: count, tests: runner.stats?.tests ?? 0 }));
      // Stops after the running test (bounded by mocha's own timeout); the watchdog covers the rest.
      const timer = setTimeout(() => {
        timedOut = true;
        runner.abort();
      }, opts.timeoutMs);
      runner.once('end', () => clearTimeout(timer));
    });
    if (timedOut) {
      failed = true;
      console.log(`\nFAIL: TIMEOUT: the UI tests did not finish in ${opts.timeoutMs / 1000}s (the rest were not run)`);
    } else if (failures > 0) {
      failed = true;
      console.log('\nFAIL: UI tests');
    } else if (tests === 0) {
      failed = true;
      console.log('\nFAIL: no UI test ran');
    }
  }

  if (opts.mode === 'restricted' || opts.mode === 'all') {
    section('Restricted Mode: workspace trust on, folder untrusted, recording fake git on PATH');
    const restricted = await runRestricted({
      codeServer,
      sample,
      entry,
      tempDir,
      extensionPath,
      suiteIndex,
      resultsDir,
      consoleLogFile,
      opts,
    });
    if (restricted) failed = true;
  }

  if (opts.mode === 'multi-root' || opts.mode === 'all') {
    section('Multi-root: a .code-workspace with two roadmap folders and one plain folder');
    const multiRoot = await runMultiRoot({
      codeServer,
      sample,
      entry,
      tempDir,
      extensionPath,
      suiteIndex,
      resultsDir,
      consoleLogFile,
      opts,
    });
    if (multiRoot) failed = true;
  }

  section('Stopping');
  await cleanup();
  copyDir(path.join(userDataDir, 'logs'), path.join(resultsDir, 'e2e-logs'));
  const scopeWarnings = configurationScopeWarnings(path.join(resultsDir, 'e2e-logs'));
  if (scopeWarnings.length > 0) {
    failed = true;
    console.log(
      `\nFAIL: VS Code warned ${scopeWarnings.length} times about Roadmap Lens (a setting read with the wrong scope, a selector without a scheme):`,
    );
    for (const line of [...new Set(scopeWarnings)].slice(0, 5)) console.log(`  ${line}`);
  }
  if (opts.keep || failed) console.log(`kept the temp dir for inspection: ${tempDir}`);
  else fs.rmSync(tempDir, { recursive: true, force: true });
  console.log(`logs: ${path.relative(process.cwd(), resultsDir) || resultsDir}/e2e-*`);
  console.log(failed ? `\nE2E FAILED [${elapsed()}]` : `\nE2E PASSED [${elapsed()}]`);
  return failed ? 1 : 0;
}

/** The Restricted Mode run (see restrictedMode.ts); returns true when it failed. */
async function runRestricted(ctx: {
  codeServer: CodeServerLib;
  sample: SampleWorkspaceLib;
  entry: string;
  tempDir: string;
  extensionPath: string;
  suiteIndex: string;
  resultsDir: string;
  consoleLogFile: string;
  opts: Options;
}): Promise<boolean> {
  if (!browser) throw new E2eFailure('Chromium is not running');
  const dir = path.join(ctx.tempDir, 'restricted');
  const setup = prepareRestrictedRun(dir);
  const userDataDir = path.join(dir, 'user-data');
  ctx.codeServer.writeUserSettings(userDataDir, setup.userSettings);
  const workspace = ctx.sample.createSampleWorkspace(path.join(dir, 'acme-shop')).dir;
  const resultsFile = path.join(dir, 'restricted-results.json');
  const port = await ctx.codeServer.freePort();
  restrictedServer = await ctx.codeServer.startCodeServer({
    entry: ctx.entry,
    port,
    folder: workspace,
    userDataDir,
    extensionsDir: path.join(dir, 'extensions'),
    logFile: path.join(ctx.resultsDir, 'e2e-restricted-code-server.log'),
    disableWorkspaceTrust: false,
    env: { ...setup.env, [RESULTS_ENV]: resultsFile, ...(ctx.opts.grep ? { [GREP_ENV]: ctx.opts.grep } : {}) },
  });
  console.log(
    `code-server (trust on) up on ${restrictedServer.url} (pid ${restrictedServer.pid}); git calls logged to ${setup.gitLog}`,
  );
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const deadline = Date.now() + ctx.opts.timeoutMs;
  page.on('console', (msg) => fs.appendFileSync(ctx.consoleLogFile, `[restricted] [${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) =>
    fs.appendFileSync(ctx.consoleLogFile, `[restricted] [pageerror] ${err.stack ?? err.message}\n`),
  );
  let results: E2eResults;
  try {
    await page.goto(
      ctx.codeServer.workbenchUrl({
        port,
        folder: workspace,
        extensionDevelopmentPath: ctx.extensionPath,
        extensionTestsPath: ctx.suiteIndex,
      }),
      {
        waitUntil: 'domcontentloaded',
        timeout: Math.max(deadline - Date.now(), 1000),
      },
    );
    const granting = serveTrustRequest(page, setup, () => fs.existsSync(resultsFile) || Date.now() > deadline);
    results = await waitForResults(resultsFile, deadline, restrictedServer);
    console.log(
      (await granting) ? 'trust granted through "Manage Workspace Trust" → "Trust"' : 'the suite did not ask for trust',
    );
  } finally {
    await page.screenshot({ path: path.join(ctx.resultsDir, 'e2e-restricted-final.png') }).catch(() => undefined);
    await context.close();
    await restrictedServer.stop();
  }
  fs.copyFileSync(resultsFile, path.join(ctx.resultsDir, 'e2e-restricted-results.json'));
  fs.copyFileSync(setup.gitLog, path.join(ctx.resultsDir, 'e2e-restricted-git-calls.log'));
  console.log(formatResults(results));
  const failed = Boolean(results.fatal) || results.failures > 0 || results.passes === 0;
  if (failed) console.log('\nFAIL: Restricted Mode tests');
  return failed;
}

/** The multi-root run (see multiRootMode.ts); returns true when it failed. */
async function runMultiRoot(ctx: Parameters<typeof runRestricted>[0]): Promise<boolean> {
  if (!browser) throw new E2eFailure('Chromium is not running');
  const dir = path.join(ctx.tempDir, 'multi-root');
  const setup = prepareMultiRootRun(dir, ctx.sample);
  const userDataDir = path.join(dir, 'user-data');
  ctx.codeServer.writeUserSettings(userDataDir);
  const resultsFile = path.join(dir, 'multi-root-results.json');
  const port = await ctx.codeServer.freePort();
  multiRootServer = await ctx.codeServer.startCodeServer({
    entry: ctx.entry,
    port,
    folder: setup.workspaceFile,
    userDataDir,
    extensionsDir: path.join(dir, 'extensions'),
    logFile: path.join(ctx.resultsDir, 'e2e-multi-root-code-server.log'),
    env: { ...setup.env, [RESULTS_ENV]: resultsFile, ...(ctx.opts.grep ? { [GREP_ENV]: ctx.opts.grep } : {}) },
  });
  console.log(
    `code-server up on ${multiRootServer.url} (pid ${multiRootServer.pid}); workspace ${setup.workspaceFile}`,
  );
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const deadline = Date.now() + ctx.opts.timeoutMs;
  page.on('console', (msg) => fs.appendFileSync(ctx.consoleLogFile, `[multi-root] [${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) =>
    fs.appendFileSync(ctx.consoleLogFile, `[multi-root] [pageerror] ${err.stack ?? err.message}\n`),
  );
  let results: E2eResults;
  try {
    const url = ctx.codeServer.workbenchUrl({
      port,
      folder: setup.folders.shop,
      workspace: setup.workspaceFile,
      extensionDevelopmentPath: ctx.extensionPath,
      extensionTestsPath: ctx.suiteIndex,
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(deadline - Date.now(), 1000) });
    results = await waitForResults(resultsFile, deadline, multiRootServer);
  } finally {
    await page.screenshot({ path: path.join(ctx.resultsDir, 'e2e-multi-root-final.png') }).catch(() => undefined);
    await context.close();
    await multiRootServer.stop();
  }
  copyDir(path.join(userDataDir, 'logs'), path.join(ctx.resultsDir, 'e2e-logs', 'multi-root'));
  fs.copyFileSync(resultsFile, path.join(ctx.resultsDir, 'e2e-multi-root-results.json'));
  console.log(formatResults(results));
  const failed = Boolean(results.fatal) || results.failures > 0 || results.passes === 0;
  if (failed) console.log('\nFAIL: multi-root tests');
  return failed;
}

let interrupted = false;

function fail(message: string): void {
  // After Ctrl-C, the errors of the work being torn down are noise.
  if (!interrupted) console.error(`\nE2E FAILED: ${message}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    fail(`interrupted by ${signal}`);
    interrupted = true;
    void cleanup().finally(() => process.exit(130));
  });
}

const watchdogMs = (() => {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const runs = (m: Options['mode']): number => (opts.mode === m || opts.mode === 'all' ? 1 : 0);
    return (
      (runs('trusted') * (opts.phase === 'all' ? 2 : 1) + runs('restricted') + runs('multi-root')) * opts.timeoutMs +
      90_000
    );
  } catch {
    return 660_000;
  }
})();
// The last resort when something hangs outside the waits that know the deadline (a stuck page, say).
const watchdog = setTimeout(() => {
  fail(`TIMEOUT: the run did not finish in ${watchdogMs / 1000}s`);
  void cleanup().finally(() => process.exit(1));
}, watchdogMs);
watchdog.unref();

main()
  .then(async (code) => {
    await cleanup();
    // Explicit: a stray handle (a page, a timer in a test) must not keep the run alive.
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    fail(err instanceof E2eFailure ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    await cleanup();
    process.exit(1);
  });
