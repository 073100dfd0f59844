// The status bar entry for "what am I working on": the current item of the active editor's folder
// (or the first folder with a roadmap). Renders the work model's state; runs nothing itself.

import * as vscode from 'vscode';
import { Commands } from '../commands/commandIds';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from './model/workModel';
import { onDidChangeSettings, readSetting } from '../settings/settings';
import type { HeadInfo, WorkStatus } from './model/workState';
import { cardMarkdown } from '../roadmap/cardMarkdown';

const MAX_TITLE = 40;

export interface StatusBarView {
  readonly text: string;
  readonly tooltip: string | vscode.MarkdownString;
  readonly command: vscode.Command | undefined;
  readonly muted: boolean;
}

function shortTitle(title: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TITLE ? `${oneLine.slice(0, MAX_TITLE - 1)}…` : oneLine;
}

/** `$(…)` in a title from YAML must not become an icon in the status bar text. */
function literal(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

function headText(head: HeadInfo): string {
  const op = head.operation ? ` (${head.operation} in progress)` : '';
  if (head.kind === 'detached') return `detached HEAD at ${head.shortCommit ?? '?'}${op}`;
  if (head.kind === 'unborn') return `branch ${head.branch ?? '?'} with no commits yet${op}`;
  return `branch ${head.branch ?? '?'}${op}`;
}

const VIA_TEXT = {
  'branch-tag': 'tagged to this item in the roadmap',
  'branch-name': 'its name mentions this item',
  commits: 'its commits reference this item',
} as const;

/** Pure mapping from state to what the status bar shows; exported for the extension-host tests. */
export function statusBarView(status: WorkStatus, roadmaps: RoadmapModel, folderUri: vscode.Uri): StatusBarView {
  if (status.kind === 'loading') {
    return {
      text: '$(sync~spin) Roadmap',
      tooltip: 'Roadmap Lens is reading the repository…',
      command: undefined,
      muted: true,
    };
  }
  if (status.kind === 'off') {
    const text = {
      untrusted: '$(shield) Roadmap: git off',
      virtual: '$(circle-slash) Roadmap: no git',
      'no-git': '$(circle-slash) Roadmap: git not found',
      'not-repo': '$(circle-slash) Roadmap: no repository',
      error: '$(warning) Roadmap: git error',
    }[status.reason];
    const command =
      status.reason === 'untrusted'
        ? { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' }
        : undefined;
    return { text, tooltip: status.message, command, muted: true };
  }
  const { head, current } = status;
  const opSuffix = head.operation ? ` $(warning) ${head.operation}` : '';
  if (current) {
    const index = roadmaps.indexFor(folderUri);
    const card = index ? cardMarkdown(current.item, index) : new vscode.MarkdownString('', false);
    card.appendMarkdown(
      `\n\n---\n\nCurrent work: ${escapeInline(headText(head))}, ${VIA_TEXT[current.via]}. Click to reveal the item.`,
    );
    return {
      text: `$(target) ${literal(current.item.id)} ${literal(shortTitle(current.item.title))}${opSuffix}`,
      tooltip: card,
      command: {
        title: 'Reveal Item in Roadmap Tree',
        command: Commands.revealItem,
        arguments: [{ id: current.item.id, folderUri: folderUri.toString() }],
      },
      muted: false,
    };
  }
  const where = head.kind === 'detached' ? ' (detached HEAD)' : head.kind === 'unborn' ? ' (no commits yet)' : '';
  return {
    text: `$(circle-slash) No roadmap item${where}${opSuffix}`,
    tooltip: `The ${headText(head)} references no roadmap item. Click to tag this branch to an item or start work on one.`,
    command: { title: 'Link Current Branch…', command: Commands.currentWorkActions, arguments: [folderUri] },
    muted: true,
  };
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|$~]/g, (ch) => `\\${ch}`);
}

export class CurrentItemStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'roadmapLens.currentItem',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel,
  ) {
    this.item.name = 'Roadmap Lens: Current Item';
    this.subscriptions.push(
      this.item,
      work.onDidChange(() => this.render()),
      roadmaps.onDidChange(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      onDidChangeSettings(['statusBar.enabled'], () => this.render()),
    );
    this.render();
  }

  /** The text currently shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const enabled = readSetting('statusBar.enabled');
    const folder = this.work.activeFolder();
    if (!enabled || !folder) {
      this.item.hide();
      return;
    }
    const view = statusBarView(this.work.status(folder.uri), this.roadmaps, folder.uri);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command;
    this.item.color = view.muted ? new vscode.ThemeColor('disabledForeground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
