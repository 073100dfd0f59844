// The overview's exports: Markdown to an untitled document, SVG and PNG to a file the user picks.
// Each writes what the page shows (its current query). PNGs are drawn by the page: the browser
// engine is the only rasteriser there is, so the PNG export asks the page and waits, bounded.

import * as vscode from 'vscode';
import { DARK_THEME, LIGHT_THEME, renderOverviewSvg } from '../../core/render/overviewSvg';
import { renderOverviewMarkdown, type Overview } from '../../core/render/roadmapOverview';

/** PNGs larger than this are refused: the page could send anything back. */
const MAX_PNG_BYTES = 50 * 1024 * 1024;
/** A page that never answers (closed, crashed) must not leave an export waiting forever. */
const PNG_TIMEOUT_MS = 90_000;

type PngReply = { dataUrl?: string; error?: string };

export class OverviewExports {
  private readonly pendingPng = new Map<number, (result: PngReply) => void>();
  private nextRequest = 1;

  /**
   * `shown`: the overview as the page shows it; `folder`: where to save by default;
   * `askPage`: posts a `rasterize` request to the page (opening it when needed); false when
   * there is no page to ask.
   */
  constructor(
    private readonly shown: () => Overview | undefined,
    private readonly folder: () => vscode.Uri | undefined,
    private readonly askPage: (request: {
      type: 'rasterize';
      requestId: number;
      svg: string;
      scale: number;
    }) => boolean,
  ) {}

  async markdown(): Promise<vscode.TextDocument | undefined> {
    const overview = this.shown();
    if (!overview) return undefined;
    const content = renderOverviewMarkdown(overview, new Date().toISOString().slice(0, 10));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  svg(): string | undefined {
    const overview = this.shown();
    if (!overview) return undefined;
    const dark =
      vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark ||
      vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrast;
    return renderOverviewSvg(overview, dark ? DARK_THEME : LIGHT_THEME);
  }

  /** Saves the SVG (or PNG) where the user chooses; `target` skips the dialog (tests). */
  async image(format: 'svg' | 'png', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
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
    const folder = this.folder();
    const defaultUri = folder ? vscode.Uri.joinPath(folder, `roadmap-overview.${format}`) : undefined;
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

  /** The page's `png` message: the answer to one rasterize request. */
  pageAnswered(message: Record<string, unknown>): void {
    const requestId = message['requestId'];
    const resolve = typeof requestId === 'number' ? this.pendingPng.get(requestId) : undefined;
    if (!resolve || typeof requestId !== 'number') return;
    this.pendingPng.delete(requestId);
    const dataUrl = message['dataUrl'];
    const error = message['error'];
    resolve({
      ...(typeof dataUrl === 'string' ? { dataUrl } : {}),
      ...(typeof error === 'string' ? { error: error.slice(0, 500) } : {}),
    });
  }

  /** The page went away: every waiting PNG export ends now. */
  pageClosed(): void {
    for (const resolve of this.pendingPng.values()) resolve({ error: 'the overview was closed' });
    this.pendingPng.clear();
  }

  /** Asks the page to draw the SVG on a canvas and waits for its answer (bounded). */
  private async rasterize(svg: string): Promise<Uint8Array | undefined> {
    const requestId = this.nextRequest++;
    const reply = new Promise<PngReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pendingPng.delete(requestId);
        resolve({ error: 'the overview page did not answer' });
      }, PNG_TIMEOUT_MS);
      this.pendingPng.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    if (!this.askPage({ type: 'rasterize', requestId, svg, scale: 2 })) {
      // No page to ask: nothing to wait for.
      this.pendingPng.get(requestId)?.({});
      this.pendingPng.delete(requestId);
      return undefined;
    }
    const result = await reply;
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
}
