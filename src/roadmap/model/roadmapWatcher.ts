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

export class RoadmapWatcher implements vscode.Disposable {
  private fileWatchers: vscode.Disposable[] = [];
  private watchedKey = '';
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
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        this.fileWatchers.push(
          watcher,
          watcher.onDidCreate(() => this.hooks.onRediscover()),
          watcher.onDidDelete(() => this.hooks.onRediscover()),
          watcher.onDidChange((uri) => {
            if (this.hooks.isRoadmapFile(uri)) this.hooks.onFileChanged(uri);
            else this.hooks.onRediscover();
          }),
        );
      }
    }
  }

  dispose(): void {
    this.disposeFileWatchers();
    for (const d of this.subscriptions) d.dispose();
  }

  private disposeFileWatchers(): void {
    for (const d of this.fileWatchers) d.dispose();
    this.fileWatchers = [];
  }
}
