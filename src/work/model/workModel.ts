// Owns "what is being worked on" for every workspace folder with a roadmap: the repository's
// HEAD, the current item, branches and commits per item, and unlinked work. Views subscribe to
// `onDidChange`; nothing here blocks activation (git runs in the background).

import { clearParsedRoadmapCache } from '../../fs/parsedRoadmapCache';
import * as vscode from 'vscode';
import { idKey, type RoadmapItem } from '../../core/roadmap/roadmapTypes';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import { newestShas, subtreeIds, type ItemRollup } from '../../core/rollup/rollup';
import type { Coverage } from '../../core/rollup/coverage';
import { addTrailer } from '../../core/linking/commitTrailer';
import type { FileTouchCount } from '../../core/gitOutput/changedFilesParser';
import { MAX_COMMITS_FOR_FILES } from '../../git/changedFiles';
import type { GitRepository } from '../../git/gitRepository';
import { installCommitHook, uninstallCommitHook } from '../../git/commitHookFiles';
import type { HookOutcome } from '../../core/hook/commitHook';
import type { CommitIndexStore } from './commitIndexStore';
import { FilesTouchedCache } from './filesTouchedCache';
import { statusWithoutRoadmap } from './folderStatus';
import { WorkFolders } from './workFolders';
import type { IndexProgress } from './indexProgress';
import type { FolderDriftGit, FolderHistory, WorkHistorySource } from './workHistory';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import {
  NO_WORK,
  toBranchWork,
  toCommitWork,
  type BranchWork,
  type CommitWork,
  type ItemWork,
  type WorkStatus,
} from './workState';
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
  private readonly filesCache = new FilesTouchedCache(
    () => this.fireSoon(),
    (message, error) => this.log.warn(message, error),
  );

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

  /**
   * Adds the item's trailer to the Source Control commit message of the repository at `uri` (its
   * root or a folder in it) and returns the new message; undefined when the built-in Git
   * extension is off or has no repository there. An existing trailer for the item is kept as is.
   */
  addTrailerToCommitMessage(uri: vscode.Uri, itemId: string, keys: readonly string[]): string | undefined {
    const repository = this.folders.builtinGit?.getRepository(uri);
    if (!repository) return undefined;
    repository.inputBox.value = addTrailer(repository.inputBox.value, keys[0] ?? 'Roadmap', itemId, keys);
    return repository.inputBox.value;
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
    return this.workFor(folderUri, item.id).branches.some((b) => !b.remote);
  }

  /** How much of the indexed history links to an item; undefined while git is off or indexing. */
  coverage(folderUri: vscode.Uri): Coverage | undefined {
    return this.folders.get(folderUri)?.summary.coverage;
  }

  /** The newest commits of the item and all its descendants, each once (the card "including children"). */
  rolledUpCommits(folderUri: vscode.Uri, itemId: string, limit: number): CommitWork[] {
    const index = this.folders.get(folderUri)?.index;
    if (!index) return [];
    return this.rolledUpShas(folderUri, itemId, limit).flatMap((sha) => {
      const c = index.get(sha);
      return c ? [toCommitWork(c)] : [];
    });
  }

  private rolledUpShas(folderUri: vscode.Uri, itemId: string, limit: number): string[] {
    const index = this.folders.get(folderUri)?.index;
    const roadmap = this.roadmaps.indexFor(folderUri);
    if (!index || !roadmap) return [];
    const lists = index.linkedShasByItem();
    const ids = subtreeIds(itemId, (id) => roadmap.children(id));
    return newestShas(
      ids.map((id) => lists.get(idKey(id)) ?? []),
      (sha) => index.commitTime(sha) ?? 0,
      limit,
    );
  }

  /** The newest `limit` commits that link to no item (the Unlinked Work view's "Show more"). */
  unlinkedCommits(folderUri: vscode.Uri, limit: number): CommitWork[] {
    const index = this.folders.get(folderUri)?.index;
    return index ? index.unlinked(limit).map(toCommitWork) : [];
  }

  /** When each of the item's indexed commits was made (ms), newest first: the item card's weekly chart. */
  commitTimes(folderUri: vscode.Uri, itemId: string, limit = 5000, includeChildren = false): number[] {
    const index = this.folders.get(folderUri)?.index;
    if (!index) return [];
    if (includeChildren)
      return this.rolledUpShas(folderUri, itemId, limit).map((sha) => (index.commitTime(sha) ?? 0) * 1000);
    return index.commitsFor(itemId, limit).map((c) => c.time * 1000);
  }

  /** Branches linked to the item or any descendant, each once, newest first (the card "including children"). */
  rolledUpBranches(folderUri: vscode.Uri, itemId: string): BranchWork[] {
    const roadmap = this.roadmaps.indexFor(folderUri);
    if (!roadmap) return [];
    const seen = new Map<string, BranchWork>();
    for (const id of subtreeIds(itemId, (i) => roadmap.children(i)))
      for (const b of this.workFor(folderUri, id).branches) if (!seen.has(b.name)) seen.set(b.name, b);
    return [...seen.values()].sort((a, b) => (b.lastCommit?.date.getTime() ?? 0) - (a.lastCommit?.date.getTime() ?? 0));
  }

  /**
   * Files the item's commits touched, most first (item card, Explorer badges). Computed in the
   * background: undefined until it arrives (then onDidChange fires) and whenever git is off.
   */
  filesTouchedBy(
    folderUri: vscode.Uri,
    itemId: string,
    includeChildren = false,
  ): readonly FileTouchCount[] | undefined {
    const entry = this.folders.get(folderUri);
    if (!entry?.index || entry.status.kind !== 'ready') return undefined;
    const shas = includeChildren
      ? this.rolledUpShas(folderUri, itemId, MAX_COMMITS_FOR_FILES)
      : entry.index.commitsFor(itemId, MAX_COMMITS_FOR_FILES).map((c) => c.sha);
    const key = `${folderUri.toString()}#${idKey(itemId)}${includeChildren ? '+children' : ''}`;
    return this.filesCache.get(key, shas, entry.repo ? entry.git : undefined);
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

  /**
   * Installs the `prepare-commit-msg` hook (the CLI's `hook install`) in the folder's repository;
   * `runtime` and `cliPath` are what the hook runs.
   */
  async installCommitHook(folderUri: vscode.Uri, runtime: string, cliPath: string): Promise<HookOutcome> {
    const entry = this.folders.get(folderUri);
    if (!entry?.repo) return { kind: 'refused', message: this.gitOffMessage(folderUri) };
    return installCommitHook(entry.git, entry.repo.info.root ?? folderUri.fsPath, runtime, cliPath);
  }

  async uninstallCommitHook(folderUri: vscode.Uri): Promise<HookOutcome> {
    const entry = this.folders.get(folderUri);
    if (!entry?.repo) return { kind: 'refused', message: this.gitOffMessage(folderUri) };
    return uninstallCommitHook(entry.git, entry.repo.info.root ?? folderUri.fsPath);
  }

  /** Whether git runs for this folder (a repository is open and the workspace is trusted). */
  hasRepository(folderUri: vscode.Uri): boolean {
    return this.repository(folderUri) !== undefined;
  }

  /** The reason git gives for refusing `name` as a new branch, or undefined when it can be created. */
  async branchNameProblem(folderUri: vscode.Uri, name: string): Promise<string | undefined> {
    const repo = this.repository(folderUri);
    if (!repo) return this.gitOffMessage(folderUri);
    if (name.trim() === '') return 'Enter a branch name.';
    const check = await repo.checkBranchName(name);
    if (!check.ok) return check.reason;
    if ((await repo.resolve(`refs/heads/${name}`)) !== undefined) return `A branch named "${name}" already exists.`;
    return undefined;
  }

  /** Why git is not available for this folder, in words for a message. */
  gitOffMessage(folderUri: vscode.Uri): string {
    const status = this.status(folderUri);
    return status.kind === 'off' ? status.message : GIT_OFF_TEXT.loading;
  }

  /** Creates `name` at HEAD, checks it out and re-reads the folder. */
  async createBranch(folderUri: vscode.Uri, name: string): Promise<void> {
    const repo = this.repository(folderUri);
    if (!repo) throw new Error(this.gitOffMessage(folderUri));
    await repo.createBranch(name);
    await this.refresh(folderUri);
  }

  async showCommit(folderUri: vscode.Uri, sha: string, token?: vscode.CancellationToken): Promise<string> {
    const entry = this.folders.get(folderUri);
    if (!entry) return 'Roadmap Lens: that folder is not open or has no roadmap.';
    const controller = new AbortController();
    token?.onCancellationRequested(() => controller.abort());
    try {
      return await entry.showCommit(sha, controller.signal);
    } catch (e) {
      return `Roadmap Lens could not show commit ${sha}: ${e instanceof Error ? e.message : String(e)}`;
    }
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
   * repository: it only saves a parse, so clearing it costs the next CLI call one parse).
   */
  async clearCache(): Promise<void> {
    await Promise.all([
      ...this.folders.all().map((f) => f.clearCache()),
      clearParsedRoadmapCache().catch(() => undefined),
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
    this.filesCache.clear();
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
