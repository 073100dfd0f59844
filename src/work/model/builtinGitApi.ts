// The part of the built-in git extension's API (extensions/git/src/api/git.d.ts, version 1) that
// Roadmap Lens uses: change events for fast refreshes and the Source Control input box. Everything
// else (branches, history, commits) goes through our own git layer, so Roadmap Lens keeps working
// when `vscode.git` is disabled.

import * as vscode from 'vscode';

export interface GitInputBox {
  value: string;
}

export interface GitBranchRef {
  readonly name?: string;
  readonly commit?: string;
}

export interface GitRepositoryState {
  readonly HEAD: GitBranchRef | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
  readonly state: GitRepositoryState;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/**
 * The built-in git API, or undefined when the extension is missing, disabled (`git.enabled`
 * false) or fails to activate. Never throws: callers fall back to file watchers.
 */
export async function getBuiltinGitApi(log?: (message: string) => void): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports.enabled) return undefined;
    return exports.getAPI(1);
  } catch (error) {
    log?.(`Built-in git extension unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The built-in git API if that extension is already active and enabled (the extension-host tests' view of it). */
export function activeBuiltinGitApi(): GitApi | undefined {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension?.isActive || !extension.exports.enabled) return undefined;
  return extension.exports.getAPI(1);
}
