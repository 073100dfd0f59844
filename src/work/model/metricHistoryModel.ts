// Each metric's `current` over the roadmap file's own git history, for the item card's sparkline.
// Read on demand (a card asks for an item with metrics), once per roadmap file and HEAD: one
// bounded `git log -p` (git/fileRevisions.ts), each revision parsed like the roadmap itself (on
// the parser's worker when large), then core/drift/metricHistory.ts makes the series. Revisions
// that are not valid YAML are skipped. Trusted workspaces only (the work model has no repository
// otherwise, and this asks it first).

import * as vscode from 'vscode';
import {
  metricHistory,
  revisionMetrics,
  type MetricSeries,
  type RevisionMetrics,
} from '../../core/drift/metricHistory';
import { idKey, type ParsedRoadmapFile, type RoadmapItem } from '../../core/roadmap/roadmapTypes';
import type { HeadInfo } from './workState';
import type { WorkModel } from './workModel';

/** Newest commits of the roadmap file read: a roadmap with thousands of commits reads these. */
export const MAX_REVISIONS = 40;
/** Output of the one `git log -p`: a large roadmap reads fewer revisions rather than more bytes. */
const MAX_BYTES = 16 * 1024 * 1024;
/** Roadmap files whose history is kept (a few cards' worth). */
const MAX_FILES = 16;

interface FileHistory {
  /** The HEAD it was read at: another HEAD reads again. */
  readonly head: string;
  readonly series: ReadonlyMap<string, MetricSeries[]>;
}

export type ParseRevision = (file: string, text: string) => Promise<ParsedRoadmapFile>;

export class MetricHistoryModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired when a file's history was read. */
  readonly onDidChange = this.emitter.event;

  private readonly histories = new Map<string, FileHistory>();
  private readonly loading = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly controller = new AbortController();
  private disposed = false;

  constructor(
    private readonly work: WorkModel,
    private readonly parse: ParseRevision,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * The item's metric series (by metric name), or undefined while they are being read, git is off,
   * or its roadmap file is not in the folder's repository. Asking starts the read when needed;
   * `onDidChange` fires when it is done.
   */
  seriesFor(folderUri: vscode.Uri, item: RoadmapItem): readonly MetricSeries[] | undefined {
    if (this.disposed || !vscode.workspace.isTrusted || item.metrics.length === 0) return undefined;
    const status = this.work.status(folderUri);
    if (status.kind !== 'ready') return undefined;
    const file = vscode.Uri.parse(item.location.file);
    if (file.scheme !== 'file') return undefined;
    const key = `${folderUri.toString()}\n${file.toString()}`;
    const head = headKey(status.head);
    const known = this.histories.get(key);
    if (known?.head !== head && !this.loading.has(`${key}\n${head}`)) this.load(folderUri, file, key, head);
    return known?.series.get(idKey(item.id));
  }

  dispose(): void {
    this.disposed = true;
    this.controller.abort();
    this.emitter.dispose();
  }

  /** One file at a time: a card opened on a 10,000-item roadmap must not start several logs. */
  private load(folderUri: vscode.Uri, file: vscode.Uri, key: string, head: string): void {
    const loadKey = `${key}\n${head}`;
    this.loading.add(loadKey);
    this.queue = this.queue
      .then(async () => {
        const series = await this.read(folderUri, file);
        if (this.disposed || series === undefined) return;
        this.histories.delete(key);
        this.histories.set(key, { head, series });
        for (const old of this.histories.keys()) {
          if (this.histories.size <= MAX_FILES) break;
          this.histories.delete(old);
        }
        this.emitter.fire();
      })
      .catch((e: unknown) => {
        if (this.disposed) return;
        this.log.warn(`Reading the metric history of ${file.fsPath} failed`, e);
        // Kept as "no history" for this HEAD: a failure is not retried on every re-render.
        this.histories.set(key, { head, series: new Map() });
      })
      .finally(() => this.loading.delete(loadKey));
  }

  private async read(folderUri: vscode.Uri, file: vscode.Uri): Promise<Map<string, MetricSeries[]> | undefined> {
    const git = this.work.driftGit(folderUri);
    if (!git) return undefined;
    const started = Date.now();
    const revisions = await git.fileRevisions(file.fsPath, {
      maxCount: MAX_REVISIONS,
      maxBytes: MAX_BYTES,
      signal: this.controller.signal,
    });
    const read: RevisionMetrics[] = [];
    let skipped = 0;
    let last: { text: string; parsed: ParsedRoadmapFile } | undefined;
    for (const rev of revisions) {
      if (this.disposed) return undefined;
      if (rev.text === undefined) continue;
      // Consecutive commits often leave the file as it was (a revert, a merge): parse once.
      const parsed = last?.text === rev.text ? last.parsed : await this.parse(file.toString(), rev.text);
      last = { text: rev.text, parsed };
      const metrics = revisionMetrics(rev.sha, rev.time, parsed);
      if (metrics) read.push(metrics);
      else skipped++;
      // Small files parse inline: let the extension host breathe between revisions.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.log.debug(
      `Metric history of ${file.fsPath}: ${revisions.length} revisions read, ${skipped} skipped as invalid (${Date.now() - started} ms)`,
    );
    return metricHistory(read);
  }
}

function headKey(head: HeadInfo): string {
  return `${head.kind}:${head.branch ?? ''}:${head.shortCommit ?? ''}`;
}
