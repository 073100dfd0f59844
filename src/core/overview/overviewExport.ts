// What the page shows, as the `Overview` the Markdown and SVG exports render: the same groups in
// the same order, narrowed by the same query, so an export never holds more or less than the screen.

import type { Overview, OverviewCard, UnlinkedWork } from '../render/roadmapOverview';
import type { RoadmapItem } from '../roadmap/roadmapTypes';
import type { OverviewEntry } from './overviewEntries';
import { describeQuery, isFiltering, queryOverview, type OverviewQuery } from './overviewQuery';

export function overviewForExport(options: {
  readonly entries: readonly OverviewEntry[];
  readonly query: OverviewQuery;
  /** The item behind an entry (by id). */
  readonly item: (id: string) => RoadmapItem | undefined;
  readonly product: string | undefined;
  readonly unlinked: UnlinkedWork | undefined;
}): Overview {
  const { entries, query } = options;
  const result = queryOverview(entries, query);
  const columns = result.groups.map((g) => ({
    key: g.key,
    title: g.title,
    cards: g.members.flatMap((i): OverviewCard[] => {
      const e = entries[i];
      const item = e === undefined ? undefined : options.item(e.id);
      if (e === undefined || item === undefined) return [];
      const work = { branches: e.branches, commits: e.commits };
      return [
        e.via !== undefined && e.target !== undefined
          ? { item, work, inherited: { target: e.target, via: e.via } }
          : { item, work },
      ];
    }),
  }));
  return {
    product: options.product,
    mode: query.groupBy,
    columns,
    unlinked: options.unlinked,
    ...(isFiltering(query)
      ? { filter: { description: describeQuery(query), matched: result.matched, total: result.total } }
      : {}),
  };
}
