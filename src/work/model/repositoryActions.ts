// What the user's commands do to a folder's repository: add a trailer to the Source Control
// message, install or remove the commit hook, check and create a branch, show a commit. The git
// calls go through the folder's GitRepository (the git layer); commands never run git themselves.

import type * as vscode from 'vscode';
import { addTrailer } from '../../core/linking/commitTrailer';
import type { HookOutcome } from '../../core/hook/commitHook';
import { installCommitHook, uninstallCommitHook } from '../../git/commitHookFiles';
import type { WorkFolders } from './workFolders';

export interface RepositoryActionsHost {
  readonly folders: WorkFolders;
  /** Why git is not available for this folder, in words for a message. */
  gitOffMessage(folderUri: vscode.Uri): string;
  /** Re-reads the folder now (after a change the user made). */
  refresh(folderUri: vscode.Uri): Promise<void>;
}

export class RepositoryActions {
  constructor(private readonly host: RepositoryActionsHost) {}

  /**
   * Adds the item's trailer to the Source Control commit message of the repository at `uri` (its
   * root or a folder in it) and returns the new message; undefined when the built-in Git
   * extension is off or has no repository there. An existing trailer for the item is kept as is.
   */
  addTrailerToCommitMessage(uri: vscode.Uri, itemId: string, keys: readonly string[]): string | undefined {
    const repository = this.host.folders.builtinGit?.getRepository(uri);
    if (!repository) return undefined;
    repository.inputBox.value = addTrailer(repository.inputBox.value, keys[0] ?? 'Roadmap', itemId, keys);
    return repository.inputBox.value;
  }

  /**
   * Installs the `prepare-commit-msg` hook (the CLI's `hook install`) in the folder's repository;
   * `runtime` and `cliPath` are what the hook runs.
   */
  async installCommitHook(folderUri: vscode.Uri, runtime: string, cliPath: string): Promise<HookOutcome> {
    const entry = this.host.folders.get(folderUri);
    if (!entry?.repo) return { kind: 'refused', message: this.host.gitOffMessage(folderUri) };
    return installCommitHook(entry.git, entry.repo.info.root ?? folderUri.fsPath, runtime, cliPath);
  }

  async uninstallCommitHook(folderUri: vscode.Uri): Promise<HookOutcome> {
    const entry = this.host.folders.get(folderUri);
    if (!entry?.repo) return { kind: 'refused', message: this.host.gitOffMessage(folderUri) };
    return uninstallCommitHook(entry.git, entry.repo.info.root ?? folderUri.fsPath);
  }

  /** The reason git gives for refusing `name` as a new branch, or undefined when it can be created. */
  async branchNameProblem(folderUri: vscode.Uri, name: string): Promise<string | undefined> {
    const repo = this.host.folders.get(folderUri)?.repo;
    if (!repo) return this.host.gitOffMessage(folderUri);
    if (name.trim() === '') return 'Enter a branch name.';
    const check = await repo.checkBranchName(name);
    if (!check.ok) return check.reason;
    if ((await repo.resolve(`refs/heads/${name}`)) !== undefined) return `A branch named "${name}" already exists.`;
    return undefined;
  }

  /** Creates `name` at HEAD, checks it out and re-reads the folder. */
  async createBranch(folderUri: vscode.Uri, name: string): Promise<void> {
    const repo = this.host.folders.get(folderUri)?.repo;
    if (!repo) throw new Error(this.host.gitOffMessage(folderUri));
    await repo.createBranch(name);
    await this.host.refresh(folderUri);
  }

  /** The commit's `git show` text for the read-only commit document; a failure is the text. */
  async showCommit(folderUri: vscode.Uri, sha: string, token?: vscode.CancellationToken): Promise<string> {
    const entry = this.host.folders.get(folderUri);
    if (!entry) return 'Roadmap Lens: that folder is not open or has no roadmap.';
    const controller = new AbortController();
    token?.onCancellationRequested(() => controller.abort());
    try {
      return await entry.showCommit(sha, controller.signal);
    } catch (e) {
      return `Roadmap Lens could not show commit ${sha}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}
