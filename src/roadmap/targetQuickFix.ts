// Quick fix for an unreadable target (`2026/3` → `2026-03`, `15.03.2026` → `2026-03-15`): offered
// only where the intended date is clear; the fix edits just the value, keeping its quotes.

import * as vscode from 'vscode';
import { guessTarget } from '../core/roadmap/targetDate';
import { DIAGNOSTIC_SOURCE } from './roadmapDiagnostics';
import type { RoadmapModel } from './model/roadmapModel';
import { disableWhenReadOnly } from './readOnlyActions';
import { ROADMAP_DOCUMENTS } from './referenceDocuments';

export class TargetQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly model: RoadmapModel) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE || d.code !== 'unreadable-target') continue;
      const written = document.getText(d.range);
      const quote = /^(['"])(.*)\1$/s.exec(written);
      const value = quote ? (quote[2] as string) : written;
      const guess = guessTarget(value);
      if (guess === undefined) continue;
      const action = new vscode.CodeAction(`Change target to ${guess}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, d.range, quote ? `${quote[1]}${guess}${quote[1]}` : guess);
      action.diagnostics = [d];
      action.isPreferred = true;
      out.push(action);
    }
    return disableWhenReadOnly(out, out.length > 0 ? this.model.readOnlyReason(document.uri.toString()) : undefined);
  }
}

export function registerTargetQuickFix(context: vscode.ExtensionContext, model: RoadmapModel): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(ROADMAP_DOCUMENTS, new TargetQuickFixProvider(model), {
      providedCodeActionKinds: TargetQuickFixProvider.kinds,
    }),
  );
}
