// The blame store shared by the CLI and the editor, in the real VS Code (issue #13): a file the
// CLI blamed shows its lenses from the store when the editor opens it (as after a restart: the
// editor has never blamed it), and a file the editor blamed is answered by the CLI from the store,
// with the answer the CLI gives without any cache. Each test uses a file no other suite opens
// before it (this file runs second, after activation).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder, waitFor } from './support';
import { runCli, storeHas } from './blameStoreShared';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const all =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return all.filter((l) => l.command?.command === Commands.showLensItems).map((l) => l.command?.title ?? '');
}

describe('the blame store, shared by the CLI and the editor', function () {
  this.timeout(120_000);
  let api: RoadmapLensApi;
  let root: string;

  before(async () => {
    api = await activateApi();
    root = firstFolder().uri.fsPath;
    await waitFor('git on for the folder', () => api.work.status(firstFolder().uri).kind === 'ready', 60_000);
  });

  /** The editor's attribution of `doc` once it has used the file's history (blame), from git or the store. */
  const attributionWithHistory = (
    doc: vscode.TextDocument,
  ): Promise<NonNullable<Awaited<ReturnType<RoadmapLensApi['attribution']['attributionFor']>>>> =>
    waitFor(
      'an attribution with history',
      async () => {
        const r = await api.attribution.attributionFor(doc);
        return r?.history === 'used' ? r : undefined;
      },
      60_000,
    );

  it('opening a file the CLI blamed (as after a restart) shows lenses from the store', async () => {
    const rel = 'src/search/filters.ts';
    const cli = await runCli(root, 'why', rel, '--json');
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /blame done\n/, 'the CLI blamed with git');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(firstFolder().uri, rel));
    assert.ok(await storeHas(root, doc), 'the CLI stored the blame of the text the editor has');
    await vscode.window.showTextDocument(doc);
    const result = await attributionWithHistory(doc);
    assert.equal(result.blameFrom, 'store', 'the editor did not run git blame for it');
    const titles = await waitFor('lenses on filters.ts', async () => {
      const t = await lensTitles(doc.uri);
      return t.length > 0 ? t : undefined;
    });
    assert.ok(titles.length > 0);
    assert.ok(
      result.attribution.items.some((s) => s.itemId === 'SRCH-7' && s.bySource.history > 0),
      "the stored blame's commit (SRCH-7: filter scaffolding) gave its item",
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the CLI answers from a blame the editor stored, as it answers without a cache', async () => {
    const rel = 'src/checkout/payment.ts';
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(firstFolder().uri, rel));
    await vscode.window.showTextDocument(doc);
    const result = await attributionWithHistory(doc);
    assert.equal(result.blameFrom, 'git', 'nothing had stored this file yet');
    // The editor writes after the lens shows, without waiting: poll the store for it.
    await waitFor('the editor to store the blame', () => storeHas(root, doc), 30_000);
    const fromStore = await runCli(root, 'why', rel, '--json', '--lines');
    assert.equal(fromStore.code, 0, fromStore.stderr);
    assert.match(fromStore.stderr, /blame done \(from the blame store\)/);
    const fresh = await runCli(root, 'why', rel, '--json', '--lines', '--no-cache');
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.deepEqual(JSON.parse(fromStore.stdout), JSON.parse(fresh.stdout));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
