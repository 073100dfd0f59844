// One folder's commit index over its life: loaded from storage, built cold in the background (with
// progress, stoppable), re-linked in slices after a roadmap edit, updated to each new HEAD, and
// saved. FolderWork decides when; this class owns the index and the build's state.

import type * as vscode from 'vscode';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import { BuildCancelledError } from '../../core/commitIndex/commitIndexBuilder';
import type { CommitLinker } from '../../core/linking/commitLinks';
import { runInSlices } from '../../core/util/timeSlices';
import { buildIndexForHead, updateIndexToHead } from '../../git/commitIndexService';
import { GitAbortedError } from '../../git/gitErrors';
import type { GitRepository } from '../../git/gitRepository';
import type { CommitIndexStore, RepoIndexLocation } from './commitIndexStore';
import { commitIndexFileName, RepoCache } from '../../fs/repoCache';
import type { IndexProgress } from './indexProgress';
import type { WorkSettings } from './workSettings';

export interface FolderIndexerHost {
  readonly folder: vscode.WorkspaceFolder;
  readonly store: CommitIndexStore;
  readonly log: vscode.LogOutputChannel;
  readonly progress: IndexProgress;
  /** The linker the folder links with now: a roadmap edit during a build re-links after it. */
  linker(): CommitLinker | undefined;
  /** A cold build started or ended (`indexing` changed). */
  indexingChanged(): void;
  /** The index changed: recompute what views show. */
  derive(): Promise<void>;
  /** Re-read the repository (HEAD moved while a build ran). */
  refresh(reason: string): void;
}

/** How often a cold build's commit count is shown in the status bar. */
const PROGRESS_INTERVAL_MS = 250;

/** The abort reason of a build the user stopped (as opposed to a rebuild, a close or a window cancel). */
const STOPPED_BY_USER = 'stopped by the user';

export class FolderIndexer {
  index: CommitIndex | undefined;
  /**
   * Where the index in use came from: read from the repository's cache (shared with the CLI),
   * built here, or none yet. The extension-host tests read it to see that a reopened folder
   * answers from the cache.
   */
  origin: 'none' | 'cache' | 'built' = 'none';
  /** The last attempt to read the stored index: what it found and where (for the tests' messages). */
  lastLoad = 'none yet';
  /** The repository last indexed: where its cache lives. */
  private repo: GitRepository | undefined;
  private build: { readonly controller: AbortController; done?: Promise<void> } | undefined;
  private builtCommits = 0;
  /**
   * Set when the user stopped a build: no full build starts again by itself (each refresh would
   * restart the 100k-commit build the user just stopped) until Rebuild Commit Index or a reload.
   */
  private stopped = false;
  /** A relink running in slices; index updates wait for it instead of relinking the same commits again. */
  private relinking: Promise<void> | undefined;
  /** A read of the stored index started by preload(), until update() takes it over. */
  private storedLoad: Promise<boolean> | undefined;

  constructor(private readonly host: FolderIndexerHost) {}

  private get name(): string {
    return this.host.folder.name;
  }

  /** A cold build of the commit index is running. */
  get indexing(): boolean {
    return this.build !== undefined;
  }

  /**
   * Stops a running cold build (the Stop Indexing command): nothing half-built is kept or saved,
   * and index work stays off for this folder until `reset()`. `indexing` is false at once;
   * resolves once the build has wound down (its git process ended), true when one was running.
   */
  async stop(): Promise<boolean> {
    const build = this.build;
    if (!build) return false;
    this.stopped = true;
    build.controller.abort(STOPPED_BY_USER);
    this.build = undefined;
    this.host.log.info(
      `${this.name}: commit indexing stopped by the user after ${this.builtCommits} commits; nothing was saved. Run "Roadmap Lens: Rebuild Commit Index" to index again.`,
    );
    this.host.indexingChanged();
    await build.done;
    return true;
  }

  /** Drops the index, any build and the persisted file (the Rebuild command re-reads afterwards). */
  async reset(): Promise<void> {
    this.build?.controller.abort();
    // The aborted build clears itself later; a new one must not wait for that.
    this.build = undefined;
    this.stopped = false;
    this.host.indexingChanged();
    this.index = undefined;
    this.origin = 'none';
    await this.host.store.delete(this.host.folder.uri, await this.cacheLocation());
  }

  /** Clear Cache: the repository's cache folder (every file in it, both places), then `reset()`. */
  async clearCache(): Promise<void> {
    const cache = this.repo ? await RepoCache.open(this.repo.info.commonDir) : undefined;
    await cache?.clear();
    await this.host.store.delete(this.host.folder.uri);
    this.host.log.info(`${this.name}: cache cleared (${cache?.candidates.join(', ') ?? 'no repository'})`);
    await this.reset();
  }

  /** The index file in the repository's cache: `.git/roadmap-lens/`, else the user-cache fallback. */
  private async cacheLocation(): Promise<RepoIndexLocation | undefined> {
    const repo = this.repo;
    if (!repo) return undefined;
    try {
      const cache = await RepoCache.open(repo.info.commonDir);
      return { dir: cache.dir, name: commitIndexFileName(repo.info.gitDir, repo.info.commonDir) };
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.build?.controller.abort();
  }

  /**
   * Re-links the index to `linker` in slices, into a new index that replaces the current one when
   * done (hovers keep reading the old one meanwhile). Most roadmap edits (a why, a title) change no
   * id, ref or branch: then the links stay valid and nothing runs.
   */
  async relink(linker: CommitLinker): Promise<void> {
    const index = this.index;
    if (!index || index.linkFingerprint === linker.fingerprint) return;
    const job = runInSlices(index.relinkedSteps(linker)).then((next) => {
      // A newer roadmap, an update or a rebuild changed the index meanwhile: theirs is newer.
      if (this.index === index && this.host.linker() === linker && index.head === next.head && index.size === next.size)
        this.index = next;
    });
    const done = job.finally(() => {
      if (this.relinking === done) this.relinking = undefined;
    });
    this.relinking = done;
    await done;
  }

  /**
   * Starts reading the stored index before update() (which waits for the repository's current
   * work): a lens needs only this and the blame store. Resolves true when an index was loaded.
   */
  preload(repo: GitRepository, linker: CommitLinker): Promise<boolean> {
    if (this.index || this.stopped) return Promise.resolve(false);
    this.repo = repo;
    this.storedLoad ??= this.loadStored(linker);
    return this.storedLoad;
  }

  /** Reads the stored index into `index`; true when it was there and sound. */
  private async loadStored(linker: CommitLinker): Promise<boolean> {
    const where = await this.cacheLocation();
    const loaded = await this.host.store.load(this.host.folder.uri, linker, where);
    this.lastLoad = `${loaded.kind}${loaded.kind === 'corrupt' ? ` (${loaded.reason})` : ''} from ${where ? `${where.dir}/${where.name}` : 'workspace storage'}`;
    if (loaded.kind === 'loaded') {
      // An index set meanwhile (by another read) stays: one index object, never swapped under readers.
      if (this.index) return false;
      this.index = loaded.index;
      this.origin = 'cache';
      const stale = loaded.index.linkFingerprint !== linker.fingerprint;
      this.host.log.info(
        `${this.name}: commit index loaded (${loaded.index.size} commits${loaded.relinked ? ', re-linked to the current roadmap' : stale ? '; the roadmap changed since it was saved: re-linking' : ''})`,
      );
      return true;
    }
    if (loaded.kind === 'corrupt')
      this.host.log.warn(`${this.name}: stored commit index unreadable (${loaded.reason}); rebuilding it`);
    return false;
  }

  /** Loads or updates the commit index; a cold build runs in the background with progress. */
  async update(repo: GitRepository, linker: CommitLinker, settings: WorkSettings): Promise<void> {
    if (this.stopped) {
      this.host.log.debug(`${this.name}: commit indexing is stopped; the index is left as it was`);
      return;
    }
    this.repo = repo;
    let loadedFromStore = false;
    if (this.storedLoad) {
      // preload() read it (or is reading it): wait for that read rather than read it twice.
      loadedFromStore = await this.storedLoad;
      this.storedLoad = undefined;
    } else if (!this.index) {
      loadedFromStore = await this.loadStored(linker);
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
    await this.relink(linker);
    if (!this.index) return;
    const { index, kind } = await updateIndexToHead(repo, this.index, linker, { maxCount: settings.maxCommits });
    this.index = index;
    if (kind !== 'unchanged' || relinked) {
      this.host.log.debug(
        `${this.name}: commit index ${kind === 'unchanged' ? 'relinked' : kind} (${index.size} commits)`,
      );
      await this.host.derive();
      await this.save();
    } else if (loadedFromStore) {
      // The folder derived before the stored index was loaded: without this, a warm start at an
      // unchanged HEAD (a re-added folder, a reload) lists no commits until the next git event.
      await this.host.derive();
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
      await this.host.progress.show(
        `Roadmap Lens: indexing commits of ${this.name}`,
        () => controller.abort(),
        async (report) => {
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
              report(`${p.commits} commits`);
            },
          });
          if (controller.signal.aborted) return;
          this.index = index;
          this.origin = 'built';
          this.host.log.info(`${this.name}: commit index built, ${index.size} commits in ${Date.now() - started} ms`);
          // The roadmap changed during the build: the index was linked with the linker it started with.
          const current = this.host.linker();
          if (current) await this.relink(current);
          await this.host.derive();
          await this.save();
        },
      );
    } catch (e) {
      const stopped = controller.signal.reason === STOPPED_BY_USER;
      if (e instanceof BuildCancelledError || e instanceof GitAbortedError || controller.signal.aborted) {
        if (!stopped) this.host.log.info(`${this.name}: commit indexing cancelled`);
      } else this.host.log.error(`${this.name}: commit indexing failed`, e);
    } finally {
      if (this.build?.controller === controller) this.build = undefined;
      this.host.indexingChanged();
    }
    // A checkout during the build: catch up incrementally now that an index exists.
    if (this.index && this.index.head !== (await repo.resolve('HEAD').catch(() => undefined)))
      this.host.refresh('HEAD moved during indexing');
  }

  private async save(): Promise<void> {
    if (!this.index) return;
    try {
      await this.host.store.save(this.host.folder.uri, this.index, await this.cacheLocation());
    } catch (e) {
      this.host.log.warn(`${this.name}: could not save the commit index`, e);
    }
  }
}
