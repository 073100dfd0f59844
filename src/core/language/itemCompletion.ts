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
}

export function completionCandidates(items: readonly RoadmapItem[]): CompletionCandidates {
  return {
    items,
    ids: items.map((i) => idKey(i.id)),
    refs: items.map((i) => i.refs.map(idKey).join('\n')),
    titles: items.map((i) => ` ${i.title.toUpperCase()}`),
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
  const currentKey = currentId === undefined ? undefined : idKey(currentId);
  const buckets: RankedItem[][] = [[], [], [], [], [], []];
  const { items, ids, refs, titles } = candidates;
  const titleWord = ` ${query}`;
  let matched = 0;
  for (let i = 0; i < items.length; i++) {
    const id = ids[i] ?? '';
    const item = items[i];
    if (item === undefined) continue;
    let rank: number;
    if (query === '') rank = 1;
    else if (id.startsWith(query)) rank = 1;
    else if ((refs[i] ?? '') !== '' && ('\n' + (refs[i] ?? '')).includes('\n' + query)) rank = 2;
    else if (id.includes(query)) rank = 3;
    else {
      const title = titles[i] ?? '';
      if (title.includes(titleWord)) rank = 4;
      else if (title.includes(query)) rank = 5;
      else continue;
    }
    if (id === currentKey) rank = 0;
    matched++;
    // Only the best `limit` can be returned: once enough better ones are found, skip worse ones.
    const bucket = buckets[rank];
    if (bucket !== undefined && bucket.length < limit) bucket.push({ item, rank });
  }
  const ranked: RankedItem[] = [];
  for (const bucket of buckets) {
    bucket.sort((a, b) => compareIds(a.item.id, b.item.id));
    for (const r of bucket) {
      if (ranked.length >= limit) break;
      ranked.push(r);
    }
  }
  return { ranked, incomplete: matched > ranked.length };
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
