// One roadmap file's items as a tree for the Outline: a child sits under its parent only when the
// parent's mapping contains it in the file (nesting under `items:`); an item that names a parent
// elsewhere (`parent:`) stays at the top, so every node's range encloses its children's.

import type { RoadmapItem, SourceRange } from '../roadmap/roadmapTypes';

export interface OutlineNode {
  readonly item: RoadmapItem;
  readonly children: OutlineNode[];
}

function contains(outer: SourceRange, inner: SourceRange): boolean {
  const before = (a: SourceRange['start'], b: SourceRange['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** `items` in file order (parents before children, as the parser yields them). */
export function roadmapOutline(items: readonly RoadmapItem[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const item of items) {
    const node: OutlineNode = { item, children: [] };
    while (
      stack.length > 0 &&
      !contains(stack[stack.length - 1]?.item.location.range ?? item.location.range, item.location.range)
    )
      stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}
