// How other features add to the Roadmap tree without the tree knowing them: a contributor may
// decorate item rows and add its own nodes under an item (the "Work" section of branches and
// commits, for instance). The tree provider stays the only TreeDataProvider of the view.

import type * as vscode from 'vscode';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';

/** A node owned by a contributor; the tree hands it back to `contributor` for everything. */
export interface ContributedNode {
  readonly type: 'contributed';
  readonly contributor: ItemTreeContributor;
  /** The item node or contributed node it sits under (for `getParent` and `reveal`). */
  readonly parent: { readonly type: string; readonly folderUri: string };
  readonly folderUri: string;
}

export interface ItemTreeContributor {
  /** The tree refreshes when this fires. */
  readonly onDidChange: vscode.Event<void>;
  /** Adjust an item's row (description, icon, collapsible state) after the tree built it. */
  decorateItem(folderUri: vscode.Uri, item: RoadmapItem, tree: vscode.TreeItem): void;
  /** Nodes shown under the item, before its child items. */
  itemChildren(folderUri: vscode.Uri, item: RoadmapItem, parent: ContributedNode['parent']): readonly ContributedNode[];
  children(node: ContributedNode): readonly ContributedNode[];
  /** Work facts for Filter Roadmap… and Sort (has work, mine, last activity in seconds). */
  hasWork?(folderUri: vscode.Uri, item: RoadmapItem): boolean;
  isMine?(folderUri: vscode.Uri, item: RoadmapItem): boolean;
  lastActivity?(folderUri: vscode.Uri, item: RoadmapItem): number | undefined;
  /** Plain-text lines appended to an item's tooltip (escaped by the tree), e.g. its rolled-up work. */
  tooltipLines?(folderUri: vscode.Uri, item: RoadmapItem): readonly string[];
  treeItem(node: ContributedNode): vscode.TreeItem;
}
