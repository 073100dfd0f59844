// Reads the `items:` tree of one file into flat items, parents before children, in file order.
// Each item is validated on its own: a broken item is reported and skipped, its siblings and
// (where they have ids) its children still load.
import { targetProblem } from './targetDate';
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { didYouMean } from '../util/didYouMean';
import { globProblem } from './globProblem';
import { ID_PATTERN, ITEM_KEYS, KINDS_NEEDING_WHY, MAX_ITEM_DEPTH, METRIC_KEYS } from './roadmapKeys';
import { idKey, KNOWN_KINDS, KNOWN_STATUSES, type Metric, type RoadmapItem, type SourceLocation } from './roadmapTypes';
import type { Deref, YamlFileContext } from './yamlFileContext';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Kind used when an item does not say; counted and shown like any other word. */
export const DEFAULT_KIND = 'item';

interface Walk {
  readonly ctx: YamlFileContext;
  readonly out: RoadmapItem[];
  readonly seen: Map<string, RoadmapItem>;
  /**
   * Item mappings and `items:` lists already read. An alias can only repeat them, never add an
   * item; skipping repeats keeps an alias "bomb" of nested items linear instead of exponential.
   */
  readonly visited: Set<YAMLMap | YAMLSeq>;
}

export function readItems(ctx: YamlFileContext, list: YAMLSeq, out: RoadmapItem[]): void {
  readList({ ctx, out, seen: new Map(), visited: new Set() }, list, list, undefined, 1);
}

function repeated(walk: Walk, node: YAMLMap | YAMLSeq, written: unknown): boolean {
  if (!walk.visited.has(node)) {
    walk.visited.add(node);
    return false;
  }
  const what = isSeq(node) ? 'list of items' : 'item';
  walk.ctx.report(
    'warning',
    'repeated-item',
    `This alias repeats an ${what} already in the roadmap; the repeat is ignored.`,
    walk.ctx.nodeRange(written as Node),
  );
  return true;
}

function readList(walk: Walk, list: YAMLSeq, written: unknown, parentId: string | undefined, depth: number): void {
  if (repeated(walk, list, written)) return;
  for (const entry of list.items) {
    const node = walk.ctx.deref(entry);
    if (node === undefined) continue;
    if (!isMap(node)) {
      walk.ctx.report(
        'error',
        'invalid-item',
        'Each item is a mapping with at least `id`, `kind` and `title`.',
        walk.ctx.nodeRange(node),
      );
      continue;
    }
    if (repeated(walk, node, entry)) continue;
    readItem(walk, node, parentId, depth);
  }
}

function readId(ctx: YamlFileContext, value: Deref, map: YAMLMap): string | undefined {
  const itemLine = ctx.lineFrom(map.range?.[0] ?? 0);
  if (value === undefined) {
    ctx.report(
      'error',
      'missing-id',
      'This item has no `id`: it is left out of the roadmap until it gets one.',
      itemLine,
    );
    return undefined;
  }
  if (!isScalar(value)) {
    ctx.text(value, 'id');
    return undefined;
  }
  const id = ctx.text(value, 'id') ?? '';
  if (id.length === 0) {
    ctx.report(
      'error',
      'missing-id',
      'This item has an empty `id`: it is left out of the roadmap until it gets one.',
      ctx.nodeRange(value),
    );
    return undefined;
  }
  if (typeof value.value !== 'string') {
    // Accepted as written (`12` stays "12", `1.10` stays "1.10"), but quoting says what is meant.
    ctx.report(
      'warning',
      'non-string-id',
      `The id \`${id}\` is a YAML ${typeof value.value}; it is read as the text "${id}". Quote it (\`id: "${id}"\`) to say so.`,
      ctx.nodeRange(value),
    );
  }
  if (!ID_PATTERN.test(id)) {
    ctx.report(
      'error',
      'invalid-id',
      `The id "${id}" may only contain letters, digits, \`-\`, \`_\` and \`.\`.`,
      ctx.nodeRange(value),
    );
  }
  return id;
}

function readMetrics(ctx: YamlFileContext, value: Deref): Metric[] {
  const metrics: Metric[] = [];
  if (value === undefined) return metrics;
  if (!isSeq(value)) {
    ctx.report(
      'error',
      'invalid-type',
      '`metrics` must be a list, e.g. `- name: … baseline: … target: …`.',
      ctx.nodeRange(value),
    );
    return metrics;
  }
  for (const entry of value.items) {
    const node = ctx.deref(entry);
    if (node === undefined) continue;
    if (isScalar(node)) {
      const name = ctx.text(node, 'metrics')?.trim();
      if (name) metrics.push({ name });
      continue;
    }
    if (!isMap(node)) {
      ctx.report(
        'error',
        'invalid-type',
        'Each metric is a mapping with `name`, `baseline` and `target`, or just a text.',
        ctx.nodeRange(node),
      );
      continue;
    }
    const fields = ctx.entries(node, METRIC_KEYS, 'in a metric');
    const text = (key: string): string | undefined => ctx.text(ctx.deref(fields.get(key)?.value), key)?.trim();
    const name = text('name');
    if (!name) {
      ctx.report('error', 'missing-metric-name', 'This metric has no `name`.', ctx.lineFrom(node.range?.[0] ?? 0));
      continue;
    }
    const metric: Mutable<Metric> = { name };
    for (const key of ['baseline', 'target', 'current', 'unit'] as const) {
      const v = text(key);
      if (v !== undefined && v.length > 0) metric[key] = v;
    }
    metrics.push(metric);
  }
  return metrics;
}

function readGlobs(ctx: YamlFileContext, value: Deref, field: 'branches' | 'paths'): string[] {
  const { values, nodes } = ctx.textList(value, field);
  values.forEach((pattern, i) => {
    const problem = globProblem(pattern);
    if (problem !== undefined) {
      ctx.report(
        'error',
        'invalid-glob',
        `Invalid glob "${pattern}" in \`${field}\`: ${problem}.`,
        ctx.nodeRange(nodes[i]),
      );
    }
  });
  return values;
}

/** Any word is allowed, but one letter away from a known word is probably a slip. */
function hintTypo(ctx: YamlFileContext, value: string, known: readonly string[], field: string, node: Deref): void {
  if (node === undefined || known.includes(value)) return;
  const hint = didYouMean(value, known);
  if (hint === undefined) return;
  ctx.report(
    'information',
    'possible-typo',
    `\`${field}: ${value}\` is not one of ${known.join(', ')} (any word is allowed). Did you mean \`${hint}\`?`,
    ctx.nodeRange(node),
  );
}

function readItem(walk: Walk, map: YAMLMap, enclosingId: string | undefined, depth: number): void {
  const { ctx } = walk;
  const fields = ctx.entries(map, ITEM_KEYS, 'in an item');
  const get = (key: string): Deref => ctx.deref(fields.get(key)?.value);
  const text = (key: string): string | undefined => {
    const v = ctx.text(get(key), key)?.trim();
    return v === undefined || v.length === 0 ? undefined : v;
  };

  const idNode = get('id');
  const id = readId(ctx, idNode, map);
  let keep = id !== undefined;
  if (id !== undefined) {
    const first = walk.seen.get(idKey(id));
    if (first !== undefined) {
      keep = false;
      const here = ctx.location(ctx.nodeRange(idNode));
      ctx.report(
        'error',
        'duplicate-id',
        `Duplicate id "${id}": ids are unique, ignoring case. This item is left out.`,
        here.range,
        [{ location: first.idLocation, message: `"${first.id}" is first defined here` }],
      );
      ctx.report(
        'error',
        'duplicate-id',
        `The id "${first.id}" is defined again further down.`,
        first.idLocation.range,
        [{ location: here, message: `"${id}" defined again here` }],
      );
    }
  }

  let parentId = enclosingId;
  let parentLocation: SourceLocation | undefined;
  const parentNode = get('parent');
  const explicitParent = text('parent');
  if (explicitParent !== undefined) {
    if (enclosingId !== undefined && idKey(enclosingId) !== idKey(explicitParent)) {
      ctx.report(
        'error',
        'parent-conflict',
        `This item is nested under "${enclosingId}" but says \`parent: ${explicitParent}\`; the nesting wins.`,
        ctx.nodeRange(parentNode),
      );
    } else {
      parentId = explicitParent;
      parentLocation = ctx.location(ctx.nodeRange(parentNode));
    }
  }

  const kind = (text('kind') ?? DEFAULT_KIND).toLowerCase();
  hintTypo(ctx, kind, KNOWN_KINDS, 'kind', get('kind'));
  const why = ctx.text(get('why'), 'why')?.trim();
  const metrics = readMetrics(ctx, get('metrics'));
  const links = ctx.textList(get('links'), 'links').values;
  const branches = readGlobs(ctx, get('branches'), 'branches');
  const paths = readGlobs(ctx, get('paths'), 'paths');
  const aliases = ctx.textList(get('refs'), 'refs');
  const status = text('status');
  if (status !== undefined) hintTypo(ctx, status.toLowerCase(), KNOWN_STATUSES, 'status', get('status'));
  const owner = text('owner');
  const target = text('target');
  const targetNode = get('target');
  const badTarget = target === undefined ? undefined : targetProblem(target);
  if (badTarget !== undefined && targetNode !== undefined)
    ctx.report('warning', 'unreadable-target', badTarget.message, ctx.nodeRange(targetNode));
  let title = text('title');

  if (id !== undefined && keep) {
    const idRange = ctx.nodeRange(idNode);
    if (title === undefined) {
      ctx.report('warning', 'missing-title', `Item "${id}" has no \`title\`; its id is shown instead.`, idRange);
      title = id;
    }
    if (KINDS_NEEDING_WHY.has(kind) && (why === undefined || why.length === 0)) {
      ctx.report(
        'warning',
        'missing-why',
        `The ${kind} "${id}" has no \`why\`: say which customer problem it solves.`,
        idRange,
      );
    }
    const item: Mutable<RoadmapItem> = {
      id,
      kind,
      title,
      metrics,
      links,
      branches,
      paths,
      aliases: aliases.values.map((r) => r.trim()),
      location: ctx.location(ctx.nodeRange(map)),
      idLocation: ctx.location(idRange),
      aliasLocations: aliases.nodes.map((n) => ctx.location(ctx.nodeRange(n))),
    };
    if (why !== undefined && why.length > 0) item.why = why;
    if (status !== undefined) item.status = status;
    if (owner !== undefined) item.owner = owner;
    if (target !== undefined) item.target = target;
    if (parentId !== undefined) item.parentId = parentId;
    if (parentLocation !== undefined) item.parentLocation = parentLocation;
    walk.out.push(item);
    walk.seen.set(idKey(id), item);
  }

  const childrenEntry = fields.get('items');
  const children = ctx.deref(childrenEntry?.value);
  if (children === undefined || childrenEntry === undefined) return;
  if (!isSeq(children)) {
    ctx.report('error', 'invalid-type', '`items` must be a list of items.', ctx.nodeRange(children));
    return;
  }
  if (depth >= MAX_ITEM_DEPTH) {
    ctx.report(
      'error',
      'items-too-deep',
      `Items nest more than ${MAX_ITEM_DEPTH} levels deep; the deeper items are left out. Use \`parent:\` for long chains.`,
      ctx.nodeRange(childrenEntry.key),
    );
    return;
  }
  // Children of an item without a usable id hang under the nearest ancestor that has one.
  readList(walk, children, childrenEntry.value, id ?? enclosingId, depth + 1);
}
