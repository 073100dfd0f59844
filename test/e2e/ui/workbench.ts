// Helpers for UI tests that drive the real workbench (code-server's VS Code in headless Chromium).
// The UI phase of runCodeServer.ts calls `setUiContext()` before loading `ui/*.test.js`; tests then
// call `openWorkbench()` for a fresh copy of the sample workspace in a fresh browser context.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { CodeServerLib, SampleWorkspaceLib } from '../harness';

export interface UiContext {
  readonly browser: Browser;
  readonly codeServer: CodeServerLib;
  readonly sample: SampleWorkspaceLib;
  readonly port: number;
  readonly extensionDevelopmentPath: string;
  /** Fresh workspaces are created under here. */
  readonly tempDir: string;
  readonly screenshotDir: string;
  readonly consoleLogFile: string;
}

let context: UiContext | undefined;
let workspaceCount = 0;
const openWorkbenches = new Set<Workbench>();

export function setUiContext(ctx: UiContext): void {
  context = ctx;
}

export function uiContext(): UiContext {
  if (!context) throw new Error('UI tests run only from the driver: npm run test:e2e (out/test/e2e/runCodeServer.js)');
  return context;
}

/** A new copy of the sample workspace (see scripts/createSampleWorkspace.mjs for its ids). */
export function freshSampleWorkspace(): string {
  const ctx = uiContext();
  workspaceCount++;
  // Named like the product so window titles in the README screenshots read naturally.
  return ctx.sample.createSampleWorkspace(path.join(ctx.tempDir, `ui-${workspaceCount}`, 'acme-shop')).dir;
}

const READY_TIMEOUT_MS = 60_000;

/** Polls `check` until it returns true; for DOM state that Playwright's waitFor cannot express. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly folder: string,
    private readonly browserContext: BrowserContext,
    private readonly screenshotDir: string,
  ) {}

  /** Opens the workbench on `folder` with the extension under development loaded; waits until it is usable. */
  static async open(folder: string): Promise<Workbench> {
    const ctx = uiContext();
    const browserContext = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await browserContext.newPage();
    const tag = path.basename(folder);
    page.on('console', (msg) => fs.appendFileSync(ctx.consoleLogFile, `[ui ${tag}] [${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) =>
      fs.appendFileSync(ctx.consoleLogFile, `[ui ${tag}] [pageerror] ${err.stack ?? err.message}\n`),
    );
    const url = ctx.codeServer.workbenchUrl({
      port: ctx.port,
      folder,
      extensionDevelopmentPath: ctx.extensionDevelopmentPath,
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: READY_TIMEOUT_MS });
    const workbench = new Workbench(page, folder, browserContext, ctx.screenshotDir);
    openWorkbenches.add(workbench);
    await workbench.waitReady();
    return workbench;
  }

  async close(): Promise<void> {
    openWorkbenches.delete(this);
    await this.browserContext.close();
  }

  /** The workbench is drawn, the status bar is up, and the window is an Extension Development Host. */
  async waitReady(): Promise<void> {
    await this.page
      .locator('.monaco-workbench .part.activitybar')
      .waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
    await this.page
      .locator('.monaco-workbench .part.statusbar')
      .waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
    // A string, not a function: this project compiles without the DOM library.
    await this.page.waitForFunction("document.title.includes('[Extension Development Host]')", undefined, {
      timeout: READY_TIMEOUT_MS,
    });
  }

  /** The activity-bar entry of a view container, by its title (e.g. "Explorer", "Roadmap"). */
  activityBarItem(title: string): Locator {
    return this.page.locator('.part.activitybar').getByRole('tab', { name: title, exact: true });
  }

  /** Shows the view container `title` in the side bar (clicking its activity-bar entry only when it is not shown yet). */
  async openView(title: string): Promise<Locator> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    const sidebar = this.page.locator('.part.sidebar');
    await sidebar.waitFor({ state: 'visible' });
    return sidebar;
  }

  /** The rows of the tree(s) shown in the side bar. */
  sidebarTreeRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row');
  }

  /** The side-bar tree row whose label is exactly `label`. */
  treeRow(label: string): Locator {
    return this.sidebarTreeRows().filter({ has: this.page.locator('.label-name', { hasText: label }) });
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command by its palette title (e.g. "Roadmap Lens: Refresh") through F1. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await input.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file by its path relative to the folder, through Quick Open. */
  async openFile(relPath: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relPath);
    await this.quickInput()
      .locator('.monaco-list-row', { hasText: path.basename(relPath) })
      .first()
      .waitFor({ state: 'visible' });
    await input.press('Enter');
    await this.page
      .locator('.tabs-container .tab.active', { hasText: path.basename(relPath) })
      .waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Moves the cursor of the active editor to a 1-based line and column (as shown in the status bar). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  /**
   * Shows the editor hover at a 1-based line/column of a file (keyboard "Show or Focus Hover",
   * which asks the same hover providers as the mouse) and returns the hover widget. With `expected`,
   * waits until the hover contains it, showing the hover again if it was computed before the
   * providers had the data (the first hover after start-up may hold only the link part).
   */
  async hoverAt(relPath: string, line: number, column: number, expected?: string | RegExp): Promise<Locator> {
    await this.openFile(relPath);
    await this.goTo(line, column);
    const visibleHover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)');
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      const hover = expected === undefined ? visibleHover.first() : visibleHover.filter({ hasText: expected }).first();
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        return hover;
      } catch (err) {
        if (Date.now() > deadline) {
          const seen = await visibleHover.allInnerTexts().catch(() => []);
          throw new Error(
            `no hover${expected === undefined ? '' : ` containing ${String(expected)}`} at ${relPath}:${line}:${column}; visible hovers: ${JSON.stringify(seen)}`,
            { cause: err },
          );
        }
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Expands a collapsed side-bar tree row (found by its label) and returns it. */
  async expandTreeRow(label: string): Promise<Locator> {
    const row = this.treeRow(label).first();
    await row.waitFor({ state: 'visible' });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await waitUntil(`"${label}" expanded`, async () => (await row.getAttribute('aria-expanded')) === 'true');
    }
    return row;
  }

  /** Makes the side bar `width` pixels wide by dragging its sash, so tree descriptions are not cut off. */
  async setSidebarWidth(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('the side bar is not shown');
    const edge = box.x + box.width;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(edge - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Opens the Problems panel and returns its rows (one per file and one per problem). */
  async openProblems(): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    return panel.locator('.monaco-list-row');
  }

  /** Moves the mouse off anything with a hover (tooltips spoil screenshots). */
  async parkMouse(): Promise<void> {
    const box = await this.page.locator('.part.editor').boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width - 5, box.y + box.height - 5);
  }

  /** Saves a PNG of the whole workbench to the screenshot folder (media/screenshots by default). */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.screenshotDir, { recursive: true });
    const file = path.join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** Opens a workbench on a fresh copy of the sample workspace (or on `folder`). */
export async function openWorkbench(folder: string = freshSampleWorkspace()): Promise<Workbench> {
  return Workbench.open(folder);
}

/** Screenshots every workbench still open to `<prefix>-<n>.png` (the driver calls it when a UI test fails). */
export async function screenshotOpenWorkbenches(prefix: string): Promise<string[]> {
  const files: string[] = [];
  let n = 0;
  for (const wb of openWorkbenches) {
    const file = `${prefix}-${++n}.png`;
    await wb.page.screenshot({ path: file }).then(
      () => files.push(file),
      () => undefined,
    );
  }
  return files;
}
