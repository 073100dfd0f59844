// "Import Roadmap from File…" in the real extension host: a Jira export merged into the sample
// roadmap as one undoable edit of the open document (unsaved), the tree following it, and Undo
// putting the text back byte for byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder, waitFor } from './support';

const fixtures = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'import');

describe('Import Roadmap from File', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;
  let roadmap: vscode.Uri;
  let original: string;

  before(async () => {
    api = await activateApi();
    roadmap = vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml');
    original = fs.readFileSync(roadmap.fsPath, 'utf8');
    await waitFor('the sample roadmap to load', () => api.model.allItems().length >= 11);
  });

  after(async () => {
    const doc = await vscode.workspace.openTextDocument(roadmap);
    if (doc.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(roadmap, new vscode.Range(0, 0, doc.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
    }
    if (doc.isDirty) await doc.save();
    await waitFor('the imported items to go', () => api.model.find('PAY-7') === undefined);
  });

  it('merges a Jira export as one undoable edit; the tree shows the items before saving', async () => {
    const result = await vscode.commands.executeCommand<{ outcome: string; summary?: { added: string[] } }>(
      Commands.importRoadmap,
      {
        file: vscode.Uri.file(path.join(fixtures, 'jira.csv')),
        tracker: 'jira',
        folder: firstFolder().uri,
        apply: true,
      },
    );
    assert.equal(result.outcome, 'applied');
    assert.ok((result.summary?.added.length ?? 0) >= 5, JSON.stringify(result.summary));
    const doc = await vscode.workspace.openTextDocument(roadmap);
    assert.ok(doc.isDirty, 'applied to the buffer, not written behind the editor');
    assert.ok(doc.getText().startsWith(original.slice(0, 200)), 'the top of the file is untouched');
    await waitFor('PAY-7 in the model', () => api.model.find('PAY-7')?.item.parentId === 'PAY-1');
    assert.equal(
      api.model.find('PAY-3')?.item.why,
      'Half-built carts vanish when shoppers switch from phone to laptop.',
    );

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('one Undo to restore the text', () => doc.getText() === original);
    await waitFor('the model to drop the items', () => api.model.find('PAY-7') === undefined);
  });

  it('refuses a file that is not the named export and leaves the roadmap alone', async () => {
    const result = await vscode.commands.executeCommand<{ outcome: string; message?: string }>(Commands.importRoadmap, {
      file: vscode.Uri.file(path.join(fixtures, 'linear.csv')),
      tracker: 'jira',
      folder: firstFolder().uri,
      apply: true,
    });
    assert.equal(result.outcome, 'refused');
    assert.match(result.message ?? '', /not a Jira CSV export/);
    assert.equal((await vscode.workspace.openTextDocument(roadmap)).getText(), original);
  });
});
