// The visual features in the real VS Code: the item card and the roadmap overview open as webview
// tabs, render the sample roadmap and its linked work, update after a roadmap edit, keep a hostile
// `why` inert; exports write real files; Explorer badges mark the current item's files.
// Edits are made in the roadmap buffer only and reverted at the end.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { touchedTooltip } from '../../../src/work/currentItemDecorationProvider';
import { activeContent, parseHtml } from '../../unit/htmlDom';
import { activateApi, firstFolder } from './support';

const HOSTILE_WHY =
  '<img src=x onerror=alert(1)>"><script>alert(2)</script> [x](command:workbench.action.terminal.new) javascript:alert(3)';

/**
 * Resolves once `check` returns a value, re-checking on model events and every 100 ms. Gives up
 * after 20 s (or `timeoutMs`) naming what it waited for (a hang, not a speed check).
 */
function until<T>(
  api: RoadmapLensApi,
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const subs: vscode.Disposable[] = [];
    const stop = (): void => subs.forEach((d) => void d.dispose());
    const test = (): void => {
      try {
        const value = check();
        if (value !== undefined && value !== false) {
          stop();
          resolve(value);
        }
      } catch (e) {
        stop();
        reject(e instanceof Error ? e : new Error(`${what}: ${String(e)}`));
        return;
      }
      if (Date.now() > deadline) {
        stop();
        reject(new Error(`gave up waiting for ${what}`));
      }
    };
    const timer = setInterval(test, 100);
    subs.push(api.work.onDidChange(test), api.model.onDidChange(test), { dispose: () => clearInterval(timer) });
    test();
  });
}

function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

/** The page's own script is the only active content allowed: nonce'd, from the extension's media folder. */
function foreignActiveContent(html: string): string[] {
  return activeContent(parseHtml(html)).filter(
    (s) => !/^<script nonce=[A-Za-z0-9_-]+ src=\S+\/(media\/(itemCard|overview)|dist\/overviewCore)\.js>$/.test(s),
  );
}

describe('visual: item card, overview, badges', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;
  const roadmapUri = (): vscode.Uri => vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml');

  before(async () => {
    api = await activateApi();
    await until(api, 'the roadmap', () => api.model.allItems().length >= 11);
    await until(api, 'the work model', () => api.work.status(firstFolder().uri).kind === 'ready');
  });

  after(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === roadmapUri().toString());
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the item card as a webview tab titled with id and title, one per item', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.openItemCard, 'CHK-12'), true);
    const tab = await until(api, 'the card tab', () =>
      webviewTabs('roadmapLens.itemCard').find((t) => t.label === 'CHK-12 · One-click reorder'),
    );
    assert.ok(tab.isActive);
    // Opening it again (by id, by tree node shape) reveals the same panel.
    assert.equal(
      await vscode.commands.executeCommand(Commands.openItemCard, {
        id: 'chk-12',
        folderUri: firstFolder().uri.toString(),
      }),
      true,
    );
    assert.equal(webviewTabs('roadmapLens.itemCard').filter((t) => t.label === 'CHK-12 · One-click reorder').length, 1);
    assert.equal(await vscode.commands.executeCommand(Commands.openItemCard, 'NOPE-404'), false);
  });

  it('renders the why, breadcrumbs, metric bar and linked work of the sample item', async () => {
    await vscode.commands.executeCommand(Commands.openItemCard, 'CHK-12');
    const html = await until(api, 'linked work and files on the card', () => {
      const h = api.visuals.cards.lastHtml('CHK-12');
      return h?.includes('feature/chk-12-reorder') && h.includes('Files most touched') ? h : undefined;
    });
    const dom = parseHtml(html);
    assert.equal(
      dom.elements.find((e) => e.attrs.get('class') === 'why-text')?.text,
      'Weekly grocery shoppers must rebuild the same cart every week.',
    );
    // The breadcrumbs are the first item buttons on the page, root first.
    const crumbs = dom.elements.filter((e) => e.tag === 'button' && e.attrs.get('class') === 'link');
    assert.deepEqual(
      crumbs.slice(0, 3).map((b) => b.attrs.get('data-item')),
      ['GROW', 'RET', 'CHK'],
    );
    assert.equal(
      dom.elements.filter((e) => e.tag === 'svg' && e.attrs.get('class') === 'metric-bar').length,
      1,
      '0.4 → 1.5 draws a bar',
    );
    assert.match(dom.text, /src\/checkout\/cart\.ts/);
    assert.match(dom.text, /Lee Engineer/);
    const csp =
      dom.elements
        .find((e) => e.tag === 'meta' && e.attrs.get('http-equiv') === 'Content-Security-Policy')
        ?.attrs.get('content') ?? '';
    assert.match(csp, /^default-src 'none'; style-src [^;]+; script-src 'nonce-[A-Za-z0-9_-]+'; img-src [^;]+ data:$/);
    assert.doesNotMatch(csp, /unsafe|http:|\*:|'\*'/);
    assert.deepEqual(foreignActiveContent(html), []);
  });

  it('re-renders after a roadmap edit and keeps a hostile why inert', async () => {
    await vscode.commands.executeCommand(Commands.openItemCard, 'CHK-12');
    const doc = await vscode.workspace.openTextDocument(roadmapUri());
    const lines = doc.getText().split('\n');
    const whyLine = lines.findIndex((l) => l.includes('why: Weekly grocery shoppers must rebuild'));
    const titleLine = lines.findIndex((l, i) => i < whyLine && l.includes('title: One-click reorder'));
    assert.ok(whyLine > 0 && titleLine > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(whyLine).range, `    why: ${JSON.stringify(HOSTILE_WHY)}`);
    edit.replace(doc.uri, doc.lineAt(titleLine).range, '    title: One-click reorder, edited');
    assert.ok(await vscode.workspace.applyEdit(edit));

    await until(
      api,
      'the model to see the edit',
      () => api.model.find('CHK-12')?.item.title === 'One-click reorder, edited',
    );
    const html = await until(api, 'the edited card', () => {
      const h = api.visuals.cards.lastHtml('CHK-12');
      return h?.includes('One-click reorder, edited') ? h : undefined;
    });
    const dom = parseHtml(html);
    assert.equal(dom.elements.find((e) => e.attrs.get('class') === 'why-text')?.text, HOSTILE_WHY, 'shown as text');
    assert.deepEqual(foreignActiveContent(html), []);
    assert.equal(dom.elements.filter((e) => e.tag === 'img').length, 0);
    await until(api, 'the tab title to follow', () =>
      webviewTabs('roadmapLens.itemCard').some((t) => t.label === 'CHK-12 · One-click reorder, edited'),
    );

    // Put the buffer back as it is on disk (an edit, then save: no dialog, no dirty state left).
    const restore = new vscode.WorkspaceEdit();
    restore.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), fs.readFileSync(doc.uri.fsPath, 'utf8'));
    assert.ok(await vscode.workspace.applyEdit(restore));
    await doc.save();
    await until(api, 'the original card', () =>
      api.visuals.cards.lastHtml('CHK-12')?.includes('Weekly grocery shoppers must rebuild'),
    );
  });

  it('opens the overview; the page searches, filters and groups, keeps them across a roadmap edit, and exports what it shows', async function () {
    // code-server's webviews can take tens of seconds to start their service worker; the page
    // must run before anything is drawn, so this test gets more room.
    this.timeout(240_000);
    assert.equal(await vscode.commands.executeCommand(Commands.openOverview), true);
    await until(api, 'the overview tab', () =>
      webviewTabs('roadmapLens.overview').find((t) => t.label === 'Roadmap Overview'),
    );
    const overview = api.visuals.overview;
    const html = await until(api, 'overview html', () => overview.lastHtml || undefined);
    assert.deepEqual(foreignActiveContent(html), []);
    assert.doesNotMatch(html, /One-click reorder/, 'no roadmap text in the HTML: it arrives as a message');
    // What the page reports is its real DOM: the cards it drew.
    // The first draw waits for code-server to start the webview's service worker (slow, once).
    let state = await until(
      api,
      'the page to draw the roadmap',
      () => (overview.pageState?.total === 11 ? overview.pageState : undefined),
      100_000,
    );
    assert.equal(state.cardIds.length, 11);
    // Every sample item has a target of its own or an ancestor's ("via"), so no "No target" group.
    assert.deepEqual([...state.headers], ['2026-03', '2026-Q2', '2026-Q3', '2026-Q4']);

    overview.setMode('status');
    state = await until(api, 'the board', () =>
      overview.pageState?.query.groupBy === 'status' ? overview.pageState : undefined,
    );
    assert.equal(state.cardIds.length, 11);
    overview.setMode('epic');
    await until(api, 'the swimlanes', () => overview.pageState?.query.groupBy === 'epic');
    overview.setQuery({ groupBy: 'target', text: 'one-click' });
    state = await until(api, 'the search', () =>
      overview.pageState?.query.text === 'one-click' ? overview.pageState : undefined,
    );
    assert.deepEqual([state.matched, [...state.cardIds]], [1, ['CHK-12']]);

    const markdown = await overview.exportMarkdown();
    assert.ok(markdown);
    assert.equal(markdown.isUntitled, true);
    assert.match(markdown.getText(), /^# Acme Shop roadmap by target/);
    assert.match(markdown.getText(), /_Filtered \("one-click"\): 1 of 11 items\._/);
    assert.match(markdown.getText(), /\*\*CHK-12\*\* One-click reorder/, 'readable: ids and titles as written');
    assert.equal((markdown.getText().match(/^- \*\*/gm) ?? []).length, 1, 'only what the page shows');

    // A roadmap edit arrives as a message: the page keeps the search and shows the new title.
    const seq = state.seq;
    const doc = await vscode.workspace.openTextDocument(roadmapUri());
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('title: One-click reorder'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(line).range, '    title: One-click reorder again');
    assert.ok(await vscode.workspace.applyEdit(edit));
    state = await until(api, 'the edit on the page', () =>
      (overview.pageState?.seq ?? 0) > seq && api.model.find('CHK-12')?.item.title === 'One-click reorder again'
        ? overview.pageState
        : undefined,
    );
    assert.equal(state.query.text, 'one-click', 'the search survived the update');
    assert.deepEqual([...state.cardIds], ['CHK-12']);
    assert.equal(overview.lastHtml, html, 'the page was not reloaded');
    const restore = new vscode.WorkspaceEdit();
    restore.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), fs.readFileSync(doc.uri.fsPath, 'utf8'));
    assert.ok(await vscode.workspace.applyEdit(restore));
    await doc.save();
    overview.setQuery({ text: '' });
    await until(api, 'the search cleared', () => overview.pageState?.matched === 11);

    await vscode.commands.executeCommand(Commands.openOverview);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-export-'));
    const svgUri = await overview.exportImage('svg', vscode.Uri.file(path.join(dir, 'overview.svg')));
    assert.ok(svgUri);
    const svg = fs.readFileSync(svgUri.fsPath, 'utf8');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(svg, /One-click reorder/);

    const pngUri = await overview.exportImage('png', vscode.Uri.file(path.join(dir, 'overview.png')));
    assert.ok(pngUri, 'the page rasterised the SVG');
    const png = fs.readFileSync(pngUri.fsPath);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(png.length > 2000, `a real image (${png.length} bytes)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('badges the files touched by the current item in the Explorer', async () => {
    const status = api.work.status(firstFolder().uri);
    assert.ok(status.kind === 'ready' && status.current, 'the sample branch has a current item');
    const { id, title } = status.current.item;
    assert.equal(id, 'SRCH-3');
    const query = vscode.Uri.joinPath(firstFolder().uri, 'src', 'search', 'query.ts');
    const tooltip = await until(api, 'the badge on query.ts', () => api.visuals.badges.tooltipFor(query));
    assert.equal(tooltip, touchedTooltip(id, title));
    assert.equal(tooltip, 'Touched by SRCH-3 Typo-tolerant search');
    const decoration = api.visuals.badges.provideFileDecoration(query);
    assert.equal(decoration?.badge, '◆');
    assert.equal(
      api.visuals.badges.tooltipFor(vscode.Uri.joinPath(firstFolder().uri, 'README.md')),
      undefined,
      'README was not touched by SRCH-3',
    );
    assert.equal(
      api.visuals.badges.tooltipFor(vscode.Uri.joinPath(firstFolder().uri, 'src', 'checkout', 'cart.ts')),
      undefined,
    );
  });
});
