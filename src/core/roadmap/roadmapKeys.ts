// The keys of roadmap format version 1, in one place: the parser, the "did you mean" hints and the
// JSON Schema test all read these lists, so they cannot drift apart.

export const ROADMAP_FORMAT_VERSION = 1;

export const ROOT_KEYS = ['version', 'product', 'items'] as const;

export const ITEM_KEYS = [
  'id',
  'kind',
  'title',
  'why',
  'metrics',
  'status',
  'owner',
  'target',
  'links',
  'branches',
  'paths',
  'refs',
  'parent',
  'items',
] as const;

export const METRIC_KEYS = ['name', 'baseline', 'target', 'current', 'unit'] as const;

/** Kinds whose items should say why they exist; others may leave it to their parent. */
export const KINDS_NEEDING_WHY: ReadonlySet<string> = new Set(['epic', 'feature']);

/** Deeper `items:` nesting is an error: it keeps the walk bounded on hostile input. */
export const MAX_ITEM_DEPTH = 64;

/** Letters and digits (any script), `-`, `_` and `.`. */
export const ID_PATTERN = /^[\p{L}\p{N}_.-]+$/u;
