// "Unlinked Work": branches and recent commits that reference no roadmap item, per folder — the
// list an engineering manager brings to planning. Reads the work model; runs no git.

import * as vscode from 'vscode';
import { Views } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import type { WorkModel } from './model/workModel';
import type { BranchWork, CommitWork } from './model/workState';
import { branchTreeItem, commitTreeItem } from './workTreeContributor';

type UnlinkedNode =
  | { readonly kind: 'folder'; readonly folderUri: string; readonly name: string }
  | { readonly kind: 'group'; readonly folderUri: string; readonly group: 'branches' | 'commits' }
  | { readonly kind: 'branch'; readonly folderUri: string; readonly branch: BranchWork }
  | { readonly kind: 'commit'; readonly folderUri: string; readonly commit: CommitWork }
  | { readonly kind: 'message'; readonly text: string };

export class UnlinkedWorkProvider implements vscode.TreeDataProvider<UnlinkedNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly work: WorkModel) {
    this.onDidChangeTreeData = work.onDidChange;
  }

  getChildren(node?: UnlinkedNode): UnlinkedNode[] {
    if (!node) {
      const folders = this.work.gitFolders();
      if (folders.length === 0)
        return [{ kind: 'message', text: 'No git repository with a roadmap in this workspace.' }];
      if (folders.length > 1)
        return folders.map((f) => ({ kind: 'folder', folderUri: f.uri.toString(), name: f.name }));
      const only = folders[0];
      return only ? this.groups(only.uri.toString()) : [];
    }
    if (node.kind === 'folder') return this.groups(node.folderUri);
    if (node.kind !== 'group') return [];
    const unlinked = this.work.unlinked(vscode.Uri.parse(node.folderUri));
    return node.group === 'branches'
      ? unlinked.branches.map((branch) => ({ kind: 'branch', folderUri: node.folderUri, branch }))
      : unlinked.commits.map((commit) => ({ kind: 'commit', folderUri: node.folderUri, commit }));
  }

  getTreeItem(node: UnlinkedNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      case 'folder': {
        const tree = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        tree.iconPath = vscode.ThemeIcon.Folder;
        tree.id = `unlinked:${node.folderUri}`;
        return tree;
      }
      case 'group': {
        const unlinked = this.work.unlinked(vscode.Uri.parse(node.folderUri));
        const n = node.group === 'branches' ? unlinked.branches.length : unlinked.commits.length;
        const tree = new vscode.TreeItem(
          node.group === 'branches' ? 'Branches' : 'Recent commits',
          n > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        tree.description = n === 0 ? 'none: all linked' : String(n);
        tree.iconPath = new vscode.ThemeIcon(node.group === 'branches' ? 'git-branch' : 'git-commit');
        tree.id = `unlinked:${node.folderUri}/${node.group}`;
        return tree;
      }
      case 'branch':
        return branchTreeItem(node.branch, now, `unlinked:${node.folderUri}`);
      case 'commit':
        return commitTreeItem(node.commit, vscode.Uri.parse(node.folderUri), now, `unlinked:${node.folderUri}`);
    }
  }

  private groups(folderUri: string): UnlinkedNode[] {
    const status = this.work.status(vscode.Uri.parse(folderUri));
    if (status.kind === 'off') return [{ kind: 'message', text: status.message }];
    if (status.kind === 'loading') return [{ kind: 'message', text: 'Reading the repository…' }];
    return [
      { kind: 'group', folderUri, group: 'branches' },
      { kind: 'group', folderUri, group: 'commits' },
    ];
  }
}

export function registerUnlinkedWorkView(context: vscode.ExtensionContext, work: WorkModel): void {
  const provider = new UnlinkedWorkProvider(work);
  const view = vscode.window.createTreeView(Views.unlinked, { treeDataProvider: provider });
  context.subscriptions.push(view);
}

export function unlinkedWorkCommand(): CommandHandlers<'showUnlinkedWork'> {
  return {
    showUnlinkedWork: async () => {
      await vscode.commands.executeCommand(`${Views.unlinked}.focus`);
    },
  };
}
