// Commands about one item are called from the tree (with a node), from other features, the status
// bar and tests (with `{ id, folderUri }`), from a work-tree row (with `{ itemId, folderUri }`) or
// from the Source Control title (with a repository's `rootUri`). One parser for all of them.

import * as vscode from 'vscode';
import type { FoundItem, RoadmapModel } from '../roadmap/model/roadmapModel';

/** The argument's fields, or none when it is not an object. */
export function record(arg: unknown): Record<string, unknown> {
  return typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {};
}

/** `folderUri` as a Uri or string, or the folder of a `rootUri` (a Source Control passed by `scm/title`). */
export function folderArgument(arg: unknown): vscode.Uri | undefined {
  const { folderUri, rootUri } = record(arg);
  if (folderUri instanceof vscode.Uri) return folderUri;
  if (typeof folderUri === 'string') return vscode.Uri.parse(folderUri);
  if (rootUri instanceof vscode.Uri) return vscode.workspace.getWorkspaceFolder(rootUri)?.uri ?? rootUri;
  return undefined;
}

/** The item an argument names: an id string, or `{ itemId | id, folderUri | rootUri }` (the folder is optional). */
export function itemArgument(roadmaps: RoadmapModel, arg: unknown): FoundItem | undefined {
  if (typeof arg === 'string') return roadmaps.find(arg);
  const r = record(arg);
  const id = typeof r['itemId'] === 'string' ? r['itemId'] : typeof r['id'] === 'string' ? r['id'] : undefined;
  return id === undefined ? undefined : roadmaps.find(id, folderArgument(arg));
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
