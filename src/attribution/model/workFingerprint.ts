// What of the work model an attribution depends on, as one string: per roadmap folder, the history
// it reads (a new one when the repository is opened again), its commit index (a new object when it
// grows or is re-linked), HEAD and the current item. The work model fires for much else (branches,
// the summary, status lines); comparing this first keeps those from recomputing every lens.
import type * as vscode from 'vscode';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import type { WorkHistorySource } from '../../work/model/workHistory';

const ids = new WeakMap<object, number>();
let nextId = 1;

function idOf(value: object | undefined): number {
  if (value === undefined) return 0;
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

export function workFingerprint(roadmaps: RoadmapModel, work: WorkHistorySource): string {
  return roadmaps
    .folders()
    .map((folder: vscode.WorkspaceFolder) => {
      const history = work.history(folder.uri);
      const status = work.status(folder.uri);
      const head = status.kind === 'ready' ? `${status.head.branch ?? ''}@${status.head.shortCommit ?? ''}` : '';
      const current = status.kind === 'ready' ? (status.current?.item.id ?? '') : '';
      return `${folder.uri.toString()}|${idOf(history)}|${idOf(history?.commitIndex())}|${status.kind}|${head}|${current}`;
    })
    .join('\n');
}
