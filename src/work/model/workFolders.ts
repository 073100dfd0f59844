// The work model's folders: one FolderWork per workspace folder with a roadmap, kept in step with
// the roadmap model's folders, each re-read (debounced) when git reports its repository changed.

import { isPathInside } from '../../core/util/pathInside';
import * as vscode from 'vscode';
import type { GitApi } from './builtinGitApi';
import type { CommitIndexStore } from './commitIndexStore';
import { FolderWork } from './folderWork';
import { GitChangeTriggers } from './gitChangeTriggers';
import type { IndexProgress } from './indexProgress';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';

/** A checkout, commit or fetch shows within a second: events settle for this long first. */
const DEBOUNCE_MS = 300;

export interface WorkFoldersHost {
  readonly roadmaps: RoadmapModel;
  readonly store: CommitIndexStore;
  readonly progress: IndexProgress;
  readonly log: vscode.LogOutputChannel;
  /** A folder was added or removed, or its state changed. */
  changed(): void;
  /** The first cold build started (true), or the last one ended or was stopped (false). */
  indexingChanged(now: boolean): void;
}

export class WorkFolders implements vscode.Disposable {
  private readonly entries = new Map<string, FolderWork>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly triggers: GitChangeTriggers;
  private indexingNow = false;

  constructor(private readonly host: WorkFoldersHost) {
    this.triggers = new GitChangeTriggers((root, source) => this.onRepositoryChanged(root, source), host.log);
  }

  /** Starts watching repositories, then reads the folders. */
  async start(): Promise<void> {
    await this.triggers.start();
    this.sync(false);
  }

  /** The built-in git extension's API, when it is enabled. */
  get builtinGit(): GitApi | undefined {
    return this.triggers.builtinApi;
  }

  get(folderUri: vscode.Uri): FolderWork | undefined {
    return this.entries.get(folderUri.toString());
  }

  all(): FolderWork[] {
    return [...this.entries.values()];
  }

  /** A cold build of some folder's commit index is running. */
  get indexing(): boolean {
    return this.indexingNow;
  }

  /** Roots of the repositories open folders use. */
  repositoryRoots(): ReadonlySet<string> {
    const roots = new Set<string>();
    for (const entry of this.entries.values()) {
      const root = entry.repo?.info.root;
      if (root) roots.add(root);
    }
    return roots;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const f of this.entries.values()) f.dispose();
    this.entries.clear();
    this.triggers.dispose();
  }

  /** One FolderWork per folder with a roadmap; a roadmap edit re-links existing ones (no git). */
  sync(relink: boolean): void {
    const wanted = new Map(this.host.roadmaps.folders().map((f) => [f.uri.toString(), f]));
    let changed = false;
    let removed = false;
    for (const [key, entry] of this.entries) {
      if (wanted.has(key)) continue;
      entry.dispose();
      this.entries.delete(key);
      changed = removed = true;
    }
    // A closed folder's repository keeps no watchers unless another open folder still uses it.
    if (removed) {
      this.triggers.retain(this.repositoryRoots());
      this.indexingChanged();
    }
    for (const [key, folder] of wanted) {
      const existing = this.entries.get(key);
      if (existing) {
        if (relink)
          void existing
            .relink()
            .catch((e: unknown) => this.host.log.error(`${existing.folder.name}: re-linking to the roadmap failed`, e));
        continue;
      }
      if (folder.uri.scheme !== 'file') continue;
      const entry = new FolderWork(folder, {
        store: this.host.store,
        progress: this.host.progress,
        log: this.host.log,
        roadmap: (f) => this.host.roadmaps.indexFor(f.uri),
        changed: () => this.host.changed(),
        opened: (repo) => this.triggers.attach(repo.info),
        indexingChanged: () => this.indexingChanged(),
      });
      this.entries.set(key, entry);
      changed = true;
      void entry.refresh('folder added');
    }
    if (changed) this.host.changed();
  }

  private onRepositoryChanged(root: string, source: string): void {
    this.host.log.debug(`Repository changed: ${root} (${source})`);
    const rootUri = vscode.Uri.file(root);
    for (const [key, entry] of this.entries) {
      const repoRoot = entry.repo?.info.root;
      const folderPath = entry.folder.uri.fsPath;
      // A folder inside the repository, or the repository itself.
      const matches =
        repoRoot !== undefined
          ? vscode.Uri.file(repoRoot).toString() === rootUri.toString()
          : isPathInside(root, folderPath);
      if (matches) this.schedule(key, entry);
    }
  }

  private schedule(key: string, entry: FolderWork): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void entry.refresh('repository changed');
      }, DEBOUNCE_MS),
    );
  }

  private indexingChanged(): void {
    const now = [...this.entries.values()].some((f) => f.indexing);
    if (now === this.indexingNow) return;
    this.indexingNow = now;
    this.host.indexingChanged(now);
  }
}
