// Quick fixes for roadmap diagnostics whose fix is obvious: a misspelt key or kind/status → the
// suggested word; an unknown parent → the closest id; a missing why → a `why:` stub with the cursor
// in it; a duplicate id → a free id for the copy that is left out.

import * as vscode from 'vscode';
import { InternalCommands } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import { closestId, freeId, suggestionIn } from '../core/language/quickFixes';
import { insertWhyStub } from '../core/language/yamlInsert';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import { DIAGNOSTIC_SOURCE } from '../roadmap/roadmapDiagnostics';
import { roadmapOf } from './languageDocuments';
import { disableWhenReadOnly } from '../roadmap/readOnlyActions';
import { ROADMAP_DOCUMENTS } from '../roadmap/referenceDocuments';

export class RoadmapQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly model: RoadmapModel) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const action = this.fixFor(document, d);
      if (action) {
        action.diagnostics = [d];
        out.push(action);
      }
    }
    return disableWhenReadOnly(out, out.length > 0 ? this.model.readOnlyReason(document.uri.toString()) : undefined);
  }

  private fixFor(document: vscode.TextDocument, d: vscode.Diagnostic): vscode.CodeAction | undefined {
    const written = document.getText(d.range);
    switch (d.code) {
      case 'unknown-key':
      case 'possible-typo': {
        const hint = suggestionIn(d.message);
        if (!hint) return undefined;
        // possible-typo points at the value (`kind: featrue`), unknown-key at the key.
        return replace(document, d.range, hint, `Change to \`${hint}\``, true);
      }
      case 'unknown-parent': {
        const roadmap = roadmapOf(this.model, document.uri);
        const hint =
          roadmap &&
          closestId(
            written.replace(/^["']|["']$/g, ''),
            roadmap.index.items.map((i) => i.id),
          );
        if (!hint) return undefined;
        return replace(document, d.range, quoteLike(written, hint), `Change parent to ${hint}`, true);
      }
      case 'duplicate-id': {
        // Only on the copy that is left out: the first definition keeps its id.
        if (!d.message.startsWith('Duplicate id')) return undefined;
        const roadmap = roadmapOf(this.model, document.uri);
        const ids = new Set((roadmap?.index.items ?? []).map((i) => i.id.toUpperCase()));
        const text = document.getText();
        const id = freeId(
          written.replace(/^["']|["']$/g, ''),
          (c) => ids.has(c.toUpperCase()) || new RegExp(`\\bid:\\s*["']?${escapeRegExp(c)}["']?\\s*$`, 'mi').test(text),
        );
        return replace(document, d.range, quoteLike(written, id), `Rename this copy to ${id}`, true);
      }
      case 'missing-why': {
        const stub = insertWhyStub(document.getText(), document.offsetAt(d.range.start));
        if (!stub) return undefined;
        const action = new vscode.CodeAction('Add a `why:` to fill in', vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(document.uri, document.positionAt(stub.edit.offset), stub.edit.newText);
        action.isPreferred = true;
        // Runs after the edit: the cursor lands in the stub, ready to type the customer problem.
        action.command = {
          command: InternalCommands.moveCursor,
          title: 'Move the cursor to the why',
          arguments: [document.uri.toString(), stub.cursor],
        };
        return action;
      }
      default:
        return undefined;
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function quoteLike(written: string, value: string): string {
  const q = written[0];
  return q === '"' || q === "'" ? `${q}${value}${q}` : value;
}

function replace(
  document: vscode.TextDocument,
  range: vscode.Range,
  text: string,
  title: string,
  preferred: boolean,
): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, range, text);
  action.isPreferred = preferred;
  return action;
}

export function registerRoadmapQuickFixes(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
): CommandHandlers<'moveCursor'> {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(ROADMAP_DOCUMENTS, new RoadmapQuickFixProvider(model), {
      providedCodeActionKinds: RoadmapQuickFixProvider.kinds,
    }),
  );
  return {
    moveCursor: async (uri: unknown, offset: unknown) => {
      if (typeof uri !== 'string') return;
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      if (!editor || typeof offset !== 'number') return;
      const at = editor.document.positionAt(offset);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at));
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    },
  };
}
