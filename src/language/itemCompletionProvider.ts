// Completes roadmap item ids where people write them: the commit message box (the current item
// first; a fresh line in the trailer area becomes `Roadmap: CHK-12`), comments and Markdown prose
// (never strings or code), and roadmap YAML values that take ids (`parent:`), kinds, statuses and
// branch names (`branches:`). Answers from the roadmap model's index; never reads files or runs git.

import * as vscode from 'vscode';
import { inWritingAt } from '../core/language/commentSegments';
import { documentStyle } from '../core/language/commentTokens';
import {
  messagePlace,
  TRAILER_KEY,
  wordBefore,
  yamlValueKey,
  type MessagePlace,
} from '../core/language/completionContext';
import {
  completionCandidates,
  itemDetail,
  rankItems,
  type CompletionCandidates,
} from '../core/language/itemCompletion';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import { KNOWN_KINDS, KNOWN_STATUSES, type RoadmapItem } from '../core/roadmap/roadmapTypes';
import { escapeMarkdown } from '../core/render/itemCard';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from '../work/model/workModel';
import { readSetting } from '../settings/settings';
import { folderOf, isCommitMessage, isRoadmapFile, LANGUAGE_DOCUMENTS, roadmapOf } from './languageDocuments';

/** Lines scanned above the cursor to learn whether it sits in a block comment. */
const MAX_SCAN_LINES = 5000;
const MAX_ITEMS = 100;

export class ItemCompletionProvider implements vscode.CompletionItemProvider, vscode.Disposable {
  /** One candidate table per roadmap index (indexes are immutable; a reload makes a new one). */
  private readonly candidates = new WeakMap<RoadmapIndex, CompletionCandidates>();
  /** Once completion has been used, tables are rebuilt right after a reload, not on the next keystroke. */
  private used = false;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly model: RoadmapModel,
    private readonly work: WorkModel,
  ) {
    this.subscription = model.onDidChange(() => {
      if (!this.used || this.warmTimer) return;
      this.warmTimer = setTimeout(() => {
        this.warmTimer = undefined;
        for (const { index } of this.model.roadmaps()) this.table(index);
      }, 0);
    });
  }

  dispose(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.subscription.dispose();
  }

  private table(index: RoadmapIndex): CompletionCandidates {
    let candidates = this.candidates.get(index);
    if (!candidates) this.candidates.set(index, (candidates = completionCandidates(index.items)));
    return candidates;
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    if (!readSetting('completion.enabled', document.uri)) return undefined;
    const roadmap = roadmapOf(this.model, document.uri);
    if (!roadmap || roadmap.index.items.length === 0) return undefined;
    const lineText = document.lineAt(position.line).text;
    const word = wordBefore(lineText, position.character);
    const first = Math.max(0, position.line - MAX_SCAN_LINES);
    const linesUpTo = (): string[] => {
      const lines: string[] = [];
      for (let l = first; l <= position.line; l++) lines.push(document.lineAt(l).text);
      return lines;
    };

    if (isCommitMessage(document)) {
      const place = messagePlace(linesUpTo(), word.start);
      return this.items(roadmap.index, word, position, place, this.currentId(document.uri));
    }
    if (isRoadmapFile(roadmap.index, document.uri)) {
      const lines = linesUpTo();
      const key = yamlValueKey(lines, word.start);
      if (key === 'kind') return this.words(KNOWN_KINDS, word, position, 'kind');
      if (key === 'status') return this.words(KNOWN_STATUSES, word, position, 'status');
      if (key === 'branches') return this.branches(document.uri, word, position);
      if (key === 'parent') return this.items(roadmap.index, word, position, 'text', undefined);
      // Otherwise only in YAML comments.
      if (!inWritingAt(lines, word.start, documentStyle('yaml'))) return undefined;
      return this.items(roadmap.index, word, position, 'text', undefined);
    }
    if (!inWritingAt(linesUpTo(), word.start, documentStyle(document.languageId), document.languageId))
      return undefined;
    return this.items(roadmap.index, word, position, 'text', this.currentId(document.uri));
  }

  private currentId(uri: vscode.Uri): string | undefined {
    const folder = folderOf(uri) ?? this.work.activeFolder();
    if (!folder) return undefined;
    const status = this.work.status(folder.uri);
    return status.kind === 'ready' ? status.current?.item.id : undefined;
  }

  private items(
    index: RoadmapIndex,
    word: { start: number; text: string },
    position: vscode.Position,
    place: MessagePlace,
    currentId: string | undefined,
  ): vscode.CompletionList {
    this.used = true;
    const { ranked, incomplete } = rankItems(this.table(index), word.text, currentId, MAX_ITEMS);
    const range = new vscode.Range(position.line, word.start, position.line, position.character);
    const list = ranked.map(({ item, rank }, i) => {
      const c = new vscode.CompletionItem({ label: item.id, description: item.title }, vscode.CompletionItemKind.Issue);
      c.detail = itemDetail(item);
      c.documentation = documentation(item, rank === 0);
      // Typing part of the title finds the item too.
      c.filterText = `${item.id} ${item.title}`;
      c.sortText = `${rank}${String(i).padStart(4, '0')}`;
      c.range = range;
      c.insertText = place === 'trailer-line' ? `${TRAILER_KEY}: ${item.id}` : item.id;
      if (rank === 0) c.preselect = true;
      return c;
    });
    return new vscode.CompletionList(list, incomplete);
  }

  private words(
    values: readonly string[],
    word: { start: number; text: string },
    position: vscode.Position,
    key: string,
  ): vscode.CompletionList {
    const range = new vscode.Range(position.line, word.start, position.line, position.character);
    return new vscode.CompletionList(
      values.map((v, i) => {
        const c = new vscode.CompletionItem(v, vscode.CompletionItemKind.EnumMember);
        c.detail = `roadmap ${key}`;
        c.sortText = String(i).padStart(2, '0');
        c.range = range;
        return c;
      }),
    );
  }

  private branches(
    uri: vscode.Uri,
    word: { start: number; text: string },
    position: vscode.Position,
  ): vscode.CompletionList | undefined {
    const folder = folderOf(uri);
    if (!folder) return undefined;
    const range = new vscode.Range(position.line, word.start, position.line, position.character);
    const seen = new Set<string>();
    const items: vscode.CompletionItem[] = [];
    for (const b of this.work.allBranches(folder.uri)) {
      if (seen.has(b.branch)) continue;
      seen.add(b.branch);
      const c = new vscode.CompletionItem(b.branch, vscode.CompletionItemKind.Reference);
      c.detail = b.lastCommit ? b.lastCommit.subject : 'branch';
      c.range = range;
      items.push(c);
    }
    return new vscode.CompletionList(items);
  }
}

function documentation(item: RoadmapItem, current: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(
    `**${escapeMarkdown(item.id)}** · ${escapeMarkdown(item.kind)}${item.status ? ` · ${escapeMarkdown(item.status)}` : ''}`,
  );
  if (current) md.appendMarkdown(' · *current item*');
  md.appendMarkdown(`\n\n${escapeMarkdown(item.title)}`);
  if (item.why) md.appendMarkdown(`\n\n*Why:* ${escapeMarkdown(item.why.trim())}`);
  return md;
}

export function registerItemCompletion(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  work: WorkModel,
): ItemCompletionProvider {
  const provider = new ItemCompletionProvider(model, work);
  context.subscriptions.push(provider, vscode.languages.registerCompletionItemProvider(LANGUAGE_DOCUMENTS, provider));
  return provider;
}
