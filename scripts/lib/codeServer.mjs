// Starting and stopping the real VS Code (code-server's bundled VS Code 1.100.3) for the
// extension-host tests, the UI tests and the demo. Shared so all three load the extension the
// same way: code-server's CLI rejects --extensionDevelopmentPath, so the development extension
// and the tests module travel in the workbench URL's `payload` instead.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Flags checked on these machines (see the offline notes): headless, no sandbox as root, no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** User settings for a throwaway profile: nothing pops up over the workbench, nothing phones home. */
export const TEST_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  // Tests check that unsaved buffers stay unsaved; never let the workbench save them on its own.
  'files.autoSave': 'off',
};

export function cacheDir() {
  return process.env.ROADMAP_LENS_CACHE || path.join(os.homedir(), '.cache', 'roadmap-lens');
}

export function codeServerEntry() {
  return path.join(
    cacheDir(),
    `code-server-${CODE_SERVER_VERSION}`,
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
}

function isInstalled() {
  const dir = path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  return fs.existsSync(path.join(dir, '.installed')) && fs.existsSync(codeServerEntry());
}

/**
 * Returns code-server's entry script, running scripts/setup-vscode.sh first when it is missing.
 * Throws with a message that says what to run when the install is impossible.
 */
export function ensureCodeServer(repoRoot, { log = console.log } = {}) {
  // setup-vscode.sh also installs Debian's chromium, so a missing default browser is its job too
  // (a CHROMIUM_PATH of your own is yours to fix). It is idempotent: installed parts are skipped.
  const browserMissing = !process.env.CHROMIUM_PATH && !fs.existsSync(CHROMIUM_PATH);
  if (!isInstalled() || browserMissing) {
    log(
      isInstalled()
        ? `Chromium is not installed at ${CHROMIUM_PATH}: running scripts/setup-vscode.sh`
        : `code-server ${CODE_SERVER_VERSION} is not installed in ${cacheDir()}: running scripts/setup-vscode.sh`,
    );
    const setup = spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup-vscode.sh')], { stdio: 'inherit' });
    if (setup.error || setup.status !== 0) {
      throw new Error(
        `Could not install the real VS Code (code-server ${CODE_SERVER_VERSION}): scripts/setup-vscode.sh ` +
          `${setup.error ? `could not start (${setup.error.message})` : `exited with ${setup.status}`}. ` +
          'It needs the npm registry and Debian packages (chromium, ripgrep, libkrb5-dev); run `bash scripts/setup-vscode.sh` to see why.',
      );
    }
    if (!isInstalled()) throw new Error(`scripts/setup-vscode.sh finished but ${codeServerEntry()} is still missing`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's \`chromium\` (scripts/setup-vscode.sh does) or set CHROMIUM_PATH.`,
    );
  }
  return codeServerEntry();
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free 127.0.0.1 port: `preferred` or the next free one after it, or any free one when none is given. */
export async function freePort(preferred) {
  if (preferred !== undefined) {
    for (let port = preferred; port < preferred + 100; port++) {
      if (await canListen(port)) return port;
    }
    throw new Error(`no free port in ${preferred}..${preferred + 99}`);
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Creates `<userDataDir>/User/settings.json` with the test settings plus `extra`. */
export function writeUserSettings(userDataDir, extra = {}) {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    `${JSON.stringify({ ...TEST_USER_SETTINGS, ...extra }, null, 2)}\n`,
  );
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers HTTP. Its output goes to `logFile`.
 * The returned `stop()` ends the whole process group (code-server, its server and extension hosts).
 */
export async function startCodeServer({
  entry,
  port,
  folder,
  userDataDir,
  extensionsDir,
  logFile,
  env = {},
  disableWorkspaceTrust = true,
  startTimeoutMs = 60_000,
}) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...(disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    folder,
  ];
  // detached: its own process group, so stop() reaches the server and extension hosts it spawns.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env },
  });
  fs.closeSync(out);
  let exited = false;
  let exitInfo = '';
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
  });
  child.once('error', (err) => {
    exited = true;
    exitInfo = err.message;
  });
  // Detached children outlive their parent: if this process ends without stop() (a crash, an
  // EPIPE when piped to `head`), take the group down with it. 'exit' handlers must be synchronous.
  const killOnExit = () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);

  async function stop() {
    process.removeListener('exit', killOnExit);
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = new Promise((resolve) => setTimeout(resolve, 5000));
    await Promise.race([exitedPromise, timer]);
    // The group may outlive the leader (extension hosts): make sure nothing is left.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited while starting (${exitInfo}). Last lines of ${logFile}:\n${tail(logFile)}`);
    }
    const status = await httpStatus(`${url}/healthz`);
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `code-server did not answer on ${url} within ${startTimeoutMs / 1000}s. Last lines of ${logFile}:\n${tail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    url,
    pid: child.pid,
    stop,
    hasExited: () => exited,
    exitInfo: () => exitInfo,
  };
}

/**
 * The workbench URL that opens `folder` (or, when given, the `.code-workspace` file `workspace`:
 * a multi-root window) with `extensionDevelopmentPath` loaded as a development extension and,
 * when given, `extensionTestsPath` run in the extension host. Paths are absolute paths on this
 * machine (the server side).
 */
export function workbenchUrl({ port, folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = workspace
    ? `http://127.0.0.1:${port}/?workspace=${encodeURIComponent(workspace)}`
    : `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
