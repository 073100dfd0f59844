// TODO comments as places to link work to the roadmap: the quick fix / refactor actions on a TODO
// (or on any selection) and the optional CodeLens above each TODO that names no item yet. The
// commands they call (link, add as new item) are in todoActions.ts.

import * as vscode from 'vscode';
import { Commands } from '../commands/commandIds';
import { segmentScanner, type Segment } from '../core/language/commentSegments';
import { documentStyle } from '../core/language/commentTokens';
import { findTodo, titleFrom } from '../core/language/todoComments';
import { readSetting } from '../settings/settings';
import type { FolderRoadmap, RoadmapModel } from '../roadmap/model/roadmapModel';
import { roadmapOf } from './languageDocuments';

const MAX_SCAN_LINES = 5000;

/** What a command acts on: a line of a document and the words to title a new item with. */
export interface TodoTarget {
  readonly uri: string;
  readonly line: number;
  readonly title: string;
}

export function triggers(uri: vscode.Uri): string[] {
  return readSetting('todo.triggers', uri).filter((t) => t.trim() !== '');
}

/** The comment segments of `line` (scanning from up to MAX_SCAN_LINES above for open block comments). */
function segmentsOf(document: vscode.TextDocument, line: number): readonly Segment[] {
  const scanner = segmentScanner(documentStyle(document.languageId), document.languageId);
  let segments: readonly Segment[] = [];
  for (let l = Math.max(0, line - MAX_SCAN_LINES); l <= line; l++) segments = scanner.next(document.lineAt(l).text);
  return segments;
}

export interface TodoOnLine {
  readonly title: string;
  readonly range: vscode.Range;
}

/** The TODO comment on `line` that names no roadmap item yet, if any. */
export function todoOnLine(
  document: vscode.TextDocument,
  line: number,
  roadmap: FolderRoadmap | undefined,
  segments = segmentsOf(document, line),
): TodoOnLine | undefined {
  if (documentStyle(document.languageId).kind === 'prose') return undefined;
  const text = document.lineAt(line).text;
  for (const s of segments) {
    const comment = text.slice(s.start, s.end);
    const todo = findTodo(comment, triggers(document.uri));
    if (!todo) continue;
    if (roadmap && roadmap.index.matcher.findAll(comment).length > 0) return undefined;
    return {
      title: titleFrom(todo.text) || `${todo.trigger} in ${vscode.workspace.asRelativePath(document.uri)}`,
      range: new vscode.Range(line, s.start + todo.start, line, s.start + todo.end),
    };
  }
  return undefined;
}

function actions(target: TodoTarget, kind: vscode.CodeActionKind): vscode.CodeAction[] {
  const link = new vscode.CodeAction('Link to Roadmap Item…', kind);
  link.command = { command: Commands.linkToItem, title: link.title, arguments: [target] };
  const add = new vscode.CodeAction('Add to Roadmap as New Item…', kind);
  add.command = { command: Commands.addAsNewItem, title: add.title, arguments: [target] };
  return [add, link];
}

export class TodoActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

  constructor(private readonly model: RoadmapModel) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const roadmap = roadmapOf(this.model, document.uri);
    if (!roadmap) return [];
    const uri = document.uri.toString();
    if (!range.isEmpty) {
      const text = document.getText(range).replace(/^[\s/*#;!<>-]+/gm, ' ');
      if (roadmap.index.matcher.findAll(text).length > 0) return [];
      const title = titleFrom(findTodo(text, triggers(document.uri))?.text ?? text).slice(0, 120);
      return actions({ uri, line: range.start.line, title }, vscode.CodeActionKind.RefactorRewrite);
    }
    const todo = todoOnLine(document, range.start.line, roadmap);
    return todo ? actions({ uri, line: range.start.line, title: todo.title }, vscode.CodeActionKind.QuickFix) : [];
  }
}

export class TodoCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly model: RoadmapModel) {}

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (!readSetting('todo.codeLens', document.uri)) return [];
    const roadmap = roadmapOf(this.model, document.uri);
    if (!roadmap || documentStyle(document.languageId).kind === 'prose' || document.lineCount > 50_000) return [];
    const scanner = segmentScanner(documentStyle(document.languageId), document.languageId);
    const out: vscode.CodeLens[] = [];
    for (let l = 0; l < document.lineCount && !token.isCancellationRequested; l++) {
      const segments = scanner.next(document.lineAt(l).text);
      if (segments.length === 0) continue;
      const todo = todoOnLine(document, l, roadmap, segments);
      if (!todo) continue;
      const target: TodoTarget = { uri: document.uri.toString(), line: l, title: todo.title };
      out.push(
        new vscode.CodeLens(todo.range, {
          title: 'Add to Roadmap…',
          command: Commands.addAsNewItem,
          arguments: [target],
        }),
        new vscode.CodeLens(todo.range, {
          title: 'Link to Roadmap Item…',
          command: Commands.linkToItem,
          arguments: [target],
        }),
      );
    }
    return out;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
