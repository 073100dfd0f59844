// Context-menu commands on one item: reveal it in its YAML, copy its id, copy its why.

import * as vscode from 'vscode';
import { Commands } from '../commands/commandIds';
import type { RoadmapModel } from './model/roadmapModel';
import { findItemArgument, showItemInFile } from '../commands/itemArgument';

export function registerItemCommands(context: vscode.ExtensionContext, model: RoadmapModel): void {
  const withItem =
    (run: (found: NonNullable<ReturnType<typeof findItemArgument>>) => Thenable<unknown>) => async (arg: unknown) => {
      const found = findItemArgument(model, arg);
      if (!found) {
        void vscode.window.showWarningMessage('Roadmap Lens: that roadmap item no longer exists.');
        return;
      }
      await run(found);
    };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      Commands.revealInFile,
      withItem((found) => showItemInFile(found)),
    ),
    vscode.commands.registerCommand(
      Commands.copyId,
      withItem((found) => vscode.env.clipboard.writeText(found.item.id)),
    ),
    vscode.commands.registerCommand(
      Commands.copyWhy,
      withItem(async (found) => {
        const why = found.item.why?.trim();
        if (why === undefined || why === '') {
          void vscode.window.showInformationMessage(`Roadmap Lens: ${found.item.id} has no why yet.`);
          return;
        }
        await vscode.env.clipboard.writeText(why);
      }),
    ),
  );
}
