// The overview and the tree at real size, in the real workbench: the bench's 10,000-item roadmap
// (bench/roadmapGen.mjs, the same generator `npm run bench` uses) in a git repository with a few
// linked commits. The page must hold every item while drawing only what is on screen, find an
// item that the old 200-card cap hid, narrow by a filter, show an epic's children in its
// swimlane, and take a roadmap change as a message without losing the search. The screenshots of
// docs/features.md come from here.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrameLocator } from 'playwright-core';
import { buildOverviewEntries } from '../../../src/core/overview/overviewEntries';
import { EMPTY_QUERY, queryOverview } from '../../../src/core/overview/overviewQuery';
import { parseRoadmapFile } from '../../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../../src/core/roadmap/roadmapIndex';
import { openWorkbench, uiContext, waitUntil, type Workbench } from './workbench';

const ITEMS = 10_000;
/** Far above what a screen of cards needs, far below 10,000: "only what is on screen is in the DOM". */
const MAX_CARDS_IN_DOM = 200;
/** In one why only, of an item far past the first screen. */
const WHY_WORD = 'Quokka';

interface GeneratedRoadmap {
  files: { rel: string; text: string }[];
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

function activeWebview(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

describe('the overview and the tree at 10,000 items', function () {
  this.timeout(600_000);
  let wb: Workbench;
  let dir: string;
  let deepId: string;
  let epic: { id: string; child: string; childTitle: string };

  before(async () => {
    dir = path.join(uiContext().tempDir, 'at-size', 'acme-shop');
    fs.mkdirSync(dir, { recursive: true });
    const gen = (await import(pathToFileURL(path.join(process.cwd(), 'bench', 'roadmapGen.mjs')).href)) as {
      makeRoadmap(total: number): GeneratedRoadmap;
    };
    const roadmap = gen.makeRoadmap(ITEMS);
    // Which item the old overview could not show: past the 200th card of its target column.
    let index = RoadmapIndex.build(roadmap.files.map((f) => parseRoadmapFile(f.rel, f.text)));
    const entries = buildOverviewEntries(index, { work: () => ({ branches: 0, commits: 0 }), isMine: () => false });
    const biggest = [...queryOverview(entries, EMPTY_QUERY).groups].sort(
      (a, b) => b.members.length - a.members.length,
    )[0];
    const deep = entries[biggest?.members[biggest.members.length - 1] ?? -1];
    assert.ok(deep && (biggest?.members.length ?? 0) > 1000, 'a column far past the old cap');
    deepId = deep.id;
    // The same item gets a word no other why has: the whys past the first screen come in a second part.
    const file = roadmap.files.find((f) => f.text.includes(`id: ${deepId}\n`));
    assert.ok(file);
    const at = file.text.indexOf(`id: ${deepId}\n`);
    const why = /why: (?:"|>\n\s+)/.exec(file.text.slice(at));
    assert.ok(why);
    const cut = at + why.index + why[0].length;
    file.text = `${file.text.slice(0, cut)}${WHY_WORD} ${file.text.slice(cut)}`;
    index = RoadmapIndex.build(roadmap.files.map((f) => parseRoadmapFile(f.rel, f.text)));
    assert.ok(index.get(deepId)?.why?.startsWith(WHY_WORD), 'the word is in its why');
    for (const f of roadmap.files) {
      fs.mkdirSync(path.dirname(path.join(dir, f.rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.rel), f.text);
    }
    const anEpic = index.items.find((i) => i.kind === 'epic' && index.children(i.id).length > 3);
    assert.ok(anEpic);
    const child = index.children(anEpic.id)[2];
    epic = { id: anEpic.id, child: child?.id ?? '', childTitle: child?.title ?? '' };

    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 'lee@example.com');
    git(dir, 'config', 'user.name', 'Lee Engineer');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Add the roadmap');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'work\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `Start ${epic.child}`, '-m', `Roadmap: ${epic.child}`);
    wb = await openWorkbench(dir);
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the tree with each row led by its id at the default sidebar width', async () => {
    // The overview command is offered once the roadmap is read: wait for the tree first.
    const sidebar = await wb.openView('Roadmap');
    await sidebar
      .locator('.monaco-list-row .label-name', { hasText: /^GOAL-1 / })
      .first()
      .waitFor({ state: 'visible', timeout: 240_000 });
    // The product name beside the view title comes with the same load as the rows.
    await sidebar.getByText('Acme Shop', { exact: true }).first().waitFor({ state: 'visible' });
    await wb.parkMouse();
    await wb.screenshot('roadmap-tree-at-size');
  });

  it('opens with every item reachable and only a screenful of cards in the DOM', async () => {
    // The palette does not refresh while open, so it must offer the command the first time it is
    // opened: `hasRoadmap` is set once discovery lists the files, long before the tree fills in.
    await wb.runCommand('Roadmap Lens: Open Roadmap Overview');
    const page = activeWebview(wb);
    await page.locator('#ov-count', { hasText: '10,000 items in' }).waitFor({ state: 'visible', timeout: 240_000 });
    const cards = await page.locator('.ov-card').count();
    assert.ok(cards > 0 && cards < MAX_CARDS_IN_DOM, `${cards} cards in the DOM for 10,000 items`);
    // Commit coverage once the index is built: 1 of 2 commits names an item.
    await page
      .locator('#ov-coverage-text', { hasText: '1 of 2 commits (50%) link to an item' })
      .waitFor({ state: 'visible', timeout: 240_000 });
    await wb.parkMouse();
    await wb.screenshot('overview-at-size');
  });

  it('finds an item that was beyond the old 200-card cap, and the keyboard reaches it', async () => {
    const page = activeWebview(wb);
    const search = page.locator('#ov-search');
    await search.fill(deepId);
    const card = page.locator(`.ov-card[data-item="${deepId}"]`);
    await card.waitFor({ state: 'visible' });
    assert.match(await page.locator('#ov-count').innerText(), /^\d[\d,]* of 10,000 items match/);
    await search.press('ArrowDown');
    const focused = await page.locator('.ov-card:focus').getAttribute('data-item');
    assert.ok(focused !== null && focused.toLowerCase().includes(deepId.toLowerCase()), `focus on ${focused}`);
  });

  it('finds that item by a word of its why: the whys sent after the first paint are searched', async () => {
    const page = activeWebview(wb);
    const search = page.locator('#ov-search');
    await search.fill(WHY_WORD.toLowerCase());
    await page.locator(`.ov-card[data-item="${deepId}"]`).waitFor({ state: 'visible' });
    await page.locator('#ov-count', { hasText: /^1 of 10,000 items match · "quokka"$/ }).waitFor({ state: 'visible' });
    await search.fill('');
  });

  it('narrows with a filter and keeps the DOM bounded while scrolling', async () => {
    const page = activeWebview(wb);
    await page.locator('#ov-clear').click();
    await page.locator('#ov-status').selectOption('shipped');
    const count = page.locator('#ov-count');
    await count.filter({ hasText: 'status shipped' }).waitFor({ state: 'visible' });
    const matched = Number((await count.innerText()).split(' of ')[0]?.replace(/,/g, ''));
    assert.ok(matched > 500 && matched < ITEMS, `${matched} shipped`);
    const pills = await page.locator('.ov-card .pill').allInnerTexts();
    assert.ok(pills.length > 0 && pills.every((p) => p === 'shipped' || p === 'mine'), pills.join(','));
    // Scroll to the far end: still a screenful.
    await page.locator('#ov-scroller').evaluate('el => { el.scrollTop = el.scrollHeight; }');
    await waitUntil('the last rows drawn', async () => (await page.locator('.ov-card').count()) > 0);
    const cards = await page.locator('.ov-card').count();
    assert.ok(cards < MAX_CARDS_IN_DOM, `${cards} cards in the DOM after scrolling to the end`);
    await page.locator('#ov-status').selectOption('');
  });

  it('shows an epic and its children in one swimlane', async () => {
    const page = activeWebview(wb);
    await page.locator('button[data-group="epic"]').click();
    // A feature deep under its epic: its lane is the epic's, headed by the epic.
    await page.locator('#ov-search').fill(`${epic.child} ${epic.childTitle}`);
    await page
      .locator('.ov-group-title', { hasText: `${epic.id} · ` })
      .first()
      .waitFor({ state: 'visible' });
    await page.locator(`.ov-card[data-item="${epic.child}"]`).waitFor({ state: 'visible' });
    // Unfiltered, the first lane starts with its epic's card and goes on with its children.
    await page.locator('#ov-search').fill('');
    await page.locator('#ov-count', { hasText: '10,000 items in' }).waitFor({ state: 'visible' });
    const firstLane = await page.locator('.ov-group-title').first().innerText();
    const firstCard = await page.locator('.ov-card').first().getAttribute('data-item');
    assert.ok(firstLane.startsWith(`${firstCard ?? '?'} · `), `${firstLane} starts with ${firstCard}`);
    await wb.parkMouse();
    await wb.screenshot('overview-swimlanes');
    await page.locator('button[data-group="target"]').click();
  });

  it('takes a roadmap change as a message: the search and its matches stay', async () => {
    const page = activeWebview(wb);
    await page.locator('#ov-search').fill('zebra');
    await page.locator('#ov-empty', { hasText: 'Nothing matches' }).waitFor({ state: 'visible' });
    fs.appendFileSync(
      path.join(dir, 'roadmap.yaml'),
      '  - id: ZEBRA-1\n    kind: feature\n    title: Zebra crossing\n    why: Shoppers cross safely.\n    target: 2026-03\n',
    );
    await page.locator('.ov-card[data-item="ZEBRA-1"]').waitFor({ state: 'visible', timeout: 120_000 });
    assert.equal(await page.locator('#ov-search').inputValue(), 'zebra', 'the page was updated, not reloaded');
    assert.match(await page.locator('#ov-count').innerText(), /^1 of 10,001 items match/);
  });
});
