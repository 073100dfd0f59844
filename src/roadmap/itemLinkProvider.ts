// Item ids and refs become links to the item's line in the roadmap YAML. Scans line by line
// and skips very large documents: a link provider runs on every open editor.

import * as vscode from 'vscode';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { RoadmapModel } from './model/roadmapModel';
import { REFERENCE_DOCUMENTS } from './referenceDocuments';
import { readSetting } from '../settings/settings';

/** More links than anyone can use; stops a generated file full of ids from costing much. */
const MAX_LINKS = 5000;

/** Opens the file at the id: VS Code's opener reads `#L<line>,<column>` (1-based). */
export function itemTarget(item: RoadmapItem): vscode.Uri {
  const { file, range } = item.idLocation;
  return vscode.Uri.parse(file).with({ fragment: `L${range.start.line + 1},${range.start.character + 1}` });
}

export class ItemLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly model: RoadmapModel) {}

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    if (!readSetting('links.enabled', document.uri)) return [];
    const maxSize = readSetting('links.maxFileSize', document.uri);
    const roadmap = this.model.roadmapForDocument(document.uri);
    if (!roadmap || roadmap.index.items.length === 0) return [];
    // The offset of the end is the length, without copying the whole text.
    const last = document.lineAt(document.lineCount - 1).range.end;
    if (document.offsetAt(last) > maxSize) return [];

    const docKey = document.uri.toString();
    const links: vscode.DocumentLink[] = [];
    for (let line = 0; line < document.lineCount && links.length < MAX_LINKS; line++) {
      if (line % 1000 === 0 && token.isCancellationRequested) return [];
      const text = document.lineAt(line).text;
      for (const match of roadmap.index.matcher.findAll(text)) {
        const item = roadmap.index.get(match.itemId);
        if (!item || isDefinition(item, docKey, line, match.start)) continue;
        const link = new vscode.DocumentLink(new vscode.Range(line, match.start, line, match.end), itemTarget(item));
        link.tooltip = match.sharedWith
          ? `${item.id}: ${item.title} (a ref shared with ${match.sharedWith.join(', ')})`
          : `${item.id}: ${item.title}`;
        links.push(link);
      }
    }
    return links;
  }
}

/** The `id:` value itself would only link to where the cursor already is. */
function isDefinition(item: RoadmapItem, docKey: string, line: number, start: number): boolean {
  const at = item.idLocation;
  return at.file === docKey && at.range.start.line === line && at.range.start.character === start;
}

export function registerItemLinkProvider(context: vscode.ExtensionContext, model: RoadmapModel): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentLinkProvider(REFERENCE_DOCUMENTS, new ItemLinkProvider(model)),
  );
}
