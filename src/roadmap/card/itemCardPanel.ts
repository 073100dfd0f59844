// The item card webview: one panel per item (opening it again reveals the open one), re-rendered
// when the roadmap or the linked work changes. It only reads the models; the HTML comes from the
// pure `renderItemCardHtml`, and every message from the page is validated before acting on it.

import * as vscode from 'vscode';
import { idKey } from '../../core/roadmap/roadmapTypes';
import { safeExternalUrl } from '../../core/render/html';
import type { FoundItem, RoadmapModel } from '../model/roadmapModel';
import type { WorkModel } from '../../work/model/workModel';
import type { DriftModel } from '../../work/model/driftModel';
import type { MetricHistoryModel } from '../../work/model/metricHistoryModel';
import { statusFixes } from '../../core/drift/driftFixes';
import { currentFinding } from '../driftDiagnostics';
import type { CardDrift } from './driftSection';
import { toPick } from '../findItemQuickPick';
import { itemArgument, showItemInFile } from '../../commands/itemArgument';
import type { CommandHandlers } from '../../commands/commandRegistry';
import {
  itemCardTitle,
  renderItemCardHtml,
  type CardWork,
  type ItemCardData,
  type WebviewResources,
} from './itemCardHtml';
import { createNonce, webviewOptions, webviewResources } from './webviewResources';

export const ITEM_CARD_VIEW_TYPE = 'roadmapLens.itemCard';

interface OpenCard {
  readonly panel: vscode.WebviewPanel;
  readonly folderUri: vscode.Uri;
  readonly id: string;
  /** Rendered with a fixed nonce, to skip re-renders that would change nothing. */
  lastKey: string;
  lastHtml: string;
}

export class ItemCardPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenCard>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly drift?: DriftModel,
    private readonly metricHistory?: MetricHistoryModel,
  ) {
    this.subscriptions.push(roadmaps.onDidChange(() => this.renderAll()));
    if (work) this.subscriptions.push(work.onDidChange(() => this.renderAll()));
    if (drift) this.subscriptions.push(drift.onDidChange(() => this.renderAll()));
    if (metricHistory) this.subscriptions.push(metricHistory.onDidChange(() => this.renderAll()));
  }

  /** Opens (or reveals) the card of an item; returns false when there is no such item. */
  show(found: FoundItem, column: vscode.ViewColumn = vscode.ViewColumn.Active): void {
    const key = cardKey(found.folder.uri, found.item.id);
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal(column);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      ITEM_CARD_VIEW_TYPE,
      itemCardTitle(found.item),
      column,
      webviewOptions(this.extensionUri),
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    const card: OpenCard = { panel, folderUri: found.folder.uri, id: found.item.id, lastKey: '', lastHtml: '' };
    this.open.set(key, card);
    // Per-panel listeners go with the panel, so opening and closing many cards leaks nothing.
    const onMessage = panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(card, m));
    panel.onDidDispose(() => {
      onMessage.dispose();
      this.open.delete(key);
    });
    this.render(card);
  }

  /** The HTML last given to the card of `id` (extension-host tests read it). */
  lastHtml(id: string): string | undefined {
    for (const card of this.open.values()) if (idKey(card.id) === idKey(id)) return card.lastHtml;
    return undefined;
  }

  dispose(): void {
    for (const card of [...this.open.values()]) card.panel.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private renderAll(): void {
    for (const card of this.open.values()) this.render(card);
  }

  private render(card: OpenCard): void {
    const found = this.roadmaps.find(card.id, card.folderUri);
    const res = webviewResources(card.panel.webview, this.extensionUri, 'itemCard');
    try {
      const data = found ? this.cardData(found) : undefined;
      const draw = (r: WebviewResources): string => (data ? renderItemCardHtml(data, r) : goneHtml(card.id, r));
      const key = draw({ ...res, nonce: 'fixed-nonce-for-comparison' });
      if (key === card.lastKey) return;
      card.lastKey = key;
      card.lastHtml = draw({ ...res, nonce: createNonce() });
      card.panel.webview.html = card.lastHtml;
      if (found) card.panel.title = itemCardTitle(found.item);
    } catch (err) {
      this.log.error(`Could not render the card of ${card.id}`, err);
    }
  }

  private cardData(found: FoundItem): ItemCardData {
    const { item, index, folder } = found;
    const base = {
      item,
      product: index.product,
      ancestors: index.ancestors(item.id),
      children: index.children(item.id),
      now: Date.now(),
    };
    if (!this.work) return { ...base, workNote: 'Linked work is not available.' };
    const status = this.work.status(folder.uri);
    if (status.kind === 'off') return { ...base, workNote: status.message };
    if (status.kind === 'loading') return { ...base, workNote: 'Reading the repository…' };
    const isCurrent = status.current !== undefined && idKey(status.current.item.id) === idKey(item.id);
    const metricHistory = this.metricHistory?.seriesFor(folder.uri, item);
    return { ...base, isCurrent, work: this.cardWork(found), drift: this.cardDrift(found), metricHistory };
  }

  private cardDrift(found: FoundItem): CardDrift | undefined {
    const folderDrift = this.drift?.forFolder(found.folder.uri);
    if (!folderDrift || !this.drift) return undefined;
    const findings = this.drift.findingsFor(found.folder.uri, found.item.id).flatMap((f) => {
      // Drift read before the last edit of this item's status no longer applies.
      const now = currentFinding(f, (id) => found.index.get(id));
      return now ? [{ kind: now.kind, message: now.message, fixes: statusFixes(now) }] : [];
    });
    return { base: folderDrift.base, findings };
  }

  private cardWork(found: FoundItem): CardWork {
    const { folder, item, index } = found;
    const w = this.work?.workFor(folder.uri, item.id);
    if (!w || !this.work) return { commits: [], branches: [] };
    // A parent's card adds up its descendants' work ("including children"): an epic's commits
    // usually name the features under it, not the epic.
    const parent = index.children(item.id).length > 0;
    const rollup = parent ? this.work.rollupFor(folder.uri, item.id) : undefined;
    const branches = parent ? this.work.activity.rolledUpBranches(folder.uri, item.id) : w.branches;
    const commits = parent ? this.work.activity.rolledUpCommits(folder.uri, item.id, 10) : w.commits;
    const files = this.work.activity.filesTouchedBy(folder.uri, item.id, parent);
    return {
      ...(parent
        ? {
            includesChildren: {
              commits: rollup?.commits ?? commits.length,
              ownCommits: rollup?.ownCommits ?? 0,
              ownBranches: rollup?.ownBranches ?? 0,
              lastActivity: rollup?.lastActivity === undefined ? undefined : rollup.lastActivity * 1000,
            },
          }
        : {}),
      commits: commits.map((c) => ({ hash: c.sha, subject: c.subject, author: c.author, date: c.date.getTime() })),
      commitDates: this.work.activity.commitTimes(folder.uri, item.id, 5000, parent),
      branches: branches.map((b) => ({
        name: b.name,
        current: b.isHead,
        lastActivity: b.lastCommit?.date.getTime(),
        author: b.lastCommit?.author,
      })),
      files: files?.map((f) => ({ path: f.path, commits: f.commits })),
    };
  }

  private async onMessage(card: OpenCard, message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const { type, id, url } = message as { type?: unknown; id?: unknown; url?: unknown };
    try {
      if (type === 'openExternal' && typeof url === 'string') {
        const safe = safeExternalUrl(url);
        if (safe !== undefined) await vscode.env.openExternal(vscode.Uri.parse(safe, true));
        return;
      }
      if (typeof id !== 'string' || id === '') return;
      const found = this.roadmaps.find(id, card.folderUri);
      if (!found) return;
      if (type === 'openItem') this.show(found, card.panel.viewColumn ?? vscode.ViewColumn.Active);
      else if (type === 'revealInFile') await showItemInFile(found, { preview: false });
    } catch (err) {
      this.log.error('Item card action failed', err);
    }
  }
}

function cardKey(folderUri: vscode.Uri, id: string): string {
  return `${folderUri.toString()}#${idKey(id)}`;
}

function goneHtml(id: string, res: WebviewResources): string {
  const item = {
    id,
    kind: 'item',
    title: `${id} is no longer in the roadmap`,
    why: 'The item was removed or renamed, or its roadmap file has errors (see the Problems panel). This card updates when it comes back.',
    metrics: [],
    links: [],
    branches: [],
    paths: [],
    aliases: [],
    location: { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    idLocation: { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  };
  return renderItemCardHtml({ item, ancestors: [], children: [], now: Date.now() }, res);
}

/** `openItemCard` (argument: an id, `{ id, folderUri }` or a tree node; none asks). */
export function itemCardCommand(roadmaps: RoadmapModel, panels: ItemCardPanels): CommandHandlers<'openItemCard'> {
  return {
    openItemCard: async (arg: unknown) => {
      const found = arg === undefined ? await pickItem(roadmaps) : itemArgument(roadmaps, arg);
      if (!found) {
        if (arg !== undefined)
          void vscode.window.showWarningMessage(
            `Roadmap Lens: no roadmap item ${typeof arg === 'string' ? arg.slice(0, 100) : 'was given'}.`,
          );
        return false;
      }
      panels.show(found);
      return true;
    },
  };
}

export function registerItemCardPanels(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel | undefined,
  log: vscode.LogOutputChannel,
  drift?: DriftModel,
  metricHistory?: MetricHistoryModel,
): ItemCardPanels {
  const panels = new ItemCardPanels(context.extensionUri, roadmaps, work, log, drift, metricHistory);
  context.subscriptions.push(panels);
  return panels;
}

/** From the Command Palette there is no item yet: ask for one. */
async function pickItem(roadmaps: RoadmapModel): Promise<FoundItem | undefined> {
  const all = roadmaps.allItems();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Roadmap Lens: no roadmap items found in this workspace.');
    return undefined;
  }
  const showFolder = roadmaps.roadmaps().length > 1;
  const picked = await vscode.window.showQuickPick(
    all.map((f) => ({ ...toPick(f, showFolder), buttons: [] })),
    {
      title: 'Open Item Card',
      placeHolder: 'Search by title, id, kind or why',
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.found;
}
