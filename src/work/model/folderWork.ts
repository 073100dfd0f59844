// One workspace folder's repository as the work model sees it: HEAD, the current item, branches,
// and the commit index (owned by a FolderIndexer). All git goes through the git layer; this class
// only decides when, and turns failures into states.

import * as vscode from 'vscode';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import { CommitLinker } from '../../core/linking/commitLinks';
import { decideCurrentWork, type CurrentWork, type HeadState } from '../../core/linking/currentWork';
import type { BranchRef } from '../../core/gitOutput/refListParser';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
import { runInSlices } from '../../core/util/timeSlices';
import { summarizeWorkSteps, type WorkSummary } from '../../core/commitIndex/workSummary';
import { showCommit } from '../../git/commitShow';
import { detectCurrentWork, headStateForError } from '../../git/currentWorkService';
import { GitAbortedError } from '../../git/gitErrors';
import { GitRepository } from '../../git/gitRepository';
import { GitRunner } from '../../git/gitRunner';
import type { CommitIndexStore } from './commitIndexStore';
import { EMPTY_SUMMARY, headInfo, offStatus } from './folderStatus';
import { GitFolderHistory } from './gitFolderHistory';
import { FolderIndexer } from './folderIndexer';
import type { IndexProgress } from './indexProgress';
import type { FolderDriftGit, FolderHistory } from './workHistory';
import { folderDriftGit } from './folderDriftGit';
import type { WorkStatus } from './workState';
import { CoalescingRun } from '../../core/util/coalescingRun';
import { readWorkSettings, type WorkSettings } from './workSettings';

export interface FolderWorkHost {
  readonly store: CommitIndexStore;
  readonly log: vscode.LogOutputChannel;
  readonly progress: IndexProgress;
  roadmap(folder: vscode.WorkspaceFolder): RoadmapIndex | undefined;
  /** Called after any state change; the model fires its event. */
  changed(): void;
  /** Opened a repository: start watching it. */
  opened(repo: GitRepository): void;
  /** A cold build started or ended (`indexing` changed). */
  indexingChanged(): void;
}

export class FolderWork implements vscode.Disposable {
  status: WorkStatus = { kind: 'loading' };
  summary: WorkSummary = EMPTY_SUMMARY;
  /** `user.email` ('' when unset), read when the repository is first opened. */
  private myEmail: string | undefined;
  current: CurrentWork | undefined;
  repo: GitRepository | undefined;
  baseBranch: string | undefined;
  branches: readonly BranchRef[] = [];
  /** Runs this folder's git (its cwd is the folder, which is also where `paths` globs start). */
  readonly git: GitRunner;

  private readonly indexer: FolderIndexer;
  private head: HeadState | undefined;
  private remotes: readonly string[] = [];
  private commitsSinceBase: readonly { sha: string; message: string }[] | undefined;
  private linker: CommitLinker | undefined;
  private linkerRoadmap: RoadmapIndex | undefined;
  /** What history() hands out, for the repository it was made for (it keeps the blame store open). */
  private historyOfRepo: GitFolderHistory | undefined;
  /** Calls during a refresh coalesce into one more run after it. */
  private readonly refreshes = new CoalescingRun(
    async () => {
      try {
        await this.readRepository();
      } catch (e) {
        this.fail(e);
      }
    },
    () => this.disposed,
  );
  private disposed = false;
  /** Bumped by every derive() and state reset: a summary computed in slices lands only if still the newest. */
  private generation = 0;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly host: FolderWorkHost,
  ) {
    this.git = new GitRunner({ cwd: folder.uri.fsPath, isTrusted: () => vscode.workspace.isTrusted });
    this.indexer = new FolderIndexer({
      folder,
      store: host.store,
      log: host.log,
      progress: host.progress,
      linker: () => this.linker,
      indexingChanged: () => host.indexingChanged(),
      derive: () => this.derive(),
      refresh: (reason) => void this.refresh(reason),
    });
  }

  get settings(): WorkSettings {
    return readWorkSettings(this.folder);
  }

  /** The commit index, undefined until loaded or built. */
  get index(): CommitIndex | undefined {
    return this.indexer.index;
  }

  /** A cold build of the commit index is running. */
  get indexing(): boolean {
    return this.indexer.indexing;
  }

  /** What line attribution reads: undefined while git is off or the repository has no work tree. */
  history(): FolderHistory | undefined {
    const repo = this.repo;
    if (!repo || repo.info.root === undefined) return undefined;
    if (this.historyOfRepo?.repo !== repo)
      this.historyOfRepo = new GitFolderHistory(repo, repo.info.root, this.git, this.host.log, () => this.index);
    return this.historyOfRepo;
  }

  /** What drift asks git: undefined while git is off (untrusted, no repository). */
  driftGit(): FolderDriftGit | undefined {
    const repo = this.repo;
    return repo ? folderDriftGit(this.git, repo) : undefined;
  }

  /** Stops a running cold build (see FolderIndexer.stop); true when one was running. */
  stopIndexing(): Promise<boolean> {
    return this.indexer.stop();
  }

  /** Re-reads the repository. Calls during a refresh coalesce into one more run after it. */
  refresh(reason = 'request'): Promise<void> {
    this.host.log.debug(`${this.folder.name}: refresh (${reason})${this.refreshes.busy ? ' queued' : ''}`);
    return this.refreshes.request();
  }

  /** The roadmap changed: re-link branches, commits and the current item without running git. */
  async relink(): Promise<void> {
    const roadmap = this.host.roadmap(this.folder);
    if (!roadmap || !this.head || this.status.kind === 'off') return;
    const linker = this.linkerFor(roadmap, this.settings.trailerKeys);
    this.linker = linker;
    this.current = decideCurrentWork(
      {
        head: this.head,
        remotes: this.remotes,
        ...(this.commitsSinceBase ? { commitsSinceBase: this.commitsSinceBase } : {}),
      },
      linker,
    );
    await this.indexer.relink(linker);
    await this.derive();
  }

  /**
   * The linker for this roadmap and these trailer keys: the current one when neither changed
   * (building one for a 10k-item roadmap costs tens of ms, and every git event refreshes).
   */
  private linkerFor(roadmap: RoadmapIndex, trailerKeys: readonly string[]): CommitLinker {
    const current = this.linker;
    if (current && this.linkerRoadmap === roadmap && current.trailerKeys.join('\n') === trailerKeys.join('\n'))
      return current;
    this.linkerRoadmap = roadmap;
    return new CommitLinker(roadmap, { trailerKeys });
  }

  /** Drops the persisted index and builds it again (the Rebuild command). */
  async rebuildIndex(): Promise<void> {
    await this.indexer.reset();
    await this.refresh();
  }
  /** Clear Cache: this repository's cache folder removed, then the index rebuilt. */
  async clearCache(): Promise<void> {
    // A refresh in flight may be loading the very file being removed: let it land first.
    await this.refreshes.current;
    await this.indexer.clearCache();
    await this.refresh();
  }

  /** Where the index came from, and the last read of the stored one (see FolderIndexer). */
  get indexOrigin(): 'none' | 'cache' | 'built' {
    return this.indexer.origin;
  }

  get lastLoad(): string {
    return this.indexer.lastLoad;
  }

  async showCommit(sha: string, signal?: AbortSignal): Promise<string> {
    if (!this.repo) return 'Roadmap Lens: this folder has no git repository (or git is off).';
    return showCommit(this.git, sha, signal);
  }

  dispose(): void {
    this.disposed = true;
    this.indexer.dispose();
  }

  private offState(head: HeadState): boolean {
    const off = offStatus(head);
    if (!off) return false;
    this.status = off;
    this.repo = undefined;
    this.generation++;
    this.summary = EMPTY_SUMMARY;
    this.current = undefined;
    this.host.changed();
    return true;
  }

  private async readRepository(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.offState({ kind: 'untrusted' });
      return;
    }
    const roadmap = this.host.roadmap(this.folder);
    const settings = this.settings;
    const linker = roadmap ? this.linkerFor(roadmap, settings.trailerKeys) : undefined;
    if (!linker) return;
    const started = Date.now();
    this.linker = linker;
    if (!this.repo) await this.openForHistory(linker);
    const result = await detectCurrentWork(this.git, linker, {
      ...(settings.baseBranch ? { baseBranch: settings.baseBranch } : {}),
      ...(this.repo ? { repo: this.repo } : {}),
    });
    if (this.offState(result.head) || !result.repo) return;
    const repo = result.repo;
    if (!this.repo) this.host.opened(repo);
    this.repo = repo;
    this.head = result.head;
    this.current = result.work;
    this.commitsSinceBase = result.commitsSinceBase;
    this.remotes = result.remotes ?? (await repo.remotes());
    try {
      this.baseBranch = result.base ?? (await repo.baseBranch(settings.baseBranch));
    } catch (e) {
      headStateForError(e);
      this.baseBranch = undefined;
    }
    this.branches = await repo.branches();
    // Whose commits are "mine"; read once per open (a changed user.email shows after a reload).
    if (this.myEmail === undefined) this.myEmail = (await repo.userEmail().catch(() => undefined)) ?? '';
    this.host.log.debug(
      `${this.folder.name}: read HEAD (${result.head.kind}), ${this.branches.length} branches in ${Date.now() - started} ms`,
    );
    const info = headInfo(result.head);
    this.status = info ? { kind: 'ready', head: info, current: undefined } : { kind: 'loading' };
    await this.derive();
    await this.indexer.update(repo, linker, settings);
  }

  /**
   * Opens the repository and starts reading its stored commit index before the current work is
   * worked out (several git processes): that is all a lens needs with the blame store (issue #13,
   * the first lens after a restart). history() answers from here on; a failure is left to
   * detectCurrentWork, which opens the repository again and says why.
   */
  private async openForHistory(linker: CommitLinker): Promise<void> {
    const repo = await GitRepository.open(this.git).catch(() => undefined);
    if (!repo || this.disposed || this.repo) return;
    this.repo = repo;
    this.host.opened(repo);
    this.host.changed();
    void this.indexer.preload(repo, linker).then((loaded) => {
      if (loaded && !this.disposed) this.host.changed();
    });
  }

  /**
   * Recomputes what views show from the current roadmap, branches and index, in slices (a 10k-item
   * roadmap over a big index takes longer than the editor may stall). A newer call wins.
   */
  private async derive(): Promise<void> {
    const roadmap = this.host.roadmap(this.folder);
    if (!roadmap || !this.linker || this.status.kind === 'off') return;
    const generation = ++this.generation;
    const summary = await runInSlices(
      summarizeWorkSteps({
        branches: this.branches,
        linker: this.linker,
        index: this.index,
        itemIds: roadmap.items.map((i) => i.id),
        roadmap,
        recentCommits: this.settings.recentCommits,
        ...(this.baseBranch ? { baseBranch: this.baseBranch } : {}),
        ...(this.myEmail ? { myEmail: this.myEmail } : {}),
      }),
    );
    // A newer derive, or a switch to off (which bumps the generation too), happened meanwhile.
    if (generation !== this.generation || this.disposed) return;
    this.summary = summary;
    if (this.status.kind === 'ready') {
      const item = this.current?.kind === 'item' ? roadmap.get(this.current.itemId) : undefined;
      const via = this.current?.kind === 'item' ? this.current.reason : undefined;
      this.status = { kind: 'ready', head: this.status.head, current: item && via ? { item, via } : undefined };
    }
    this.host.changed();
  }

  private fail(e: unknown): void {
    if (e instanceof GitAbortedError || this.disposed) return;
    let head: HeadState | undefined;
    try {
      head = headStateForError(e);
    } catch {
      head = undefined;
    }
    if (head && this.offState(head)) return;
    const message = e instanceof Error ? e.message : String(e);
    this.host.log.error(`${this.folder.name}: reading the repository failed`, e);
    this.generation++;
    this.status = { kind: 'off', reason: 'error', message: `Roadmap Lens could not read this repository: ${message}` };
    this.host.changed();
  }
}
