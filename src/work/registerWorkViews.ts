// Wires the "current work" feature: status bar, unlinked-work view, commit documents and the
// indexing context key. Its commands are in workCommands.ts and tagCommands.ts (registered by
// activate() through the command registry); the tree's Work section comes from WorkTreeContributor.

import * as vscode from 'vscode';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from './model/workModel';
import { registerCommitDocuments } from './commitDocumentProvider';
import { CurrentItemStatusBar } from './currentItemStatusBar';
import { ContextKeys } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import { registerUnlinkedWorkView } from './unlinkedWorkView';
import type { WorkTreeContributor } from './workTreeContributor';

export function registerWorkViews(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel,
  workTree: WorkTreeContributor,
): { statusBar: CurrentItemStatusBar; commands: CommandHandlers<'showUnlinkedWork' | 'showMoreUnlinked'> } {
  const statusBar = new CurrentItemStatusBar(roadmaps, work);
  context.subscriptions.push(
    statusBar,
    registerCommitDocuments(work),
    vscode.window.registerFileDecorationProvider(workTree),
  );
  const commands = registerUnlinkedWorkView(context, work);
  // Shows Stop Indexing Commits (palette and tree title) while a build runs.
  context.subscriptions.push(
    work.onDidChangeIndexing(
      (indexing) => void vscode.commands.executeCommand('setContext', ContextKeys.indexing, indexing),
    ),
  );
  return { statusBar, commands };
}
