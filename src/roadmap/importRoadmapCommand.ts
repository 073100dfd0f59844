// "Import Roadmap from File…": a tracker export (GitHub / Jira / Linear / Aha!) merged into the
// folder's roadmap file. The merge is shown as a diff first; "Apply" makes it one undoable edit
// of the roadmap document (unsaved changes included), never a blind write of the file.

import * as vscode from 'vscode';
import type { CommandHandlers } from '../commands/commandRegistry';
import { decodeExportBytes } from '../core/import/decodeExportBytes';
import { mergeImport, type MergeSummary } from '../core/import/importMerge';
import { guessTracker, parseTrackerExport } from '../core/import/parseTrackerExport';
import { TRACKER_LABELS, TRACKERS, type TrackerName } from '../core/import/trackerRecord';
import { idKey } from '../core/roadmap/roadmapTypes';
import type { RoadmapModel } from './model/roadmapModel';

const PREVIEW_SCHEME = 'roadmap-lens-import';
const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export type ImportOutcome = 'applied' | 'unchanged' | 'refused' | 'cancelled';

/** Arguments for scripted use (tests, tasks): any that are missing are asked for. */
export interface ImportArguments {
  readonly file?: vscode.Uri;
  readonly tracker?: TrackerName;
  readonly folder?: vscode.Uri;
  /** Apply without asking (after computing the same preview text). */
  readonly apply?: boolean;
}

const FORMATS: Readonly<Record<TrackerName, string>> = {
  github: 'JSON from `gh issue list --json number,title,body,labels,milestone,state,assignees,url`',
  jira: 'CSV from Jira: Export → Excel CSV (all fields)',
  linear: 'CSV from Linear: Settings → Import / export → Export CSV',
  aha: 'CSV from an Aha! features list report',
};

/** Proposed texts, served read-only to the diff editor while a preview is open. */
class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${name}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }
}

function summaryText(s: MergeSummary): string {
  const parts = [`${s.added.length} added`, `${s.updated.length} updated`];
  if (s.pruned.length > 0) parts.push(`${s.pruned.length} removed`);
  if (s.whyKept.length > 0) parts.push(`your why kept on ${s.whyKept.length}`);
  if (s.gone.length > s.pruned.length) parts.push(`${s.gone.length - s.pruned.length} gone from the export (kept)`);
  return parts.join(', ');
}

async function pickTracker(guess: TrackerName | undefined): Promise<TrackerName | undefined> {
  const order = guess ? [guess, ...TRACKERS.filter((t) => t !== guess)] : [...TRACKERS];
  const picked = await vscode.window.showQuickPick(
    order.map((t) => ({ label: TRACKER_LABELS[t], detail: FORMATS[t], tracker: t })),
    { title: 'Import Roadmap from File', placeHolder: 'Which tracker made this export?' },
  );
  return picked?.tracker;
}

async function pickFolder(
  model: RoadmapModel,
  given: vscode.Uri | undefined,
): Promise<vscode.WorkspaceFolder | undefined> {
  if (given) return vscode.workspace.getWorkspaceFolder(given);
  const folders = model.folders();
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Import into the roadmap of which folder?' });
}

/** Registers the preview documents; returns the `importRoadmap` handler for the command registry. */
export function registerImportRoadmapCommand(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  log: vscode.LogOutputChannel,
): CommandHandlers<'importRoadmap'> {
  const previews = new PreviewDocuments();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews));
  const importRoadmap = async (
    arg?: ImportArguments,
  ): Promise<{ outcome: ImportOutcome; summary?: MergeSummary; message?: string }> => {
    const refuse = (message: string): { outcome: ImportOutcome; message: string } => {
      void vscode.window.showWarningMessage(`Roadmap Lens: ${message}`);
      return { outcome: 'refused', message };
    };
    const folder = await pickFolder(model, arg?.folder);
    if (!folder) return { outcome: 'cancelled' };
    const file =
      arg?.file ??
      (
        await vscode.window.showOpenDialog({
          title: 'Import Roadmap from File',
          openLabel: 'Preview Import',
          canSelectMany: false,
          defaultUri: folder.uri,
          filters: { 'Tracker exports': ['csv', 'json'], 'All files': ['*'] },
        })
      )?.[0];
    if (!file) return { outcome: 'cancelled' };
    const name = file.path.split('/').pop() ?? file.path;
    const stat = await vscode.workspace.fs.stat(file).then(undefined, () => undefined);
    if (!stat) return refuse(`${name} cannot be read.`);
    if (stat.size > MAX_EXPORT_BYTES) return refuse(`${name} is larger than 256 MB.`);
    const decoded = decodeExportBytes(await vscode.workspace.fs.readFile(file));
    if ('error' in decoded) return refuse(`${name}: ${decoded.error}.`);
    const tracker = arg?.tracker ?? (await pickTracker(guessTracker(name, decoded.text.slice(0, 4096))));
    if (!tracker) return { outcome: 'cancelled' };
    const imported = parseTrackerExport(tracker, decoded.text);
    if (imported.items.length === 0) {
      const first = imported.problems[0];
      return refuse(`No items could be read from ${name}${first ? ` (line ${first.line}: ${first.message})` : ''}.`);
    }

    // The folder's roadmap.yaml, else its first roadmap file by path (discovery order follows the
    // file system, so it is no choice), else a new roadmap.yaml; the other files' ids can be parents.
    const prefix = `${folder.uri.toString()}/`;
    const files = model
      .files()
      .filter((f) => f.toString().startsWith(prefix))
      .sort((a, b) => a.toString().localeCompare(b.toString()));
    const top = files.find((f) => /^roadmap\.ya?ml$/i.test(f.toString().slice(prefix.length)));
    const target = top ?? files[0] ?? vscode.Uri.joinPath(folder.uri, 'roadmap.yaml');
    const exists = files.length > 0;
    const doc = exists ? await vscode.workspace.openTextDocument(target) : undefined;
    const before = doc?.getText() ?? '';
    const version = doc?.version;
    const otherIds = new Set(
      (model.indexFor(folder.uri)?.items ?? [])
        .filter((i) => i.location.file !== target.toString())
        .map((i) => idKey(i.id)),
    );
    const result = mergeImport(before, imported, { file: target.toString(), otherIds });
    const where = vscode.workspace.asRelativePath(target, false);
    if (!result.ok) return refuse(`${where}: ${result.message}.`);
    const skipped =
      imported.problems.length > 0 ? ` ${imported.problems.length} rows skipped (see the Roadmap Lens output).` : '';
    for (const p of imported.problems) log.warn(`import: ${name}:${p.line}: ${p.message}`);
    if (result.edits.length === 0) {
      void vscode.window.showInformationMessage(
        `Roadmap Lens: ${where} already matches ${name} (${result.summary.unchanged} items).${skipped}`,
      );
      return { outcome: 'unchanged', summary: result.summary };
    }

    const preview = previews.add(`${where} (import preview)`, result.text);
    try {
      if (!arg?.apply) {
        const left = doc?.uri ?? previews.add(`${where} (new)`, '');
        await vscode.commands.executeCommand(
          'vscode.diff',
          left,
          preview,
          `${where} ↔ Import from ${TRACKER_LABELS[tracker]} (preview)`,
          { preview: true },
        );
        const choice = await vscode.window.showInformationMessage(
          `Import ${imported.items.length} items from ${TRACKER_LABELS[tracker]} into ${where}: ${summaryText(result.summary)}.${skipped}`,
          'Apply',
          'Cancel',
        );
        if (choice !== 'Apply') return { outcome: 'cancelled', summary: result.summary };
      }
      if (doc && doc.version !== version)
        return refuse(`${where} changed while the preview was open; run the import again.`);
      const edit = new vscode.WorkspaceEdit();
      if (doc) {
        for (const e of result.edits)
          edit.replace(
            target,
            new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)),
            e.newText,
          );
      } else {
        edit.createFile(target, { overwrite: false, ignoreIfExists: false });
        edit.insert(target, new vscode.Position(0, 0), result.text);
      }
      if (!(await vscode.workspace.applyEdit(edit))) return refuse(`VS Code did not apply the import to ${where}.`);
      if (!doc) await (await vscode.workspace.openTextDocument(target)).save();
      await vscode.window.showTextDocument(target, { preview: false });
      if (!doc) await model.refresh();
      void vscode.window.showInformationMessage(
        `Roadmap Lens: imported from ${name} into ${where}: ${summaryText(result.summary)}.${doc ? ' Not saved yet; Undo reverts it.' : ''}`,
      );
      return { outcome: 'applied', summary: result.summary };
    } finally {
      previews.remove(preview);
    }
  };
  // Scripted callers (tests, tasks) pass ImportArguments; from the palette there is none.
  return { importRoadmap: (arg?: unknown) => importRoadmap(arg as ImportArguments | undefined) };
}
