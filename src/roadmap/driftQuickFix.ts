// Quick fixes for drift diagnostics: set the item's status to what the evidence points at
// (`shipped` when a merged commit closes it…). One minimal edit of the status value, applied as a
// WorkspaceEdit: undoable, on the unsaved buffer, comments and line endings kept.

import * as vscode from 'vscode';
import { statusFixes } from '../core/drift/driftFixes';
import { idKey } from '../core/roadmap/roadmapTypes';
import { setStatusEdit } from '../core/roadmap/statusEdit';
import type { DriftModel } from '../work/model/driftModel';
import { DRIFT_SOURCE } from './driftDiagnostics';
import type { RoadmapModel } from './model/roadmapModel';
import { disableWhenReadOnly } from './readOnlyActions';
import { ROADMAP_DOCUMENTS } from './referenceDocuments';

export class DriftQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly drift: DriftModel,
    private readonly model: RoadmapModel,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const file = document.uri.toString();
    for (const d of context.diagnostics) {
      if (d.source !== DRIFT_SOURCE) continue;
      const id = idKey(document.getText(d.range));
      const finding = this.drift
        .all()
        .flatMap((f) => f.drift.findings)
        .find((f) => f.kind === d.code && idKey(f.item.id) === id && f.item.location.file === file);
      if (!finding) continue;
      const text = document.getText();
      statusFixes(finding).forEach((status, i) => {
        const result = setStatusEdit(text, finding.item.id, status);
        if (!result.ok) return;
        const action = new vscode.CodeAction(
          `Set ${finding.item.id}'s status to ${status}`,
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = new vscode.WorkspaceEdit();
        for (const e of result.edits)
          action.edit.replace(
            document.uri,
            new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
            e.newText,
          );
        action.diagnostics = [d];
        action.isPreferred = i === 0;
        out.push(action);
      });
    }
    return disableWhenReadOnly(out, out.length > 0 ? this.model.readOnlyReason(file) : undefined);
  }
}

export function registerDriftQuickFix(context: vscode.ExtensionContext, drift: DriftModel, model: RoadmapModel): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(ROADMAP_DOCUMENTS, new DriftQuickFixProvider(drift, model), {
      providedCodeActionKinds: DriftQuickFixProvider.kinds,
    }),
  );
}
