// The roadmap overview webview: one panel whose HTML is set once. The items arrive as a `data`
// message (again on every roadmap or work change, so the page keeps its search, filters, scroll
// and focus); the page searches, groups and draws only what is on screen with the bundled core
// (dist/overviewCore.js) and tells the extension its query, so exports hold what is shown.
// Exports go through the extension (Markdown to an untitled document, SVG and PNG through a save
// dialog); the page only asks.

import * as vscode from 'vscode';
import { Commands } from '../../commands/commandIds';
import type { CommandHandlers } from '../../commands/commandRegistry';
import { buildOverviewEntries, type OverviewEntry } from '../../core/overview/overviewEntries';
import { overviewForExport } from '../../core/overview/overviewExport';
import {
  EMPTY_QUERY,
  overviewFacets,
  queryFromUnknown,
  type OverviewGrouping,
  type OverviewQuery,
} from '../../core/overview/overviewQuery';
import { DARK_THEME, LIGHT_THEME, renderOverviewSvg } from '../../core/render/overviewSvg';
import { renderOverviewMarkdown, type Overview } from '../../core/render/roadmapOverview';
import type { FolderRoadmap, RoadmapModel } from '../model/roadmapModel';
import type { WorkModel } from '../../work/model/workModel';
import { OVERVIEW_TITLE, renderOverviewHtml } from './roadmapOverviewHtml';
import { webviewOptions, webviewResources } from '../card/webviewResources';

export const OVERVIEW_VIEW_TYPE = 'roadmapLens.overview';

/** PNGs larger than this are refused: the page could send anything back. */
const MAX_PNG_BYTES = 50 * 1024 * 1024;
/** A page that never answers (closed, crashed) must not leave an export waiting forever. */
const PNG_TIMEOUT_MS = 90_000;
/** Roadmap and work changes come in bursts (indexing, typing): one `data` message per burst. */
const UPDATE_DELAY_MS = 150;
/** The page reports the ids of the cards in its DOM; more than this would be a page gone wrong. */
const MAX_REPORTED_IDS = 2000;

/** What the page last said it drew: the real DOM, for tests and the bench. */
export interface OverviewPageState {
  readonly seq: number;
  readonly matched: number;
  readonly total: number;
  readonly groups: number;
  /** Ids of the cards in the page's DOM right now. */
  readonly cardIds: readonly string[];
  /** Titles of the group headers in the page's DOM right now. */
  readonly headers: readonly string[];
  readonly query: OverviewQuery;
  /** Milliseconds the page spent on its last update (search, filter or data), by its own clock. */
  readonly renderMs: number;
}

export class RoadmapOverviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private folderUri: vscode.Uri | undefined;
  private html = '';
  private queryValue: OverviewQuery = EMPTY_QUERY;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pendingPng = new Map<number, (result: { dataUrl?: string; error?: string }) => void>();
  private nextRequest = 1;
  /** The page posts `ready` once its script runs; messages sent before that are lost. */
  private pageReady = false;
  private readyWaiters: Array<() => void> = [];
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private lastData = '';
  private seq = 0;
  private pageStateValue: OverviewPageState | undefined;
  private readonly pageStateEmitter = new vscode.EventEmitter<OverviewPageState>();
  /** Fires each time the page reports what it drew. */
  readonly onDidRenderPage = this.pageStateEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly openItemCommand: string,
    private readonly showUnlinkedCommand: string,
  ) {
    this.subscriptions.push(roadmaps.onDidChange(() => this.scheduleUpdate()));
    if (work) this.subscriptions.push(work.onDidChange(() => this.scheduleUpdate()));
  }

  show(folderUri?: vscode.Uri): void {
    if (folderUri && folderUri.toString() !== this.folderUri?.toString()) {
      this.folderUri = folderUri;
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
      this.lastData = '';
      this.pageReady = false;
      this.readyWaiters = [];
      this.pageStateValue = undefined;
      for (const resolve of this.pendingPng.values()) resolve({ error: 'the overview was closed' });
      this.pendingPng.clear();
    });
    try {
      this.html = renderOverviewHtml(webviewResources(panel.webview, this.extensionUri, 'overview'));
      panel.webview.html = this.html;
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
    const roadmap = this.roadmap();
    if (!roadmap) return undefined;
    const { folder, index } = roadmap;
    const work = this.work;
    const ready = work !== undefined && work.status(folder.uri)?.kind === 'ready';
    const entries = buildOverviewEntries(index, {
      work: (item) => {
        if (!ready) return { branches: 0, commits: 0 };
        const r = work.rollupFor(folder.uri, item.id);
        if (r) return { branches: r.branches, commits: r.commits };
        const w = work.workFor(folder.uri, item.id);
        return { branches: w.branches.length, commits: w.commits.length };
      },
      isMine: (item) => ready && work.isMine(folder.uri, item),
    });
    return { roadmap, entries };
  }

  /** The overview as shown (current query), for exports and tests. Undefined when no folder has a roadmap. */
  overview(): Overview | undefined {
    const built = this.entries();
    if (!built) return undefined;
    const { roadmap, entries } = built;
    const ready = this.work?.status(roadmap.folder.uri)?.kind === 'ready';
    const unlinked = ready ? this.work?.unlinked(roadmap.folder.uri) : undefined;
    return overviewForExport({
      entries,
      query: this.queryValue,
      item: (id) => roadmap.index.get(id),
      product: roadmap.index.product,
      unlinked: unlinked ? { branches: unlinked.branches.length, commits: unlinked.commits.length } : undefined,
    });
  }

  async exportMarkdown(): Promise<vscode.TextDocument | undefined> {
    const overview = this.overview();
    if (!overview) return undefined;
    const content = renderOverviewMarkdown(overview, new Date().toISOString().slice(0, 10));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  svg(): string | undefined {
    const overview = this.overview();
    if (!overview) return undefined;
    const dark =
      vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark ||
      vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrast;
    return renderOverviewSvg(overview, dark ? DARK_THEME : LIGHT_THEME);
  }

  /** Saves the SVG (or PNG) where the user chooses; `target` skips the dialog (tests). */
  async exportImage(format: 'svg' | 'png', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const svg = this.svg();
    if (!svg) return undefined;
    let bytes: Uint8Array;
    if (format === 'svg') {
      bytes = new TextEncoder().encode(svg);
    } else {
      const png = await this.rasterize(svg);
      if (png === undefined) return undefined;
      bytes = png;
    }
    const defaultUri = this.defaultExportUri(format);
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: `Export Roadmap Overview as ${format.toUpperCase()}`,
        ...(defaultUri ? { defaultUri } : {}),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, bytes);
    if (!target)
      void vscode.window.showInformationMessage(`Roadmap overview saved to ${uri.fsPath || uri.toString()}.`);
    return uri;
  }

  dispose(): void {
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.panel?.dispose();
    this.pageStateEmitter.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private roadmap(): FolderRoadmap | undefined {
    const all = this.roadmaps.roadmaps();
    const chosen = this.folderUri ? all.find((r) => r.folder.uri.toString() === this.folderUri?.toString()) : undefined;
    if (chosen) return chosen;
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active ? this.roadmaps.roadmapForDocument(active) : undefined) ?? all[0];
  }

  private defaultExportUri(ext: string): vscode.Uri | undefined {
    const folder = this.roadmap()?.folder.uri;
    return folder ? vscode.Uri.joinPath(folder, `roadmap-overview.${ext}`) : undefined;
  }

  private scheduleUpdate(delay = UPDATE_DELAY_MS): void {
    if (!this.panel) return;
    if (this.updateTimer !== undefined) {
      if (delay > 0) return;
      clearTimeout(this.updateTimer);
    }
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.whenPageReady(() => this.postData());
    }, delay);
  }

  /** Posts the entries when they differ from what the page has (work events often change nothing it shows). */
  private postData(): void {
    const panel = this.panel;
    if (!panel) return;
    try {
      const built = this.entries();
      const folder = built?.roadmap.folder.uri;
      const ready = folder !== undefined && this.work?.status(folder)?.kind === 'ready';
      const coverage = ready ? this.work?.coverage(folder) : undefined;
      const unlinked = ready ? this.work?.unlinked(folder) : undefined;
      const entries = built?.entries ?? [];
      const data = {
        product: built?.roadmap.index.product ?? null,
        entries,
        facets: overviewFacets(entries),
        git: ready,
        coverage: coverage ?? null,
        unlinkedBranches: unlinked ? unlinked.branches.length : null,
      };
      const json = JSON.stringify(data);
      if (json === this.lastData) return;
      this.lastData = json;
      void panel.webview.postMessage({ type: 'data', seq: ++this.seq, ...data });
    } catch (err) {
      this.log.error('Could not update the roadmap overview', err);
    }
  }

  /** Asks the page to draw the SVG on a canvas; the browser engine is the only rasteriser we have. */
  private async rasterize(svg: string): Promise<Uint8Array | undefined> {
    if (!this.panel?.visible) this.show();
    const panel = this.panel;
    if (!panel) return undefined;
    const requestId = this.nextRequest++;
    const result = await new Promise<{ dataUrl?: string; error?: string }>((resolve) => {
      const timer = setTimeout(() => {
        this.pendingPng.delete(requestId);
        resolve({ error: 'the overview page did not answer' });
      }, PNG_TIMEOUT_MS);
      this.pendingPng.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.whenPageReady(() => void panel.webview.postMessage({ type: 'rasterize', requestId, svg, scale: 2 }));
    });
    const prefix = 'data:image/png;base64,';
    if (result.dataUrl === undefined || !result.dataUrl.startsWith(prefix)) {
      void vscode.window.showErrorMessage(
        `Could not export a PNG: ${result.error ?? 'no image came back'}. Export as SVG instead.`,
      );
      return undefined;
    }
    const bytes = Buffer.from(result.dataUrl.slice(prefix.length), 'base64');
    return bytes.length > 0 && bytes.length <= MAX_PNG_BYTES ? new Uint8Array(bytes) : undefined;
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
          // A reloaded page has nothing: send everything again, then its query.
          this.lastData = '';
          this.postData();
          const q = this.queryValue;
          void this.panel?.webview.postMessage({ type: 'setQuery', query: q });
          const waiters = this.readyWaiters;
          this.readyWaiters = [];
          for (const w of waiters) w();
          return;
        }
        case 'query':
          this.queryValue = queryFromUnknown(m['query']);
          return;
        case 'rendered': {
          const strings = (x: unknown): string[] =>
            Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string').slice(0, MAX_REPORTED_IDS) : [];
          const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
          this.pageStateValue = {
            seq: num(m['seq']),
            matched: num(m['matched']),
            total: num(m['total']),
            groups: num(m['groups']),
            cardIds: strings(m['cardIds']),
            headers: strings(m['headers']),
            query: queryFromUnknown(m['query']),
            renderMs: num(m['renderMs']),
          };
          this.pageStateEmitter.fire(this.pageStateValue);
          return;
        }
        case 'openItem': {
          const folder = this.roadmap()?.folder;
          const id = m['id'];
          if (typeof id === 'string' && id !== '' && id.length <= 200 && folder) {
            await vscode.commands.executeCommand(this.openItemCommand, { id, folderUri: folder.uri.toString() });
          }
          return;
        }
        case 'exportMarkdown':
          await this.exportMarkdown();
          return;
        case 'exportSvg':
          await this.exportImage('svg');
          return;
        case 'exportPng':
          await this.exportImage('png');
          return;
        case 'showUnlinked':
          await vscode.commands.executeCommand(this.showUnlinkedCommand);
          return;
        case 'png': {
          const requestId = m['requestId'];
          const resolve = typeof requestId === 'number' ? this.pendingPng.get(requestId) : undefined;
          if (!resolve || typeof requestId !== 'number') return;
          this.pendingPng.delete(requestId);
          const dataUrl = m['dataUrl'];
          const error = m['error'];
          resolve({
            ...(typeof dataUrl === 'string' ? { dataUrl } : {}),
            ...(typeof error === 'string' ? { error: error.slice(0, 500) } : {}),
          });
          return;
        }
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

/** `openOverview` (argument: the folder to show first, optional). */
export function overviewCommand(
  roadmaps: RoadmapModel,
  overview: RoadmapOverviewPanel,
): CommandHandlers<'openOverview'> {
  return {
    openOverview: (folderUri?: unknown) => {
      if (roadmaps.roadmaps().length === 0) {
        void vscode.window.showInformationMessage(
          'No roadmap found in this workspace. Create a starter roadmap first.',
        );
        return false;
      }
      overview.show(folderUri instanceof vscode.Uri ? folderUri : undefined);
      return true;
    },
  };
}
