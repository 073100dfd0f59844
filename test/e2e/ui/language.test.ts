// Writing with the roadmap, as the user sees it (Playwright, real workbench): completion of ids
// in a code comment, and the current line's item and why at the end of the line. Writes the
// screenshots docs/language.md shows.
import * as assert from 'node:assert/strict';
import { openWorkbench, waitUntil, type Workbench } from './workbench';

describe('writing with the roadmap, rendered', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.close();
  });

  it("shows the current line's item and why at the end of the line", async () => {
    await wb.openFile('src/search/query.ts');
    // Line 7 is `// SRCH-3: typo-tolerant matching…` (scripts/createSampleWorkspace.mjs).
    await wb.goTo(7, 1);
    // Decorations are drawn as text or as CSS `::after` content; read what the browser renders.
    // (Typed by hand: this project compiles without the DOM library.)
    type El = { querySelectorAll(selector: string): ArrayLike<El>; textContent: string | null };
    const endOfLine = (): Promise<string[]> =>
      wb.page
        .locator('.monaco-editor .view-lines')
        .first()
        .evaluate((root: El) => {
          const style = (globalThis as unknown as { getComputedStyle: (e: El, pseudo: string) => { content: string } })
            .getComputedStyle;
          const out: string[] = [];
          for (const el of Array.from(root.querySelectorAll('span'))) {
            const after = style(el, '::after').content;
            const text = after && after !== 'none' && after !== 'normal' ? after : (el.textContent ?? '');
            if (/^"?SRCH-3 · /.test(text)) out.push(text);
          }
          return out;
        });
    await waitUntil('the end-of-line text', async () => (await endOfLine()).length > 0, 90_000);
    // CSS `content` is a quoted CSS string; text nodes are plain.
    const [raw = ''] = await endOfLine();
    const text = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    assert.equal(text, 'SRCH-3 · "bananna" should still find bananas.');
    await wb.parkMouse();
    await wb.screenshot('language-current-line');
  });

  it('completes ids with title and why in a code comment', async () => {
    await wb.openFile('src/checkout/cart.ts');
    await wb.goTo(1, 1);
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('ArrowUp');
    await wb.page.keyboard.type('// Follows up on CHK-1');
    await wb.page.keyboard.press('Control+Space');
    const row = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'CHK-12' });
    await waitUntil('CHK-12 in the suggestions', async () => (await row.count()) > 0, 60_000);
    const widget = await wb.page.locator('.suggest-widget').innerText();
    assert.match(widget, /CHK-12/);
    assert.match(widget, /One-click reorder/);
    assert.match(widget, /CHK-14/);
    // A second Ctrl+Space opens the details side pane: the item's kind, status, title and why.
    await wb.page.keyboard.press('Control+Space');
    const details = wb.page.locator('.suggest-details', { hasText: 'Weekly grocery shoppers' });
    await details.first().waitFor({ state: 'visible' });
    await wb.parkMouse();
    await wb.screenshot('language-completion');
    await wb.page.keyboard.press('Escape');
  });
});
