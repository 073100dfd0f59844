// The roadmap overview webview: one panel whose HTML is set once. The items arrive as a `data`
// message (again on every roadmap or work change, so the page keeps its search, filters, scroll
// and focus); the page searches, groups and draws only what is on screen with the bundled core
// (dist/overviewCore.js) and tells the extension its query, so exports hold what is shown.
// What the page shows is built by OverviewDataSource and encoded by OverviewPageFeed;
// OverviewPageDelivery decides when it goes; the exports live in OverviewExports.

import * as vscode from 'vscode';
import { Commands } from '../../commands/commandIds';
import type { OverviewEntry } from '../../core/overview/overviewEntries';
import {
  EMPTY_QUERY,
  queryFromUnknown,
  type OverviewGrouping,
  type OverviewQuery,
} from '../../core/overview/overviewQuery';
import type { Overview } from '../../core/render/roadmapOverview';
import type { FolderRoadmap, RoadmapModel } from '../model/roadmapModel';
import type { WorkModel } from '../../work/model/workModel';
import { OVERVIEW_TITLE, renderOverviewHtml } from './roadmapOverviewHtml';
import { webviewOptions, webviewResources } from '../card/webviewResources';
import { OverviewDataSource } from './overviewDataSource';
import { OverviewExports } from './overviewExports';
import { OverviewPageDelivery } from './overviewPageDelivery';
import { OverviewPageFeed } from './overviewPageFeed';
import { overviewPageState, type OverviewPageState } from './overviewPageState';

export type { OverviewPageState } from './overviewPageState';

export const OVERVIEW_VIEW_TYPE = 'roadmapLens.overview';

/** Roadmap and work changes come in bursts (indexing, typing): one `data` message per burst. */
const UPDATE_DELAY_MS = 150;

export class RoadmapOverviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private folderUri: vscode.Uri | undefined;
  private html = '';
  private queryValue: OverviewQuery = EMPTY_QUERY;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly source: OverviewDataSource;
  private readonly feed: OverviewPageFeed;
  private readonly delivery: OverviewPageDelivery;
  private readonly exports: OverviewExports;
  /** The page posts `ready` once its script runs (its first data may come with it: OverviewPageDelivery). */
  private pageReady = false;
  private readyWaiters: Array<() => void> = [];
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private pageStateValue: OverviewPageState | undefined;
  private readonly pageStateEmitter = new vscode.EventEmitter<OverviewPageState>();
  /** Fires each time the page reports what it drew. */
  readonly onDidRenderPage = this.pageStateEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    roadmaps: RoadmapModel,
    work: WorkModel | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly openItemCommand: string,
    private readonly showUnlinkedCommand: string,
  ) {
    this.source = new OverviewDataSource(roadmaps, work);
    this.feed = new OverviewPageFeed(this.source);
    this.delivery = new OverviewPageDelivery(
      this.feed,
      (message) => void this.panel?.webview.postMessage(message),
      () => (this.panel ? this.feed.messages(this.folderUri, this.queryValue) : []),
      (err) => this.log.error('Could not update the roadmap overview', err),
    );
    this.exports = new OverviewExports(
      () => this.overview(),
      () => this.source.folderShown(this.folderUri),
      (request) => {
        if (!this.panel?.visible) this.show();
        const panel = this.panel;
        if (!panel) return false;
        this.whenPageReady(() => void panel.webview.postMessage(request));
        return true;
      },
    );
    const changed = (): void => {
      this.feed.invalidate();
      this.scheduleUpdate();
    };
    this.subscriptions.push(roadmaps.onDidChange(changed));
    if (work) this.subscriptions.push(work.onDidChange(changed));
  }

  show(folderUri?: vscode.Uri): void {
    if (folderUri && folderUri.toString() !== this.folderUri?.toString()) {
      this.folderUri = folderUri;
      this.feed.invalidate();
      this.scheduleUpdate(0);
    }
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    // One panel, kept alive when hidden: switching back is instant and the PNG export can always
    // reach its page (a torn-down webview drops messages until it reloads).
    const panel = vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, OVERVIEW_TITLE, vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri, ['media', 'dist']),
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    this.panel = panel;
    const onMessage = panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidDispose(() => {
      onMessage.dispose();
      this.panel = undefined;
      this.html = '';
      this.delivery.pageClosed();
      this.pageReady = false;
      this.readyWaiters = [];
      this.pageStateValue = undefined;
      this.exports.pageClosed();
    });
    try {
      this.html = renderOverviewHtml(webviewResources(panel.webview, this.extensionUri, 'overview'));
      panel.webview.html = this.html;
      this.delivery.pageOpened();
    } catch (err) {
      this.log.error('Could not render the roadmap overview', err);
    }
  }

  /** The page's frame (set once per panel: updates are messages). */
  get lastHtml(): string {
    return this.html;
  }

  /** What the page last reported it drew; undefined before its first report. */
  get pageState(): OverviewPageState | undefined {
    return this.pageStateValue;
  }

  /** The search, filters and grouping the page shows (what the exports honour). */
  get query(): OverviewQuery {
    return this.queryValue;
  }

  /** Sets the page's search, filters and grouping as if typed (tests, and the grouping buttons' API). */
  setQuery(query: Partial<OverviewQuery>): void {
    this.queryValue = queryFromUnknown({ ...this.queryValue, ...query });
    const q = this.queryValue;
    this.whenPageReady(() => void this.panel?.webview.postMessage({ type: 'setQuery', query: q }));
  }

  setMode(groupBy: OverviewGrouping): void {
    this.setQuery({ groupBy });
  }

  /** One entry per item, with its roll-up and whether it is mine; what the page searches. */
  entries(): { readonly roadmap: FolderRoadmap; readonly entries: OverviewEntry[] } | undefined {
    return this.source.entries(this.folderUri);
  }

  /** The overview as shown (current query), for exports and tests. Undefined when no folder has a roadmap. */
  overview(): Overview | undefined {
    return this.source.overview(this.folderUri, this.queryValue);
  }

  exportMarkdown(): Promise<vscode.TextDocument | undefined> {
    return this.exports.markdown();
  }

  svg(): string | undefined {
    return this.exports.svg();
  }

  /** Saves the SVG (or PNG) where the user chooses; `target` skips the dialog (tests). */
  exportImage(format: 'svg' | 'png', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return this.exports.image(format, target);
  }

  dispose(): void {
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.panel?.dispose();
    this.pageStateEmitter.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private scheduleUpdate(delay = UPDATE_DELAY_MS): void {
    if (!this.panel) return;
    if (this.updateTimer !== undefined) {
      if (delay > 0) return;
      clearTimeout(this.updateTimer);
    }
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.whenPageReady(() => this.delivery.update());
    }, delay);
  }

  private whenPageReady(action: () => void): void {
    if (this.pageReady) action();
    else this.readyWaiters.push(action);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    try {
      switch (m['type']) {
        case 'ready': {
          this.pageReady = true;
          this.delivery.pageReady();
          const q = this.queryValue;
          void this.panel?.webview.postMessage({ type: 'setQuery', query: q });
          const waiters = this.readyWaiters;
          this.readyWaiters = [];
          for (const w of waiters) w();
          return;
        }
        case 'resend':
          this.delivery.resend();
          return;
        case 'synced':
          this.delivery.synced();
          return;
        case 'query':
          this.queryValue = queryFromUnknown(m['query']);
          return;
        case 'rendered':
          this.pageStateValue = overviewPageState(m);
          this.pageStateEmitter.fire(this.pageStateValue);
          return;
        case 'openItem': {
          const folder = this.source.roadmap(this.folderUri)?.folder;
          const id = m['id'];
          if (typeof id === 'string' && id !== '' && id.length <= 200 && folder) {
            await vscode.commands.executeCommand(this.openItemCommand, { id, folderUri: folder.uri.toString() });
          }
          return;
        }
        case 'exportMarkdown':
          await this.exports.markdown();
          return;
        case 'exportSvg':
          await this.exports.image('svg');
          return;
        case 'exportPng':
          await this.exports.image('png');
          return;
        case 'showUnlinked':
          await vscode.commands.executeCommand(this.showUnlinkedCommand);
          return;
        case 'png':
          this.exports.pageAnswered(m);
          return;
        default:
          return;
      }
    } catch (err) {
      this.log.error('Roadmap overview action failed', err);
      void vscode.window.showErrorMessage(`Roadmap overview: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export function registerRoadmapOverview(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel | undefined,
  log: vscode.LogOutputChannel,
): RoadmapOverviewPanel {
  const overview = new RoadmapOverviewPanel(
    context.extensionUri,
    roadmaps,
    work,
    log,
    Commands.openItemCard,
    Commands.showUnlinkedWork,
  );
  context.subscriptions.push(overview);
  return overview;
}
