#!/usr/bin/env node
// `npm run demo`: the extension in the real VS Code (code-server), on a sample workspace, no
// internet needed. Creates .demo/workspace afresh (see createSampleWorkspace.mjs), starts
// code-server on 127.0.0.1 (port $PORT, default 8080, or the next free one), prints the URL that
// loads the extension, and runs until Ctrl-C. Installs code-server first when it is missing.
//
// --folder PATH: open PATH (your own repository) instead of the sample; it is never modified by
// the demo itself. A relative PATH is read from the folder npm was run in (npm runs scripts from
// the package root, and tells us the caller's folder in INIT_CWD).
// --smoke: start, open the URL in headless Chromium, check the window is an Extension Development
// Host showing the roadmap tree (the sample's, or the first row of PATH's), save
// test-results/demo-smoke.png, stop. CI uses it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  ensureCodeServer,
  freePort,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './lib/codeServer.mjs';
import { createSampleWorkspace } from './createSampleWorkspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.join(root, '.demo');
const SAMPLE_GOAL = 'Grow repeat purchases';
const USAGE = 'usage: npm run demo [-- --folder PATH] [--smoke]';

function die(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}

/** `--smoke`, `--folder PATH` / `--folder=PATH`; anything else is a usage error (exit 2). */
export function parseDemoArgs(argv, cwd) {
  const options = { smoke: false, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--folder' || arg.startsWith('--folder=')) {
      const value = arg === '--folder' ? argv[++i] : arg.slice('--folder='.length);
      if (value === undefined || value === '') throw new Error(`--folder needs a path. ${USAGE}`);
      options.folder = path.resolve(cwd, value);
    } else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option ${JSON.stringify(arg)}. ${USAGE}`);
  }
  return options;
}

async function runSmoke(url, server, expectedRow) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, handleSIGINT: false });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForFunction("document.title.includes('[Extension Development Host]')", undefined, {
      timeout: 60_000,
    });
    console.log(`demo smoke: window title "${await page.title()}"`);
    const container = page.locator('.part.activitybar').getByRole('tab', { name: 'Roadmap', exact: true });
    await container.click({ timeout: 60_000 });
    // With a folder of your own, its roadmap is not known here: any first row will do, and a
    // folder without a roadmap shows the "No roadmap found" welcome instead.
    const row = page.locator(
      '.part.sidebar .monaco-list-row .label-name',
      expectedRow === undefined ? {} : { hasText: expectedRow },
    );
    const noRoadmap = page.locator('.part.sidebar .welcome-view-content', { hasText: 'No roadmap found' });
    const seen = expectedRow === undefined ? row.first().or(noRoadmap.first()) : row.first();
    await seen.first().waitFor({ state: 'visible', timeout: 60_000 });
    if (await row.first().isVisible()) {
      console.log(`demo smoke: the Roadmap tree shows "${(await row.first().innerText()).trim()}"`);
    } else {
      console.log('demo smoke: the Roadmap view says "No roadmap found" (the folder has no roadmap)');
    }
    const shot = path.join(root, 'test-results', 'demo-smoke.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    console.log(`demo smoke: screenshot ${path.relative(root, shot)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main() {
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2), process.env.INIT_CWD || process.cwd());
  } catch (err) {
    console.error(`demo: ${err.message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.folder !== undefined) {
    let stat;
    try {
      stat = fs.statSync(options.folder);
    } catch {
      die(`--folder ${options.folder} does not exist`);
    }
    if (!stat.isDirectory()) die(`--folder ${options.folder} is not a folder`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!fs.existsSync(path.join(root, manifest.main)))
    die(`${manifest.main} is missing: run \`npm run build\` (npm run demo does)`);

  let entry;
  try {
    entry = ensureCodeServer(root);
  } catch (err) {
    die(err.message);
  }

  // Fresh each time: a demo that starts from a known state. A folder of your own is opened as it is.
  for (const sub of ['workspace', 'user-data']) fs.rmSync(path.join(demoDir, sub), { recursive: true, force: true });
  const workspace = options.folder ?? createSampleWorkspace(path.join(demoDir, 'workspace')).dir;
  const userDataDir = path.join(demoDir, 'user-data');
  writeUserSettings(userDataDir);

  const requested = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(requested) || requested <= 0 || requested > 65535)
    die(`PORT=${process.env.PORT} is not a port number`);
  const port = await freePort(requested);
  if (port !== requested) console.log(`demo: port ${requested} is busy, using ${port}`);

  const server = await startCodeServer({
    entry,
    port,
    folder: workspace,
    userDataDir,
    extensionsDir: path.join(demoDir, 'extensions'),
    logFile: path.join(demoDir, 'code-server.log'),
  });
  const url = workbenchUrl({ port, folder: workspace, extensionDevelopmentPath: root });

  if (options.smoke) {
    await runSmoke(url, server, options.folder === undefined ? SAMPLE_GOAL : undefined);
    console.log('demo smoke: PASSED');
    return;
  }

  console.log(`
Roadmap Lens demo: the real VS Code (code-server) is running with the extension loaded.
${options.folder === undefined ? 'Sample workspace' : 'Folder'}: ${options.folder ?? path.relative(process.cwd(), workspace)}
Open this URL in a browser (the payload part loads the extension under development):

  ${url}

Open the "Roadmap" icon in the activity bar. Logs: ${path.relative(process.cwd(), path.join(demoDir, 'code-server.log'))}
Press Ctrl-C to stop.`);

  const stop = async () => {
    console.log('\ndemo: stopping code-server');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Notice when code-server dies on its own instead of waiting forever.
  const poll = setInterval(() => {
    if (server.hasExited()) {
      clearInterval(poll);
      die(`code-server exited (${server.exitInfo()}); see .demo/code-server.log`);
    }
  }, 1000);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => die(err instanceof Error ? (err.stack ?? err.message) : String(err)));
}
