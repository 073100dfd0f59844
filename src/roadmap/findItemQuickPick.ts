// "Find Roadmap Item…": a quick pick over every item, searchable by title, id, kind and why.
// Choosing an item reveals it in the tree; the item's button opens its YAML instead.

import * as vscode from 'vscode';
import { Commands } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import { kindLabel } from '../core/render/itemCard';
import { noThemeIcons } from '../core/render/noThemeIcons';
import type { FoundItem, RoadmapModel } from './model/roadmapModel';
import { showItemInFile } from '../commands/itemArgument';

interface ItemPick extends vscode.QuickPickItem {
  readonly found: FoundItem;
}

const OPEN_FILE_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('go-to-file'),
  tooltip: 'Open in Roadmap File',
};

/** Quick pick rows are single lines: long whys are cut, newlines flattened. */
function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function toPick(found: FoundItem, showFolder: boolean): ItemPick {
  const { item, folder } = found;
  const parts = [item.id, kindLabel(item.kind)];
  if (item.status !== undefined) parts.push(item.status);
  if (showFolder) parts.push(folder.name);
  return {
    label: noThemeIcons(item.title),
    description: noThemeIcons(parts.join(' · ')),
    detail: item.why !== undefined ? noThemeIcons(oneLine(item.why)) : 'No why recorded yet.',
    buttons: [OPEN_FILE_BUTTON],
    found,
  };
}

export function findItemCommand(model: RoadmapModel): CommandHandlers<'findItem'> {
  return {
    findItem: async () => {
      const all = model.allItems();
      if (all.length === 0) {
        void vscode.window.showInformationMessage('Roadmap Lens: no roadmap items found in this workspace.');
        return;
      }
      const showFolder = model.roadmaps().length > 1;
      const picked = await pickItem(all.map((f) => toPick(f, showFolder)));
      if (!picked) return;
      if (picked.action === 'open') {
        await showItemInFile(picked.found);
      } else {
        await vscode.commands.executeCommand(Commands.revealItem, {
          id: picked.found.item.id,
          folderUri: picked.found.folder.uri.toString(),
        });
      }
    },
  };
}

function pickItem(items: ItemPick[]): Promise<{ found: FoundItem; action: 'reveal' | 'open' } | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<ItemPick>();
    qp.title = 'Find Roadmap Item';
    qp.placeholder = 'Search by title, id, kind or why';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = items;
    let result: { found: FoundItem; action: 'reveal' | 'open' } | undefined;
    const finish = (value: typeof result): void => {
      result = value;
      qp.hide();
    };
    qp.onDidAccept(() =>
      finish(qp.selectedItems[0] ? { found: qp.selectedItems[0].found, action: 'reveal' } : undefined),
    );
    qp.onDidTriggerItemButton((e) => finish({ found: e.item.found, action: 'open' }));
    qp.onDidHide(() => {
      qp.dispose();
      resolve(result);
    });
    qp.show();
  });
}
