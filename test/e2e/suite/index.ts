// The extension-host test entry: VS Code calls `run()` inside the extension host once the
// development extension is loaded. The same module serves code-server (runCodeServer.ts) and
// @vscode/test-electron (runElectron.ts): it rejects when any test fails, and it also writes the
// results to the file named by RESULTS_ENV, which is how the code-server driver learns the outcome.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { GREP_ENV, MODE_ENV, RESULTS_ENV, type E2eResults, type E2eTestResult } from '../e2eResults';
import { recordedMetrics } from './metrics';

/**
 * The Restricted Mode and multi-root runs have their own suites (suite/restricted, suite/multiRoot);
 * the normal run reads only this folder's files, never those subfolders.
 */
function testFiles(): string[] {
  const mode = process.env[MODE_ENV];
  const dir =
    mode === 'restricted'
      ? path.join(__dirname, 'restricted')
      : mode === 'multi-root'
        ? path.join(__dirname, 'multiRoot')
        : __dirname;
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(dir, name));
}

function errorOf(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error)
    return err.stack === undefined ? { message: err.message } : { message: err.message, stack: err.stack };
  return { message: String(err) };
}

function writeResults(results: E2eResults): void {
  const file = process.env[RESULTS_ENV];
  if (!file) return;
  // Write then rename: the driver polls for the file and must never read half of it.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export async function run(): Promise<void> {
  const startedAt = new Date().toISOString();
  const tests: E2eTestResult[] = [];
  const finish = (fatal?: string): E2eResults => {
    const count = (state: E2eTestResult['state']): number => tests.filter((t) => t.state === state).length;
    const results: E2eResults = {
      vscodeVersion: vscode.version,
      startedAt,
      finishedAt: new Date().toISOString(),
      passes: count('passed'),
      failures: count('failed'),
      pending: count('pending'),
      tests,
      metrics: recordedMetrics(),
      ...(fatal === undefined ? {} : { fatal }),
    };
    writeResults(results);
    return results;
  };

  const grep = process.env[GREP_ENV];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  const files = testFiles();
  if (files.length === 0) {
    finish(`no *.test.js files in ${__dirname}`);
    throw new Error(`no *.test.js files in ${__dirname}`);
  }
  files.forEach((f) => mocha.addFile(f));

  let failures: number;
  try {
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (test) =>
        tests.push({ titlePath: test.titlePath(), state: 'passed', durationMs: test.duration ?? 0 }),
      );
      runner.on('pending', (test) => tests.push({ titlePath: test.titlePath(), state: 'pending', durationMs: 0 }));
      runner.on('fail', (test, err) =>
        tests.push({
          titlePath: test.titlePath(),
          state: 'failed',
          durationMs: test.duration ?? 0,
          error: errorOf(err),
        }),
      );
    });
  } catch (err) {
    // A test file that throws while loading ends up here, before any test ran.
    const { message } = errorOf(err);
    finish(`the suite could not run: ${message}`);
    throw err;
  }
  const results = finish(tests.length === 0 ? 'no tests ran (empty suite, or --grep matched nothing)' : undefined);
  if (results.fatal) throw new Error(results.fatal);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
