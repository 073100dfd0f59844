// The roadmap overview webview: one panel, a timeline by target or a board by status, live on
// roadmap and work changes. Exports go through the extension (Markdown to an untitled document,
// SVG and PNG through a save dialog); the page only asks.

import * as vscode from 'vscode';
import { Commands } from '../../commands/commandIds';
import type { CommandHandlers } from '../../commands/commandRegistry';
import { DARK_THEME, LIGHT_THEME, renderOverviewSvg } from '../../core/render/overviewSvg';
import {
  buildOverview,
  renderOverviewMarkdown,
  type Overview,
  type OverviewMode,
} from '../../core/render/roadmapOverview';
import type { FolderRoadmap, RoadmapModel } from '../model/roadmapModel';
import type { WorkModel } from '../../work/model/workModel';
import { OVERVIEW_TITLE, renderOverviewHtml } from './roadmapOverviewHtml';
import { webviewOptions, webviewResources } from '../card/webviewResources';

export const OVERVIEW_VIEW_TYPE = 'roadmapLens.overview';

/** PNGs larger than this are refused: the page could send anything back. */
const MAX_PNG_BYTES = 50 * 1024 * 1024;
/** A page that never answers (closed, crashed) must not leave an export waiting forever. */
const PNG_TIMEOUT_MS = 90_000;

export class RoadmapOverviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private mode: OverviewMode = 'target';
  private folderUri: vscode.Uri | undefined;
  private lastKey = '';
  private html = '';
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pendingPng = new Map<number, (result: { dataUrl?: string; error?: string }) => void>();
  private nextRequest = 1;
  /** The page posts `ready` once its script runs; messages sent before that are lost. */
  private pageReady = false;
  private readyWaiters: Array<() => void> = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly openItemCommand: string,
    private readonly showUnlinkedCommand: string,
  ) {
    this.subscriptions.push(roadmaps.onDidChange(() => this.render()));
    if (work) this.subscriptions.push(work.onDidChange(() => this.render()));
  }

  show(folderUri?: vscode.Uri): void {
    if (folderUri) this.folderUri = folderUri;
    if (this.panel) {
      this.panel.reveal();
      this.render();
      return;
    }
    // One panel, kept alive when hidden: switching back is instant and the PNG export can always
    // reach its page (a torn-down webview drops messages until it reloads).
    const panel = vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, OVERVIEW_TITLE, vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    this.panel = panel;
    this.lastKey = '';
    const onMessage = panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidDispose(() => {
      onMessage.dispose();
      this.panel = undefined;
      this.html = '';
      this.pageReady = false;
      this.readyWaiters = [];
      for (const resolve of this.pendingPng.values()) resolve({ error: 'the overview was closed' });
      this.pendingPng.clear();
    });
    this.render();
  }

  get lastHtml(): string {
    return this.html;
  }

  setMode(mode: OverviewMode): void {
    this.mode = mode;
    this.render();
  }

  /** The overview as data, for exports and tests. Undefined when no folder has a roadmap. */
  overview(): Overview | undefined {
    const roadmap = this.roadmap();
    if (!roadmap) return undefined;
    const { folder, index } = roadmap;
    const status = this.work?.status(folder.uri);
    const ready = this.work !== undefined && status?.kind === 'ready';
    const unlinked = ready ? this.work?.unlinked(folder.uri) : undefined;
    return buildOverview({
      items: index.items,
      mode: this.mode,
      product: index.product,
      workCount: (item) => {
        if (!ready) return { branches: 0, commits: 0 };
        const w = this.work?.workFor(folder.uri, item.id);
        return { branches: w?.branches.length ?? 0, commits: w?.commits.length ?? 0 };
      },
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
    this.panel?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private roadmap(): FolderRoadmap | undefined {
    const all = this.roadmaps.roadmaps();
    const chosen = this.folderUri ? all.find((r) => r.folder.uri.toString() === this.folderUri?.toString()) : undefined;
    if (chosen) return chosen;
    const active = vscode.window.activeTextEditor?.document.uri;
    return active ? this.roadmaps.roadmapForDocument(active) : all[0];
  }

  private defaultExportUri(ext: string): vscode.Uri | undefined {
    const folder = this.roadmap()?.folder.uri;
    return folder ? vscode.Uri.joinPath(folder, `roadmap-overview.${ext}`) : undefined;
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    try {
      const overview = this.overview() ?? { product: undefined, mode: this.mode, columns: [], unlinked: undefined };
      const res = webviewResources(panel.webview, this.extensionUri, 'overview');
      const key = renderOverviewHtml(overview, { ...res, nonce: 'fixed-nonce-for-comparison' });
      if (key === this.lastKey) return;
      this.lastKey = key;
      this.html = renderOverviewHtml(overview, res);
      this.pageReady = false;
      panel.webview.html = this.html;
    } catch (err) {
      this.log.error('Could not render the roadmap overview', err);
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
    const m = message as {
      type?: unknown;
      id?: unknown;
      mode?: unknown;
      requestId?: unknown;
      dataUrl?: unknown;
      error?: unknown;
    };
    try {
      switch (m.type) {
        case 'ready': {
          this.pageReady = true;
          const waiters = this.readyWaiters;
          this.readyWaiters = [];
          for (const w of waiters) w();
          return;
        }
        case 'openItem': {
          const folder = this.roadmap()?.folder;
          if (typeof m.id === 'string' && m.id !== '' && folder) {
            await vscode.commands.executeCommand(this.openItemCommand, { id: m.id, folderUri: folder.uri.toString() });
          }
          return;
        }
        case 'setMode':
          if (m.mode === 'target' || m.mode === 'status') this.setMode(m.mode);
          return;
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
          const resolve = typeof m.requestId === 'number' ? this.pendingPng.get(m.requestId) : undefined;
          if (!resolve || typeof m.requestId !== 'number') return;
          this.pendingPng.delete(m.requestId);
          resolve({
            ...(typeof m.dataUrl === 'string' ? { dataUrl: m.dataUrl } : {}),
            ...(typeof m.error === 'string' ? { error: m.error } : {}),
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
