// Context-menu commands on one item: reveal it in its YAML, copy its id, copy its why.

import * as vscode from 'vscode';
import type { CommandHandlers } from '../commands/commandRegistry';
import type { FoundItem, RoadmapModel } from './model/roadmapModel';
import { itemArgument, showItemInFile } from '../commands/itemArgument';

export function itemCommands(model: RoadmapModel): CommandHandlers<'revealInFile' | 'copyId' | 'copyWhy'> {
  const withItem =
    (run: (found: FoundItem) => Thenable<unknown>) =>
    async (arg: unknown): Promise<void> => {
      const found = itemArgument(model, arg);
      if (!found) {
        void vscode.window.showWarningMessage('Roadmap Lens: that roadmap item no longer exists.');
        return;
      }
      await run(found);
    };

  return {
    revealInFile: withItem((found) => showItemInFile(found)),
    copyId: withItem((found) => vscode.env.clipboard.writeText(found.item.id)),
    copyWhy: withItem(async (found) => {
      const why = found.item.why?.trim();
      if (why === undefined || why === '') {
        void vscode.window.showInformationMessage(`Roadmap Lens: ${found.item.id} has no why yet.`);
        return;
      }
      await vscode.env.clipboard.writeText(why);
    }),
  };
}
