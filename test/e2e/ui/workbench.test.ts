import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

// Titles and ids from scripts/createSampleWorkspace.mjs (package.json names the container "Roadmap").
const CONTAINER_TITLE = 'Roadmap';
const ROOT_TITLES = ['Grow repeat purchases', 'Help shoppers find what they want'];

describe('workbench with Roadmap Lens', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.close();
  });

  it('loads as an Extension Development Host', async () => {
    assert.match(await wb.page.title(), /\[Extension Development Host\]/);
  });

  it('shows the Roadmap container in the activity bar', async () => {
    await wb.activityBarItem(CONTAINER_TITLE).waitFor({ state: 'visible' });
  });

  it('shows the sample roadmap as tree rows with ids and status', async () => {
    await wb.openView(CONTAINER_TITLE);
    for (const title of ROOT_TITLES) await wb.treeRow(title).first().waitFor({ state: 'visible' });
    await wb.setSidebarWidth(480);
    await wb.expandTreeRow('Make reordering effortless');
    await wb.expandTreeRow('Frictionless checkout');
    const reorder = wb.treeRow('One-click reorder').first();
    await reorder.waitFor({ state: 'visible' });
    assert.equal(await reorder.locator('.label-name').innerText(), 'CHK-12 One-click reorder', 'the id leads the row');
    const description = await reorder.locator('.label-description').innerText();
    assert.equal(description, 'shipped', `the tree row's description shows the status: "${description}"`);
    const labels = await wb.sidebarTreeRows().locator('.label-name').allInnerTexts();
    for (const title of [...ROOT_TITLES, 'Frictionless checkout', 'Express pay']) {
      assert.ok(
        labels.some((l) => l.endsWith(` ${title}`)),
        `no tree row "… ${title}" in ${JSON.stringify(labels)}`,
      );
    }
    await wb.parkMouse();
    await wb.screenshot('roadmap-tree');
  });

  it('shows the item card when hovering an id in a Markdown file', async () => {
    // docs/notes.md line 3: "- CHK-12 shipped in March; ..." (column 3 is inside the id).
    const hover = await wb.hoverAt(
      'docs/notes.md',
      3,
      4,
      'Weekly grocery shoppers must rebuild the same cart every week.',
    );
    const text = await hover.innerText();
    assert.match(text, /One-click reorder/);
    assert.match(text, /Reorders per active customer per month/);
    await wb.screenshot('hover');
    await wb.page.keyboard.press('Escape');
  });

  it("lists the sample's deliberate warning in the Problems panel", async () => {
    const rows = await wb.openProblems();
    const warning = rows.filter({ hasText: 'SRCH-7' }).first();
    await warning.waitFor({ state: 'visible' });
    assert.match(await warning.innerText(), /why/i);
    await wb.parkMouse();
    await wb.screenshot('problems');
  });
});
