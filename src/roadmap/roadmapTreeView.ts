// Creates the Roadmap tree view, keeps the welcome-view context keys current and lets other
// features reveal an item in the tree.

import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from '../commands/commandIds';
import type { RoadmapModel } from './model/roadmapModel';
import { findItemArgument } from '../commands/itemArgument';
import type { ItemTreeContributor } from './itemTreeContributor';
import { RoadmapTreeProvider } from './roadmapTreeProvider';
import { registerTreeFilterCommands } from './treeFilterCommands';

export function registerRoadmapTreeView(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  contributors: readonly ItemTreeContributor[] = [],
): RoadmapTreeProvider {
  const provider = new RoadmapTreeProvider(model, contributors);
  const treeView = vscode.window.createTreeView(Views.tree, { treeDataProvider: provider, showCollapseAll: true });

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', ContextKeys.ready, model.ready);
    void vscode.commands.executeCommand('setContext', ContextKeys.hasRoadmap, model.files().length > 0);
    // One roadmap: its product name beside the view title; several: each folder node shows its own.
    const roadmaps = model.roadmaps();
    treeView.description = roadmaps.length === 1 ? (roadmaps[0]?.index.product ?? '') : '';
  };
  updateContext();
  registerTreeFilterCommands(context, model, provider, treeView);

  context.subscriptions.push(
    provider,
    treeView,
    model.onDidChange(updateContext),
    vscode.commands.registerCommand(Commands.revealItem, async (arg: unknown) => {
      const found = findItemArgument(model, arg);
      const node = found && provider.nodeForItem(found.folder.uri, found.item.id);
      if (!node) {
        void vscode.window.showWarningMessage('Roadmap Lens: that roadmap item is not in the roadmap.');
        return;
      }
      await treeView.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand(Commands.refresh, () => model.refresh()),
  );
  return provider;
}
