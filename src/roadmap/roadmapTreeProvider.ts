// The roadmap as a tree: folders (only when several have a roadmap), then goals → ... → stories.
// Nodes hold keys, not items, and are interned so `TreeView.reveal` finds the very object the
// tree handed out (VS Code matches elements by identity).

import * as vscode from 'vscode';
import { kindLabel } from '../core/render/itemCard';
import {
  filterRoadmap,
  isEmptyFilter,
  sortItems,
  type FilterFacts,
  type FilterResult,
  type RoadmapFilter,
  type SortOrder,
} from '../core/roadmap/roadmapFilter';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import { idKey, type RoadmapItem } from '../core/roadmap/roadmapTypes';
import { itemDescription, itemIcon, itemLabel } from './itemTreeRow';
import type { RoadmapModel } from './model/roadmapModel';
import { cardMarkdown } from './cardMarkdown';
import type { ContributedNode, ItemTreeContributor } from './itemTreeContributor';

export interface FolderNode {
  readonly type: 'folder';
  readonly folderUri: string;
}

export interface ItemNode {
  readonly type: 'item';
  readonly folderUri: string;
  readonly id: string;
}

/** Contributed nodes come from other features (e.g. the Work section under an item). */
export type RoadmapNode = FolderNode | ItemNode | ContributedNode;

export { itemDescription, itemIcon, itemLabel } from './itemTreeRow';

export class RoadmapTreeProvider implements vscode.TreeDataProvider<RoadmapNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RoadmapNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private nodes = new Map<string, RoadmapNode>();
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly tokens = new Map<string, string>();
  private readonly subscription: vscode.Disposable;
  private readonly contributorSubscriptions: vscode.Disposable[];

  private filterValue: RoadmapFilter = {};
  private orderValue: SortOrder = 'roadmap';
  /** Per folder, computed on first use after every change (the roadmap, the work, the filter). */
  private filtered = new Map<string, FilterResult>();
  /** Bumped per filter: filtered rows get fresh ids, so VS Code expands the matches' ancestors. */
  private filterGeneration = 0;
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  /** The filter or the sort order changed (the view updates its message and context key). */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly model: RoadmapModel,
    private readonly contributors: readonly ItemTreeContributor[] = [],
  ) {
    this.subscription = model.onDidChange(() => {
      this.nodes = new Map();
      this.filtered = new Map();
      this.emitter.fire(undefined);
      this.stateEmitter.fire();
    });
    this.contributorSubscriptions = contributors.map((c) =>
      c.onDidChange(() => {
        // Work facts (has work, mine) changed: a work filter may match other items now.
        if (this.isFiltered && (this.filterValue.work !== undefined || this.filterValue.mine === true)) {
          this.filtered = new Map();
          this.stateEmitter.fire();
        }
        this.emitter.fire(undefined);
      }),
    );
  }

  get filter(): RoadmapFilter {
    return this.filterValue;
  }

  get isFiltered(): boolean {
    return !isEmptyFilter(this.filterValue);
  }

  get order(): SortOrder {
    return this.orderValue;
  }

  setFilter(filter: RoadmapFilter): void {
    this.filterValue = filter;
    this.filtered = new Map();
    this.filterGeneration++;
    this.emitter.fire(undefined);
    this.stateEmitter.fire();
  }

  setOrder(order: SortOrder): void {
    this.orderValue = order;
    this.emitter.fire(undefined);
    this.stateEmitter.fire();
  }

  /** Matching items per folder (undefined when nothing is filtered). */
  matchCount(): { matches: number; total: number } | undefined {
    if (!this.isFiltered) return undefined;
    let matches = 0;
    let total = 0;
    for (const r of this.model.roadmaps()) {
      matches += this.filterFor(r.folder.uri.toString(), r.index).matches.size;
      total += r.index.items.length;
    }
    return { matches, total };
  }

  private facts(folderUri: string): FilterFacts {
    const folder = this.uri(folderUri);
    return {
      hasWork: (item) => this.contributors.some((c) => c.hasWork?.(folder, item) === true),
      isMine: (item) => this.contributors.some((c) => c.isMine?.(folder, item) === true),
    };
  }

  private filterFor(folderUri: string, index: RoadmapIndex): FilterResult {
    let result = this.filtered.get(folderUri);
    if (!result) {
      result = filterRoadmap(index, this.filterValue, this.facts(folderUri));
      this.filtered.set(folderUri, result);
    }
    return result;
  }

  /** The node for an item, for `reveal`; undefined when the item is not (or no longer) there. */
  nodeForItem(folderUri: vscode.Uri, id: string): ItemNode | undefined {
    const index = this.model.indexFor(folderUri);
    const item = index?.get(id);
    return item ? this.itemNode(folderUri.toString(), item.id) : undefined;
  }

  getChildren(node?: RoadmapNode): RoadmapNode[] {
    const roadmaps = this.model.roadmaps();
    if (node === undefined) {
      if (roadmaps.length > 1) return roadmaps.map((r) => this.folderNode(r.folder.uri.toString()));
      const only = roadmaps[0];
      return only ? this.itemNodes(only.folder.uri.toString(), only.index, only.index.roots()) : [];
    }
    if (node.type === 'contributed') return [...node.contributor.children(node)];
    const index = this.index(node.folderUri);
    if (!index) return [];
    if (node.type === 'folder') return this.itemNodes(node.folderUri, index, index.roots());
    const item = index.get(node.id);
    const extra = item
      ? this.contributors.flatMap((c) => c.itemChildren(vscode.Uri.parse(node.folderUri), item, node))
      : [];
    return [...extra, ...this.itemNodes(node.folderUri, index, index.children(node.id))];
  }

  getParent(node: RoadmapNode): RoadmapNode | undefined {
    if (node.type === 'folder') return undefined;
    if (node.type === 'contributed') return node.parent as RoadmapNode;
    const parent = this.index(node.folderUri)?.parent(node.id);
    if (parent) return this.itemNode(node.folderUri, parent.id);
    return this.model.roadmaps().length > 1 ? this.folderNode(node.folderUri) : undefined;
  }

  getTreeItem(node: RoadmapNode): vscode.TreeItem {
    if (node.type === 'contributed') return node.contributor.treeItem(node);
    if (node.type === 'folder') {
      const folder = this.model.roadmaps().find((r) => r.folder.uri.toString() === node.folderUri);
      const tree = new vscode.TreeItem(folder?.folder.name ?? node.folderUri, vscode.TreeItemCollapsibleState.Expanded);
      tree.id = `folder:${node.folderUri}`;
      tree.iconPath = vscode.ThemeIcon.Folder;
      tree.resourceUri = vscode.Uri.parse(node.folderUri);
      tree.description = folder?.index.product ?? '';
      tree.contextValue = 'roadmapFolder';
      return tree;
    }
    const index = this.index(node.folderUri);
    const item = index?.get(node.id);
    if (!index || !item) return new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.None);

    const filter = this.isFiltered ? this.filterFor(node.folderUri, index) : undefined;
    const children = index.children(item.id);
    const hasChildren = filter ? children.some((c) => filter.visible.has(idKey(c.id))) : children.length > 0;
    // Filtered: the matches' ancestors open, so every match is in sight.
    const state = !hasChildren
      ? vscode.TreeItemCollapsibleState.None
      : filter !== undefined || item.kind.toLowerCase() === 'goal'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const tree = new vscode.TreeItem(itemLabel(item), state);
    tree.id = `${this.folderToken(node.folderUri)}:${idKey(item.id)}${filter ? `~filter${this.filterGeneration}` : ''}`;
    tree.description = itemDescription(item, children);
    tree.iconPath = itemIcon(item);
    tree.contextValue = item.why !== undefined && item.why.trim() !== '' ? 'roadmapItem hasWhy' : 'roadmapItem';
    tree.accessibilityInformation = {
      label: `${kindLabel(item.kind)} ${item.id}: ${item.title}${item.status ? `, ${item.status}` : ''}`,
    };
    const folder = this.uri(node.folderUri);
    for (const contributor of this.contributors) contributor.decorateItem(folder, item, tree);
    return tree;
  }

  /** The card is built only when a tooltip is about to show: cheap trees for 10k items. */
  resolveTreeItem(tree: vscode.TreeItem, node: RoadmapNode): vscode.TreeItem {
    if (node.type !== 'item') return tree;
    const index = this.index(node.folderUri);
    const item = index?.get(node.id);
    if (index && item) {
      const md = cardMarkdown(item, index);
      const folder = vscode.Uri.parse(node.folderUri);
      for (const line of this.contributors.flatMap((c) => c.tooltipLines?.(folder, item) ?? []))
        md.appendMarkdown('\n\n').appendText(line);
      tree.tooltip = md;
    }
    return tree;
  }

  dispose(): void {
    this.stateEmitter.dispose();
    this.subscription.dispose();
    for (const d of this.contributorSubscriptions) d.dispose();
    this.emitter.dispose();
  }

  private index(folderUri: string): RoadmapIndex | undefined {
    return this.model.indexFor(this.uri(folderUri));
  }

  /**
   * A short stable stand-in for the folder in row ids: VS Code sends each row's id and its parent's
   * to the workbench, and a full folder URI twice per row was a third of what 1,000 rows weigh.
   */
  private folderToken(folderUri: string): string {
    let token = this.tokens.get(folderUri);
    if (token === undefined) {
      let h = 0x811c9dc5;
      for (let i = 0; i < folderUri.length; i++) h = Math.imul(h ^ folderUri.charCodeAt(i), 0x01000193);
      this.tokens.set(folderUri, (token = (h >>> 0).toString(36)));
    }
    return token;
  }

  /** Nodes hold folder URIs as text; a row asks for its folder's Uri several times, 1,000 rows at once. */
  private uri(folderUri: string): vscode.Uri {
    let uri = this.uris.get(folderUri);
    if (!uri) this.uris.set(folderUri, (uri = vscode.Uri.parse(folderUri)));
    return uri;
  }

  /** Skips items that are not the canonical owner of their id (duplicates): tree ids must be unique. */
  private itemNodes(folderUri: string, index: RoadmapIndex, items: readonly RoadmapItem[]): ItemNode[] {
    const filter = this.isFiltered ? this.filterFor(folderUri, index) : undefined;
    const shown = items.filter(
      (item) => index.get(item.id) === item && (filter === undefined || filter.visible.has(idKey(item.id))),
    );
    const folder = this.uri(folderUri);
    const activity = (item: RoadmapItem): number | undefined => {
      let best: number | undefined;
      for (const c of this.contributors) {
        const t = c.lastActivity?.(folder, item);
        if (t !== undefined && (best === undefined || t > best)) best = t;
      }
      return best;
    };
    return sortItems(shown, this.orderValue, activity).map((item) => this.itemNode(folderUri, item.id));
  }

  private itemNode(folderUri: string, id: string): ItemNode {
    const key = `${folderUri}::${idKey(id)}`;
    const existing = this.nodes.get(key);
    if (existing?.type === 'item') return existing;
    const node: ItemNode = { type: 'item', folderUri, id };
    this.nodes.set(key, node);
    return node;
  }

  private folderNode(folderUri: string): FolderNode {
    const key = `folder:${folderUri}`;
    const existing = this.nodes.get(key);
    if (existing?.type === 'folder') return existing;
    const node: FolderNode = { type: 'folder', folderUri };
    this.nodes.set(key, node);
    return node;
  }
}
