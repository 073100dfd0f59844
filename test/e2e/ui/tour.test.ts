// Animated captures for the README: each test walks one feature in the real workbench, takes a page
// screenshot at each step and writes them as one animated PNG (see apng.ts) next to the screenshots.
// Every capture asserts what its last frame shows, so a broken feature fails here instead of
// producing a misleading animation. Ids and texts come from scripts/createSampleWorkspace.mjs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeApng } from './apng';
import { openWorkbench, uiContext, waitUntil, type Workbench } from './workbench';

const STEP_MS = 900;
const LAST_STEP_MS = 1200;

/** Collects same-sized page screenshots and writes them as `<name>.png` in the screenshot folder. */
class Capture {
  private readonly frames: Buffer[] = [];

  constructor(private readonly wb: Workbench) {}

  async frame(): Promise<void> {
    this.frames.push(await this.wb.page.screenshot());
  }

  save(name: string): string {
    const delays = this.frames.map((_, i) => (i === this.frames.length - 1 ? LAST_STEP_MS : STEP_MS));
    const dir = uiContext().screenshotDir;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    fs.writeFileSync(file, encodeApng(this.frames, delays));
    return file;
  }
}

/** Opens a workbench and waits until the extension has read the roadmap and the repository (the status bar names the current item). */
async function openLoaded(): Promise<Workbench> {
  const wb = await openWorkbench();
  await wb.page
    .locator('.part.statusbar', { hasText: 'SRCH-3 Typo-tolerant search' })
    .waitFor({ state: 'visible', timeout: 60_000 });
  return wb;
}

describe('animated tour captures', function () {
  this.timeout(120_000);
  let wb: Workbench | undefined;

  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('tours the roadmap tree down to CHK-12 and the card on hovering its id', async () => {
    const open = await openLoaded();
    wb = open;
    const capture = new Capture(open);
    await open.parkMouse();
    await capture.frame();
    await open.openView('Roadmap');
    await open.treeRow('Grow repeat purchases').first().waitFor({ state: 'visible' });
    await open.setSidebarWidth(480);
    await open.parkMouse();
    await capture.frame();
    await open.expandTreeRow('Make reordering effortless');
    await open.parkMouse();
    await capture.frame();
    await open.expandTreeRow('Frictionless checkout');
    const reorder = open.treeRow('One-click reorder').first();
    await reorder.waitFor({ state: 'visible' });
    assert.match(await reorder.locator('.label-name').innerText(), /^CHK-12 /);
    await open.parkMouse();
    await capture.frame();
    await open.openFile('docs/notes.md');
    await capture.frame();
    // docs/notes.md line 3: "- CHK-12 shipped in March; ..." (column 4 is inside the id).
    const hover = await open.hoverAt(
      'docs/notes.md',
      3,
      4,
      'Weekly grocery shoppers must rebuild the same cart every week.',
    );
    const text = await hover.innerText();
    assert.match(text, /One-click reorder/);
    assert.match(text, /Reorders per active customer per month/);
    await capture.frame();
    await capture.frame();
    await open.page.keyboard.press('Escape');
    capture.save('tour-tree-hover');
  });

  it('tours the CodeLens above each function and the line hover with its evidence', async () => {
    const open = await openLoaded();
    wb = open;
    const capture = new Capture(open);
    await open.parkMouse();
    await capture.frame();
    await open.openFile('src/search/query.ts');
    await capture.frame();
    const lenses = open.page.locator('.monaco-editor .codelens-decoration', { hasText: 'SRCH-3 Typo-tolerant search' });
    await waitUntil('four Roadmap Lens lenses in query.ts', async () => (await lenses.count()) >= 4, 90_000);
    assert.match(
      await lenses.first().innerText(),
      /"bananna" should still find bananas\. — SRCH-3 Typo-tolerant search/,
    );
    await capture.frame();
    await capture.frame();
    // query.ts line 9 (`const row = ...`) was last changed by "SRCH-3: fuzzy matching for typos".
    await open.goTo(9, 5);
    await capture.frame();
    const hover = await open.hoverAt('src/search/query.ts', 9, 5);
    await waitUntil('the evidence in the hover', async () => /last changed in/.test(await hover.innerText()), 60_000);
    const text = await hover.innerText();
    assert.match(text, /SRCH-3 Typo-tolerant search/);
    assert.match(text, /last changed in [0-9a-f]{7} SRCH-3: fuzzy matching for typos/);
    await capture.frame();
    await capture.frame();
    await open.page.keyboard.press('Escape');
    capture.save('tour-codelens');
  });

  it('tours the current item in the status bar and its Work section in the tree', async () => {
    const open = await openLoaded();
    wb = open;
    const capture = new Capture(open);
    const entry = open.page
      .locator('.part.statusbar .statusbar-item', { hasText: 'SRCH-3 Typo-tolerant search' })
      .first();
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    await open.parkMouse();
    await capture.frame();
    // The status bar entry's tooltip names the item; hovering it is part of the tour.
    await entry.hover();
    await capture.frame();
    await open.openView('Roadmap');
    await open.setSidebarWidth(520);
    await open.parkMouse();
    await capture.frame();
    await open.expandTreeRow('Better product discovery');
    await open.parkMouse();
    await capture.frame();
    await open.expandTreeRow('Search that forgives typos');
    await open.parkMouse();
    await capture.frame();
    const item = await open.expandTreeRow('Typo-tolerant search');
    assert.match((await item.getAttribute('aria-label')) ?? '', /, current work$/);
    const work = open.treeRow('Work').first();
    await work.waitFor({ state: 'visible' });
    assert.match(await work.innerText(), /1 branch · 3 recent commits/);
    await open.treeRow('feature/srch-3-typo-tolerance').first().waitFor({ state: 'visible' });
    await open.parkMouse();
    await capture.frame();
    await capture.frame();
    capture.save('tour-current-work');
  });
});
