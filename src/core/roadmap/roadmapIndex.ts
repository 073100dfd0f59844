// One roadmap merged from several parsed files: lookups by id or ref, the hierarchy, and the
// checks that need every file at once (duplicate ids across files, unknown parents, cycles,
// a ref that is another item's id). Immutable: a reload builds a new index.
import { ReferenceMatcher } from '../linking/referenceMatcher';
import {
  idKey,
  type ParsedRoadmapFile,
  type RoadmapDiagnostic,
  type RoadmapItem,
  type SourceLocation,
} from './roadmapTypes';

function diagnostic(
  at: SourceLocation,
  severity: RoadmapDiagnostic['severity'],
  code: string,
  message: string,
  related?: RoadmapDiagnostic['related'],
): RoadmapDiagnostic {
  return related
    ? { file: at.file, range: at.range, severity, code, message, related }
    : { file: at.file, range: at.range, severity, code, message };
}

export class RoadmapIndex {
  static readonly empty: RoadmapIndex = RoadmapIndex.build([]);

  readonly product: string | undefined;
  readonly items: readonly RoadmapItem[];
  readonly files: readonly ParsedRoadmapFile[];
  readonly diagnostics: readonly RoadmapDiagnostic[];
  private matcherCache: ReferenceMatcher | undefined;

  private constructor(
    files: readonly ParsedRoadmapFile[],
    items: readonly RoadmapItem[],
    diagnostics: readonly RoadmapDiagnostic[],
    private readonly byId: ReadonlyMap<string, RoadmapItem>,
    private readonly byAlias: ReadonlyMap<string, readonly RoadmapItem[]>,
    private readonly parentOf: ReadonlyMap<RoadmapItem, RoadmapItem>,
    private readonly childrenOf: ReadonlyMap<RoadmapItem, readonly RoadmapItem[]>,
    private readonly rootItems: readonly RoadmapItem[],
  ) {
    this.files = files;
    this.items = items;
    this.diagnostics = diagnostics;
    this.product = files.find((f) => f.product !== undefined)?.product;
  }

  /** Built on first use: most reloads in the editor never match text before the next reload. */
  get matcher(): ReferenceMatcher {
    this.matcherCache ??= new ReferenceMatcher(this.items);
    return this.matcherCache;
  }

  static build(files: readonly ParsedRoadmapFile[]): RoadmapIndex {
    const diagnostics: RoadmapDiagnostic[] = files.flatMap((f) => f.diagnostics);
    const items: RoadmapItem[] = [];
    const byId = new Map<string, RoadmapItem>();
    for (const file of files) {
      for (const item of file.items) {
        const key = idKey(item.id);
        const first = byId.get(key);
        if (first !== undefined) {
          diagnostics.push(
            diagnostic(
              item.idLocation,
              'error',
              'duplicate-id',
              `Duplicate id "${item.id}": it is already defined in another roadmap file. This item is left out.`,
              [{ location: first.idLocation, message: `"${first.id}" is first defined here` }],
            ),
            diagnostic(
              first.idLocation,
              'error',
              'duplicate-id',
              `The id "${first.id}" is defined again in another roadmap file.`,
              [{ location: item.idLocation, message: `"${item.id}" defined again here` }],
            ),
          );
          continue;
        }
        byId.set(key, item);
        items.push(item);
      }
    }

    const byAlias = RoadmapIndex.indexRefs(items, byId, diagnostics);
    const parentOf = RoadmapIndex.linkParents(items, byId, diagnostics);
    const childrenOf = new Map<RoadmapItem, RoadmapItem[]>();
    const roots: RoadmapItem[] = [];
    for (const item of items) {
      const parent = parentOf.get(item);
      if (parent === undefined) {
        roots.push(item);
        continue;
      }
      let list = childrenOf.get(parent);
      if (list === undefined) childrenOf.set(parent, (list = []));
      list.push(item);
    }
    return new RoadmapIndex(files, items, diagnostics, byId, byAlias, parentOf, childrenOf, roots);
  }

  private static indexRefs(
    items: readonly RoadmapItem[],
    byId: ReadonlyMap<string, RoadmapItem>,
    out: RoadmapDiagnostic[],
  ): Map<string, RoadmapItem[]> {
    const byAlias = new Map<string, RoadmapItem[]>();
    for (const item of items) {
      item.aliases.forEach((ref, i) => {
        const key = idKey(ref);
        if (key.length === 0) return;
        const at = item.aliasLocations?.[i] ?? item.idLocation;
        const owner = byId.get(key);
        if (owner !== undefined) {
          if (owner !== item)
            out.push(
              diagnostic(
                at,
                'warning',
                'ref-is-id',
                `The ref "${ref}" is the id of item "${owner.id}"; text mentioning it links to "${owner.id}", not "${item.id}".`,
                [{ location: owner.idLocation, message: `"${owner.id}" is defined here` }],
              ),
            );
          return;
        }
        // A ref several items name is normal (one pull request fixed two issues): it links to
        // all of them (aliasOwners), so there is nothing to warn about.
        const owners = byAlias.get(key);
        if (owners === undefined) byAlias.set(key, [item]);
        else if (!owners.includes(item)) owners.push(item);
      });
    }
    return byAlias;
  }

  /** Resolves parent ids, reports unknown ones, and breaks every cycle at one explicit `parent:`. */
  private static linkParents(
    items: readonly RoadmapItem[],
    byId: ReadonlyMap<string, RoadmapItem>,
    out: RoadmapDiagnostic[],
  ): Map<RoadmapItem, RoadmapItem> {
    const parentOf = new Map<RoadmapItem, RoadmapItem>();
    for (const item of items) {
      if (item.parentId === undefined) continue;
      const parent = byId.get(idKey(item.parentId));
      if (parent === undefined) {
        out.push(
          diagnostic(
            item.parentLocation ?? item.idLocation,
            'error',
            'unknown-parent',
            `Unknown parent "${item.parentId}": no item has that id. "${item.id}" is shown at the top level.`,
          ),
        );
      } else {
        parentOf.set(item, parent);
      }
    }
    // Iterative walk up the chains: 0 = unseen, 1 = on the current path, 2 = done. Items without a
    // parent end every chain: most of a big roadmap's items are settled by one look-up, with no
    // path (10,000 items: this walk was ~15 ms of a warm `why`, issue #13).
    const state = new Map<RoadmapItem, 1 | 2>();
    let order: Map<RoadmapItem, number> | undefined;
    const path: RoadmapItem[] = [];
    for (const start of items) {
      if (!parentOf.has(start) || state.has(start)) continue;
      path.length = 0;
      let cur: RoadmapItem | undefined = start;
      while (cur !== undefined && state.get(cur) === undefined) {
        state.set(cur, 1);
        path.push(cur);
        cur = parentOf.get(cur);
      }
      if (cur !== undefined && state.get(cur) === 1) {
        order ??= new Map<RoadmapItem, number>(items.map((item, i) => [item, i]));
        const positions = order;
        const cycle = path.slice(path.indexOf(cur));
        const explicit = cycle.filter((i) => i.parentLocation !== undefined);
        const candidates = explicit.length > 0 ? explicit : cycle;
        const breaker = candidates.reduce((a, b) => ((positions.get(a) ?? 0) <= (positions.get(b) ?? 0) ? a : b));
        parentOf.delete(breaker);
        const names = [...cycle, cycle[0]].map((i) => `"${i?.id ?? ''}"`).join(' → ');
        const related = cycle
          .filter((i) => i !== breaker)
          .map((i) => ({ location: i.parentLocation ?? i.idLocation, message: `"${i.id}" is part of the cycle` }));
        out.push(
          diagnostic(
            breaker.parentLocation ?? breaker.idLocation,
            'error',
            'parent-cycle',
            `Parent cycle ${names}; "${breaker.id}" is shown at the top level.`,
            related,
          ),
        );
      }
      for (const item of path) state.set(item, 2);
    }
    return parentOf;
  }

  /** By id first, then by ref; both ignore case and surrounding spaces. */
  get(idOrRef: string): RoadmapItem | undefined {
    const key = idKey(idOrRef.trim());
    return this.byId.get(key) ?? this.byAlias.get(key)?.[0];
  }

  /** Every item an id or ref names: the item with that id, or all items listing the ref. */
  aliasOwners(idOrRef: string): readonly RoadmapItem[] {
    const key = idKey(idOrRef.trim());
    const item = this.byId.get(key);
    return item ? [item] : (this.byAlias.get(key) ?? []);
  }

  roots(): readonly RoadmapItem[] {
    return this.rootItems;
  }

  children(id: string): readonly RoadmapItem[] {
    const item = this.byId.get(idKey(id.trim()));
    return item === undefined ? [] : (this.childrenOf.get(item) ?? []);
  }

  parent(id: string): RoadmapItem | undefined {
    const item = this.byId.get(idKey(id.trim()));
    return item === undefined ? undefined : this.parentOf.get(item);
  }

  /** Nearest first. Cycles were broken at build time, so the walk ends. */
  ancestors(id: string): readonly RoadmapItem[] {
    const out: RoadmapItem[] = [];
    let cur = this.parent(id);
    while (cur !== undefined && out.length <= this.items.length) {
      out.push(cur);
      cur = this.parentOf.get(cur);
    }
    return out;
  }

  /** Kinds in order of first appearance. */
  countByKind(): ReadonlyMap<string, number> {
    const counts = new Map<string, number>();
    for (const item of this.items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
    return counts;
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}
