// Drift in the real VS Code, on the sample workspace: its in-progress items have had no linked
// commit for months (the sample history is from early 2026), so they are stale. Diagnostics on the
// item ids, the quick fix (one undoable edit of the status), the card's Drift section, and the
// `roadmapLens.drift.staleDays` setting. Edits stay in the buffer and are undone; the setting is reset.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { DRIFT_SOURCE } from '../../../src/roadmap/driftDiagnostics';
import { parseHtml } from '../../unit/htmlDom';
import { activateApi, firstFolder, waitFor } from './support';

function driftDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DRIFT_SOURCE);
}

function idLine(doc: vscode.TextDocument, id: string): number {
  const line = doc
    .getText()
    .split(/\r?\n/)
    .findIndex((l) => new RegExp(`^\\s*-?\\s*id: ${id}\\s*(#.*)?$`).test(l));
  assert.ok(line >= 0, `${id} is in ${doc.uri.path}`);
  return line;
}

function onLine(list: readonly vscode.Diagnostic[], line: number): vscode.Diagnostic | undefined {
  return list.find((d) => d.range.start.line === line);
}

describe('drift: diagnostics, quick fix, card section, setting', function () {
  this.timeout(90_000);
  let api: RoadmapLensApi;
  let doc: vscode.TextDocument;
  const roadmapUri = (): vscode.Uri => vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml');

  before(async () => {
    api = await activateApi();
    await waitFor('the work model', () => api.work.status(firstFolder().uri).kind === 'ready', 60_000);
    await waitFor('drift of the sample folder', () => api.drift.forFolder(firstFolder().uri), 60_000);
    doc = await vscode.workspace.openTextDocument(roadmapUri());
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('roadmapLens')
      .update('drift.staleDays', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('roadmapLens')
      .update('drift.maxDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('marks stale in-progress items at their id, as Information, and nothing on planned or shipped ones', async () => {
    const srch3 = idLine(doc, 'SRCH-3');
    const list = await waitFor('a drift diagnostic on SRCH-3', () => {
      const l = driftDiagnostics(doc.uri);
      return onLine(l, srch3) && l;
    });
    const d = onLine(list, srch3);
    assert.ok(d);
    assert.equal(d.code, 'stale');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(doc.getText(d.range), 'SRCH-3');
    assert.match(d.message, /^SRCH-3 is in progress, but its last linked commit is \d+ days old \(more than 30\)\.$/);
    // An epic is as fresh as its newest feature: SRCH's message names SRCH-3's commit age, not "no commit".
    const srch = onLine(list, idLine(doc, 'SRCH'));
    assert.ok(srch && !srch.message.includes('no commit links'), srch?.message);
    for (const id of ['SRCH-7', 'CHK-12', 'CHK-14']) assert.equal(onLine(list, idLine(doc, id)), undefined, id);
    const payments = vscode.Uri.joinPath(firstFolder().uri, 'roadmap', 'payments.yaml');
    assert.ok(
      driftDiagnostics(payments).some((x) => x.message === 'CHK-15 is in progress, but no commit links to it.'),
      'the other roadmap file gets its own',
    );
  });

  it('the quick fix sets the status in one undoable edit, and the finding goes away with it', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const line = idLine(doc, 'SRCH-3');
    const d = onLine(driftDiagnostics(doc.uri), line);
    assert.ok(d);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Set SRCH-3's status to planned"), titles.join(', '));
    assert.ok(titles.includes("Set SRCH-3's status to dropped"), titles.join(', '));
    const planned = actions.find((a) => a.title === "Set SRCH-3's status to planned");
    assert.ok(planned?.edit);
    assert.ok(await vscode.workspace.applyEdit(planned.edit));
    const beforeLines = before.split('\n');
    const changed = doc
      .getText()
      .split('\n')
      .filter((l, i) => l !== beforeLines[i]);
    assert.deepEqual(changed, ['                status: planned'], 'exactly the status line');
    await waitFor('SRCH-3’s drift diagnostic to go', () => onLine(driftDiagnostics(doc.uri), line) === undefined);
    assert.ok(onLine(driftDiagnostics(doc.uri), idLine(doc, 'SRCH')), 'the other findings stay');

    await vscode.window.showTextDocument(doc, editor.viewColumn);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => doc.getText() === before);
    await waitFor('SRCH-3’s drift diagnostic back', () => onLine(driftDiagnostics(doc.uri), line));
  });

  it('the card has a Drift section for a drifted item and none for an item without drift', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.openItemCard, 'SRCH-3'), true);
    const html = await waitFor('SRCH-3’s card with drift', () => {
      const h = api.visuals.cards.lastHtml('SRCH-3');
      return h?.includes('aria-label="Drift"') && h;
    });
    const text = parseHtml(html).text;
    assert.match(text, /Drift\s*1/);
    assert.match(text, /SRCH-3 is in progress, but its last linked commit is \d+ days old/);
    assert.match(text, /set the status to planned or dropped/);
    assert.match(text, /Checked against main\./);
    assert.equal(await vscode.commands.executeCommand(Commands.openItemCard, 'CHK-12'), true);
    const other = await waitFor('CHK-12’s card', () => api.visuals.cards.lastHtml('CHK-12'));
    assert.ok(!other.includes('aria-label="Drift"'), 'a shipped item with merged work has no drift');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('roadmapLens.drift.staleDays decides what is stale', async () => {
    const line = idLine(doc, 'SRCH-3');
    await vscode.workspace
      .getConfiguration('roadmapLens')
      .update('drift.staleDays', 3650, vscode.ConfigurationTarget.Workspace);
    await waitFor('SRCH-3 no longer stale', () => onLine(driftDiagnostics(doc.uri), line) === undefined);
    const payments = vscode.Uri.joinPath(firstFolder().uri, 'roadmap', 'payments.yaml');
    assert.ok(
      driftDiagnostics(payments).some((x) => x.message.startsWith('CHK-15 is in progress, but no commit')),
      'an item with no commit at all stays stale',
    );
    await vscode.workspace
      .getConfiguration('roadmapLens')
      .update('drift.staleDays', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('SRCH-3 stale again', () => onLine(driftDiagnostics(doc.uri), line));
  });

  it('roadmapLens.drift.maxDiagnostics caps the findings across the workspace, with one summary', async () => {
    const payments = vscode.Uri.joinPath(firstFolder().uri, 'roadmap', 'payments.yaml');
    const all = (): vscode.Diagnostic[] => [...driftDiagnostics(doc.uri), ...driftDiagnostics(payments)];
    const findings = (list: vscode.Diagnostic[]): vscode.Diagnostic[] => list.filter((d) => d.code !== 'drift-more');
    const total = findings(all()).length;
    assert.ok(total >= 3, `the sample has findings in both files (${total})`);
    const config = vscode.workspace.getConfiguration('roadmapLens');

    await config.update('drift.maxDiagnostics', 1, vscode.ConfigurationTarget.Workspace);
    const capped = await waitFor('one finding and one summary', () => {
      const list = all();
      return findings(list).length === 1 && list.length === 2 && list;
    });
    // The summary sits on the first line of roadmap.yaml, once for the whole workspace.
    const summary = driftDiagnostics(doc.uri).find((d) => d.code === 'drift-more');
    assert.ok(summary, `the summary is in roadmap.yaml: ${JSON.stringify(capped.map((d) => d.message))}`);
    assert.equal(summary.range.start.line, 0);
    const escaped = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(
      summary.message,
      new RegExp(
        `^${total - 1} more drift findings in [12] files? are not shown ` +
          escaped(
            `(the 1 most actionable in the workspace are; setting \`roadmapLens.drift.maxDiagnostics\`). The Drift section of each item's card, or \`roadmap-lens report --drift\`, lists all ${total}.`,
          ) +
          '$',
      ),
    );

    await config.update('drift.maxDiagnostics', 0, vscode.ConfigurationTarget.Workspace);
    await waitFor('no drift diagnostics at all', () => all().length === 0);

    await config.update('drift.maxDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('every finding back', () => findings(all()).length === total && all().length === total);
  });
});
