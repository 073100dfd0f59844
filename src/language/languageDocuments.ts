// Which documents the language features answer in, and which folder's roadmap a document's ids
// refer to: its own folder's, the repository of a Source Control input box, or the folder of a
// read-only commit document.

import * as vscode from 'vscode';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { FolderRoadmap, RoadmapModel } from '../roadmap/model/roadmapModel';
import { REFERENCE_DOCUMENTS } from '../roadmap/referenceDocuments';
import { COMMIT_SCHEME, parseCommitUri } from '../work/commitDocumentProvider';

/** The Source Control commit message box is a document of this scheme. */
export const SCM_INPUT_SCHEME = 'vscode-scm';

export const LANGUAGE_DOCUMENTS: vscode.DocumentSelector = [
  ...(REFERENCE_DOCUMENTS as vscode.DocumentFilter[]),
  { scheme: SCM_INPUT_SCHEME },
  { scheme: COMMIT_SCHEME },
];

/** A commit message being written: the SCM input box, or COMMIT_EDITMSG opened by `git commit`. */
export function isCommitMessage(document: vscode.TextDocument): boolean {
  return document.uri.scheme === SCM_INPUT_SCHEME || document.languageId === 'git-commit';
}

/** The folder a document belongs to, including the SCM box (its `rootUri` query) and commit documents. */
export function folderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
  if (uri.scheme === SCM_INPUT_SCHEME) {
    const root = new URLSearchParams(uri.query).get('rootUri');
    if (root) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(root));
      if (folder) return folder;
    }
    return undefined;
  }
  if (uri.scheme === COMMIT_SCHEME) {
    const ref = parseCommitUri(uri);
    return ref ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(ref.folder)) : undefined;
  }
  return vscode.workspace.getWorkspaceFolder(uri);
}

export function roadmapOf(model: RoadmapModel, uri: vscode.Uri): FolderRoadmap | undefined {
  const folder = folderOf(uri);
  if (folder) {
    const own = model.roadmaps().find((r) => r.folder.uri.toString() === folder.uri.toString());
    if (own) return own;
  }
  return model.roadmapForDocument(uri);
}

/** Whether the document is one of the folder's roadmap files. */
export function isRoadmapFile(index: RoadmapIndex, uri: vscode.Uri): boolean {
  const key = uri.toString();
  return index.files.some((f) => f.file === key);
}

export interface ItemAt {
  readonly item: RoadmapItem;
  readonly roadmap: FolderRoadmap;
  readonly range: vscode.Range;
  /** The text as written at the position (an id or one of the item's refs). */
  readonly text: string;
  readonly viaAlias: boolean;
}

/** The item whose id or ref is written at `position`, if any. */
export function itemAt(
  model: RoadmapModel,
  document: vscode.TextDocument,
  position: vscode.Position,
): ItemAt | undefined {
  const roadmap = roadmapOf(model, document.uri);
  if (!roadmap || roadmap.index.items.length === 0) return undefined;
  const line = document.lineAt(position.line).text;
  const match = roadmap.index.matcher.at(line, position.character);
  const item = match && roadmap.index.get(match.itemId);
  if (!match || !item) return undefined;
  return {
    item,
    roadmap,
    range: new vscode.Range(position.line, match.start, position.line, match.end),
    text: match.text,
    viaAlias: match.viaAlias,
  };
}

export function toRange(range: RoadmapItem['location']['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toLocation(location: RoadmapItem['location']): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(location.file), toRange(location.range));
}
