// Turns the many ways a roadmap can change (disk, unsaved edits, settings, folders) into two
// signals for the model: "reread this file" and "find the files again". Filters here; the model
// debounces.

import * as vscode from 'vscode';
import { onDidChangeSettings } from '../../settings/settings';

export interface RoadmapWatcherHooks {
  globsFor(folder: vscode.WorkspaceFolder): string[];
  /** Is this one of the roadmap files already known? Cheap: called on every keystroke. */
  isRoadmapFile(uri: vscode.Uri): boolean;
  onFileChanged(uri: vscode.Uri): void;
  onRediscover(): void;
}

/** A folder outside the workspace and the names in it to watch (a roadmap shared by several repositories). */
export interface WatchTarget {
  readonly base: vscode.Uri;
  readonly pattern: string;
}

export class RoadmapWatcher implements vscode.Disposable {
  private fileWatchers: vscode.Disposable[] = [];
  private watchedKey = '';
  private outsideWatchers: vscode.Disposable[] = [];
  private outsideKey = '';
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly hooks: RoadmapWatcherHooks) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && hooks.isRoadmapFile(e.document.uri)) hooks.onFileChanged(e.document.uri);
      }),
      // Closing an editor with unsaved edits discards them: the disk version counts again.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (hooks.isRoadmapFile(doc.uri)) hooks.onFileChanged(doc.uri);
      }),
      onDidChangeSettings(['files'], () => hooks.onRediscover()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => hooks.onRediscover()),
      // Roadmaps outside the folders are read only once the workspace is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => hooks.onRediscover()),
    ];
  }

  /** (Re)creates one file watcher per folder and glob; a no-op when nothing changed. */
  watch(folders: readonly vscode.WorkspaceFolder[]): void {
    const plan = folders.map((folder) => ({ folder, globs: this.hooks.globsFor(folder) }));
    const key = JSON.stringify(plan.map((p) => [p.folder.uri.toString(), p.globs]));
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    this.disposeFileWatchers();
    for (const { folder, globs } of plan) {
      for (const glob of globs) {
        this.fileWatchers.push(...this.watchPattern(folder, glob));
      }
    }
  }

  /** One watcher: a created or deleted file re-runs discovery; a changed roadmap file is re-read. */
  private watchPattern(base: vscode.WorkspaceFolder | vscode.Uri, pattern: string): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, pattern));
    return [
      watcher,
      watcher.onDidCreate(() => this.hooks.onRediscover()),
      watcher.onDidDelete(() => this.hooks.onRediscover()),
      watcher.onDidChange((uri) => {
        if (this.hooks.isRoadmapFile(uri)) this.hooks.onFileChanged(uri);
        else this.hooks.onRediscover();
      }),
    ];
  }

  /**
   * Watches roadmaps outside every workspace folder. VS Code watches a RelativePattern whose base is
   * outside the workspace on its own (not recursively for a plain name), so edits made in a sibling
   * checkout show like edits in the folder. A no-op when the targets did not change.
   */
  watchOutside(targets: readonly WatchTarget[]): void {
    const unique = new Map(targets.map((t) => [`${t.base.toString()}\n${t.pattern}`, t]));
    const key = [...unique.keys()].sort().join('\n\n');
    if (key === this.outsideKey) return;
    this.outsideKey = key;
    for (const d of this.outsideWatchers) d.dispose();
    this.outsideWatchers = [];
    for (const t of unique.values()) {
      this.outsideWatchers.push(...this.watchPattern(t.base, t.pattern));
    }
  }

  dispose(): void {
    this.disposeFileWatchers();
    for (const d of this.outsideWatchers) d.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private disposeFileWatchers(): void {
    for (const d of this.fileWatchers) d.dispose();
    this.fileWatchers = [];
  }
}
