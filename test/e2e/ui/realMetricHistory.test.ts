// Metric history on a real repository, for checks by hand (nobody wrote its roadmap for the tests):
//   RL_REAL_REPO=/tmp/clone-with-metric-commits RL_REAL_CARD="A dependable library" \
//     node out/test/e2e/runCodeServer.js --mode trusted --phase ui --grep "real repository's metric history"
// opens the folder, the card of the item whose title matches RL_REAL_CARD, waits for its metric
// history (sparkline and dated values) and saves test-results/real-metric-history.png.
// Skipped without the variables.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { openWorkbench, waitUntil, type Workbench } from './workbench';

describe("a real repository's metric history, rendered", function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('draws the sparkline with dates on the item card', async function () {
    const repo = process.env['RL_REAL_REPO'];
    const title = process.env['RL_REAL_CARD'];
    if (!repo || !title) this.skip();
    wb = await openWorkbench(repo);
    const page = wb.page;
    const quick = page.locator('.quick-input-widget');
    const input = quick.locator('input');
    const command = quick.locator('.monaco-list-row', { hasText: 'Roadmap Lens: Open Item Card' }).first();
    // The command shows once the roadmap is read (its context key): reopen the palette until it does.
    await waitUntil(
      'Open Item Card in the Command Palette',
      async () => {
        await page.keyboard.press('Escape');
        await page.locator('.part.sidebar .composite.title').first().click();
        await page.keyboard.press('F1');
        await input.fill('>Roadmap Lens: Open Item Card');
        return command.waitFor({ state: 'visible', timeout: 5_000 }).then(
          () => true,
          () => false,
        );
      },
      240_000,
    );
    await input.press('Enter');
    await input.fill(title);
    await quick.locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 120_000 });
    await input.press('Enter');
    const card = page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
    const history = card.locator('.metric-history').first();
    await history.waitFor({ state: 'visible', timeout: 240_000 });
    const text = (await history.innerText()).replace(/\s+/g, ' ');
    console.log(`      metric history on the card: ${text}`);
    assert.ok(/\d{4}-\d\d-\d\d/.test(text));
    await card.locator('svg.sparkline').first().waitFor({ state: 'visible' });
    await wb.parkMouse();
    const shot = await page.screenshot({ path: path.join(process.cwd(), 'test-results', 'real-metric-history.png') });
    assert.ok(shot.length > 0);
  });
});
