// "Tag Branch to Item…" and "Untag Branch…": a minimal edit of the item's `branches:` list,
// applied through the editor (a WorkspaceEdit): undoable, works on an unsaved buffer, never
// clobbers unsaved changes, and never writes the file itself. An invalid roadmap is refused.
// On a saved buffer of a file on disk, the edit is applied under the CLI's edit lock after
// checking the disk still holds the buffer's text, so it never races the CLI's `tag`.

import * as vscode from 'vscode';
import type { CommandHandlers } from '../commands/commandRegistry';
import { folderArgument, itemArgument } from '../commands/itemArgument';
import { parseRoadmapFile } from '../core/roadmap/parseRoadmap';
import { noThemeIcons } from '../core/render/noThemeIcons';
import { addBranchTag, removeBranchTag } from '../core/roadmap/tagEdit';
import { applyWhileDiskMatches } from '../roadmap/model/roadmapBufferEdit';
import type { FoundItem, RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from './model/workModel';
import { branchArgument, pickBranch, pickItem } from './workItemPicks';

export type TagOutcome = 'tagged' | 'untagged' | 'refused' | 'cancelled';

/**
 * Tag edits run one at a time: two commands in quick succession would otherwise both compute their
 * edit from the same text, and the second would land at offsets the first one moved.
 */
let tagQueue: Promise<unknown> = Promise.resolve();

/** Applies the tag edit to the roadmap document (open or not); returns whether the edit landed. */
export function applyTagEdit(
  found: FoundItem,
  branch: string,
  mode: 'add' | 'remove',
  readOnlyReason?: string,
): Promise<{ ok: boolean; message: string }> {
  // A roadmap kept in git, or a file that cannot be written: say which and why, touch nothing.
  if (readOnlyReason !== undefined)
    return Promise.resolve({
      ok: false,
      message: `Cannot ${mode === 'add' ? `tag ${branch} to` : `untag ${branch} from`} ${found.item.id}: ${readOnlyReason}`,
    });
  const run = tagQueue.then(() => applyTagEditNow(found, branch, mode));
  tagQueue = run.catch(() => undefined);
  return run;
}

async function applyTagEditNow(
  found: FoundItem,
  branch: string,
  mode: 'add' | 'remove',
): Promise<{ ok: boolean; message: string }> {
  const uri = vscode.Uri.parse(found.item.location.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const name = vscode.workspace.asRelativePath(uri, false);
  const errors = parseRoadmapFile(uri.toString(), text).diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first) {
    return {
      ok: false,
      message: `${name} has errors right now (line ${first.range.start.line + 1}: ${first.message}). Fix them first; the file was left untouched.`,
    };
  }
  const result =
    mode === 'add' ? addBranchTag(text, found.item.id, branch) : removeBranchTag(text, found.item.id, branch);
  if (!result.ok) return { ok: false, message: result.message };
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits)
    edit.replace(uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  // The document cannot have changed since getText(): nothing awaited in between, except the lock
  // below, after which the buffer is compared again.
  const version = doc.version;
  const applyNow = async (): Promise<boolean> =>
    doc.version === version && !doc.isClosed ? vscode.workspace.applyEdit(edit) : false;
  let applied: boolean;
  try {
    applied =
      uri.scheme === 'file' && !doc.isDirty
        ? await applyWhileDiskMatches(uri.fsPath, name, () => doc.getText(), applyNow)
        : await applyNow();
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (!applied) return { ok: false, message: `VS Code did not apply the edit to ${name} (it changed meanwhile).` };
  const what =
    mode === 'add' ? `Tagged branch ${branch} to ${found.item.id}` : `Removed branch ${branch} from ${found.item.id}`;
  return { ok: true, message: `${what} in ${name} (not saved yet).` };
}

function report(result: { ok: boolean; message: string }, doc: vscode.Uri): void {
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Roadmap Lens: ${result.message}`);
    return;
  }
  void vscode.window.showInformationMessage(`Roadmap Lens: ${result.message}`, 'Save', 'Show').then(async (choice) => {
    if (choice === 'Save')
      await vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.toString())?.save();
    if (choice === 'Show') await vscode.window.showTextDocument(doc);
  });
}

export function tagCommands(roadmaps: RoadmapModel, work: WorkModel): CommandHandlers<'tagBranch' | 'untagBranch'> {
  return {
    tagBranch: async (arg?: unknown): Promise<TagOutcome> => {
      let found = itemArgument(roadmaps, arg);
      const folderUri = found?.folder.uri ?? folderArgument(arg) ?? work.activeFolder()?.uri;
      if (!folderUri) return 'cancelled';
      let branch = branchArgument(arg);
      if (branch === undefined) {
        if (work.status(folderUri).kind !== 'ready') {
          void vscode.window.showWarningMessage(`Roadmap Lens: ${work.gitOffMessage(folderUri)}`);
          return 'refused';
        }
        branch = await pickBranch(
          work,
          folderUri,
          found ? `Tag a Branch to ${found.item.id}` : 'Tag Branch to Item: choose a branch',
        );
      }
      if (branch === undefined) return 'cancelled';
      const name = typeof branch === 'string' ? branch : branch.branch;
      found ??= await pickItem(roadmaps, 'tag', `Tag ${name} to…`, folderUri);
      if (!found) return 'cancelled';
      const result = await applyTagEdit(found, name, 'add', roadmaps.readOnlyReason(found.item.location.file));
      report(result, vscode.Uri.parse(found.item.location.file));
      return result.ok ? 'tagged' : 'refused';
    },
    untagBranch: async (arg?: unknown): Promise<TagOutcome> => {
      let found = itemArgument(roadmaps, arg);
      const given = branchArgument(arg);
      let pattern = typeof given === 'string' ? given : (given?.tagPattern ?? given?.branch);
      if (!found || pattern === undefined) {
        const picked = await pickTag(roadmaps, found, folderArgument(arg));
        if (!picked) return 'cancelled';
        found = picked.found;
        pattern = picked.pattern;
      }
      const result = await applyTagEdit(found, pattern, 'remove', roadmaps.readOnlyReason(found.item.location.file));
      report(result, vscode.Uri.parse(found.item.location.file));
      return result.ok ? 'untagged' : 'refused';
    },
  };
}

/** Every `branches:` entry of one item (or all items), to choose the tag to remove. */
async function pickTag(
  roadmaps: RoadmapModel,
  only: FoundItem | undefined,
  folderUri: vscode.Uri | undefined,
): Promise<{ found: FoundItem; pattern: string } | undefined> {
  const candidates = (only ? [only] : roadmaps.allItems())
    .filter((f) => folderUri === undefined || f.folder.uri.toString() === folderUri.toString())
    .flatMap((found) =>
      found.item.branches.map((pattern) => ({
        label: noThemeIcons(pattern),
        description: noThemeIcons(`${found.item.id} · ${found.item.title}`),
        found,
        pattern,
      })),
    );
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      `Roadmap Lens: ${only ? `${only.item.id} has` : 'no item has'} tagged branches.`,
    );
    return undefined;
  }
  return vscode.window.showQuickPick(candidates, {
    title: 'Untag Branch',
    placeHolder: 'Choose the branch tag to remove',
    matchOnDescription: true,
  });
}
