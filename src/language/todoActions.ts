// TODO → roadmap. On a TODO/FIXME/HACK comment (whole-word triggers, setting
// `roadmapLens.todo.triggers`) and on any selection: "Link to Roadmap Item…" inserts an annotation
// above the line in the file's comment syntax; "Add to Roadmap as New Item…" writes a new item
// (title from the comment, parent picked, why asked) into the roadmap YAML and links it, in one
// undoable edit. An optional CodeLens (setting `roadmapLens.todo.codeLens`) offers both on such
// comments; a comment that already names an item gets no lens and no action. The actions and the
// lens are in todoProviders.ts; this file holds the two commands and their registration.

import * as vscode from 'vscode';
import { annotationText } from '../core/language/commentTokens';
import { nextChildId } from '../core/language/quickFixes';
import { findTodo, titleFrom } from '../core/language/todoComments';
import type { CommandHandlers } from '../commands/commandRegistry';
import { onDidChangeSettings } from '../settings/settings';
import { appendItem } from '../core/language/yamlInsert';
import { parseRoadmapFile } from '../core/roadmap/parseRoadmap';
import { ID_PATTERN } from '../core/roadmap/roadmapKeys';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { FolderRoadmap, RoadmapModel } from '../roadmap/model/roadmapModel';
import { pickItem } from '../work/workItemPicks';
import { roadmapOf } from './languageDocuments';
import { TodoActionProvider, TodoCodeLensProvider, triggers, type TodoTarget } from './todoProviders';

/** For tests and scripted use: answers that replace the pickers and input boxes. */
export interface NewItemAnswers {
  readonly id?: string;
  readonly title?: string;
  readonly parent?: string | null;
  readonly why?: string;
  readonly kind?: string;
}

function isTarget(arg: unknown): arg is TodoTarget {
  const t = arg as Partial<TodoTarget> | undefined;
  return typeof t?.uri === 'string' && typeof t.line === 'number' && typeof t.title === 'string';
}

/** The target of the active editor's selection, when a command runs from the palette. */
function activeTarget(): TodoTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const sel = editor.selection;
  const text = sel.isEmpty ? editor.document.lineAt(sel.start.line).text : editor.document.getText(sel);
  const todo = findTodo(text, triggers(editor.document.uri));
  return {
    uri: editor.document.uri.toString(),
    line: sel.start.line,
    title: titleFrom(todo?.text ?? text.replace(/^[\s/*#;!<>-]+/, '')).slice(0, 120),
  };
}

/** The annotation line inserted above `line`, indented like it. */
function annotationEdit(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, line: number, itemId: string): void {
  const text = document.lineAt(line).text;
  const indent = text.slice(0, text.length - text.trimStart().length);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  edit.insert(
    document.uri,
    new vscode.Position(line, 0),
    `${indent}${annotationText(document.languageId, itemId)}${eol}`,
  );
}

async function linkToItem(model: RoadmapModel, arg: unknown, itemId?: unknown): Promise<boolean> {
  const target = isTarget(arg) ? arg : activeTarget();
  if (!target) return false;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const roadmap = roadmapOf(model, document.uri);
  let id = typeof itemId === 'string' ? roadmap?.index.get(itemId)?.id : undefined;
  if (id === undefined) {
    const found = await pickItem(model, 'work', `Link to Roadmap Item: "${target.title}"`, roadmap?.folder.uri);
    id = found?.item.id;
  }
  if (id === undefined) return false;
  const edit = new vscode.WorkspaceEdit();
  annotationEdit(edit, document, target.line, id);
  return vscode.workspace.applyEdit(edit);
}

async function askNewItem(
  roadmap: FolderRoadmap,
  target: TodoTarget,
  given: NewItemAnswers,
): Promise<{ id: string; title: string; parent: RoadmapItem | undefined; why: string; kind: string } | undefined> {
  const title =
    given.title ??
    (await vscode.window.showInputBox({
      title: 'Add to Roadmap: title',
      value: target.title,
      prompt: 'What the new item delivers, in a few words',
      validateInput: (v) => (v.trim() === '' ? 'Give the item a title.' : undefined),
    }));
  if (title === undefined) return undefined;
  let parent: RoadmapItem | undefined;
  if (given.parent !== undefined) {
    parent = given.parent === null ? undefined : roadmap.index.get(given.parent);
    if (given.parent !== null && !parent) throw new Error(`No item ${given.parent} in the roadmap.`);
  } else {
    const picks: (vscode.QuickPickItem & { item: RoadmapItem | undefined })[] = [
      { label: '$(list-flat) Top level', description: 'no parent', item: undefined },
      ...roadmap.index.items
        .filter((i) => i.kind !== 'feature' && i.kind !== 'story')
        .map((i) => ({ label: i.id, description: i.title, detail: i.why?.trim() ?? '', item: i })),
    ];
    const picked = await vscode.window.showQuickPick(picks, {
      title: `Add to Roadmap: parent of "${title}"`,
      placeHolder: 'The epic or initiative this belongs to',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    parent = picked.item;
  }
  const ids = roadmap.index.items.map((i) => i.id);
  const id =
    given.id ??
    (await vscode.window.showInputBox({
      title: 'Add to Roadmap: id',
      value: nextChildId(parent?.id, ids),
      validateInput: (v) =>
        !ID_PATTERN.test(v.trim())
          ? 'Letters, digits, `-`, `_` and `.` only.'
          : roadmap.index.get(v.trim())
            ? `${v.trim()} is taken.`
            : undefined,
    }));
  if (id === undefined) return undefined;
  const why =
    given.why ??
    (await vscode.window.showInputBox({
      title: `Add to Roadmap: why ${id.trim()}?`,
      prompt: 'Which customer problem does it solve? (can be filled in later)',
    }));
  if (why === undefined) return undefined;
  return { id: id.trim(), title: title.trim(), parent, why, kind: given.kind ?? 'feature' };
}

async function addAsNewItem(model: RoadmapModel, arg: unknown, answers?: unknown): Promise<string | undefined> {
  const target = isTarget(arg) ? arg : activeTarget();
  if (!target) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const roadmap = roadmapOf(model, document.uri);
  if (!roadmap) {
    void vscode.window.showWarningMessage('Roadmap Lens: this folder has no roadmap to add to.');
    return undefined;
  }
  const asked = await askNewItem(roadmap, target, answers ?? {});
  if (!asked) return undefined;
  if (roadmap.index.get(asked.id)) throw new Error(`${asked.id} is already an id or ref in the roadmap.`);
  const file = vscode.Uri.parse(asked.parent?.location.file ?? roadmap.index.files[0]?.file ?? '');
  const yaml = await vscode.workspace.openTextDocument(file);
  const text = yaml.getText();
  const errors = parseRoadmapFile(file.toString(), text).diagnostics.filter((d) => d.severity === 'error');
  const insert =
    errors.length === 0
      ? appendItem(text, {
          id: asked.id,
          title: asked.title,
          why: asked.why,
          kind: asked.kind,
          ...(asked.parent ? { parent: asked.parent.id } : {}),
        })
      : undefined;
  if (!insert) {
    void vscode.window.showWarningMessage(
      `Roadmap Lens: ${vscode.workspace.asRelativePath(file)} ${errors.length > 0 ? 'has errors; fix them first' : 'has no top-level `items:` list to add to'}. Nothing was changed.`,
    );
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(file, yaml.positionAt(insert.offset), insert.newText);
  annotationEdit(edit, document, target.line, asked.id);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  void vscode.window
    .showInformationMessage(
      `Roadmap Lens: added ${asked.id} to ${vscode.workspace.asRelativePath(file)} (not saved yet) and linked it.`,
      'Show',
    )
    .then((c) => (c ? vscode.window.showTextDocument(yaml) : undefined));
  return asked.id;
}

export function registerTodoActions(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
): CommandHandlers<'linkToItem' | 'addAsNewItem'> {
  const lenses = new TodoCodeLensProvider(model);
  const files: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeActionsProvider(files, new TodoActionProvider(model), {
      providedCodeActionKinds: TodoActionProvider.kinds,
    }),
    vscode.languages.registerCodeLensProvider(files, lenses),
    model.onDidChange(() => lenses.refresh()),
    onDidChangeSettings(['todo.triggers', 'todo.codeLens'], () => lenses.refresh()),
  );
  return {
    linkToItem: (arg?: unknown, itemId?: unknown) => linkToItem(model, arg, itemId),
    addAsNewItem: (arg?: unknown, answers?: unknown) => addAsNewItem(model, arg, answers),
  };
}
