#!/usr/bin/env node
// `npm run demo`: the extension in the real VS Code (code-server), on a sample workspace, no
// internet needed. Creates .demo/workspace afresh (see createSampleWorkspace.mjs), starts
// code-server on 127.0.0.1 (port $PORT, default 8080, or the next free one), prints the URL that
// loads the extension, and runs until Ctrl-C.
//
// --smoke: start, open the URL in headless Chromium, check the window is an Extension Development
// Host showing the sample roadmap's tree, save test-results/demo-smoke.png, stop. CI uses it.
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
const smoke = process.argv.includes('--smoke');
const demoDir = path.join(root, '.demo');

function die(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}

async function runSmoke(url, server) {
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
    const row = page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: 'Grow repeat purchases' });
    await row.first().waitFor({ state: 'visible', timeout: 60_000 });
    console.log('demo smoke: the Roadmap tree shows "Grow repeat purchases"');
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
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!fs.existsSync(path.join(root, manifest.main)))
    die(`${manifest.main} is missing: run \`npm run build\` (npm run demo does)`);

  let entry;
  try {
    entry = ensureCodeServer(root);
  } catch (err) {
    die(err.message);
  }

  // Fresh each time: a demo that starts from a known state.
  for (const sub of ['workspace', 'user-data']) fs.rmSync(path.join(demoDir, sub), { recursive: true, force: true });
  const workspace = createSampleWorkspace(path.join(demoDir, 'workspace')).dir;
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

  if (smoke) {
    await runSmoke(url, server);
    console.log('demo smoke: PASSED');
    return;
  }

  console.log(`
Roadmap Lens demo: the real VS Code (code-server) is running with the extension loaded.
Sample workspace: ${path.relative(process.cwd(), workspace) || workspace}
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

main().catch((err) => die(err instanceof Error ? (err.stack ?? err.message) : String(err)));
