// Issue #16 classes 1 and 2 in the real extension host: a catastrophic glob in the roadmap buffer
// is a diagnostic and the tree still answers; a source file that is a symlink to /dev/zero and a
// FIFO in the workspace do not stall Find All References (which reads the folder's files), the
// line hover or the CodeLens of the files next to them. "Does not hang" is the answer arriving,
// bounded by mocha's timeout, never a clock of our own.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder, waitFor } from './support';

const NESTED = ['+(+(a)+(a))*b', '*(a|*(b))c'];

describe('hostile globs and special files in the editor (#16)', function () {
  this.timeout(90_000);
  let api: RoadmapLensApi;
  const created: string[] = [];

  before(async function () {
    if (process.platform === 'win32') this.skip();
    api = await activateApi();
    await waitFor('the sample roadmap to load', () => api.model.allItems().length >= 11);
  });

  after(() => {
    for (const file of created) fs.rmSync(file, { force: true });
  });

  it('a nested extglob in branches/paths: invalid-glob diagnostics, the tree still lists the item', async () => {
    const uri = vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = doc.getText();
    const item = [
      '  - id: GLOB-1',
      '    title: Hostile globs',
      '    why: A roadmap someone else wrote.',
      `    branches: ${JSON.stringify(NESTED)}`,
      `    paths: ${JSON.stringify(NESTED)}`,
      '',
    ].join('\n');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(original.length), original.endsWith('\n') ? item : `\n${item}`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const invalid = await waitFor('invalid-glob diagnostics for both fields', () => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'invalid-glob');
        return found.length === NESTED.length * 2 && found;
      });
      for (const d of invalid) assert.match(d.message, /inside another/);
      const node = await waitFor('GLOB-1 in the tree', () => api.tree.nodeForItem(firstFolder().uri, 'GLOB-1'));
      const label = api.tree.getTreeItem(node).label;
      assert.match(typeof label === 'string' ? label : (label?.label ?? ''), /Hostile globs/);
      assert.ok(api.tree.getChildren().length > 0);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor('the roadmap reverted', () => api.model.find('GLOB-1') === undefined);
    }
  });

  it('a source file linked to /dev/zero and a FIFO: references, hover and lenses still answer', async () => {
    const dir = path.join(firstFolder().uri.fsPath, 'src', 'checkout');
    const zero = path.join(dir, 'zero.ts');
    const fifo = path.join(dir, 'pipe.ts');
    fs.symlinkSync('/dev/zero', zero);
    created.push(zero);
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    created.push(fifo);

    // Find All References on an id reads every file of the folder (language/model/workspaceMentions).
    const roadmap = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml'));
    const line = roadmap
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('id: CHK-12'));
    assert.ok(line >= 0);
    const column = roadmap.lineAt(line).text.indexOf('CHK-12') + 2;
    const refs =
      (await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        roadmap.uri,
        new vscode.Position(line, column),
      )) ?? [];
    const files = refs.map((r) => path.basename(r.uri.fsPath));
    assert.ok(files.includes('cart.ts'), `references: ${files.join(', ')}`);
    assert.ok(!files.includes('zero.ts') && !files.includes('pipe.ts'));

    // The files next to them: hover and lenses answer.
    const cart = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'cart.ts')));
    const idLine = cart
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('CHK-12'));
    assert.ok(idLine >= 0);
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        cart.uri,
        new vscode.Position(idLine, cart.lineAt(idLine).text.indexOf('CHK-12') + 2),
      )) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text.replace(/\\([!-/:-@[-`{-~])/g, '$1'), /CHK-12|One-click reorder/);
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', cart.uri, 100)) ?? [];
    assert.ok(Array.isArray(lenses));
    // The work model is still answering for the folder (git under its timeout, nothing blocked).
    assert.notEqual(api.work.status(firstFolder().uri).kind, undefined);
  });
});
