// One hover for Roadmap Lens, in the order a reader needs it: on an item id or ref, that item's
// card first (the customer problem behind the id under the cursor), then what the line as a whole
// serves ("why this line exists") without repeating the item already shown. Two separate
// providers cannot agree on that order: VS Code stacks their hovers by its own rules, and the
// card ended up below the fold of the line's section.

import * as vscode from 'vscode';
import { matchItemIds } from '../core/linking/referenceMatcher';
import { idKey, type RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { RoadmapModel } from './model/roadmapModel';
import { cardMarkdown } from './cardMarkdown';
import { REFERENCE_DOCUMENTS } from './referenceDocuments';
import { readSetting } from '../settings/settings';

/** A later part of the hover (the attribution's line section); `shown` are item ids already carded. */
export interface HoverSection {
  section(
    document: vscode.TextDocument,
    position: vscode.Position,
    shown: ReadonlySet<string>,
    token: vscode.CancellationToken,
  ): Promise<vscode.MarkdownString | undefined>;
}

/** Cards for a ref that several items share: enough to see them, not a wall. */
const MAX_CARDS = 3;

export class ItemHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly model: RoadmapModel,
    private readonly sections: readonly HoverSection[] = [],
  ) {}

  /** The card part alone (sync): the items under the cursor and their range. */
  cards(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): { items: readonly RoadmapItem[]; contents: vscode.MarkdownString[]; range: vscode.Range } | undefined {
    if (!readSetting('hovers.enabled', document.uri)) return undefined;
    const roadmap = this.model.roadmapForDocument(document.uri);
    if (!roadmap || roadmap.index.items.length === 0) return undefined;
    const line = document.lineAt(position.line).text;
    const match = roadmap.index.matcher.at(line, position.character);
    if (!match) return undefined;
    const items = matchItemIds(match).flatMap((id) => {
      const item = roadmap.index.get(id);
      return item ? [item] : [];
    });
    if (items.length === 0) return undefined;
    const contents = items.slice(0, MAX_CARDS).map((item) => cardMarkdown(item, roadmap.index));
    if (items.length > 1) {
      const note = new vscode.MarkdownString(undefined, false);
      note.isTrusted = false;
      note.appendText(
        `"${match.text}" is a ref of ${items.length} items: ${items.map((i) => i.id).join(', ')}. Text mentioning it links to all of them.`,
      );
      contents.unshift(note);
    }
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    return { items, contents, range };
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const cards = this.cards(document, position);
    const shown = new Set((cards?.items ?? []).map((i) => idKey(i.id)));
    const later: vscode.MarkdownString[] = [];
    for (const s of this.sections) {
      const md = await s.section(document, position, shown, token);
      if (token.isCancellationRequested) return undefined;
      if (md) later.push(md);
    }
    const contents = [...(cards?.contents ?? []), ...later];
    if (contents.length === 0) return undefined;
    const range =
      cards?.range ?? new vscode.Range(position.line, 0, position.line, document.lineAt(position.line).text.length);
    return new vscode.Hover(contents, range);
  }
}

export function registerItemHoverProvider(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  sections: readonly HoverSection[] = [],
): ItemHoverProvider {
  const provider = new ItemHoverProvider(model, sections);
  context.subscriptions.push(vscode.languages.registerHoverProvider(REFERENCE_DOCUMENTS, provider));
  return provider;
}
