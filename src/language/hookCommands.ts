// "Install Commit Hook" / "Uninstall Commit Hook": the editor's way to `roadmap-lens hook
// install|uninstall` for the active folder's repository.

import * as vscode from 'vscode';
import type { CommandHandlers } from '../commands/commandRegistry';
import type { HookOutcome } from '../core/hook/commitHook';
import type { WorkModel } from '../work/model/workModel';
import type { CommitHooks } from './model/commitHooks';

function folderFrom(arg: unknown, work: WorkModel): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return work.activeFolder()?.uri;
}

function report(outcome: HookOutcome): HookOutcome {
  const where = (p: string): string => vscode.workspace.asRelativePath(p);
  switch (outcome.kind) {
    case 'refused':
      void vscode.window.showWarningMessage(`Roadmap Lens: ${outcome.message}`);
      break;
    case 'installed':
      void vscode.window.showInformationMessage(
        `Roadmap Lens: commits now get a Roadmap trailer for the current item (hook at ${where(outcome.path)}${outcome.chained ? '; the hook that was there runs first' : ''}).`,
      );
      break;
    case 'updated':
      void vscode.window.showInformationMessage(`Roadmap Lens: updated the commit hook at ${where(outcome.path)}.`);
      break;
    case 'uninstalled':
      void vscode.window.showInformationMessage(
        `Roadmap Lens: removed the commit hook${outcome.restored ? '; the previous hook is back' : ''}.`,
      );
      break;
  }
  return outcome;
}

export function hookCommands(
  work: WorkModel,
  hooks: CommitHooks,
): CommandHandlers<'installCommitHook' | 'uninstallCommitHook'> {
  const run = async (arg: unknown, action: 'install' | 'uninstall'): Promise<HookOutcome | undefined> => {
    const folder = folderFrom(arg, work);
    if (!folder) return undefined;
    try {
      return report(action === 'install' ? await hooks.install(folder) : await hooks.uninstall(folder));
    } catch (e) {
      return report({ kind: 'refused', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return {
    installCommitHook: (arg?: unknown) => run(arg, 'install'),
    uninstallCommitHook: (arg?: unknown) => run(arg, 'uninstall'),
  };
}
