// Commands about one item are called from the tree (with a node), from other features and tests
// (with an id), or from a quick pick (with an id and folder). One parser for all of them.

import * as vscode from 'vscode';
import type { FoundItem, RoadmapModel } from '../roadmap/model/roadmapModel';

export function findItemArgument(model: RoadmapModel, arg: unknown): FoundItem | undefined {
  if (typeof arg === 'string') return model.find(arg);
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { id, folderUri } = arg as { id?: unknown; folderUri?: unknown };
  if (typeof id !== 'string') return undefined;
  const folder =
    typeof folderUri === 'string'
      ? vscode.Uri.parse(folderUri)
      : folderUri instanceof vscode.Uri
        ? folderUri
        : undefined;
  return model.find(id, folder);
}

/** Opens the roadmap file with the item's id selected. */
export async function showItemInFile(
  found: FoundItem,
  options: { preview?: boolean; preserveFocus?: boolean } = {},
): Promise<vscode.TextEditor> {
  const { file, range } = found.item.idLocation;
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(file), { ...options, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
