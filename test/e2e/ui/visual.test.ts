// The item card, the roadmap overview and the Explorer badge as a user sees them in the real
// workbench: opened from the Command Palette, navigated with the keyboard (a breadcrumb button
// opens the parent's card through the page → extension message path), and screenshotted for README.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, waitUntil, type Workbench } from './workbench';

/** The content frame of the active webview (VS Code nests the page in two iframes). */
function activeWebview(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/** Keys pressed while a webview has focus go to its page: click the side bar's title first. */
async function focusWorkbench(wb: Workbench): Promise<void> {
  await wb.page.locator('.part.sidebar .composite.title').first().click();
}

async function pickFromPalette(wb: Workbench, command: string, item?: string): Promise<void> {
  await focusWorkbench(wb);
  await wb.page.keyboard.press('F1');
  const quick = wb.page.locator('.quick-input-widget');
  const input = quick.locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${command}`);
  await quick.locator('.monaco-list-row', { hasText: command }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
  if (item !== undefined) {
    await quick.locator('.monaco-list-row', { hasText: item }).first().waitFor({ state: 'visible' });
    await input.fill(item);
    await quick.locator('.monaco-list-row', { hasText: item }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
  }
  await quick.waitFor({ state: 'hidden' });
}

describe('workbench: item card, overview and badges', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    // The status bar names the current item once the roadmap and the repository are read; by then
    // the commands' `roadmapLens.hasRoadmap` context is set.
    await wb.page
      .locator('.part.statusbar', { hasText: 'SRCH-3 Typo-tolerant search' })
      .waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('opens an item card from the Command Palette and shows its why, metrics and linked work', async () => {
    await pickFromPalette(wb, 'Roadmap Lens: Open Item Card', 'One-click reorder');
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'CHK-12 · One-click reorder' })
      .waitFor({ state: 'visible' });
    const card = activeWebview(wb);
    await card.locator('h1', { hasText: 'One-click reorder' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(
      await card.locator('.why-text').innerText(),
      'Weekly grocery shoppers must rebuild the same cart every week.',
    );
    await card.locator('svg.metric-bar').waitFor({ state: 'visible' });
    await card
      .locator('.branch-list', { hasText: 'feature/chk-12-reorder' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    await wb.parkMouse();
    await wb.screenshot('item-card');
  });

  it('follows a breadcrumb with the keyboard to the parent card', async () => {
    const card = activeWebview(wb);
    const crumb = card.locator('nav.crumbs button', { hasText: 'Frictionless checkout' });
    await crumb.focus();
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'CHK · Frictionless checkout' })
      .waitFor({ state: 'visible' });
    await activeWebview(wb)
      .locator('h1', { hasText: 'Frictionless checkout' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    const children = await activeWebview(wb).locator('.child-list button').allInnerTexts();
    assert.deepEqual(children, ['Saved carts', 'One-click reorder', 'Express pay']);
  });

  it('shows the roadmap overview as a timeline and as a board', async () => {
    await pickFromPalette(wb, 'Roadmap Lens: Open Roadmap Overview');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'Roadmap Overview' }).waitFor({ state: 'visible' });
    const overview = activeWebview(wb);
    await overview.locator('.ov-group-title', { hasText: '2026-Q2' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await overview.locator('button.ov-card').count(), 11);
    await overview.locator('button[data-group="status"]').click();
    await activeWebview(wb)
      .locator('.ov-group-title', { hasText: 'In progress' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    await activeWebview(wb).locator('button.ov-card[data-item="CHK-15"]').click();
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'CHK-15 · Express pay' })
      .waitFor({ state: 'visible' });
  });

  it('contributes the getting-started walkthrough with its five steps', async () => {
    await focusWorkbench(wb);
    await wb.page.keyboard.press('F1');
    const quick = wb.page.locator('.quick-input-widget');
    await quick.locator('input').fill('>Welcome: Open Walkthrough');
    await quick.locator('.monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ state: 'visible' });
    await quick.locator('input').press('Enter');
    await quick
      .locator('.monaco-list-row', { hasText: 'Get started with Roadmap Lens' })
      .first()
      .waitFor({ state: 'visible' });
    await quick.locator('input').fill('Get started with Roadmap Lens');
    await quick.locator('input').press('Enter');
    const page = wb.page.locator('.gettingStartedContainer');
    await page
      .locator('.getting-started-category', { hasText: 'Get started with Roadmap Lens' })
      .or(page.locator('h2', { hasText: 'Get started with Roadmap Lens' }))
      .first()
      .waitFor({ state: 'visible' });
    for (const step of [
      'Create a roadmap',
      'Browse the roadmap',
      'Link your work',
      'See the why above your code',
      'Write with the roadmap',
    ]) {
      await page.locator('.getting-started-step', { hasText: step }).first().waitFor({ state: 'attached' });
    }
    await wb.parkMouse();
    await wb.screenshot('walkthrough');
  });

  it('marks the files of the current item in the Explorer', async () => {
    await wb.page.keyboard.press('Control+Shift+E');
    const sidebar = wb.page.locator('.part.sidebar');
    await sidebar.locator('.monaco-list-row', { hasText: 'src' }).first().waitFor({ state: 'visible' });
    await wb.expandTreeRow('src');
    await wb.expandTreeRow('search');
    const row = sidebar
      .locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: /^query\.ts$/ }) })
      .first();
    await row.waitFor({ state: 'visible' });
    // File decorations are drawn as CSS `::after` content on the label; read what the browser renders.
    // (Typed by hand: this project compiles without the DOM library.)
    type El = { querySelectorAll(selector: string): ArrayLike<El> };
    const badges = (): Promise<string> =>
      row.evaluate((el: El) => {
        const style = (globalThis as unknown as { getComputedStyle: (e: El, pseudo: string) => { content: string } })
          .getComputedStyle;
        return Array.from(el.querySelectorAll('*'))
          .map((e) => style(e, '::after').content)
          .filter((c) => c !== '' && c !== 'none' && c !== 'normal')
          .join('|');
      });
    await waitUntil('the ◆ badge on query.ts', async () => (await badges()).includes('◆'));
    // The tooltip reaches screen readers through the label's aria-label.
    const label = (await row.locator('.monaco-icon-label').first().getAttribute('aria-label')) ?? '';
    assert.match(label, /query\.ts • Touched by SRCH-3 Typo-tolerant search$/);
    await wb.parkMouse();
    await wb.screenshot('file-badges');
  });
});
