// Branch arguments and the pickers of the work commands (item arguments: commands/itemArgument.ts).
// Commands take optional arguments so tree menus, the status bar and tests can skip the pickers;
// without them the user is asked.

import * as vscode from 'vscode';
import { noThemeIcons } from '../core/render/noThemeIcons';
import type { FoundItem, RoadmapModel } from '../roadmap/model/roadmapModel';
import type { BranchWork } from './model/workState';
import type { WorkModel } from './model/workModel';
import { toPick } from '../roadmap/findItemQuickPick';
import { record } from '../commands/itemArgument';

/** A branch from `{ branch: 'name' }` or `{ branch: BranchWork }` (tree nodes). */
export function branchArgument(arg: unknown): BranchWork | string | undefined {
  const { branch } = record(arg);
  if (typeof branch === 'string' && branch.length > 0) return branch;
  const b = record(branch);
  if (typeof b['name'] === 'string' && typeof b['branch'] === 'string') return branch as BranchWork;
  return undefined;
}

const KIND_ORDER_FOR_TAGS = ['epic', 'feature', 'initiative', 'story', 'goal'];
const KIND_ORDER_FOR_WORK = ['feature', 'story', 'epic', 'initiative', 'goal'];

function rank(order: readonly string[], kind: string): number {
  const i = order.indexOf(kind.toLowerCase());
  return i < 0 ? order.length : i;
}

/** Items of the given folders, searchable by title, id (description) and why (detail). */
export async function pickItem(
  roadmaps: RoadmapModel,
  purpose: 'tag' | 'work',
  title: string,
  folderUri?: vscode.Uri,
): Promise<FoundItem | undefined> {
  const order = purpose === 'tag' ? KIND_ORDER_FOR_TAGS : KIND_ORDER_FOR_WORK;
  const all = roadmaps
    .allItems()
    .filter((f) => folderUri === undefined || f.folder.uri.toString() === folderUri.toString())
    .filter((f) => f.index.get(f.item.id) === f.item);
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Roadmap Lens: there are no roadmap items to choose from.');
    return undefined;
  }
  const showFolder = roadmaps.roadmaps().length > 1;
  const picks = all
    .map((found, position) => ({ found, position }))
    .sort((a, b) => rank(order, a.found.item.kind) - rank(order, b.found.item.kind) || a.position - b.position)
    .map(({ found }) => ({ ...toPick(found, showFolder), buttons: [] }));
  const picked = await vscode.window.showQuickPick(picks, {
    title,
    placeHolder: 'Search by title, id or why',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.found;
}

/** Local branches first (the checked-out one on top), then remote ones, newest first within each. */
export async function pickBranch(
  work: WorkModel,
  folderUri: vscode.Uri,
  title: string,
): Promise<BranchWork | undefined> {
  const branches = work.allBranches(folderUri);
  if (branches.length === 0) {
    void vscode.window.showInformationMessage('Roadmap Lens: no branches found in this repository yet.');
    return undefined;
  }
  const sorted = [...branches].sort(
    (a, b) => Number(b.isHead) - Number(a.isHead) || Number(a.remote) - Number(b.remote),
  );
  const picks = sorted.map((b) => ({
    label: noThemeIcons(b.name),
    description: noThemeIcons(
      [
        b.isHead ? 'checked out' : '',
        b.remote ? 'remote' : 'local',
        b.lastCommit ? `${b.lastCommit.author}, ${b.lastCommit.date.toLocaleDateString()}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    detail: noThemeIcons(b.lastCommit?.subject ?? ''),
    branch: b,
  }));
  const picked = await vscode.window.showQuickPick(picks, {
    title,
    placeHolder: 'Choose a local or remote branch',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.branch;
}
