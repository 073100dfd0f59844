// The two-item roadmap the why-cache tests share (blame store, why-links, symbol store): CHK-12 is
// named by an annotation or a commit, CHK-13 by a merge, in each test's own repository.
export const SHOP_ROADMAP = [
  'version: 1',
  'product: Shop',
  'items:',
  '  - id: CHK-12',
  '    kind: feature',
  '    title: One-click reorder',
  '  - id: CHK-13',
  '    kind: feature',
  '    title: Saved carts',
  '',
].join('\n');
