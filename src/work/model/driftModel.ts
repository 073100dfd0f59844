// Drift per folder: where the roadmap and the code disagree (core/drift/driftFindings.ts decides
// what counts). Runs after the work model settles, in the background, one folder at a time. The
// git answers are kept by the commits they depend on (the base branch's tip, HEAD, a branch's tip),
// so a roadmap edit or a setting change recomputes from memory and runs no git at all.

import * as vscode from 'vscode';
import { driftFindings, lastCommitTimes, resolveClosing, type DriftFinding } from '../../core/drift/driftFindings';
import { idKey } from '../../core/roadmap/roadmapTypes';
import { combineFolderFindings } from '../../core/drift/sharedDrift';
import { CoalescingRun } from '../../core/util/coalescingRun';
import type { ClosingMessage } from '../../git/driftFacts';
import { GitAbortedError } from '../../git/gitErrors';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import type { WorkModel } from './workModel';
import { onDidChangeSettings, readSetting } from '../../settings/settings';

/** As the CLI: the newest commits of the base branch read for magic words. */
const MAX_BASE_COMMITS = 20_000;
/** Work events come in bursts (index update, derive, relink): settle first. */
const DEBOUNCE_MS = 500;
/** Unmerged-branch questions asked per run (one `git rev-list --count` each). */
const MAX_BRANCH_CHECKS = 200;

export interface FolderDrift {
  readonly base: string;
  readonly findings: readonly DriftFinding[];
}

interface FolderCache {
  closing?: { baseSha: string; messages: readonly ClosingMessage[] };
  dead?: { key: string; globs: ReadonlySet<string> };
  ahead: Map<string, number>;
}

export class DriftModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired when some folder's findings changed. */
  readonly onDidChange = this.emitter.event;

  private readonly results = new Map<string, FolderDrift>();
  private readonly caches = new Map<string, FolderCache>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** One run at a time; a request during a run makes one more run after it. */
  private readonly runs = new CoalescingRun(
    () => this.computeAll(),
    () => this.disposed,
  );
  private controller = new AbortController();
  private disposed = false;

  constructor(
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      work.onDidChange(() => this.schedule()),
      onDidChangeSettings(['drift.staleDays'], () => this.schedule()),
    );
  }

  /** The folder's drift, or undefined while git is off, the index is not built, or nothing ran yet. */
  forFolder(folderUri: vscode.Uri): FolderDrift | undefined {
    return this.results.get(folderUri.toString());
  }

  /** The findings about one item (the card's Drift section), with every folder sharing its roadmap. */
  findingsFor(folderUri: vscode.Uri, itemId: string): readonly DriftFinding[] {
    const key = idKey(itemId);
    return this.combined(folderUri).filter((f) => idKey(f.item.id) === key);
  }

  /**
   * Every folder's drift, in workspace order. Findings about a roadmap several folders use are
   * combined over them (core/drift/sharedDrift.ts): an item is stale only if no folder has fresh
   * commits for it, and a closing commit in any folder counts.
   */
  all(): { folder: vscode.WorkspaceFolder; drift: FolderDrift }[] {
    return this.roadmaps.folders().flatMap((folder) => {
      const drift = this.results.get(folder.uri.toString());
      return drift ? [{ folder, drift: { base: drift.base, findings: this.combined(folder.uri) } }] : [];
    });
  }

  /** The folder's findings, each roadmap file's combined with the other folders that use that file. */
  private combined(folderUri: vscode.Uri): DriftFinding[] {
    const own = this.results.get(folderUri.toString());
    const index = this.roadmaps.indexFor(folderUri);
    if (!own || !index) return [];
    // One folder with drift (the common case): its findings as they are.
    if (this.results.size <= 1) return [...own.findings];
    const out: DriftFinding[] = [];
    for (const { file } of index.files) {
      const inFile = (d: DriftFinding): boolean => d.item.location.file === file;
      const sharing = this.roadmaps.folders().flatMap((f) => {
        const drift = this.results.get(f.uri.toString());
        const uses = this.roadmaps.indexFor(f.uri)?.files.some((x) => x.file === file);
        return drift && uses ? [drift.findings.filter(inFile)] : [];
      });
      out.push(...(sharing.length > 1 ? combineFolderFindings(sharing) : own.findings.filter(inFile)));
    }
    return out;
  }

  /** Recomputes now (tests, and the Refresh command's callers); resolves when done. */
  async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.run();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort();
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, DEBOUNCE_MS);
  }

  private run(): Promise<void> {
    return this.runs.request();
  }

  private async computeAll(): Promise<void> {
    let changed = false;
    const live = new Set<string>();
    for (const folder of this.roadmaps.folders()) {
      const key = folder.uri.toString();
      live.add(key);
      let next: FolderDrift | undefined;
      const started = Date.now();
      try {
        next = await this.compute(folder);
        if (next)
          this.log.debug(
            `${folder.name}: ${next.findings.length} drift findings against ${next.base} (${Date.now() - started} ms)`,
          );
      } catch (e) {
        if (this.disposed || e instanceof GitAbortedError) return;
        this.log.warn(`${folder.name}: reading drift failed`, e);
        next = undefined;
      }
      if (this.disposed) return;
      const before = this.results.get(key);
      if (next === undefined) {
        if (before) changed = this.results.delete(key);
      } else if (!before || !sameFindings(before, next)) {
        this.results.set(key, next);
        changed = true;
      }
    }
    for (const key of [...this.results.keys()]) if (!live.has(key)) changed = this.results.delete(key) || changed;
    for (const key of [...this.caches.keys()]) if (!live.has(key)) this.caches.delete(key);
    if (changed) this.emitter.fire();
  }

  private async compute(folder: vscode.WorkspaceFolder): Promise<FolderDrift | undefined> {
    // No git in Restricted Mode: the work model has no repository then, and this asks it first.
    if (!vscode.workspace.isTrusted) return undefined;
    const repo = this.work.driftGit(folder.uri);
    const index = this.work.commitIndex(folder.uri);
    const base = this.work.baseBranch(folder.uri);
    const roadmap = this.roadmaps.indexFor(folder.uri);
    if (!repo || !index || !base || !roadmap) return undefined;
    const signal = this.controller.signal;
    const key = folder.uri.toString();
    const cache = this.caches.get(key) ?? { ahead: new Map<string, number>() };
    this.caches.set(key, cache);

    const baseSha = await repo.resolve(base, signal);
    if (baseSha === undefined) return undefined;
    if (cache.closing?.baseSha !== baseSha)
      cache.closing = { baseSha, messages: await repo.closingMessages(baseSha, MAX_BASE_COMMITS, signal) };
    const closing = resolveClosing(cache.closing.messages, (ref) => roadmap.get(ref));

    const lastCommit = lastCommitTimes(roadmap, index);

    // Only shipped items' tagged branches can drift this way: ask git about those alone.
    const unmergedBranches = new Map<string, { branch: string; ahead: number }[]>();
    let checks = 0;
    const ahead = new Map<string, number>();
    for (const item of roadmap.items) {
      if ((item.status ?? '').toLowerCase() !== 'shipped' || item.branches.length === 0) continue;
      for (const b of this.work.workFor(folder.uri, item.id).branches) {
        const tip = b.lastCommit?.sha;
        if (!b.tagged || b.remote || tip === undefined || checks >= MAX_BRANCH_CHECKS) continue;
        const pair = `${baseSha}..${tip}`;
        let n = cache.ahead.get(pair);
        if (n === undefined) {
          checks++;
          n = await repo.commitsAhead(baseSha, tip, signal);
        }
        ahead.set(pair, n);
        if (n > 0)
          unmergedBranches.set(idKey(item.id), [
            ...(unmergedBranches.get(idKey(item.id)) ?? []),
            { branch: b.name, ahead: n },
          ]);
      }
    }
    cache.ahead = ahead;

    const globs = [...new Set(roadmap.items.flatMap((i) => i.paths))].sort();
    const deadKey = `${index.head}\n${globs.join('\n')}`;
    if (cache.dead?.key !== deadKey) cache.dead = { key: deadKey, globs: await repo.deadPathGlobs(globs, signal) };

    const findings = driftFindings({
      items: roadmap.items,
      closing,
      lastCommit,
      unmergedBranches,
      deadGlobs: cache.dead.globs,
      base,
      now: Math.floor(Date.now() / 1000),
      staleDays: readSetting('drift.staleDays', folder),
    });
    return { base, findings };
  }
}

/** Same findings at the same places: nothing to redraw (most work events change no drift). */
function sameFindings(a: FolderDrift, b: FolderDrift): boolean {
  if (a.base !== b.base || a.findings.length !== b.findings.length) return false;
  return a.findings.every((f, i) => {
    const g = b.findings[i];
    return g !== undefined && f.kind === g.kind && f.message === g.message && f.item === g.item;
  });
}
