// Filter Roadmap…, Clear Filter and Sort Roadmap… for the Roadmap tree. At 10,000 items VS Code's
// own tree find only sees expanded rows; this filter searches every item and shows the matches
// with their ancestors, and the view says it is filtered (message + a Clear button in its title).

import * as vscode from 'vscode';
import { ContextKeys } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import {
  describeFilter,
  SORT_ORDERS,
  type RoadmapFilter,
  type SortOrder,
  type StatusFilter,
  type WorkFilter,
} from '../core/roadmap/roadmapFilter';
import type { RoadmapModel } from './model/roadmapModel';
import type { RoadmapTreeProvider } from './roadmapTreeProvider';

const STATUSES: readonly StatusFilter[] = ['planned', 'in-progress', 'shipped', 'dropped', 'other'];
/** Owners beyond this are reachable by typing them into the text filter. */
const MAX_OWNER_PICKS = 100;

type Pick = vscode.QuickPickItem & { readonly apply?: (f: MutableFilter) => void };
type MutableFilter = {
  text?: string;
  statuses: StatusFilter[];
  kinds: string[];
  owners: string[];
  work?: WorkFilter | undefined;
  mine?: boolean;
};

const ORDER_LABELS: Readonly<Record<SortOrder, string>> = {
  roadmap: 'Roadmap order (as written)',
  target: 'Target (earliest first, no target last)',
  status: 'Status (in progress, planned, shipped, dropped)',
  activity: 'Recent activity (newest linked work first)',
};

/** Reads a filter passed to the command (tests, keybindings): only known fields, right types. */
export function filterFromArgument(arg: unknown): RoadmapFilter | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 100) : [];
  const f: MutableFilter = {
    statuses: strings(a['statuses']).filter((s): s is StatusFilter => (STATUSES as string[]).includes(s)),
    kinds: strings(a['kinds']),
    owners: strings(a['owners']),
  };
  if (typeof a['text'] === 'string') f.text = a['text'].slice(0, 200);
  if (a['work'] === 'has-work' || a['work'] === 'no-work') f.work = a['work'];
  if (a['mine'] === true) f.mine = true;
  const { work, ...rest } = f;
  return work === undefined ? rest : { ...rest, work };
}

async function pickFilter(model: RoadmapModel, current: RoadmapFilter): Promise<RoadmapFilter | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Filter Roadmap (1/2): text',
    prompt: 'Words that must appear in the id, title, why, owner or refs. Leave empty for any text.',
    value: current.text ?? '',
  });
  if (text === undefined) return undefined;
  const items = model.allItems().map((f) => f.item);
  const kinds = [...new Set(items.map((i) => i.kind.toLowerCase()))].sort();
  const ownerCounts = new Map<string, number>();
  for (const i of items) if (i.owner) ownerCounts.set(i.owner, (ownerCounts.get(i.owner) ?? 0) + 1);
  const owners = [...ownerCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_OWNER_PICKS);
  const picks: Pick[] = [
    { label: 'Status', kind: vscode.QuickPickItemKind.Separator },
    ...STATUSES.map((s): Pick => ({
      label: s === 'other' ? 'other or no status' : s,
      picked: (current.statuses ?? []).includes(s),
      apply: (f) => f.statuses.push(s),
    })),
    { label: 'Kind', kind: vscode.QuickPickItemKind.Separator },
    ...kinds.map((k): Pick => ({
      label: k,
      picked: (current.kinds ?? []).map((x) => x.toLowerCase()).includes(k),
      apply: (f) => f.kinds.push(k),
    })),
    { label: 'Work', kind: vscode.QuickPickItemKind.Separator },
    {
      label: 'Has linked work',
      description: 'branches or commits, its own or its children’s',
      picked: current.work === 'has-work',
      apply: (f) => (f.work = f.work === 'no-work' ? undefined : 'has-work'),
    },
    {
      label: 'No linked work',
      picked: current.work === 'no-work',
      apply: (f) => (f.work = f.work === 'has-work' ? undefined : 'no-work'),
    },
    {
      label: 'Mine',
      description: 'my current work, my local branches, or commits I authored (user.email)',
      picked: current.mine === true,
      apply: (f) => (f.mine = true),
    },
    ...(owners.length > 0 ? [{ label: 'Owner', kind: vscode.QuickPickItemKind.Separator } as Pick] : []),
    ...owners.map(([o, n]): Pick => ({
      label: o,
      description: `${n} item${n === 1 ? '' : 's'}`,
      picked: (current.owners ?? []).includes(o),
      apply: (f) => f.owners.push(o),
    })),
  ];
  const chosen = await vscode.window.showQuickPick(picks, {
    title: 'Filter Roadmap (2/2): status, kind, work, owner',
    placeHolder: 'Pick any; none means all. Within a group any may match; groups must all match.',
    canPickMany: true,
  });
  if (chosen === undefined) return undefined;
  const f: MutableFilter = { statuses: [], kinds: [], owners: [] };
  if (text.trim() !== '') f.text = text.trim();
  for (const p of chosen) p.apply?.(f);
  const { work, ...rest } = f;
  return work === undefined ? rest : { ...rest, work };
}

export function registerTreeFilterCommands(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  provider: RoadmapTreeProvider,
  treeView: vscode.TreeView<unknown>,
): CommandHandlers<'filterTree' | 'clearTreeFilter' | 'sortTree'> {
  const update = (): void => {
    const count = provider.matchCount();
    void vscode.commands.executeCommand('setContext', ContextKeys.treeFiltered, count !== undefined);
    const order = provider.order === 'roadmap' ? '' : ` · sorted by ${provider.order}`;
    if (count === undefined) {
      treeView.message = order === '' ? '' : `Sorted by ${provider.order}`;
      return;
    }
    const n = count.matches.toLocaleString('en-US');
    treeView.message = `Filtered (${describeFilter(provider.filter)}): ${n} of ${count.total.toLocaleString('en-US')} items match${order} · Clear with the ✕ in the title bar`;
  };
  update();
  context.subscriptions.push(provider.onDidChangeState(update));
  return {
    filterTree: async (arg?: unknown) => {
      const given = filterFromArgument(arg);
      const filter = given ?? (await pickFilter(model, provider.filter));
      if (filter !== undefined) provider.setFilter(filter);
      return provider.matchCount()?.matches;
    },
    clearTreeFilter: () => provider.setFilter({}),
    sortTree: async (arg?: unknown) => {
      let order = SORT_ORDERS.find((o) => o === arg);
      if (order === undefined) {
        const picked = await vscode.window.showQuickPick(
          SORT_ORDERS.map((o) => ({ label: ORDER_LABELS[o], order: o, picked: o === provider.order })),
          { title: 'Sort Roadmap: siblings in the tree' },
        );
        order = picked?.order;
      }
      if (order !== undefined) provider.setOrder(order);
    },
  };
}
