// `npm run test:electron`: the same extension-host suite (test/e2e/suite) on desktop VS Code through
// @vscode/test-electron, for machines with internet (it downloads VS Code builds). By default it runs
// on the oldest VS Code that engines.vscode allows and on the newest stable, like the extensions we
// follow do. Offline, use `npm run test:e2e` (code-server); this script then fails with that advice.
//
// Options: --version V (repeatable; default: the engines.vscode minimum and `stable`)
// Env: VSCODE_EXECUTABLE=/path/to/code  runs an installed VS Code instead of downloading one.
// Linux without a display: run under `xvfb-run -a npm run test:electron`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { RESULTS_ENV, formatResults, type E2eResults } from './e2eResults';
import { loadCodeServerLib, loadSampleWorkspaceLib, repoRoot } from './harness';

const DOWNLOAD_IDLE_TIMEOUT_MS = 20_000;

function minimumVersion(root: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    engines?: { vscode?: string };
  };
  const match = /(\d+\.\d+\.\d+)/.exec(manifest.engines?.vscode ?? '');
  if (!match?.[1]) throw new Error('package.json has no engines.vscode version');
  return match[1];
}

function versionsFromArgs(argv: readonly string[], root: string): string[] {
  const versions: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--version' && argv[i + 1]) versions.push(argv[++i] as string);
    else throw new Error(`unknown option ${argv[i]} (use --version V)`);
  }
  return versions.length > 0 ? versions : [minimumVersion(root), 'stable'];
}

async function executableFor(version: string, root: string): Promise<string> {
  const installed = process.env['VSCODE_EXECUTABLE'];
  if (installed) return installed;
  try {
    return await downloadAndUnzipVSCode({
      version,
      cachePath: path.join(root, '.vscode-test'),
      timeout: DOWNLOAD_IDLE_TIMEOUT_MS,
    });
  } catch (err) {
    throw new Error(
      `could not download VS Code ${version} (${err instanceof Error ? err.message : String(err)}). ` +
        'test:electron needs internet access to update.code.visualstudio.com, or VSCODE_EXECUTABLE set to an installed VS Code. ' +
        'Offline, run the same suite in the real VS Code bundled by code-server: `npm run test:e2e`.',
    );
  }
}

async function runOne(version: string, root: string): Promise<boolean> {
  console.log(`\n=== VS Code ${version}`);
  const executable = await executableFor(version, root);
  const codeServer = await loadCodeServerLib();
  const sample = await loadSampleWorkspaceLib();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-lens-electron-'));
  try {
    const workspace = sample.createSampleWorkspace(path.join(tempDir, 'workspace')).dir;
    const userDataDir = path.join(tempDir, 'user-data');
    codeServer.writeUserSettings(userDataDir);
    const resultsFile = path.join(tempDir, 'results.json');
    let exitCode: number;
    try {
      exitCode = await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
        extensionTestsEnv: { [RESULTS_ENV]: resultsFile },
        launchArgs: [
          workspace,
          '--disable-extensions',
          `--user-data-dir=${userDataDir}`,
          `--extensions-dir=${path.join(tempDir, 'extensions')}`,
        ],
      });
    } catch (err) {
      // runTests rejects when VS Code exits non-zero: the suite's run() threw (failures) or VS Code crashed.
      console.error(`VS Code ${version}: ${err instanceof Error ? err.message : String(err)}`);
      exitCode = 1;
    }
    if (!fs.existsSync(resultsFile)) {
      console.error(`FAIL: VS Code ${version} ran no tests (no results written: the suite did not run)`);
      return false;
    }
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as E2eResults;
    console.log(`VS Code ${results.vscodeVersion}`);
    console.log(formatResults(results));
    return exitCode === 0 && !results.fatal && results.failures === 0 && results.passes > 0;
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js')))
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  let ok = true;
  for (const version of versionsFromArgs(process.argv.slice(2), root)) {
    ok = (await runOne(version, root)) && ok;
  }
  console.log(ok ? '\ntest:electron PASSED' : '\ntest:electron FAILED');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\ntest:electron FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
