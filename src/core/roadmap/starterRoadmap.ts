// The commented roadmap written by "Create Starter Roadmap". It must parse with no diagnostics
// (a unit test checks), so a newcomer's first look at the tree is clean.

export const STARTER_ROADMAP_YAML = `# Roadmap Lens — roadmap file, format version 1.
# Each item says what the team is building and *why*: the customer problem behind the code.
# Items nest under \`items:\` (goal → initiative → epic → feature → story), or point at a parent
# with \`parent: ID\`, also across files (roadmap/*.yaml merge into one roadmap).
version: 1                      # required: the format version
product: My Product             # optional: shown at the top of the tree

items:
  - id: GROW                    # required, unique ignoring case: letters, digits, - _ .
    kind: goal                  # goal | initiative | epic | feature | story | any word
    title: Grow repeat purchases
    why: >                      # the customer problem: why this exists
      Returning customers bring most of the revenue, yet most of them never order twice.
    metrics:                    # success metrics product and engineering share
      - name: 90-day repeat purchase rate
        baseline: 18%
        target: 30%
    status: in-progress         # planned | in-progress | shipped | dropped | free text
    owner: growth-team          # a team or a person
    target: 2026-Q3             # a release or a date, free text
    links: [https://example.com/specs/grow]
    items:                      # children nest here...
      - id: CHK
        kind: epic
        title: Frictionless checkout
        why: Shoppers who reorder every week rebuild their cart by hand every time.
        branches: ["checkout/*"]     # branch names or globs that belong to this item
        paths: ["src/checkout/**"]   # code this item owns (globs from the folder root)
        refs: [PAY-881, "#1234"]     # other keys that mean this item: tracker keys, PR numbers
        items:
          - id: CHK-1
            kind: feature
            title: One-click reorder
            why: Weekly shoppers must rebuild the same cart every week.
            metrics:
              - name: Time from landing to paid reorder
                baseline: 4 min
                target: 30 s
            status: planned

  - id: CHK-2
    parent: CHK                 # ...or point at the parent by id
    kind: feature
    title: Saved carts
    why: Shoppers lose a half-built cart when they switch devices.
    status: planned
`;
