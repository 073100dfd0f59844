// Rename (F2) an item id: its `id:`, every `parent:` that names it, and its mentions in comments
// and prose across the folder, as one undoable workspace edit shown in the refactor preview. The
// old id joins the item's `refs`, so branches and commits that use it still link; commit messages
// are history and are never rewritten.

import * as vscode from 'vscode';
import { idProblem, renameInRoadmapText } from '../core/language/renameItem';
import { idKey } from '../core/roadmap/roadmapTypes';
import { lineOf, lineStarts } from '../core/util/lineStarts';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import { itemAt, LANGUAGE_DOCUMENTS } from './languageDocuments';
import type { WorkspaceMentions } from './model/workspaceMentions';

/** Offsets to positions in a text that is not open as a document. */
function positionsIn(text: string): (offset: number) => vscode.Position {
  const starts = lineStarts(text);
  return (offset) => {
    const line = lineOf(starts, offset);
    return new vscode.Position(line, offset - (starts[line] ?? 0));
  };
}

export class ItemRenameProvider implements vscode.RenameProvider {
  constructor(
    private readonly model: RoadmapModel,
    private readonly mentions: WorkspaceMentions,
  ) {}

  prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): { range: vscode.Range; placeholder: string } {
    const at = itemAt(this.model, document, position);
    if (!at) throw new Error('Roadmap Lens: no roadmap item id here.');
    if (at.viaAlias)
      throw new Error(`"${at.text}" is a ref of ${at.item.id}; rename the id ${at.item.id} where it is written.`);
    const readOnly = this.model.readOnlyReason(at.item.location.file);
    if (readOnly !== undefined) throw new Error(`Cannot rename ${at.item.id}: ${readOnly}`);
    return { range: at.range, placeholder: at.item.id };
  }

  async provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
    token: vscode.CancellationToken,
  ): Promise<vscode.WorkspaceEdit | undefined> {
    const at = itemAt(this.model, document, position);
    if (!at || at.viaAlias) return undefined;
    const { item, roadmap } = at;
    const newId = newName.trim();
    const problem = idProblem(newId);
    if (problem) throw new Error(problem);
    if (idKey(newId) === idKey(item.id) && newId === item.id) return new vscode.WorkspaceEdit();
    const taken = roadmap.index.get(newId);
    if (taken && taken !== item) throw new Error(`"${newId}" already names ${taken.id} (${taken.title}).`);

    const edit = new vscode.WorkspaceEdit();
    const roadmapMeta: vscode.WorkspaceEditEntryMetadata = {
      label: `Rename ${item.id} to ${newId} in the roadmap`,
      description: `the old id stays in refs`,
      needsConfirmation: false,
    };
    const mentionMeta: vscode.WorkspaceEditEntryMetadata = {
      label: `Mentions of ${item.id} in comments and docs`,
      needsConfirmation: true,
    };
    const roadmapEdits = new Set<string>();
    let defined = false;
    for (const file of roadmap.index.files) {
      const uri = vscode.Uri.parse(file.file);
      const content = await this.mentions.text(uri);
      const unwritable = this.model.readOnlyReason(file.file);
      if (!content && unwritable !== undefined) throw new Error(`Cannot rename ${item.id}: ${unwritable}`);
      if (!content) throw new Error(`Could not read ${vscode.workspace.asRelativePath(uri)}.`);
      const result = renameInRoadmapText(content.text, item.id, newId);
      if (!result.ok) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${result.message}`);
      // Another roadmap file that names the item and cannot be written: refuse the whole rename.
      if (result.edits.length > 0 && unwritable !== undefined)
        throw new Error(`Cannot rename ${item.id}: ${unwritable}`);
      defined ||= result.definesItem;
      const at = positionsIn(content.text);
      for (const e of result.edits) {
        const range = new vscode.Range(at(e.offset), at(e.offset + e.length));
        roadmapEdits.add(`${uri.toString()}#${range.start.line}:${range.start.character}`);
        edit.replace(uri, range, e.newText, roadmapMeta);
      }
    }
    if (!defined) throw new Error(`${item.id} is not defined in a roadmap file that could be edited.`);
    if (token.isCancellationRequested) return undefined;
    const found = await this.mentions.find(roadmap.folder, roadmap.index, item.id, token);
    for (const m of found) {
      // Mentions by a ref stay: the ref still names the item.
      if (m.viaAlias || idKey(m.text) !== idKey(item.id)) continue;
      if (roadmapEdits.has(`${m.uri.toString()}#${m.range.start.line}:${m.range.start.character}`)) continue;
      edit.replace(m.uri, m.range, newId, mentionMeta);
    }
    return edit;
  }
}

export function registerItemRename(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  mentions: WorkspaceMentions,
): void {
  context.subscriptions.push(
    vscode.languages.registerRenameProvider(LANGUAGE_DOCUMENTS, new ItemRenameProvider(model, mentions)),
  );
}
