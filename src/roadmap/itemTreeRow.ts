// What a roadmap item's row in the tree says: its label (id first), its description (status and
// children shipped) and its icon (kind, coloured by status).

import * as vscode from 'vscode';
import { clampText } from '../core/render/roadmapOverview';
import { statusBucket } from '../core/rollup/rollup';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';

const KIND_ICONS: Readonly<Record<string, string>> = {
  goal: 'target',
  initiative: 'rocket',
  epic: 'layers',
  feature: 'lightbulb',
  story: 'note',
};

const STATUS_COLORS: Readonly<Record<string, string>> = {
  shipped: 'charts.green',
  'in-progress': 'charts.blue',
  dropped: 'disabledForeground',
};

export function itemIcon(item: RoadmapItem): vscode.ThemeIcon {
  const icon = KIND_ICONS[item.kind.toLowerCase()] ?? 'circle-outline';
  const color = item.status === undefined ? undefined : STATUS_COLORS[item.status.toLowerCase()];
  return color === undefined ? new vscode.ThemeIcon(icon) : new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

/** Titles longer than this are cut in the row; the tooltip (the card) has the whole title. */
const LABEL_TITLE_CHARS = 48;

/**
 * `CHK-12 One-click reorder`: the id first, so it stays in sight at the default sidebar width
 * (a row is cut at its end), and a title short enough that the status after it usually does too.
 * VS Code's own tree find matches the label, so typing an id finds its row.
 */
export function itemLabel(item: RoadmapItem): string {
  return `${item.id} ${clampText(item.title, LABEL_TITLE_CHARS)}`;
}

/** `in-progress · 2/3 shipped`: status and, for parents, how many live children shipped. */
export function itemDescription(item: RoadmapItem, children: readonly RoadmapItem[]): string {
  const parts: string[] = [];
  if (item.status !== undefined) parts.push(item.status);
  if (children.length > 0) {
    let shipped = 0;
    let live = 0;
    for (const c of children) {
      const bucket = statusBucket(c.status);
      if (bucket === 'dropped') continue;
      live++;
      if (bucket === 'shipped') shipped++;
    }
    if (live > 0) parts.push(`${shipped}/${live} shipped`);
  }
  return parts.join(' · ');
}
