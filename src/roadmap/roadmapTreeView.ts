// Creates the Roadmap tree view, keeps the welcome-view context keys current and lets other
// features reveal an item in the tree.

import * as vscode from 'vscode';
import { ContextKeys, Views } from '../commands/commandIds';
import type { RoadmapModel } from './model/roadmapModel';
import type { CommandHandlers } from '../commands/commandRegistry';
import { itemArgument } from '../commands/itemArgument';
import type { ItemTreeContributor } from './itemTreeContributor';
import { RoadmapTreeProvider, type RoadmapNode } from './roadmapTreeProvider';
import { registerTreeFilterCommands } from './treeFilterCommands';

export interface RoadmapTreeView {
  readonly provider: RoadmapTreeProvider;
  readonly view: vscode.TreeView<RoadmapNode>;
  readonly commands: CommandHandlers<'revealItem' | 'refresh' | 'filterTree' | 'clearTreeFilter' | 'sortTree'>;
}

export function registerRoadmapTreeView(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  contributors: readonly ItemTreeContributor[] = [],
): RoadmapTreeView {
  const provider = new RoadmapTreeProvider(model, contributors);
  const treeView = vscode.window.createTreeView(Views.tree, { treeDataProvider: provider, showCollapseAll: true });

  const shown = new Set<string>();
  const updateContext = (): void => {
    for (const note of model.notices())
      if (!shown.has(note)) {
        shown.add(note);
        void vscode.window.showInformationMessage(`Roadmap Lens: ${note}`);
      }
    void vscode.commands.executeCommand('setContext', ContextKeys.ready, model.ready);
    void vscode.commands.executeCommand('setContext', ContextKeys.hasRoadmap, model.hasFiles());
    // One roadmap: its product name beside the view title; several: each folder node shows its own.
    const roadmaps = model.roadmaps();
    treeView.description = roadmaps.length === 1 ? (roadmaps[0]?.index.product ?? '') : '';
  };
  updateContext();
  const filterCommands = registerTreeFilterCommands(context, model, provider, treeView);

  context.subscriptions.push(provider, treeView, model.onDidChange(updateContext), model.onDidFindFiles(updateContext));
  return {
    provider,
    view: treeView,
    commands: {
      revealItem: async (arg: unknown) => {
        const found = itemArgument(model, arg);
        const node = found && provider.nodeForItem(found.folder.uri, found.item.id);
        if (!node) {
          void vscode.window.showWarningMessage('Roadmap Lens: that roadmap item is not in the roadmap.');
          return;
        }
        await treeView.reveal(node, { select: true, focus: true, expand: true });
      },
      refresh: () => model.refresh(),
      ...filterCommands,
    },
  };
}
