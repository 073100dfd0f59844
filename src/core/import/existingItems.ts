// The items already in a roadmap file, as yaml nodes: what the import merges into. Walks the same
// `items:` tree the parser reads (nested lists and `parent:`), bounded the same way.

import { isMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { findPair, scalarText } from '../roadmap/tagEdit';
import { MAX_ITEM_DEPTH } from '../roadmap/roadmapKeys';
import { idKey } from '../roadmap/roadmapTypes';

export interface ExistingItem {
  readonly id: string;
  readonly map: YAMLMap;
  /** The `items:` list holding it, and the item that list belongs to (undefined: top level). */
  readonly list: YAMLSeq;
  /** The mapping whose `items:` key holds `list` (the root or the enclosing item). */
  readonly listOwner: YAMLMap;
  readonly enclosingId?: string | undefined;
  readonly refs: readonly string[];
  /** `parent:` as written, when the item has one. */
  readonly parent?: string | undefined;
  /** Ids of the items nested below it, at any depth. */
  readonly descendants: string[];
}

function textList(node: unknown): string[] {
  if (isSeq(node)) return node.items.map((i) => scalarText(i)).filter((s): s is string => s !== undefined);
  const one = scalarText(node);
  return one === undefined ? [] : [one];
}

/** Every item with a scalar id, parents before children, in file order. */
export function existingItems(doc: Document.Parsed): ExistingItem[] {
  const out: ExistingItem[] = [];
  const root = doc.contents;
  if (!isMap(root)) return out;
  const top = findPair(root, 'items')?.value;
  if (!isSeq(top)) return out;
  const visited = new Set<unknown>();
  const walk = (
    owner: YAMLMap,
    list: YAMLSeq,
    enclosing: ExistingItem | undefined,
    ancestors: ExistingItem[],
    depth: number,
  ): void => {
    if (depth > MAX_ITEM_DEPTH || visited.has(list)) return;
    visited.add(list);
    for (const node of list.items) {
      if (!isMap(node) || visited.has(node)) continue;
      visited.add(node);
      const idNode = findPair(node, 'id')?.value;
      const id = isScalar(idNode) ? scalarText(idNode)?.trim() : undefined;
      let self: ExistingItem | undefined;
      if (id) {
        self = {
          id,
          map: node,
          list,
          listOwner: owner,
          enclosingId: enclosing?.id,
          refs: textList(findPair(node, 'refs')?.value).map((r) => r.trim()),
          parent: scalarText(findPair(node, 'parent')?.value)?.trim() || undefined,
          descendants: [],
        };
        for (const a of ancestors) a.descendants.push(id);
        out.push(self);
      }
      const children = findPair(node, 'items')?.value;
      if (isSeq(children)) walk(node, children, self ?? enclosing, self ? [...ancestors, self] : ancestors, depth + 1);
    }
  };
  walk(root, top, undefined, [], 1);
  return out;
}

/** Lookup by id, then by ref, ignoring case (the parser's rule). */
export class ExistingIndex {
  private readonly byId = new Map<string, ExistingItem>();
  private readonly byAlias = new Map<string, ExistingItem>();

  constructor(readonly items: readonly ExistingItem[]) {
    for (const item of items) {
      if (!this.byId.has(idKey(item.id))) this.byId.set(idKey(item.id), item);
      for (const ref of item.refs) if (!this.byAlias.has(idKey(ref))) this.byAlias.set(idKey(ref), item);
    }
  }

  match(id: string, refs: readonly string[]): ExistingItem | undefined {
    for (const key of [id, ...refs]) {
      const hit = this.byId.get(idKey(key)) ?? this.byAlias.get(idKey(key));
      if (hit) return hit;
    }
    return undefined;
  }

  hasId(id: string): boolean {
    return this.byId.has(idKey(id));
  }
}
