// Drift findings as Information diagnostics on each item's id in the roadmap file, capped per file
// with a summary (a 10,000-item roadmap nobody updated must not flood the Problems panel). Positions
// come from the roadmap as it is now, so an edit above an item never leaves its finding on the
// wrong line, and a finding whose item's status changed (the quick fix) disappears at once.

import * as vscode from 'vscode';
import { capFindings } from '../core/drift/driftFixes';
import type { DriftFinding } from '../core/drift/driftFindings';
import { idKey, type RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { DriftModel } from '../work/model/driftModel';
import type { RoadmapModel } from './model/roadmapModel';

export const DRIFT_SOURCE = 'Roadmap Lens drift';
/** Shown per file; the rest are counted in one summary diagnostic on the first line. */
export const MAX_DRIFT_DIAGNOSTICS = 100;
export const DRIFT_SUMMARY_CODE = 'drift-more';

/** The finding against the roadmap as it is now: undefined when the item is gone or its status changed. */
export function currentFinding(
  finding: DriftFinding,
  lookup: (id: string) => RoadmapItem | undefined,
): DriftFinding | undefined {
  const item = lookup(finding.item.id);
  if (!item || idKey(item.id) !== idKey(finding.item.id)) return undefined;
  if ((item.status ?? '').toLowerCase() !== (finding.item.status ?? '').toLowerCase()) return undefined;
  return { ...finding, item };
}

function toRange(item: RoadmapItem): vscode.Range {
  const r = item.idLocation.range;
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function registerDriftDiagnostics(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  drift: DriftModel,
): void {
  const collection = vscode.languages.createDiagnosticCollection('roadmapLensDrift');
  const update = (): void => {
    const byFile = new Map<string, DriftFinding[]>();
    for (const { folder, drift: d } of drift.all()) {
      const index = roadmaps.indexFor(folder.uri);
      if (!index) continue;
      for (const f of d.findings) {
        const now = currentFinding(f, (id) => index.get(id));
        if (!now) continue;
        const file = now.item.location.file;
        const list = byFile.get(file) ?? [];
        // A roadmap shared by several folders: the same finding once.
        if (!list.some((g) => g.kind === now.kind && g.item.id === now.item.id)) list.push(now);
        byFile.set(file, list);
      }
    }
    collection.clear();
    collection.set(
      [...byFile].map(([file, findings]) => {
        const { shown, hidden } = capFindings(findings, MAX_DRIFT_DIAGNOSTICS);
        const diagnostics = shown.map((f) => {
          const d = new vscode.Diagnostic(toRange(f.item), f.message, vscode.DiagnosticSeverity.Information);
          d.source = DRIFT_SOURCE;
          d.code = f.kind;
          return d;
        });
        if (hidden > 0) {
          const d = new vscode.Diagnostic(
            new vscode.Range(0, 0, 0, 0),
            `${hidden} more drift finding${hidden === 1 ? ' is' : 's are'} not shown here (the ${shown.length} most actionable are). The Drift section of each item's card, or \`roadmap-lens report --drift\`, lists all ${findings.length}.`,
            vscode.DiagnosticSeverity.Information,
          );
          d.source = DRIFT_SOURCE;
          d.code = DRIFT_SUMMARY_CODE;
          diagnostics.unshift(d);
        }
        return [vscode.Uri.parse(file), diagnostics] as [vscode.Uri, vscode.Diagnostic[]];
      }),
    );
  };
  update();
  context.subscriptions.push(collection, drift.onDidChange(update), roadmaps.onDidChange(update));
}
