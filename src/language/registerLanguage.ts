// The roadmap as a language: completion, definition, references, rename, outline and workspace
// symbols, quick fixes, TODO → item, the current line's item, and the commit hook commands.
// Wiring only; each feature is in its own file.

import * as vscode from 'vscode';
import type { AttributionModel } from '../attribution/model/attributionModel';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from '../work/model/workModel';
import { CurrentLineDecoration } from './currentLineDecoration';
import { hookCommands } from './hookCommands';
import type { CommandHandlers } from '../commands/commandRegistry';
import { registerItemCompletion } from './itemCompletionProvider';
import { registerItemNavigation } from './itemNavigationProviders';
import { registerItemRename } from './itemRenameProvider';
import { CommitHooks } from './model/commitHooks';
import { WorkspaceMentions } from './model/workspaceMentions';
import { registerRoadmapQuickFixes } from './roadmapQuickFixes';
import { registerRoadmapSymbols } from './roadmapSymbolProviders';
import { registerTodoActions } from './todoActions';

export interface LanguageFeatures {
  readonly currentLine: CurrentLineDecoration;
  readonly commands: CommandHandlers<
    'linkToItem' | 'addAsNewItem' | 'installCommitHook' | 'uninstallCommitHook' | 'moveCursor'
  >;
}

export function registerLanguageFeatures(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  work: WorkModel,
  attribution: AttributionModel,
): LanguageFeatures {
  const mentions = new WorkspaceMentions();
  registerItemCompletion(context, model, work);
  registerItemNavigation(context, model, work, mentions);
  registerItemRename(context, model, mentions);
  registerRoadmapSymbols(context, model);
  const quickFixCommands = registerRoadmapQuickFixes(context, model);
  const todoCommands = registerTodoActions(context, model);
  const hooks = new CommitHooks(work, vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath);
  const currentLine = new CurrentLineDecoration(attribution);
  context.subscriptions.push(currentLine);
  return { currentLine, commands: { ...quickFixCommands, ...todoCommands, ...hookCommands(work, hooks) } };
}
