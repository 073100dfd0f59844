// "Unlinked Work": branches and recent commits that reference no roadmap item, per folder — the
// list an engineering manager brings to planning. Reads the work model; runs no git.

import * as vscode from 'vscode';
import { InternalCommands, Views } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import type { WorkModel } from './model/workModel';
import type { BranchWork, CommitWork } from './model/workState';
import { branchTreeItem, commitTreeItem } from './workTreeContributor';
import { coverageText } from '../core/rollup/coverage';

/** Internal (no palette entry): the "Show more" row at the end of the commit list runs it. */
const MORE_STEP = 50;
/** The list stays a list: past this, the report (`roadmap-lens report --json`) is the tool. */
const MAX_SHOWN = 1000;

type UnlinkedNode =
  | { readonly kind: 'folder'; readonly folderUri: string; readonly name: string }
  | { readonly kind: 'group'; readonly folderUri: string; readonly group: 'branches' | 'commits' }
  | { readonly kind: 'branch'; readonly folderUri: string; readonly branch: BranchWork }
  | { readonly kind: 'commit'; readonly folderUri: string; readonly commit: CommitWork }
  | { readonly kind: 'more'; readonly folderUri: string; readonly hidden: number }
  | { readonly kind: 'message'; readonly text: string };

export class UnlinkedWorkProvider implements vscode.TreeDataProvider<UnlinkedNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** How many unlinked commits each folder shows, once "Show more" was used. */
  private readonly shown = new Map<string, number>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly work: WorkModel) {
    this.subscription = work.onDidChange(() => this.emitter.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  showMore(folderUri: string): void {
    const now = this.commits(folderUri).length;
    this.shown.set(folderUri, Math.min(MAX_SHOWN, now + MORE_STEP));
    this.emitter.fire();
  }

  /** The whole history's numbers, not just the list: "1,630 of 9,738 commits (17%) link to an item". */
  coverageMessage(): string | undefined {
    const folders = this.work.gitFolders();
    const parts = folders.flatMap((f) => {
      const c = this.work.coverage(f.uri);
      if (!c || c.commits === 0) return [];
      const unlinked = c.commits - c.linked;
      const shown = Math.min(unlinked, this.commits(f.uri.toString()).length);
      const text = `${coverageText(c)}; the ${shown.toLocaleString('en-US')} newest of ${unlinked.toLocaleString('en-US')} unlinked are listed.`;
      return [folders.length > 1 ? `${f.name}: ${text}` : text];
    });
    return parts.length > 0 ? parts.join(' ') : undefined;
  }

  /** The summary keeps the newest few; more come from the commit index on request. */
  private commits(folderUri: string): readonly CommitWork[] {
    const uri = vscode.Uri.parse(folderUri);
    const base = this.work.unlinked(uri).commits;
    const want = this.shown.get(folderUri);
    if (want === undefined || want <= base.length) return base;
    return this.work.activity.unlinkedCommits(uri, want);
  }

  private hiddenCommits(folderUri: string): number {
    const c = this.work.coverage(vscode.Uri.parse(folderUri));
    if (!c) return 0;
    return Math.max(0, c.commits - c.linked - this.commits(folderUri).length);
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
    if (node.group === 'branches')
      return unlinked.branches.map((branch) => ({ kind: 'branch', folderUri: node.folderUri, branch }));
    const commits: UnlinkedNode[] = this.commits(node.folderUri).map((commit) => ({
      kind: 'commit',
      folderUri: node.folderUri,
      commit,
    }));
    const hidden = this.hiddenCommits(node.folderUri);
    if (hidden > 0 && commits.length < MAX_SHOWN) commits.push({ kind: 'more', folderUri: node.folderUri, hidden });
    return commits;
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
        const n = node.group === 'branches' ? unlinked.branches.length : this.commits(node.folderUri).length;
        const tree = new vscode.TreeItem(
          node.group === 'branches' ? 'Branches' : 'Recent commits',
          n > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        const hidden = node.group === 'commits' ? this.hiddenCommits(node.folderUri) : 0;
        tree.description =
          n === 0
            ? 'none: all linked'
            : hidden > 0
              ? `${n} newest of ${(n + hidden).toLocaleString('en-US')}`
              : String(n);
        tree.iconPath = new vscode.ThemeIcon(node.group === 'branches' ? 'git-branch' : 'git-commit');
        tree.id = `unlinked:${node.folderUri}/${node.group}`;
        return tree;
      }
      case 'more': {
        const step = Math.min(MORE_STEP, node.hidden);
        const tree = new vscode.TreeItem(`Show ${step} more…`, vscode.TreeItemCollapsibleState.None);
        tree.description = `${node.hidden.toLocaleString('en-US')} older unlinked commits not listed`;
        tree.iconPath = new vscode.ThemeIcon('ellipsis');
        tree.id = `unlinked:${node.folderUri}/more`;
        tree.tooltip = 'For the whole history, run `roadmap-lens report --json` (coverage per month and every item).';
        tree.command = { title: 'Show more', command: InternalCommands.showMoreUnlinked, arguments: [node.folderUri] };
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

export function registerUnlinkedWorkView(
  context: vscode.ExtensionContext,
  work: WorkModel,
): CommandHandlers<'showUnlinkedWork' | 'showMoreUnlinked'> {
  const provider = new UnlinkedWorkProvider(work);
  const view = vscode.window.createTreeView(Views.unlinked, { treeDataProvider: provider });
  const updateMessage = (): void => {
    view.message = provider.coverageMessage() ?? '';
  };
  updateMessage();
  context.subscriptions.push(provider, view, provider.onDidChangeTreeData(updateMessage));
  return {
    showMoreUnlinked: (folderUri: unknown) => {
      if (typeof folderUri === 'string') provider.showMore(folderUri);
    },
    showUnlinkedWork: async () => {
      await vscode.commands.executeCommand(`${Views.unlinked}.focus`);
    },
  };
}
