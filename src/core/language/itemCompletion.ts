// Ranks roadmap items for a typed word: the current item first, then ids that start with it, ids
// that contain it, titles with a word that starts with it, titles that contain it. Built once per
// roadmap (lower-cased keys in flat arrays) so a keystroke on a 10,000-item roadmap scans strings,
// not objects, and returns at most `limit` items (the editor asks again as the word grows).

import { idKey, type RoadmapItem } from '../roadmap/roadmapTypes';

export interface CompletionCandidates {
  readonly items: readonly RoadmapItem[];
  readonly ids: readonly string[];
  readonly refs: readonly string[];
  readonly titles: readonly string[];
  /** Position of each id (upper-cased) in `items`: the current item is found without a scan. */
  readonly positions: ReadonlyMap<string, number>;
}

export function completionCandidates(items: readonly RoadmapItem[]): CompletionCandidates {
  return {
    items,
    ids: items.map((i) => idKey(i.id)),
    refs: items.map((i) => (i.aliases.length === 0 ? '' : `\n${i.aliases.map(idKey).join('\n')}`)),
    titles: items.map((i) => ` ${i.title.toUpperCase()}`),
    positions: new Map(items.map((i, n) => [idKey(i.id), n])),
  };
}

export interface RankedItem {
  readonly item: RoadmapItem;
  /** 0 current item, 1 id prefix, 2 ref prefix, 3 id contains, 4 title word prefix, 5 title contains. */
  readonly rank: number;
}

export interface RankResult {
  readonly ranked: readonly RankedItem[];
  /** More items matched than were returned: the editor should ask again as the word grows. */
  readonly incomplete: boolean;
}

export function rankItems(
  candidates: CompletionCandidates,
  word: string,
  currentId: string | undefined,
  limit = 100,
): RankResult {
  const query = idKey(word.trim());
  const currentAt = currentId === undefined ? undefined : candidates.positions.get(idKey(currentId));
  const current = currentAt === undefined ? undefined : candidates.items[currentAt];
  const buckets: RankedItem[][] = [[], [], [], [], [], []];
  const { items, ids, refs, titles } = candidates;
  const titleWord = ` ${query}`;
  const refPrefix = `\n${query}`;
  let matched = 0;
  /** Matches of rank 0 or 1 (the best an item can do). */
  let settled = 0;
  for (let i = 0; i < items.length; i++) {
    const id = ids[i] ?? '';
    const item = items[i];
    if (item === undefined || i === currentAt) continue;
    let rank: number;
    if (query === '' || id.startsWith(query)) rank = 1;
    else {
      const r = refs[i] ?? '';
      if (r !== '' && r.includes(refPrefix)) rank = 2;
      else if (id.includes(query)) rank = 3;
      else {
        const title = titles[i] ?? '';
        if (title.includes(titleWord)) rank = 4;
        else if (title.includes(query)) rank = 5;
        else continue;
      }
    }
    matched++;
    const bucket = buckets[rank];
    if (bucket !== undefined && bucket.length < limit) bucket.push({ item, rank });
    if (rank <= 1) settled++;
    // Ids that start with the word fill the answer: nothing later can enter it, and this extra
    // match already says there are more.
    if (settled > limit) break;
  }
  // The current item comes first whatever was typed: it is what the user is working on.
  if (current !== undefined) buckets[0]?.push({ item: current, rank: 0 });
  const ranked: RankedItem[] = [];
  for (const bucket of buckets) {
    bucket.sort((a, b) => compareIds(a.item.id, b.item.id));
    for (const r of bucket) {
      if (ranked.length >= limit) break;
      ranked.push(r);
    }
  }
  return { ranked, incomplete: matched + (current === undefined ? 0 : 1) > ranked.length };
}

/** `CHK-2` before `CHK-12`: numbers compare as numbers. */
export function compareIds(a: string, b: string): number {
  return COLLATOR.compare(a, b);
}

const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The text shown next to an item: its title and, when it has one, its why on one line. */
export function itemDetail(item: RoadmapItem, max = 120): string {
  const why = item.why?.trim().replace(/\s+/g, ' ');
  const text = why ? `${item.title} — ${why}` : item.title;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
