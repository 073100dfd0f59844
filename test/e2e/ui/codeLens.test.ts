// The why behind the code as the user sees it: the CodeLens text rendered above a function and
// the line hover's evidence, in the real workbench (Playwright). The sample workspace is on
// branch feature/srch-3-typo-tolerance; ids and texts come from scripts/createSampleWorkspace.mjs.
import * as assert from 'node:assert/strict';
import { openWorkbench, waitUntil, type Workbench } from './workbench';

describe('the why behind the code, rendered', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the why and the item as a CodeLens above each function', async () => {
    await wb.openFile('src/search/query.ts');
    const lenses = wb.page.locator('.monaco-editor .codelens-decoration', { hasText: 'SRCH-3 Typo-tolerant search' });
    await waitUntil('four Roadmap Lens lenses in query.ts', async () => (await lenses.count()) >= 4, 90_000);
    const text = await lenses.first().innerText();
    assert.match(text, /"bananna" should still find bananas\. — SRCH-3 Typo-tolerant search \(\+1 more\)/);
    await wb.parkMouse();
    await wb.screenshot('codelens');
  });

  it("adds the line's item and evidence to the hover", async () => {
    // query.ts line 9 (`const row = ...`) was last changed by "SRCH-3: fuzzy matching for typos".
    const hover = await wb.hoverAt('src/search/query.ts', 9, 5);
    await waitUntil('the evidence in the hover', async () => /last changed in/.test(await hover.innerText()), 60_000);
    const text = await hover.innerText();
    assert.match(text, /Roadmap Lens/);
    assert.match(text, /SRCH-3 Typo-tolerant search/);
    assert.match(text, /last changed in [0-9a-f]{7} SRCH-3: fuzzy matching for typos — \d+ \w+ ago \(message\)/);
    await wb.screenshot('line-hover');
    await wb.page.keyboard.press('Escape');
  });
});
