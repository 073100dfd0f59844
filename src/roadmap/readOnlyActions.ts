// Quick fixes in a roadmap that cannot be edited (a git object, a file without write permission)
// are still listed, but disabled with the one line that says which file and why: an offered fix
// that silently does nothing, or fails on save, would lose the user's intent.

import type * as vscode from 'vscode';

export function disableWhenReadOnly(actions: vscode.CodeAction[], reason: string | undefined): vscode.CodeAction[] {
  if (reason === undefined) return actions;
  for (const action of actions) {
    delete action.edit;
    delete action.command;
    action.isPreferred = false;
    action.disabled = { reason };
  }
  return actions;
}
