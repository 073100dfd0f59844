// The "Work" section under each roadmap item (its branches and recent commits) and the
// current-item marks on item rows. Renders what the work model knows; runs no git.

import * as vscode from 'vscode';
import { relativeTime } from '../core/render/commitTimeline';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';
import type { WorkModel } from './model/workModel';
import type { BranchWork, CommitWork } from './model/workState';
import { commitUri } from './commitDocumentProvider';
import type { ContributedNode, ItemTreeContributor } from '../roadmap/itemTreeContributor';

interface SectionNode extends ContributedNode {
  readonly kind: 'section';
  readonly itemId: string;
}

interface BranchNode extends ContributedNode {
  readonly kind: 'branch';
  readonly branch: BranchWork;
  readonly itemId: string;
}

interface CommitNode extends ContributedNode {
  readonly kind: 'commit';
  readonly commit: CommitWork;
  readonly itemId: string;
}

export type WorkNode = SectionNode | BranchNode | CommitNode;

/** Item rows that are (or contain) the current work get this resourceUri, so the decoration below marks them. */
export const ITEM_MARK_SCHEME = 'roadmap-lens-item';

export function itemMarkUri(folderUri: vscode.Uri, itemId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ITEM_MARK_SCHEME, path: `/${itemId}`, query: folderUri.toString() });
}

export const CURRENT_DECORATION = new vscode.FileDecoration(
  '●',
  'Current work: the item your branch is linked to',
  new vscode.ThemeColor('charts.orange'),
);
export const ANCESTOR_DECORATION = new vscode.FileDecoration('◦', 'Contains the current work');

export function branchTreeItem(branch: BranchWork, now: number, idPrefix: string): vscode.TreeItem {
  const tree = new vscode.TreeItem(branch.name, vscode.TreeItemCollapsibleState.None);
  tree.id = `${idPrefix}/branch:${branch.name}`;
  const parts: string[] = [];
  if (branch.isHead) parts.push('checked out');
  if (branch.lastCommit) parts.push(relativeTime(branch.lastCommit.date.getTime(), now), branch.lastCommit.author);
  if (branch.tagged) parts.push('tagged');
  tree.description = parts.join(' · ');
  tree.iconPath = new vscode.ThemeIcon(branch.isHead ? 'check' : branch.remote ? 'cloud' : 'git-branch');
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendText(`${branch.remote ? 'Remote' : 'Local'} branch ${branch.name}`);
  if (branch.tagged)
    md.appendText(
      `\nTagged in the roadmap${branch.tagPattern && branch.tagPattern !== branch.name ? ` (by ${branch.tagPattern})` : ''}`,
    );
  if (branch.lastCommit) {
    md.appendMarkdown('\n\n');
    md.appendText(
      `Last commit ${branch.lastCommit.sha.slice(0, 8)} by ${branch.lastCommit.author}, ${branch.lastCommit.date.toLocaleString()}:\n${branch.lastCommit.subject}`,
    );
  }
  tree.tooltip = md;
  tree.contextValue = `roadmapWorkBranch${branch.tagged ? ' tagged' : ''}${branch.remote ? ' remote' : ''}`;
  return tree;
}

export function commitTreeItem(
  commit: CommitWork,
  folderUri: vscode.Uri,
  now: number,
  idPrefix: string,
): vscode.TreeItem {
  const tree = new vscode.TreeItem(commit.subject || '(no subject)', vscode.TreeItemCollapsibleState.None);
  tree.id = `${idPrefix}/commit:${commit.sha}`;
  tree.description = `${commit.author} · ${relativeTime(commit.date.getTime(), now)}`;
  tree.iconPath = new vscode.ThemeIcon('git-commit');
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendText(`${commit.sha.slice(0, 10)} · ${commit.author} · ${commit.date.toLocaleString()}\n\n${commit.subject}`);
  tree.tooltip = md;
  tree.contextValue = 'roadmapWorkCommit';
  tree.command = {
    title: 'Show Commit',
    command: 'vscode.open',
    arguments: [commitUri(folderUri, commit.sha), { preview: true }],
  };
  return tree;
}

/**
 * Adds the Work section under items and marks the current item and its ancestors with a badge
 * and colour (a FileDecoration), leaving the row's label, description and icon as the tree made them.
 */
export class WorkTreeContributor implements ItemTreeContributor, vscode.FileDecorationProvider {
  readonly onDidChange: vscode.Event<void>;
  readonly onDidChangeFileDecorations: vscode.Event<undefined>;

  constructor(private readonly work: WorkModel) {
    this.onDidChange = work.onDidChange;
    this.onDidChangeFileDecorations = (listener, thisArgs, disposables) =>
      work.onDidChange(
        () => {
          listener.call(thisArgs, undefined);
        },
        undefined,
        disposables,
      );
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== ITEM_MARK_SCHEME) return undefined;
    const mark = this.work.currentMark(vscode.Uri.parse(uri.query), uri.path.slice(1));
    return mark === 'current' ? CURRENT_DECORATION : mark === 'ancestor' ? ANCESTOR_DECORATION : undefined;
  }

  decorateItem(folderUri: vscode.Uri, item: RoadmapItem, tree: vscode.TreeItem): void {
    const mark = this.work.currentMark(folderUri, item.id);
    if (mark) {
      tree.resourceUri = itemMarkUri(folderUri, item.id);
      tree.contextValue = `${tree.contextValue ?? ''} ${mark}`.trim();
      const a11y = tree.accessibilityInformation;
      if (a11y)
        tree.accessibilityInformation = {
          ...a11y,
          label: `${a11y.label}${mark === 'current' ? ', current work' : ', contains the current work'}`,
        };
    }
    if (tree.collapsibleState === vscode.TreeItemCollapsibleState.None && this.hasOwnWork(folderUri, item.id)) {
      tree.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    }
  }

  tooltipLines(folderUri: vscode.Uri, item: RoadmapItem): readonly string[] {
    const r = this.work.rollupFor(folderUri, item.id);
    if (!r || r.descendants.total === 0) return [];
    if (r.commits === 0 && r.branches === 0) return ['Including children: no linked branches or commits yet.'];
    const parts = [count(r.commits, 'commit', 'commits'), count(r.branches, 'branch', 'branches')].filter(Boolean);
    const last =
      r.lastActivity === undefined ? '' : `, last activity ${relativeTime(r.lastActivity * 1000, Date.now())}`;
    return [`Including children: ${parts.join(' · ')}${last} (${r.ownCommits} naming ${item.id} itself).`];
  }

  itemChildren(
    folderUri: vscode.Uri,
    item: RoadmapItem,
    parent: ContributedNode['parent'],
  ): readonly ContributedNode[] {
    if (!this.hasOwnWork(folderUri, item.id)) return [];
    const node: SectionNode = {
      type: 'contributed',
      contributor: this,
      parent,
      folderUri: folderUri.toString(),
      kind: 'section',
      itemId: item.id,
    };
    return [node];
  }

  children(node: ContributedNode): readonly ContributedNode[] {
    const work = node as WorkNode;
    if (work.kind !== 'section') return [];
    const { branches, commits } = this.work.workFor(vscode.Uri.parse(work.folderUri), work.itemId);
    const base = {
      type: 'contributed',
      contributor: this,
      parent: work,
      folderUri: work.folderUri,
      itemId: work.itemId,
    } as const;
    return [
      ...branches.map((branch): BranchNode => ({ ...base, kind: 'branch', branch })),
      ...commits.map((commit): CommitNode => ({ ...base, kind: 'commit', commit })),
    ];
  }

  treeItem(node: ContributedNode): vscode.TreeItem {
    const work = node as WorkNode;
    const folderUri = vscode.Uri.parse(work.folderUri);
    const idPrefix = `${work.folderUri}::${work.itemId.toUpperCase()}/work`;
    const now = Date.now();
    if (work.kind === 'branch') return branchTreeItem(work.branch, now, idPrefix);
    if (work.kind === 'commit') return commitTreeItem(work.commit, folderUri, now, idPrefix);
    const { branches, commits } = this.work.workFor(folderUri, work.itemId);
    const isCurrent = this.work.currentMark(folderUri, work.itemId) === 'current';
    const tree = new vscode.TreeItem(
      'Work',
      isCurrent ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    tree.id = idPrefix;
    tree.description = [
      count(branches.length, 'branch', 'branches'),
      count(commits.length, 'recent commit', 'recent commits'),
    ]
      .filter(Boolean)
      .join(' · ');
    tree.iconPath = new vscode.ThemeIcon('git-pull-request');
    tree.contextValue = 'roadmapWorkSection';
    return tree;
  }

  /** Own work, or (for a parent) any of its descendants': what "has linked work" filters on. */
  hasWork(folderUri: vscode.Uri, item: RoadmapItem): boolean {
    const r = this.work.rollupFor(folderUri, item.id);
    return r ? r.commits + r.branches > 0 : this.hasOwnWork(folderUri, item.id);
  }

  /** My current item, or linked to a local branch of mine or a commit I authored (WorkModel.isMine). */
  isMine(folderUri: vscode.Uri, item: RoadmapItem): boolean {
    return this.work.isMine(folderUri, item);
  }

  lastActivity(folderUri: vscode.Uri, item: RoadmapItem): number | undefined {
    return this.work.rollupFor(folderUri, item.id)?.lastActivity;
  }

  private hasOwnWork(folderUri: vscode.Uri, itemId: string): boolean {
    return this.work.hasOwnWork(folderUri, itemId);
  }
}

function count(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}
