// Removes the items gone from a tracker's export (`import --prune`), as whole-line edits, unless
// something still hangs under them or their list is written in a way a line edit would break.

import { idKey } from '../roadmap/roadmapTypes';
import { findPair, lineStart, range } from '../roadmap/tagEdit';
import type { ExistingIndex, ExistingItem } from './existingItems';
import type { OffsetEdit } from './textEdits';

/** Removes gone items (whole lines), unless something still hangs under them. */
export function pruneItems(
  text: string,
  gone: readonly ExistingItem[],
  index: ExistingIndex,
  parentOf: ReadonlyMap<string, string | undefined>,
  edits: OffsetEdit[],
  notes: string[],
): string[] {
  const goneKeys = new Set(gone.map((g) => idKey(g.id)));
  const stillPointing = new Set<string>();
  for (const e of index.items) if (!goneKeys.has(idKey(e.id)) && e.parent) stillPointing.add(idKey(e.parent));
  for (const p of parentOf.values()) if (p) stillPointing.add(idKey(p));
  const removable = gone.filter((g) => {
    const keptBelow = g.descendants.find((d) => !goneKeys.has(idKey(d)));
    if (keptBelow || stillPointing.has(idKey(g.id))) {
      notes.push(`${g.id} is gone from the export but kept: ${keptBelow ?? 'another item'} still hangs under it.`);
      return false;
    }
    if (g.list.flow) {
      notes.push(`${g.id} is gone from the export but kept: its list is written in flow style ([…]).`);
      return false;
    }
    return true;
  });
  // Only outermost removals: a nested gone item goes with its gone ancestor.
  const removeKeys = new Set(removable.map((g) => idKey(g.id)));
  const outermost = removable.filter((g) => !g.enclosingId || !removeKeys.has(idKey(g.enclosingId)));
  const byList = new Map<unknown, ExistingItem[]>();
  for (const g of outermost) byList.set(g.list, [...(byList.get(g.list) ?? []), g]);
  for (const [, group] of byList) {
    const first = group[0] as ExistingItem;
    if (group.length === first.list.items.length) {
      // The whole list goes: leave `items: []` rather than a key that reads as null.
      const keyR = range(findPair(first.listOwner, 'items')?.key);
      const r = range(first.list);
      if (!keyR || !r) continue;
      const colon = text.indexOf(':', keyR[1]);
      let end = r[1];
      while (end > colon && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
      edits.push({ offset: colon + 1, length: end - colon - 1, newText: ' []' });
      continue;
    }
    for (const g of group) {
      const r = range(g.map);
      if (!r) continue;
      const start = lineStart(text, text.lastIndexOf('-', r[0]));
      let end = r[2];
      if (end < text.length && text[end - 1] !== '\n') {
        const nl = text.indexOf('\n', end);
        end = nl < 0 ? text.length : nl + 1;
      }
      edits.push({ offset: start, length: end - start, newText: '' });
    }
  }
  return removable.map((g) => g.id);
}
