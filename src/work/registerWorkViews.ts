// Wires the "current work" feature: status bar, unlinked-work view, commit documents and the
// work commands. The tree's Work section is added by passing `WorkTreeContributor` to the tree.

import * as vscode from 'vscode';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from './model/workModel';
import { registerCommitDocuments } from './commitDocumentProvider';
import { CurrentItemStatusBar } from './currentItemStatusBar';
import { registerTagCommands } from './tagCommands';
import { registerUnlinkedWorkView } from './unlinkedWorkView';
import { registerWorkCommands } from './workCommands';
import type { WorkTreeContributor } from './workTreeContributor';

export function registerWorkViews(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel,
  workTree: WorkTreeContributor,
): CurrentItemStatusBar {
  const statusBar = new CurrentItemStatusBar(roadmaps, work);
  context.subscriptions.push(
    statusBar,
    registerCommitDocuments(work),
    vscode.window.registerFileDecorationProvider(workTree),
  );
  registerUnlinkedWorkView(context, work);
  registerWorkCommands(context, roadmaps, work);
  registerTagCommands(context, roadmaps, work);
  return statusBar;
}
