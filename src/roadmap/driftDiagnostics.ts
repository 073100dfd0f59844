// Drift findings as Information diagnostics on each item's id in the roadmap file, capped across the
// workspace (`roadmapLens.drift.maxDiagnostics`) with one summary: a 10,000-item roadmap nobody
// updated must not flood the Problems panel or the status bar's count. Positions
// come from the roadmap as it is now, so an edit above an item never leaves its finding on the
// wrong line, and a finding whose item's status changed (the quick fix) disappears at once.

import * as vscode from 'vscode';
import { capFindingsByFile } from '../core/drift/driftFixes';
import type { DriftFinding } from '../core/drift/driftFindings';
import { idKey, type RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { DriftModel } from '../work/model/driftModel';
import type { RoadmapModel } from './model/roadmapModel';
import { onDidChangeSettings, readSetting } from '../settings/settings';

export const DRIFT_SOURCE = 'Roadmap Lens drift';
/** The code of the one diagnostic that counts the findings left out. */
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
    const max = readSetting('drift.maxDiagnostics');
    const { shown, hidden, hiddenFiles } = capFindingsByFile(byFile, max);
    const entries = new Map<string, vscode.Diagnostic[]>();
    for (const [file, findings] of shown) {
      entries.set(
        file,
        findings.map((f) => {
          const d = new vscode.Diagnostic(toRange(f.item), f.message, vscode.DiagnosticSeverity.Information);
          d.source = DRIFT_SOURCE;
          d.code = f.kind;
          return d;
        }),
      );
    }
    // One summary for the whole workspace, on the first roadmap file (roadmap.yaml sorts first).
    const first = [...byFile.keys()].sort()[0];
    // `0` is a user's choice of none at all: no summary either.
    if (hidden > 0 && max > 0 && first !== undefined) {
      const total = [...byFile.values()].reduce((n, l) => n + l.length, 0);
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        `${hidden.toLocaleString('en-US')} more drift finding${hidden === 1 ? '' : 's'} in ${hiddenFiles} file${hiddenFiles === 1 ? '' : 's'} ${hidden === 1 ? 'is' : 'are'} not shown (the ${max.toLocaleString('en-US')} most actionable in the workspace are; setting \`roadmapLens.drift.maxDiagnostics\`). The Drift section of each item's card, or \`roadmap-lens report --drift\`, lists all ${total.toLocaleString('en-US')}.`,
        vscode.DiagnosticSeverity.Information,
      );
      d.source = DRIFT_SOURCE;
      d.code = DRIFT_SUMMARY_CODE;
      entries.set(first, [d, ...(entries.get(first) ?? [])]);
    }
    collection.set([...entries].map(([file, diagnostics]) => [vscode.Uri.parse(file), diagnostics]));
  };
  update();
  context.subscriptions.push(
    collection,
    drift.onDidChange(update),
    roadmaps.onDidChange(update),
    onDidChangeSettings(['drift.maxDiagnostics'], update),
  );
}
