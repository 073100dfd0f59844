// One workspace folder's repository as the work model sees it: HEAD, the current item, branches,
// and the commit index (loaded from storage or built in the background). All git goes through the
// git layer; this class only decides when, and turns failures into states.

import * as vscode from 'vscode';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import { BuildCancelledError } from '../../core/commitIndex/commitIndexBuilder';
import { CommitLinker } from '../../core/linking/commitLinks';
import { decideCurrentWork, type CurrentWork, type HeadState } from '../../core/linking/currentWork';
import type { BranchRef } from '../../core/gitOutput/refListParser';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
import { runInSlices } from '../../core/util/timeSlices';
import { summarizeWorkSteps, type WorkSummary } from '../../core/commitIndex/workSummary';
import { showCommit } from '../../git/commitShow';
import { buildIndexForHead, updateIndexToHead } from '../../git/commitIndexService';
import { detectCurrentWork, headStateForError } from '../../git/currentWorkService';
import { GitAbortedError } from '../../git/gitErrors';
import { GitRepository } from '../../git/gitRepository';
import { GitRunner } from '../../git/gitRunner';
import type { CommitIndexStore } from './commitIndexStore';
import type { HeadInfo, WorkStatus } from './workState';
import { readWorkSettings, type WorkSettings } from './workSettings';

export interface FolderWorkHost {
  readonly store: CommitIndexStore;
  readonly log: vscode.LogOutputChannel;
  roadmap(folder: vscode.WorkspaceFolder): RoadmapIndex | undefined;
  /** Called after any state change; the model fires its event. */
  changed(): void;
  /** Opened a repository: start watching it. */
  opened(repo: GitRepository): void;
  /** A cold build started or ended (`indexing` changed). */
  indexingChanged(): void;
}

/** How often a cold build's commit count is shown in the status bar. */
const PROGRESS_INTERVAL_MS = 250;

/** The abort reason of a build the user stopped (as opposed to a rebuild, a close or a window cancel). */
const STOPPED_BY_USER = 'stopped by the user';

const EMPTY_SUMMARY: WorkSummary = {
  byItem: new Map(),
  unlinkedBranches: [],
  unlinkedCommits: [],
  rollup: new Map(),
  coverage: undefined,
  mine: new Set(),
};

function headInfo(head: HeadState): HeadInfo | undefined {
  switch (head.kind) {
    case 'branch':
      return {
        kind: 'branch',
        branch: head.branch,
        shortCommit: head.sha.slice(0, 7),
        ...(head.operation ? { operation: head.operation } : {}),
      };
    case 'detached':
      return {
        kind: 'detached',
        shortCommit: head.sha.slice(0, 7),
        ...(head.branch ? { branch: head.branch } : {}),
        ...(head.operation ? { operation: head.operation } : {}),
      };
    case 'unborn':
      return { kind: 'unborn', branch: head.branch };
    default:
      return undefined;
  }
}

const OFF_TEXT = {
  untrusted:
    'Roadmap Lens runs no git in Restricted Mode. Trust this workspace to link branches and commits to the roadmap.',
  'git-missing': 'git was not found on PATH. Install git to link branches and commits to the roadmap.',
  'not-a-repo': 'This folder is not a git repository: branches and commits cannot be linked.',
} as const;

export class FolderWork implements vscode.Disposable {
  status: WorkStatus = { kind: 'loading' };
  summary: WorkSummary = EMPTY_SUMMARY;
  /** `user.email` ('' when unset), read when the repository is first opened. */
  private myEmail: string | undefined;
  current: CurrentWork | undefined;
  repo: GitRepository | undefined;
  baseBranch: string | undefined;
  branches: readonly BranchRef[] = [];
  index: CommitIndex | undefined;

  private readonly runner: GitRunner;
  private head: HeadState | undefined;
  private remotes: readonly string[] = [];
  private commitsSinceBase: readonly { sha: string; message: string }[] | undefined;
  private linker: CommitLinker | undefined;
  private linkerRoadmap: RoadmapIndex | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private build: { readonly controller: AbortController; done?: Promise<void> } | undefined;
  private builtCommits = 0;
  /**
   * Set when the user stopped a build: no full build starts again by itself (each refresh would
   * restart the 100k-commit build the user just stopped) until Rebuild Commit Index or a reload.
   */
  private stopped = false;
  private disposed = false;
  /** Bumped by every derive() and state reset: a summary computed in slices lands only if still the newest. */
  private generation = 0;
  /** A relink running in slices; index updates wait for it instead of relinking the same commits again. */
  private relinking: Promise<void> | undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly host: FolderWorkHost,
  ) {
    this.runner = new GitRunner({ cwd: folder.uri.fsPath, isTrusted: () => vscode.workspace.isTrusted });
  }

  get settings(): WorkSettings {
    return readWorkSettings(this.folder);
  }

  /** A cold build of the commit index is running. */
  get indexing(): boolean {
    return this.build !== undefined;
  }

  /**
   * Stops a running cold build (the Stop Indexing command): nothing half-built is kept or saved,
   * and index work stays off for this folder until `rebuildIndex()`. `indexing` is false at once;
   * resolves once the build has wound down (its git process ended), true when one was running.
   */
  async stopIndexing(): Promise<boolean> {
    const build = this.build;
    if (!build) return false;
    this.stopped = true;
    build.controller.abort(STOPPED_BY_USER);
    this.build = undefined;
    this.host.log.info(
      `${this.folder.name}: commit indexing stopped by the user after ${this.builtCommits} commits; nothing was saved. Run "Roadmap Lens: Rebuild Commit Index" to index again.`,
    );
    this.host.indexingChanged();
    await build.done;
    return true;
  }

  /** Re-reads the repository. Calls during a refresh coalesce into one more run after it. */
  refresh(reason = 'request'): Promise<void> {
    this.host.log.debug(`${this.folder.name}: refresh (${reason})${this.running ? ' queued' : ''}`);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.readRepository();
        } catch (e) {
          this.fail(e);
        }
      } while (this.again && !this.disposed);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
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
    await this.relinkIndex(linker);
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

  /**
   * Re-links the index to `linker` in slices, into a new index that replaces the current one when
   * done (hovers keep reading the old one meanwhile). Most roadmap edits (a why, a title) change no
   * id, ref or branch: then the links stay valid and nothing runs.
   */
  private async relinkIndex(linker: CommitLinker): Promise<void> {
    const index = this.index;
    if (!index || index.linkFingerprint === linker.fingerprint) return;
    const job = runInSlices(index.relinkedSteps(linker)).then((next) => {
      // A newer roadmap, an update or a rebuild changed the index meanwhile: theirs is newer.
      if (this.index === index && this.linker === linker && index.head === next.head && index.size === next.size)
        this.index = next;
    });
    const done = job.finally(() => {
      if (this.relinking === done) this.relinking = undefined;
    });
    this.relinking = done;
    await done;
  }

  /** Drops the persisted index and builds it again (the Rebuild command). */
  async rebuildIndex(): Promise<void> {
    this.build?.controller.abort();
    // The aborted build clears itself later; a new one must not wait for that.
    this.build = undefined;
    this.stopped = false;
    this.host.indexingChanged();
    this.index = undefined;
    await this.host.store.delete(this.folder.uri);
    await this.refresh();
  }

  async showCommit(sha: string, signal?: AbortSignal): Promise<string> {
    if (!this.repo) return 'Roadmap Lens: this folder has no git repository (or git is off).';
    return showCommit(this.repo, sha, signal);
  }

  dispose(): void {
    this.disposed = true;
    this.build?.controller.abort();
  }

  private offState(head: HeadState): boolean {
    if (head.kind !== 'untrusted' && head.kind !== 'git-missing' && head.kind !== 'not-a-repo') return false;
    const reason = head.kind === 'untrusted' ? 'untrusted' : head.kind === 'git-missing' ? 'no-git' : 'not-repo';
    this.status = { kind: 'off', reason, message: OFF_TEXT[head.kind] };
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
    const result = await detectCurrentWork(this.runner, linker, {
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
    await this.updateIndex(repo, linker, settings);
  }

  /** Loads or updates the commit index; a cold build runs in the background with progress. */
  private async updateIndex(repo: GitRepository, linker: CommitLinker, settings: WorkSettings): Promise<void> {
    if (this.stopped) {
      this.host.log.debug(`${this.folder.name}: commit indexing is stopped; the index is left as it was`);
      return;
    }
    let loadedFromStore = false;
    if (!this.index) {
      const loaded = await this.host.store.load(this.folder.uri, linker);
      if (loaded.kind === 'loaded') {
        this.index = loaded.index;
        loadedFromStore = true;
        const stale = loaded.index.linkFingerprint !== linker.fingerprint;
        this.host.log.info(
          `${this.folder.name}: commit index loaded (${loaded.index.size} commits${loaded.relinked ? ', re-linked to the current roadmap' : stale ? '; the roadmap changed since it was saved: re-linking' : ''})`,
        );
      } else if (loaded.kind === 'corrupt') {
        this.host.log.warn(`${this.folder.name}: stored commit index unreadable (${loaded.reason}); rebuilding it`);
      }
    }
    if (!this.index) {
      if (this.build) return;
      const build: { controller: AbortController; done?: Promise<void> } = { controller: new AbortController() };
      this.build = build;
      this.builtCommits = 0;
      this.host.indexingChanged();
      build.done = this.coldBuild(repo, linker, settings, build.controller);
      return;
    }
    // A relink (roadmap edit) in progress, or one this linker needs: in slices, not inside the update.
    await this.relinking;
    const relinked = this.index.linkFingerprint !== linker.fingerprint;
    await this.relinkIndex(linker);
    if (!this.index) return;
    const { index, kind } = await updateIndexToHead(repo, this.index, linker, { maxCount: settings.maxCommits });
    this.index = index;
    if (kind !== 'unchanged' || relinked) {
      this.host.log.debug(
        `${this.folder.name}: commit index ${kind === 'unchanged' ? 'relinked' : kind} (${index.size} commits)`,
      );
      await this.derive();
      await this.save();
    } else if (loadedFromStore) {
      // readRepository derived before the stored index was loaded: without this, a warm start at
      // an unchanged HEAD (a re-added folder, a reload) lists no commits until the next git event.
      await this.derive();
    }
  }

  private async coldBuild(
    repo: GitRepository,
    linker: CommitLinker,
    settings: WorkSettings,
    controller: AbortController,
  ): Promise<void> {
    const started = Date.now();
    try {
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Window,
          title: `Roadmap Lens: indexing commits of ${this.folder.name}`,
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          // Bounded by `history.maxCommits`: huge repositories index their recent history only.
          const index: CommitIndex = await buildIndexForHead(repo, linker, {
            signal: controller.signal,
            maxCount: settings.maxCommits,
            onProgress: (p) => {
              if (this.build?.controller === controller) this.builtCommits = p.commits;
              // Progress arrives every slice (~12 ms); each report is a message to the window, which redraws.
              if (Date.now() - reported < PROGRESS_INTERVAL_MS) return;
              reported = Date.now();
              progress.report({ message: `${p.commits} commits` });
            },
          });
          if (controller.signal.aborted) return;
          this.index = index;
          this.host.log.info(
            `${this.folder.name}: commit index built, ${index.size} commits in ${Date.now() - started} ms`,
          );
          // The roadmap changed during the build: the index was linked with the linker it started with.
          if (this.linker) await this.relinkIndex(this.linker);
          await this.derive();
          await this.save();
        },
      );
    } catch (e) {
      const stopped = controller.signal.reason === STOPPED_BY_USER;
      if (e instanceof BuildCancelledError || e instanceof GitAbortedError || controller.signal.aborted) {
        if (!stopped) this.host.log.info(`${this.folder.name}: commit indexing cancelled`);
      } else this.host.log.error(`${this.folder.name}: commit indexing failed`, e);
    } finally {
      if (this.build?.controller === controller) this.build = undefined;
      this.host.indexingChanged();
    }
    // A checkout during the build: catch up incrementally now that an index exists.
    if (this.index && this.index.head !== (await repo.resolve('HEAD').catch(() => undefined)))
      void this.refresh('HEAD moved during indexing');
  }

  private async save(): Promise<void> {
    if (!this.index) return;
    try {
      await this.host.store.save(this.folder.uri, this.index);
    } catch (e) {
      this.host.log.warn(`${this.folder.name}: could not save the commit index`, e);
    }
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
