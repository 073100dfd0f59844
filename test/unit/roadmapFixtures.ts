import type { RoadmapItem } from '../../src/core/roadmap/roadmapTypes';

// The example from issue #2, verbatim: every field must work as written.
export const SPEC_EXAMPLE = `version: 1
product: Acme Shop
items:
  - id: GROW                      # unique (case-insensitive): letters, digits, - _ .
    kind: goal                    # goal | initiative | epic | feature | story | any word
    title: Grow repeat purchases
    why: >                        # the customer problem: why this exists
      Returning customers bring 60% of revenue, yet 70% never place a second order.
    metrics:                      # success metrics PM and EM share
      - name: 90-day repeat purchase rate
        baseline: 18%
        target: 30%
    status: in-progress           # planned | in-progress | shipped | dropped | free text
    owner: growth-team
    target: 2026-Q3               # release or date, free text
    links: [https://example.com/specs/grow]
    items:                        # children nest...
      - id: CHK
        kind: epic
        title: Frictionless checkout
        why: Shoppers who reorder weekly rebuild their cart by hand every time.
        branches: ["checkout/*"]  # branch names or globs tagged to this item
        paths: ["src/checkout/**"] # code this item owns
        refs: [PAY-881, "#1234"]  # other keys that mean this item (tracker keys, PR/issue numbers)
  - id: CHK-12
    parent: CHK                   # ...or point at a parent by id, also across files
    kind: feature
    title: One-click reorder
    why: Weekly grocery shoppers must rebuild the same cart every week.
`;

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

/** A complete RoadmapItem for renderer tests: only what a test overrides matters. */
export function makeItem(overrides: Partial<RoadmapItem> & Pick<RoadmapItem, 'id'>): RoadmapItem {
  return {
    kind: 'feature',
    title: 'One-click reorder',
    metrics: [],
    links: [],
    branches: [],
    paths: [],
    aliases: [],
    location: { file: '/w/roadmap.yaml', range },
    idLocation: { file: '/w/roadmap.yaml', range },
    ...overrides,
  };
}
