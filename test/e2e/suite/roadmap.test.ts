// The roadmap in the editor, checked through VS Code's own API inside the real extension host:
// tree, hovers, links, diagnostics and live updates, on the sample workspace
// (scripts/createSampleWorkspace.mjs). Edits made here are undone before each test ends.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import type { RoadmapNode } from '../../../src/roadmap/roadmapTreeProvider';
import { EXTENSION_ID, activateApi, plain, sleep, waitFor } from './support';

function folderUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the sample workspace is open');
  return folder.uri;
}

function roadmapUri(): vscode.Uri {
  return vscode.Uri.joinPath(folderUri(), 'roadmap.yaml');
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
}

async function replaceLine(
  doc: vscode.TextDocument,
  contains: string,
  replacement: (line: string) => string,
): Promise<number> {
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.includes(contains));
  assert.ok(line >= 0, `roadmap.yaml has a line with ${contains}`);
  const edit = new vscode.WorkspaceEdit();
  const range = doc.lineAt(line).range;
  edit.replace(doc.uri, range, replacement(doc.getText(range)));
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
  return line;
}

describe('roadmap in the editor', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;
  let original: string;

  const selectedItemIds = (): string[] => api.treeView.selection.flatMap((n) => (n.type === 'item' ? [n.id] : []));
  /** The view reports its selection back asynchronously: wait until it is `id` (or fail naming what it is). */
  const selected = (id: string): Promise<true> =>
    waitFor(`${id} to be selected in the Roadmap view`, () => {
      const ids = selectedItemIds();
      if (ids.join() === id) return true;
      throw new Error(`selected: ${ids.join(', ') || 'nothing'}`);
    });
  /**
   * Runs Reveal Item until the view reports `id` selected. While the tree refreshes (the commit index
   * is still being built early in the run) the view may report the selection of a node it has
   * just replaced, which reads as nothing; a reveal that never selects still fails here.
   */
  const revealed = (arg: string, id: string): Promise<true> =>
    waitFor(
      `Reveal Item ${arg} to select ${id} in the Roadmap view`,
      async () => {
        await vscode.commands.executeCommand(Commands.revealItem, arg);
        for (let i = 0; i < 20 && selectedItemIds().join() !== id; i++) await sleep(50);
        const ids = selectedItemIds();
        if (ids.join() === id) return true;
        throw new Error(`selected: ${ids.join(', ') || 'nothing'}`);
      },
      40_000,
    );

  before(async () => {
    api = await activateApi();
    original = fs.readFileSync(roadmapUri().fsPath, 'utf8');
    await waitFor('the sample roadmap to load', () => api.model.allItems().length >= 11);
  });

  /** Puts roadmap.yaml back exactly as it was (buffer and disk) and waits for the model to follow. */
  async function restore(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(roadmapUri());
    if (doc.getText() !== original) await replaceAll(doc, original);
    if (doc.isDirty) await doc.save();
    await waitFor(
      'the original roadmap',
      () =>
        api.model.find('CHK-14')?.item.title === 'Saved carts' &&
        api.model.find('CHK-14')?.item.why?.startsWith('Shoppers planning'),
    );
  }

  afterEach(restore);

  function treeLabel(node: RoadmapNode): { label: string; description: string } {
    const item = api.tree.getTreeItem(node);
    return {
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: String(item.description ?? ''),
    };
  }

  function node(id: string): RoadmapNode {
    const found = api.tree.nodeForItem(folderUri(), id);
    assert.ok(found, `${id} is in the tree`);
    return found;
  }

  it('shows the goals at the root with id, title and status (the id first: it stays in sight)', () => {
    const roots = api.tree.getChildren().map(treeLabel);
    assert.deepEqual(roots, [
      { label: 'GROW Grow repeat purchases', description: 'in-progress · 0/1 shipped' },
      { label: 'FIND Help shoppers find what they want', description: 'in-progress · 0/1 shipped' },
    ]);
    const grow = api.tree.getTreeItem(node('GROW'));
    assert.equal(grow.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'goals start expanded');
    assert.ok(grow.iconPath instanceof vscode.ThemeIcon && grow.iconPath.id === 'target');
  });

  it('Filter Roadmap… shows the matches with their ancestors, says so, and clears', async () => {
    const items = (n?: RoadmapNode) =>
      api.tree
        .getChildren(n)
        .filter((c) => c.type === 'item')
        .map((c) => (c.type === 'item' ? c.id : ''));
    try {
      const count = await vscode.commands.executeCommand(Commands.filterTree, { text: 'one-click' });
      assert.equal(count, 1, 'one item matches "one-click"');
      assert.ok(api.tree.isFiltered);
      assert.deepEqual(items(), ['GROW'], 'FIND has no match under it');
      assert.deepEqual(items(node('GROW')), ['RET']);
      assert.deepEqual(items(node('CHK')), ['CHK-12'], 'siblings without a match are hidden');
      const chk = api.tree.getTreeItem(node('CHK'));
      assert.equal(chk.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, "a match's ancestors open");
      await vscode.commands.executeCommand(Commands.filterTree, { statuses: ['planned'], kinds: ['feature'] });
      assert.deepEqual(items(node('CHK')), ['CHK-14']);
      assert.deepEqual(items(node('SRCH')), ['SRCH-7']);
      await vscode.commands.executeCommand(Commands.sortTree, 'status');
      await vscode.commands.executeCommand(Commands.clearTreeFilter);
      assert.ok(!api.tree.isFiltered);
      assert.deepEqual(items(node('CHK')), ['CHK-15', 'CHK-14', 'CHK-12'], 'by status: in progress, planned, shipped');
    } finally {
      await vscode.commands.executeCommand(Commands.clearTreeFilter);
      await vscode.commands.executeCommand(Commands.sortTree, 'roadmap');
    }
    assert.deepEqual(items(node('CHK')), ['CHK-14', 'CHK-12', 'CHK-15']);
  });

  it('nests children, including those attached by parent: from another file', () => {
    // Item children only: the Work section (branches, commits) is checked in work.test.ts.
    const children = api.tree
      .getChildren(node('CHK'))
      .filter((n) => n.type === 'item')
      .map(treeLabel);
    assert.deepEqual(children, [
      { label: 'CHK-14 Saved carts', description: 'planned' },
      { label: 'CHK-12 One-click reorder', description: 'shipped' },
      { label: 'CHK-15 Express pay', description: 'in-progress' },
    ]);
    const parent = api.tree.getParent(node('CHK-15'));
    assert.equal(parent, node('CHK'), 'getParent returns the same node object the tree hands out');
  });

  it('gives tree items the card as a safe Markdown tooltip', () => {
    const chk12 = node('CHK-12');
    const resolved = api.tree.resolveTreeItem(api.tree.getTreeItem(chk12), chk12);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
    assert.notEqual(resolved.tooltip.isTrusted, true);
    assert.notEqual(resolved.tooltip.supportHtml, true);
    assert.match(plain(resolved.tooltip.value), /Weekly grocery shoppers must rebuild the same cart every week\./);
    assert.match(
      plain(resolved.tooltip.value),
      /Part of: Acme Shop › Grow repeat purchases \(GROW\) › Make reordering effortless \(RET\) › Frictionless checkout \(CHK\)/,
    );
  });

  it('reveals an item in the tree by id and by ref', async () => {
    await revealed('CHK-12', 'CHK-12');
    assert.equal(api.treeView.visible, true, 'the Roadmap view is shown');
    // SHOP-311 is a ref of SRCH-3: the item is revealed, not the ref.
    await revealed('SHOP-311', 'SRCH-3');
    // A reveal expands the item's ancestors, so its node is reachable from the root.
    const path: string[] = [];
    for (let n = api.treeView.selection[0]; n; n = api.tree.getParent(n)) if (n.type === 'item') path.unshift(n.id);
    assert.equal(path.at(-1), 'SRCH-3');
    assert.ok(path.length > 1, `SRCH-3 is shown under its parents (${path.join(' › ')})`);
  });

  it('shows the card when hovering an id in any file', async () => {
    const notes = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folderUri(), 'docs/notes.md'));
    const line = notes
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('CHK-12 shipped'));
    const column = notes.lineAt(line).text.indexOf('CHK-12') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      notes.uri,
      new vscode.Position(line, column),
    );
    const text = plain(hoverText(hovers));
    assert.match(text, /One-click reorder/);
    assert.match(text, /Weekly grocery shoppers must rebuild the same cart every week\./);
    assert.match(text, /Reorders per active customer per month: 0\.4 → 1\.5/);

    const ref = notes
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('SHOP-311'));
    const refHovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      notes.uri,
      new vscode.Position(ref, 4),
    );
    assert.match(plain(hoverText(refHovers)), /Typo-tolerant search/, 'refs hover too');

    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      notes.uri,
      new vscode.Position(0, 2),
    );
    assert.doesNotMatch(hoverText(none), /Part of:|No why recorded/, 'no card away from ids');
  });

  it('links ids and refs to the item line in the roadmap', async () => {
    const notes = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folderUri(), 'docs/notes.md'));
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', notes.uri);
    const byText = new Map(links.map((l) => [notes.getText(l.range), l.target]));
    const roadmapLines = original.split('\n');
    const idLine = (id: string): number => roadmapLines.findIndex((l) => l.trim() === `- id: ${id}`);

    const chk12 = byText.get('CHK-12');
    assert.ok(chk12, `CHK-12 is a link (links: ${[...byText.keys()].join(', ')})`);
    assert.equal(chk12.path, roadmapUri().path);
    const column = (roadmapLines[idLine('CHK-12')] ?? '').indexOf('CHK-12');
    assert.equal(chk12.fragment, `L${idLine('CHK-12') + 1},${column + 1}`);
    assert.equal(byText.get('#1234')?.fragment.split(',')[0], `L${idLine('CHK') + 1}`, '#1234 is a ref of CHK');
    assert.ok(byText.get('SHOP-311')?.fragment.startsWith(`L${idLine('SRCH-3') + 1},`), 'SHOP-311 is a ref of SRCH-3');
  });

  it('opens the roadmap at the item when a link is followed', async () => {
    const notes = await vscode.window.showTextDocument(vscode.Uri.joinPath(folderUri(), 'docs/notes.md'));
    const line = notes.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('CHK-12 shipped'));
    const column = notes.document.lineAt(line).text.indexOf('CHK-12') + 2;
    notes.selection = new vscode.Selection(line, column, line, column);
    // The editor computes its links a moment after it opens: retry until the link is there.
    const editor = await waitFor('the roadmap editor', async () => {
      const active = vscode.window.activeTextEditor;
      if (active?.document.uri.toString() === roadmapUri().toString()) return active;
      if (active?.document.uri.toString() === notes.document.uri.toString())
        await vscode.commands.executeCommand('editor.action.openLink');
      await sleep(250);
      return undefined;
    });
    const idLine = original.split('\n').findIndex((l) => l.trim() === '- id: CHK-12');
    assert.equal(editor.selection.active.line, idLine);
  });

  it('reports a YAML syntax error at its line and keeps the last good tree', async () => {
    const doc = await vscode.workspace.openTextDocument(roadmapUri());
    const line = await replaceLine(doc, 'title: Saved carts', (l) =>
      l.replace('title: Saved carts', 'title: "Saved carts'),
    );
    const error = await waitFor('a syntax error diagnostic', () =>
      vscode.languages
        .getDiagnostics(doc.uri)
        .find((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source === 'Roadmap Lens'),
    );
    assert.equal(error.range.start.line, line);
    assert.equal(error.code, 'yaml-syntax');
    // The broken buffer would lose items; the tree keeps the last good roadmap instead.
    assert.deepEqual(
      api.tree.getChildren().map((n) => treeLabel(n).label),
      ['GROW Grow repeat purchases', 'FIND Help shoppers find what they want'],
    );
    assert.equal(treeLabel(node('CHK-14')).label, 'CHK-14 Saved carts');
    assert.equal(api.model.allItems().length, 11);

    await restore();
    await waitFor(
      'the error to clear',
      () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    const warnings = vscode.languages.getDiagnostics(doc.uri);
    assert.ok(
      warnings.some((d) => d.code === 'missing-why' && d.message.includes('SRCH-7')),
      'the sample keeps its deliberate warning',
    );
  });

  it('updates the tree and hovers live while the roadmap is edited, before saving', async () => {
    const doc = await vscode.workspace.openTextDocument(roadmapUri());
    await replaceLine(doc, 'title: Saved carts', (l) => l.replace('Saved carts', 'Saved carts everywhere'));
    assert.ok(doc.isDirty, 'the edit is unsaved');
    await waitFor(
      'the new title in the tree',
      () => treeLabel(node('CHK-14')).label === 'CHK-14 Saved carts everywhere',
    );

    const untitled = await vscode.workspace.openTextDocument({
      content: 'see CHK-14 for details',
      language: 'plaintext',
    });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      untitled.uri,
      new vscode.Position(0, 6),
    );
    assert.match(plain(hoverText(hovers)), /Saved carts everywhere/);
  });

  it('escapes a hostile why in hovers', async () => {
    const doc = await vscode.workspace.openTextDocument(roadmapUri());
    const hostile = `'[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>'`;
    await replaceLine(doc, 'why: Shoppers planning a big order', (l) => l.replace(/why: .*/, `why: ${hostile}`));
    await waitFor('the hostile why to load', () => api.model.find('CHK-14')?.item.why?.includes('command:'));

    const untitled = await vscode.workspace.openTextDocument({ content: 'CHK-14', language: 'markdown' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      untitled.uri,
      new vscode.Position(0, 2),
    );
    const contents = hovers.flatMap((h) => h.contents);
    assert.ok(contents.length > 0, 'a hover');
    const markdown = hoverText(hovers);
    assert.ok(!markdown.includes('](command:'), markdown);
    assert.ok(!markdown.includes('<img'), markdown);
    for (const c of contents) if (c instanceof vscode.MarkdownString) assert.notEqual(c.isTrusted, true);
    assert.match(
      plain(markdown),
      /\[x\]\(command:workbench\.action\.terminal\.new\) <img src=x onerror=alert\(1\)>/,
      'shown as text',
    );
  });

  it('reveals an item in its roadmap file with the id selected', async () => {
    await vscode.commands.executeCommand(Commands.revealInFile, 'CHK-15');
    const editor = await waitFor('the payments roadmap editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('/roadmap/payments.yaml') ? active : undefined;
    });
    assert.equal(editor.document.getText(editor.selection), 'CHK-15');
  });

  it('opens, rather than overwrites, an existing roadmap.yaml when asked for a starter', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      Commands.createStarterRoadmap,
      folderUri(),
    );
    assert.equal(created?.toString(), roadmapUri().toString());
    assert.equal(fs.readFileSync(roadmapUri().fsPath, 'utf8'), original);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), roadmapUri().toString());
  });

  it('opens the Find Roadmap Item quick pick; accepting an item reveals it in the tree', async () => {
    const first = api.model.allItems()[0]?.item.id;
    const other = api.model.allItems().at(-1)?.item.id;
    assert.ok(first !== undefined && other !== undefined && first !== other);
    await revealed(other, other);

    // Accept whatever the quick pick has active (its first item) once it shows. If it never opened,
    // the command ends without a reveal and the selection stays on the other item. An accept that
    // reaches the workbench before the picker has made its first item active closes it with nothing
    // chosen (seen once in a CI run under load): the whole open-and-accept is tried again, a few
    // times; a picker that never reveals still fails below.
    for (let attempt = 0; attempt < 5 && selectedItemIds().join() !== first; attempt++) {
      let settled = false;
      const done = Promise.resolve(vscode.commands.executeCommand(Commands.findItem)).finally(() => (settled = true));
      await waitFor('the quick pick to accept an item', async () => {
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled;
      });
      await done;
      for (let i = 0; i < 40 && selectedItemIds().join() !== first; i++) await sleep(50);
    }
    await selected(first);
  });

  it('registers every contributed command, Find Roadmap Item… included', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has(Commands.findItem));
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes?: { commands?: { command: string }[] };
    };
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length >= 7);
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
  });
});
