// Owns "what is being worked on" for every workspace folder with a roadmap: the repository's
// HEAD, the current item, branches and commits per item, and unlinked work. Views subscribe to
// `onDidChange`; nothing here blocks activation (git runs in the background).

import { clearParsedRoadmapCache } from '../../fs/parsedRoadmapCache';
import { clearCodeCache } from '../../fs/codeCache';
import * as vscode from 'vscode';
import { idKey, type RoadmapItem } from '../../core/roadmap/roadmapTypes';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import type { ItemRollup } from '../../core/rollup/rollup';
import type { Coverage } from '../../core/rollup/coverage';
import type { GitRepository } from '../../git/gitRepository';
import type { CommitIndexStore } from './commitIndexStore';
import { statusWithoutRoadmap } from './folderStatus';
import { WorkFolders } from './workFolders';
import { ItemActivity } from './itemActivity';
import { RepositoryActions } from './repositoryActions';
import type { IndexProgress } from './indexProgress';
import type { FolderDriftGit, FolderHistory, WorkHistorySource } from './workHistory';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import { NO_WORK, toBranchWork, toCommitWork, type BranchWork, type ItemWork, type WorkStatus } from './workState';
import { GIT_OFF_TEXT } from './gitOffText';
import { onDidChangeSettings } from '../../settings/settings';
import { WORK_SETTINGS } from './workSettings';

export class WorkModel implements vscode.Disposable, WorkHistorySource {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired after HEAD, branches, the index or the linking changed, debounced by the caller's events. */
  readonly onDidChange = this.emitter.event;
  private readonly indexingEmitter = new vscode.EventEmitter<boolean>();
  /** Fired when the first cold build starts (true) and when the last one ends or is stopped (false). */
  readonly onDidChangeIndexing = this.indexingEmitter.event;

  private readonly folders: WorkFolders;
  private readonly subscriptions: vscode.Disposable[] = [];
  private fireScheduled = false;
  private started = false;
  /** The item card's and badges' questions about an item's history (with or without its children). */
  readonly activity: ItemActivity;
  /** What commands do to a folder's repository (trailer, hook, branch, show commit). */
  readonly actions: RepositoryActions;

  /**
   * `store` persists each folder's commit index; `progress` is how the UI shows a cold build
   * (models draw no UI).
   */
  constructor(
    private readonly roadmaps: RoadmapModel,
    store: CommitIndexStore,
    progress: IndexProgress,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.folders = new WorkFolders({
      roadmaps,
      store,
      progress,
      log,
      changed: () => this.fireSoon(),
      indexingChanged: (now) => this.indexingEmitter.fire(now),
    });
    this.activity = new ItemActivity(
      this.folders,
      roadmaps,
      (folderUri, itemId) => this.workFor(folderUri, itemId),
      () => this.fireSoon(),
      log,
    );
    this.actions = new RepositoryActions({
      folders: this.folders,
      gitOffMessage: (folderUri) => this.gitOffMessage(folderUri),
      refresh: (folderUri) => this.refresh(folderUri),
    });
    this.subscriptions.push(
      // Before start() the roadmap's first load is still part of activation: no git for it yet.
      roadmaps.onDidChange(() => {
        if (this.started) this.folders.sync(true);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('Workspace trusted: reading repositories.');
        for (const f of this.folders.all()) void f.refresh();
      }),
      onDidChangeSettings(WORK_SETTINGS, (change) => {
        for (const f of this.folders.all())
          if (WORK_SETTINGS.some((k) => change.affects(k, f.folder))) void f.refresh();
      }),
    );
  }

  /** Starts watching and reading in the background; returns at once. */
  start(): void {
    this.started = true;
    void this.folders.start();
    // On the next turn, not inside activate(): starting a git process costs the caller a few ms,
    // and activation waits for nothing git does (the status bar fills in when it is ready).
    const first = setTimeout(() => this.folders.sync(false), 0);
    this.subscriptions.push({ dispose: () => clearTimeout(first) });
  }

  /** Folders with a roadmap whose repository is readable, in workspace order. */
  gitFolders(): vscode.WorkspaceFolder[] {
    return this.folders
      .all()
      .filter((f) => f.status.kind !== 'off' || f.status.reason !== 'not-repo')
      .map((f) => f.folder)
      .sort((a, b) => a.index - b.index);
  }

  /** The folder the status bar speaks for: the active editor's, else the first with a roadmap. */
  activeFolder(): vscode.WorkspaceFolder | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (folder && this.folders.get(folder.uri)) return folder;
    return this.folders
      .all()
      .map((f) => f.folder)
      .sort((a, b) => a.index - b.index)[0];
  }

  status(folderUri: vscode.Uri): WorkStatus {
    const entry = this.folders.get(folderUri);
    return entry ? entry.status : statusWithoutRoadmap(folderUri.scheme === 'file', vscode.workspace.isTrusted);
  }

  /** `current` for the item being worked on, `ancestor` for its parents, up to the goal. */
  currentMark(folderUri: vscode.Uri, itemId: string): 'current' | 'ancestor' | undefined {
    const status = this.status(folderUri);
    if (status.kind !== 'ready' || !status.current) return undefined;
    const key = idKey(itemId);
    const currentId = status.current.item.id;
    if (idKey(currentId) === key) return 'current';
    const index = this.roadmaps.indexFor(folderUri);
    return index?.ancestors(currentId).some((a) => idKey(a.id) === key) ? 'ancestor' : undefined;
  }

  /** Branches (tagged or naming the item) and the item's most recent commits. */
  workFor(folderUri: vscode.Uri, itemId: string): ItemWork {
    const entry = this.folders.get(folderUri);
    const key = idKey(itemId);
    const summary = entry?.summary.byItem.get(key);
    if (!summary) return NO_WORK;
    return { branches: summary.branches.map((b) => toBranchWork(b, key)), commits: summary.commits.map(toCommitWork) };
  }

  /** Branches and recent commits that reference no item (merges and the base branch excluded). */
  unlinked(folderUri: vscode.Uri): ItemWork {
    const entry = this.folders.get(folderUri);
    if (!entry) return NO_WORK;
    return {
      branches: entry.summary.unlinkedBranches.map((ref) =>
        toBranchWork({ ref, tagged: false, patterns: new Map() }, undefined),
      ),
      commits: entry.summary.unlinkedCommits.map(toCommitWork),
    };
  }

  /** The item's own plus its descendants' work and its children's statuses; undefined until known. */
  rollupFor(folderUri: vscode.Uri, itemId: string): ItemRollup | undefined {
    return this.folders.get(folderUri)?.summary.rollup.get(idKey(itemId));
  }

  /**
   * "Mine": the item I am working on, or one linked to a local branch of mine or to a commit
   * whose author email is my `user.email` (so items I worked on count even after the branch is gone).
   */
  isMine(folderUri: vscode.Uri, item: RoadmapItem): boolean {
    if (this.currentMark(folderUri, item.id) === 'current') return true;
    if (this.folders.get(folderUri)?.summary.mine.has(idKey(item.id))) return true;
    const own = this.folders.get(folderUri)?.summary.byItem.get(idKey(item.id));
    return own?.branches.some((b) => b.ref.remote === undefined) === true;
  }

  /** Whether the item has branches or commits of its own, without building them (a tree row asks). */
  hasOwnWork(folderUri: vscode.Uri, itemId: string): boolean {
    const own = this.folders.get(folderUri)?.summary.byItem.get(idKey(itemId));
    return own !== undefined && (own.branches.length > 0 || own.commits.length > 0);
  }

  /** How much of the indexed history links to an item; undefined while git is off or indexing. */
  coverage(folderUri: vscode.Uri): Coverage | undefined {
    return this.folders.get(folderUri)?.summary.coverage;
  }

  /** Every local and remote branch (newest first), for the tag command's picker. */
  allBranches(folderUri: vscode.Uri): BranchWork[] {
    const entry = this.folders.get(folderUri);
    return (entry?.branches ?? []).map((ref) => toBranchWork({ ref, tagged: false, patterns: new Map() }, undefined));
  }

  /** The commit the folder's commit index reflects (HEAD once indexing caught up), if any. */
  indexedHead(folderUri: vscode.Uri): string | undefined {
    return this.folders.get(folderUri)?.index?.head;
  }

  /** The branch work is merged into (the setting, else origin/HEAD, main, master); undefined until read. */
  baseBranch(folderUri: vscode.Uri): string | undefined {
    return this.folders.get(folderUri)?.baseBranch;
  }

  /** The folder's commit index (sha → items); undefined until built. */
  commitIndex(folderUri: vscode.Uri): CommitIndex | undefined {
    return this.folders.get(folderUri)?.index;
  }

  /** What drift asks git of the folder's repository; undefined while git is off. */
  driftGit(folderUri: vscode.Uri): FolderDriftGit | undefined {
    return this.folders.get(folderUri)?.driftGit();
  }

  /** What line attribution reads of the folder's repository (blame, HEAD, the index); undefined while git is off. */
  history(folderUri: vscode.Uri): FolderHistory | undefined {
    return this.folders.get(folderUri)?.history();
  }

  /** Roots of the repositories open folders use (for dropping per-repository state). */
  repositoryRoots(): ReadonlySet<string> {
    return this.folders.repositoryRoots();
  }

  /** The work tree root of the folder's repository, while git is on for it. */
  repositoryRoot(folderUri: vscode.Uri): string | undefined {
    return this.repository(folderUri)?.info.root;
  }

  private repository(folderUri: vscode.Uri): GitRepository | undefined {
    return this.folders.get(folderUri)?.repo;
  }

  /** Whether git runs for this folder (a repository is open and the workspace is trusted). */
  hasRepository(folderUri: vscode.Uri): boolean {
    return this.repository(folderUri) !== undefined;
  }

  /** Why git is not available for this folder, in words for a message. */
  gitOffMessage(folderUri: vscode.Uri): string {
    const status = this.status(folderUri);
    return status.kind === 'off' ? status.message : GIT_OFF_TEXT.loading;
  }

  /** Re-reads one folder (or all) now, bypassing the debounce; resolves when done. */
  async refresh(folderUri?: vscode.Uri): Promise<void> {
    const entries = folderUri ? [this.folders.get(folderUri)] : this.folders.all();
    await Promise.all(entries.flatMap((e) => (e ? [e.refresh()] : [])));
  }

  async rebuildIndex(): Promise<void> {
    await Promise.all(this.folders.all().map((f) => f.rebuildIndex()));
  }

  /**
   * Clear Cache: every folder's repository cache (`.git/roadmap-lens/`) removed, then the index
   * rebuilt; and the user's parsed-roadmap cache (`~/.cache/roadmap-lens/parsed/`, shared by every
   * repository: it only saves a parse, so clearing it costs the next CLI call one parse) and the
   * CLI's compiled code (`~/.cache/roadmap-lens/code/`: the next CLI call compiles its bundle again).
   */
  async clearCache(): Promise<void> {
    await Promise.all([
      ...this.folders.all().map((f) => f.clearCache()),
      clearParsedRoadmapCache().catch(() => undefined),
      clearCodeCache().catch(() => undefined),
    ]);
  }

  /** Where the folder's commit index came from (see FolderWork.indexOrigin). */
  indexOrigin(folderUri: vscode.Uri): 'none' | 'cache' | 'built' {
    return this.folders.get(folderUri)?.indexOrigin ?? 'none';
  }

  /** The folder's last read of its stored index: what it found and where. */
  lastIndexLoad(folderUri: vscode.Uri): string {
    return this.folders.get(folderUri)?.lastLoad ?? 'no such folder';
  }

  /** A cold build of some folder's commit index is running. */
  get indexing(): boolean {
    return this.folders.indexing;
  }

  /**
   * Stops every running cold build (all folders). Those folders keep the index they had and start
   * no full build by themselves until `rebuildIndex()` (or a reload). `indexing` turns false at
   * once; resolves with how many builds were stopped once they have wound down.
   */
  async stopIndexing(): Promise<number> {
    const stopped = await Promise.all(this.folders.all().map((f) => f.stopIndexing()));
    return stopped.filter(Boolean).length;
  }

  dispose(): void {
    this.activity.clear();
    this.folders.dispose();
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
    this.indexingEmitter.dispose();
  }

  /** Several folders finishing together fire one event. */
  private fireSoon(): void {
    if (this.fireScheduled) return;
    this.fireScheduled = true;
    queueMicrotask(() => {
      this.fireScheduled = false;
      this.emitter.fire();
    });
  }
}
