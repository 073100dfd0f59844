// Current work as a user sees it: the status bar entry and the Work section in the Roadmap tree,
// read from the rendered workbench (the sample workspace starts on feature/srch-3-typo-tolerance).
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('current work, rendered', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the current item in the status bar', async () => {
    const entry = wb.page
      .locator('.part.statusbar .statusbar-item', { hasText: 'SRCH-3 Typo-tolerant search' })
      .first();
    await entry.waitFor({ state: 'visible' });
    // The `$(target)` icon renders as a codicon, not as text.
    assert.equal(await entry.locator('.codicon-target').count(), 1);
    assert.doesNotMatch(await entry.innerText(), /\$\(/);
  });

  it('marks the current item in the tree and lists its work', async () => {
    await wb.openView('Roadmap');
    await wb.setSidebarWidth(520);
    await wb.expandTreeRow('Better product discovery');
    await wb.expandTreeRow('Search that forgives typos');
    const item = await wb.expandTreeRow('Typo-tolerant search');
    // The current item's row carries the decoration (badge and colour, drawn by CSS) and says so to screen readers.
    await item.locator('[class*="monaco-decoration"]').first().waitFor({ state: 'attached' });
    assert.match((await item.getAttribute('aria-label')) ?? '', /, current work$/);
    const work = wb.treeRow('Work').first();
    await work.waitFor({ state: 'visible' });
    assert.match(await work.innerText(), /1 branch · 3 recent commits/);
    await wb.treeRow('feature/srch-3-typo-tolerance').first().waitFor({ state: 'visible' });
    await wb.treeRow('Treat swapped letters as one typo').first().waitFor({ state: 'visible' });
    await wb.parkMouse();
    await wb.screenshot('current-work');
  });
});
