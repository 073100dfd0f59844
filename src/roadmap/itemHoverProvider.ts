// Hover on an item id or ref in any text (code comments, Markdown, YAML, plain text) shows the
// item's card: the customer problem behind the code, right where the id is written.

import * as vscode from 'vscode';
import type { RoadmapModel } from './model/roadmapModel';
import { cardMarkdown } from './cardMarkdown';
import { REFERENCE_DOCUMENTS } from './referenceDocuments';
import { readSetting } from '../settings/settings';

export class ItemHoverProvider implements vscode.HoverProvider {
  constructor(private readonly model: RoadmapModel) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!readSetting('hovers.enabled', document.uri)) return undefined;
    const roadmap = this.model.roadmapForDocument(document.uri);
    if (!roadmap || roadmap.index.items.length === 0) return undefined;
    const line = document.lineAt(position.line).text;
    const match = roadmap.index.matcher.at(line, position.character);
    const item = match && roadmap.index.get(match.itemId);
    if (!match || !item) return undefined;
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    return new vscode.Hover(cardMarkdown(item, roadmap.index), range);
  }
}

export function registerItemHoverProvider(context: vscode.ExtensionContext, model: RoadmapModel): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(REFERENCE_DOCUMENTS, new ItemHoverProvider(model)));
}
