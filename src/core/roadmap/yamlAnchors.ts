// Alias resolution with a budget. `yaml`'s own Alias.resolve() walks the whole document on every
// call and recurses; on a hostile file ("billion laughs", thousands of levels) both hurt. Here the
// document is walked once, iteratively, and every dereference is counted.
import { isAlias, isMap, isNode, isPair, isSeq, type Alias, type Document, type Node } from 'yaml';

export class YamlAnchors {
  private targets: Map<Alias, Node> | undefined;
  private used = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly budget: number,
  ) {}

  /** True once more aliases were followed than the budget allows. */
  get exhausted(): boolean {
    return this.used > this.budget;
  }

  /**
   * The node an alias stands for: `resolved` (a node), `missing` (no such anchor before it),
   * or `budget` (too many dereferences in this file).
   */
  resolve(alias: Alias): { node: Node } | 'missing' | 'budget' {
    this.used++;
    if (this.used > this.budget) return 'budget';
    this.targets ??= this.collect();
    const node = this.targets.get(alias);
    return node === undefined ? 'missing' : { node };
  }

  /** Pre-order, keys before values: "the last anchor of that name before the alias" is YAML's rule. */
  private collect(): Map<Alias, Node> {
    const out = new Map<Alias, Node>();
    const latest = new Map<string, Node>();
    walkNodes(this.doc.contents, (node) => {
      if (isAlias(node)) {
        const target = latest.get(node.source);
        if (target !== undefined) out.set(node, target);
      } else if (node.anchor !== undefined) {
        latest.set(node.anchor, node);
      }
    });
    return out;
  }
}

/** Every node under `root` in document order (pre-order, keys before values), without recursion. */
export function walkNodes(root: unknown, visit: (node: Node) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isNode(node)) continue;
    visit(node);
    if (isMap(node) || isSeq(node)) {
      const children: unknown[] = [];
      for (const entry of node.items) {
        if (isPair(entry)) children.push(entry.key, entry.value);
        else children.push(entry);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
}
