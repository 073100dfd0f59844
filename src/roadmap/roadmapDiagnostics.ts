// Roadmap problems in the Problems panel, at the exact range, refreshed with every model change.

import * as vscode from 'vscode';
import type { RoadmapDiagnostic } from '../core/roadmap/roadmapTypes';
import type { RoadmapModel } from './model/roadmapModel';

export const DIAGNOSTIC_SOURCE = 'Roadmap Lens';

const SEVERITY: Readonly<Record<RoadmapDiagnostic['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function toRange(range: RoadmapDiagnostic['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toDiagnostic(d: RoadmapDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.code;
  if (d.related && d.related.length > 0) {
    diagnostic.relatedInformation = d.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.parse(r.location.file), toRange(r.location.range)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

export function registerRoadmapDiagnostics(context: vscode.ExtensionContext, model: RoadmapModel): void {
  const collection = vscode.languages.createDiagnosticCollection('roadmapLens');
  const update = (): void => {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    // Every known file gets an entry, so fixing its last problem clears it.
    for (const uri of model.files()) byFile.set(uri.toString(), []);
    for (const d of model.diagnostics()) {
      let list = byFile.get(d.file);
      if (!list) byFile.set(d.file, (list = []));
      list.push(toDiagnostic(d));
    }
    collection.clear();
    collection.set([...byFile].map(([file, list]) => [vscode.Uri.parse(file), list]));
  };
  update();
  context.subscriptions.push(collection, model.onDidChange(update));
}
