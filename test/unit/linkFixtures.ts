// Small roadmaps for the linking tests: plain RoadmapItem objects and a matcher, no YAML.
import { CommitLinker, type LinkOptions } from '../../src/core/linking/commitLinks';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';
import type { RoadmapItem } from '../../src/core/roadmap/roadmapTypes';

const NOWHERE = { file: 'roadmap.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

export function item(
  id: string,
  extra: Partial<Pick<RoadmapItem, 'aliases' | 'branches' | 'kind' | 'title'>> = {},
): RoadmapItem {
  return {
    id,
    kind: extra.kind ?? 'feature',
    title: extra.title ?? `Item ${id}`,
    metrics: [],
    links: [],
    branches: extra.branches ?? [],
    paths: [],
    aliases: extra.aliases ?? [],
    location: NOWHERE,
    idLocation: NOWHERE,
  };
}

export const ITEMS: readonly RoadmapItem[] = [
  item('GROW', { kind: 'goal' }),
  item('CHK', { kind: 'epic', aliases: ['PAY-881', '#1234'], branches: ['checkout/*'] }),
  item('CHK-12', { title: 'One-click reorder' }),
  item('CHK-13'),
  item('SRCH', { kind: 'epic', branches: ['team-search/**', 'spike-x'] }),
];

export function linkerFor(items: readonly RoadmapItem[] = ITEMS, opts: LinkOptions = {}): CommitLinker {
  return new CommitLinker({ items, matcher: new ReferenceMatcher(items) }, opts);
}
