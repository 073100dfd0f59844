// Installs and removes the `prepare-commit-msg` hook for a folder's repository from the editor:
// the same files as `roadmap-lens hook install|uninstall`, run by this extension's runtime and CLI.
// The work model owns the repository; this only knows what the hook runs.

import type * as vscode from 'vscode';
import type { HookOutcome } from '../../core/hook/commitHook';
import type { WorkModel } from '../../work/model/workModel';

export class CommitHooks {
  constructor(
    private readonly work: WorkModel,
    private readonly cliPath: string,
  ) {}

  install(folderUri: vscode.Uri): Promise<HookOutcome> {
    // process.execPath is node under code-server and the editor's runtime on the desktop, which
    // the hook runs with ELECTRON_RUN_AS_NODE=1.
    return this.work.actions.installCommitHook(folderUri, process.execPath, this.cliPath);
  }

  uninstall(folderUri: vscode.Uri): Promise<HookOutcome> {
    return this.work.actions.uninstallCommitHook(folderUri);
  }
}
