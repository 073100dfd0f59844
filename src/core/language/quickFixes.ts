// The answers of the roadmap quick fixes that are pure text: a free id for a duplicate, the
// suggestion a diagnostic already names, and the closest id to an unknown parent.

import { didYouMean } from '../util/didYouMean';
import { idKey } from '../roadmap/roadmapTypes';

/** `CHK-12` → `CHK-13` (the next number not taken); `CHK` → `CHK-2`. */
export function freeId(id: string, isTaken: (id: string) => boolean): string {
  const numbered = /^(.*?)(\d+)$/.exec(id);
  const base = numbered ? (numbered[1] ?? '') : `${id}-`;
  let n = numbered ? Number(numbered[2]) + 1 : 2;
  const width = numbered ? (numbered[2] ?? '').length : 1;
  for (let guard = 0; guard < 100_000; guard++, n++) {
    const candidate = `${base}${String(n).padStart(width, '0')}`;
    if (!isTaken(candidate)) return candidate;
  }
  return `${id}-${Date.now().toString(36)}`;
}

/** The word in "Did you mean `owner`?" of a diagnostic message. */
export function suggestionIn(message: string): string | undefined {
  return /Did you mean `([^`\n]+)`\?/.exec(message)?.[1];
}

/** The known id closest to an unknown parent (`CHK-21` → `CHK-12`), ignoring case. */
export function closestId(unknown: string, ids: readonly string[]): string | undefined {
  const byKey = new Map(ids.map((id) => [idKey(id), id]));
  const hit = didYouMean(idKey(unknown), [...byKey.keys()]);
  return hit === undefined ? undefined : byKey.get(hit);
}

/** A new item's id: the parent's prefix and one more than the highest number any id with it uses. */
export function nextChildId(parentId: string | undefined, ids: readonly string[]): string {
  const base = parentId === undefined ? 'ITEM' : parentId.replace(/-\d+$/, '');
  const prefix = `${idKey(base)}-`;
  let max = 0;
  for (const id of ids) {
    const key = idKey(id);
    if (!key.startsWith(prefix)) continue;
    const n = Number(key.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${base}-${max + 1}`;
}
