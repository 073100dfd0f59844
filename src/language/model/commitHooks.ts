// Installs and removes the `prepare-commit-msg` hook for a folder's repository from the editor:
// the same files as `roadmap-lens hook install|uninstall`, run by this extension's runtime and CLI.

import * as vscode from 'vscode';
import type { HookOutcome } from '../../core/hook/commitHook';
import { installCommitHook, uninstallCommitHook } from '../../git/commitHookFiles';
import type { WorkModel } from '../../work/model/workModel';

export class CommitHooks {
  constructor(
    private readonly work: WorkModel,
    private readonly cliPath: string,
  ) {}

  async install(folderUri: vscode.Uri): Promise<HookOutcome> {
    const repo = this.work.repository(folderUri);
    if (!repo) return { kind: 'refused', message: this.work.gitOffMessage(folderUri) };
    // process.execPath is node under code-server and the editor's runtime on the desktop, which
    // the hook runs with ELECTRON_RUN_AS_NODE=1.
    return installCommitHook(repo.git, repo.info.root ?? folderUri.fsPath, process.execPath, this.cliPath);
  }

  async uninstall(folderUri: vscode.Uri): Promise<HookOutcome> {
    const repo = this.work.repository(folderUri);
    if (!repo) return { kind: 'refused', message: this.work.gitOffMessage(folderUri) };
    return uninstallCommitHook(repo.git, repo.info.root ?? folderUri.fsPath);
  }
}
