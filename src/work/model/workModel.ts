// Owns "what is being worked on" for every workspace folder with a roadmap: the repository's
// HEAD, the current item, branches and commits per item, and unlinked work. Views subscribe to
// `onDidChange`; nothing here blocks activation (git runs in the background).

import * as vscode from 'vscode';
import { idKey, type RoadmapItem } from '../../core/roadmap/roadmapTypes';
import type { BranchLink } from '../../core/commitIndex/workSummary';
import type { CommitIndex, CommitInfo } from '../../core/commitIndex/commitIndex';
import type { FileTouchCount } from '../../core/gitOutput/changedFilesParser';
import { newestShas, subtreeIds, type ItemRollup } from '../../core/rollup/rollup';
import type { Coverage } from '../../core/rollup/coverage';
import { MAX_COMMITS_FOR_FILES } from '../../git/changedFiles';
import type { GitRepository } from '../../git/gitRepository';
import type { GitApi } from './builtinGitApi';
import { CommitIndexStore } from './commitIndexStore';
import { FilesTouchedCache } from './filesTouchedCache';
import { FolderWork } from './folderWork';
import { GitChangeTriggers } from './gitChangeTriggers';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import { NO_WORK, type BranchWork, type CommitWork, type ItemWork, type WorkStatus } from './workState';

/** A checkout, commit or fetch shows within a second: events settle for this long first. */
const DEBOUNCE_MS = 300;

const SETTINGS = [
  'roadmapLens.baseBranch',
  'roadmapLens.trailerKeys',
  'roadmapLens.history.maxCommits',
  'roadmapLens.work.recentCommits',
];

function toCommitWork(c: CommitInfo): CommitWork {
  return { sha: c.sha, subject: c.subject, author: c.author, date: new Date(c.time * 1000) };
}

function toBranchWork(link: BranchLink, itemKey: string | undefined): BranchWork {
  const { ref } = link;
  const pattern = itemKey === undefined ? undefined : link.patterns.get(itemKey);
  return {
    name: ref.name,
    branch: ref.branch,
    remote: ref.remote !== undefined,
    tagged: link.tagged,
    ...(pattern !== undefined ? { tagPattern: pattern } : {}),
    isHead: ref.isHead,
    lastCommit: { sha: ref.sha, subject: ref.subject, author: ref.author, date: new Date(ref.time * 1000) },
  };
}

export class WorkModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired after HEAD, branches, the index or the linking changed, debounced by the caller's events. */
  readonly onDidChange = this.emitter.event;
  private readonly indexingEmitter = new vscode.EventEmitter<boolean>();
  /** Fired when the first cold build starts (true) and when the last one ends or is stopped (false). */
  readonly onDidChangeIndexing = this.indexingEmitter.event;
  private indexingNow = false;

  private readonly folders = new Map<string, FolderWork>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly triggers: GitChangeTriggers;
  /** Where each folder's commit index is persisted (readable by the extension-host tests). */
  readonly store: CommitIndexStore;
  private readonly subscriptions: vscode.Disposable[] = [];
  private fireScheduled = false;
  private started = false;
  private readonly filesCache = new FilesTouchedCache(
    () => this.fireSoon(),
    (message, error) => this.log.warn(message, error),
  );

  constructor(
    private readonly roadmaps: RoadmapModel,
    storageUri: vscode.Uri | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.store = new CommitIndexStore(storageUri);
    this.triggers = new GitChangeTriggers((root, source) => this.onRepositoryChanged(root, source), log);
    this.subscriptions.push(
      this.triggers,
      // Before start() the roadmap's first load is still part of activation: no git for it yet.
      roadmaps.onDidChange(() => {
        if (this.started) this.syncFolders(true);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('Workspace trusted: reading repositories.');
        for (const f of this.folders.values()) void f.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (SETTINGS.some((s) => e.affectsConfiguration(s))) for (const f of this.folders.values()) void f.refresh();
      }),
    );
  }

  /** Starts watching and reading in the background; returns at once. */
  start(): void {
    this.started = true;
    void this.triggers.start().then(() => this.syncFolders(false));
    // On the next turn, not inside activate(): starting a git process costs the caller a few ms,
    // and activation waits for nothing git does (the status bar fills in when it is ready).
    const first = setTimeout(() => this.syncFolders(false), 0);
    this.subscriptions.push({ dispose: () => clearTimeout(first) });
  }

  /** The built-in git extension's API, when it is enabled (for the Source Control input box). */
  get builtinGit(): GitApi | undefined {
    return this.triggers.builtinApi;
  }

  /** Folders with a roadmap whose repository is readable, in workspace order. */
  gitFolders(): vscode.WorkspaceFolder[] {
    return [...this.folders.values()]
      .filter((f) => f.status.kind !== 'off' || f.status.reason !== 'not-repo')
      .map((f) => f.folder)
      .sort((a, b) => a.index - b.index);
  }

  /** The folder the status bar speaks for: the active editor's, else the first with a roadmap. */
  activeFolder(): vscode.WorkspaceFolder | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (folder && this.folders.has(folder.uri.toString())) return folder;
    return [...this.folders.values()].map((f) => f.folder).sort((a, b) => a.index - b.index)[0];
  }

  status(folderUri: vscode.Uri): WorkStatus {
    const entry = this.folders.get(folderUri.toString());
    if (entry) return entry.status;
    if (folderUri.scheme !== 'file')
      return {
        kind: 'off',
        reason: 'virtual',
        message: 'Git features need a folder on disk (this folder is virtual or remote).',
      };
    if (!vscode.workspace.isTrusted)
      return { kind: 'off', reason: 'untrusted', message: 'Roadmap Lens runs no git in Restricted Mode.' };
    return {
      kind: 'off',
      reason: 'not-repo',
      message: 'This folder has no roadmap, so Roadmap Lens does not read its repository.',
    };
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
    const entry = this.folders.get(folderUri.toString());
    const key = idKey(itemId);
    const summary = entry?.summary.byItem.get(key);
    if (!summary) return NO_WORK;
    return { branches: summary.branches.map((b) => toBranchWork(b, key)), commits: summary.commits.map(toCommitWork) };
  }

  /** Branches and recent commits that reference no item (merges and the base branch excluded). */
  unlinked(folderUri: vscode.Uri): ItemWork {
    const entry = this.folders.get(folderUri.toString());
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
    return this.folders.get(folderUri.toString())?.summary.rollup.get(idKey(itemId));
  }

  /**
   * "Mine": the item I am working on, or one linked to a local branch of mine or to a commit
   * whose author email is my `user.email` (so items I worked on count even after the branch is gone).
   */
  isMine(folderUri: vscode.Uri, item: RoadmapItem): boolean {
    if (this.currentMark(folderUri, item.id) === 'current') return true;
    const entry = this.folders.get(folderUri.toString());
    if (entry?.summary.mine.has(idKey(item.id))) return true;
    return this.workFor(folderUri, item.id).branches.some((b) => !b.remote);
  }

  /** How much of the indexed history links to an item; undefined while git is off or indexing. */
  coverage(folderUri: vscode.Uri): Coverage | undefined {
    return this.folders.get(folderUri.toString())?.summary.coverage;
  }

  /** The newest commits of the item and all its descendants, each once (the card "including children"). */
  rolledUpCommits(folderUri: vscode.Uri, itemId: string, limit: number): CommitWork[] {
    const index = this.folders.get(folderUri.toString())?.index;
    if (!index) return [];
    return this.rolledUpShas(folderUri, itemId, limit).flatMap((sha) => {
      const c = index.get(sha);
      return c ? [toCommitWork(c)] : [];
    });
  }

  private rolledUpShas(folderUri: vscode.Uri, itemId: string, limit: number): string[] {
    const index = this.folders.get(folderUri.toString())?.index;
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
    const index = this.folders.get(folderUri.toString())?.index;
    return index ? index.unlinked(limit).map(toCommitWork) : [];
  }

  /** When each of the item's indexed commits was made (ms), newest first: the item card's weekly chart. */
  commitTimes(folderUri: vscode.Uri, itemId: string, limit = 5000, includeChildren = false): number[] {
    const index = this.folders.get(folderUri.toString())?.index;
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
    const entry = this.folders.get(folderUri.toString());
    if (!entry?.index || entry.status.kind !== 'ready') return undefined;
    const shas = includeChildren
      ? this.rolledUpShas(folderUri, itemId, MAX_COMMITS_FOR_FILES)
      : entry.index.commitsFor(itemId, MAX_COMMITS_FOR_FILES).map((c) => c.sha);
    const key = `${folderUri.toString()}#${idKey(itemId)}${includeChildren ? '+children' : ''}`;
    return this.filesCache.get(key, shas, entry.repo?.git);
  }

  /** Every local and remote branch (newest first), for the tag command's picker. */
  allBranches(folderUri: vscode.Uri): BranchWork[] {
    const entry = this.folders.get(folderUri.toString());
    return (entry?.branches ?? []).map((ref) => toBranchWork({ ref, tagged: false, patterns: new Map() }, undefined));
  }

  /** The commit the folder's commit index reflects (HEAD once indexing caught up), if any. */
  indexedHead(folderUri: vscode.Uri): string | undefined {
    return this.folders.get(folderUri.toString())?.index?.head;
  }

  /** The folder's commit index (sha → items), for line attribution; undefined until built. */
  commitIndex(folderUri: vscode.Uri): CommitIndex | undefined {
    return this.folders.get(folderUri.toString())?.index;
  }

  /** Roots of the repositories open folders use (for dropping per-repository state). */
  repositoryRoots(): ReadonlySet<string> {
    const roots = new Set<string>();
    for (const entry of this.folders.values()) {
      const root = entry.repo?.info.root;
      if (root) roots.add(root);
    }
    return roots;
  }

  /** The opened repository of a folder, if git is on (models only: views ask the methods below). */
  repository(folderUri: vscode.Uri): GitRepository | undefined {
    return this.folders.get(folderUri.toString())?.repo;
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
    return status.kind === 'off'
      ? status.message
      : 'Roadmap Lens is still reading the repository; try again in a moment.';
  }

  /** Creates `name` at HEAD, checks it out and re-reads the folder. */
  async createBranch(folderUri: vscode.Uri, name: string): Promise<void> {
    const repo = this.repository(folderUri);
    if (!repo) throw new Error(this.gitOffMessage(folderUri));
    await repo.createBranch(name);
    await this.refresh(folderUri);
  }

  async showCommit(folderUri: vscode.Uri, sha: string, token?: vscode.CancellationToken): Promise<string> {
    const entry = this.folders.get(folderUri.toString());
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
    const entries = folderUri ? [this.folders.get(folderUri.toString())] : [...this.folders.values()];
    await Promise.all(entries.flatMap((e) => (e ? [e.refresh()] : [])));
  }

  async rebuildIndex(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.rebuildIndex()));
  }

  /** A cold build of some folder's commit index is running. */
  get indexing(): boolean {
    return this.indexingNow;
  }

  /**
   * Stops every running cold build (all folders). Those folders keep the index they had and start
   * no full build by themselves until `rebuildIndex()` (or a reload). `indexing` turns false at
   * once; resolves with how many builds were stopped once they have wound down.
   */
  async stopIndexing(): Promise<number> {
    const stopped = await Promise.all([...this.folders.values()].map((f) => f.stopIndexing()));
    return stopped.filter(Boolean).length;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.filesCache.clear();
    for (const f of this.folders.values()) f.dispose();
    this.folders.clear();
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
    this.indexingEmitter.dispose();
  }

  /** One FolderWork per folder with a roadmap; a roadmap edit re-links existing ones (no git). */
  private syncFolders(relink: boolean): void {
    const wanted = new Map(this.roadmaps.folders().map((f) => [f.uri.toString(), f]));
    let changed = false;
    let removed = false;
    for (const [key, entry] of this.folders) {
      if (wanted.has(key)) continue;
      entry.dispose();
      this.folders.delete(key);
      changed = removed = true;
    }
    // A closed folder's repository keeps no watchers unless another open folder still uses it.
    if (removed) {
      this.triggers.retain(this.repositoryRoots());
      this.indexingChanged();
    }
    for (const [key, folder] of wanted) {
      const existing = this.folders.get(key);
      if (existing) {
        if (relink)
          void existing
            .relink()
            .catch((e: unknown) => this.log.error(`${existing.folder.name}: re-linking to the roadmap failed`, e));
        continue;
      }
      if (folder.uri.scheme !== 'file') continue;
      const entry = new FolderWork(folder, {
        store: this.store,
        log: this.log,
        roadmap: (f) => this.roadmaps.indexFor(f.uri),
        changed: () => this.fireSoon(),
        opened: (repo) => this.triggers.attach(repo.info),
        indexingChanged: () => this.indexingChanged(),
      });
      this.folders.set(key, entry);
      changed = true;
      void entry.refresh('folder added');
    }
    if (changed) this.fireSoon();
  }

  private onRepositoryChanged(root: string, source: string): void {
    this.log.debug(`Repository changed: ${root} (${source})`);
    const rootUri = vscode.Uri.file(root);
    for (const [key, entry] of this.folders) {
      const repoRoot = entry.repo?.info.root;
      const folderPath = entry.folder.uri.fsPath;
      // A folder inside the repository, or the repository itself.
      const matches =
        repoRoot !== undefined
          ? vscode.Uri.file(repoRoot).toString() === rootUri.toString()
          : folderPath.startsWith(root);
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
    const now = [...this.folders.values()].some((f) => f.indexing);
    if (now === this.indexingNow) return;
    this.indexingNow = now;
    this.indexingEmitter.fire(now);
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
