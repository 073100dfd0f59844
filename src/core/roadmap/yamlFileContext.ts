// Positions, diagnostics and typed reads over one parsed YAML document. The roadmap parser works
// on yaml's node tree (never on `toJS()` output): every value keeps its range, aliases are
// followed on a budget, and keys from the file never become object properties.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { didYouMean } from '../util/didYouMean';
import type { RelatedLocation, RoadmapDiagnostic, Severity, SourceLocation, SourceRange } from './roadmapTypes';
import { YamlAnchors } from './yamlAnchors';

/** Alias dereferences allowed per file; a real roadmap uses a handful. */
export const MAX_ALIAS_DEREFERENCES = 10_000;

export type Deref = Node | undefined;

/** Diagnostics kept per file: a generated or hostile file must not flood the Problems panel. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

export class YamlFileContext {
  private readonly kept: RoadmapDiagnostic[] = [];
  private dropped = 0;
  private readonly anchors: YamlAnchors;
  private aliasBudgetReported = false;

  constructor(
    readonly file: string,
    private readonly source: string,
    private readonly lines: LineCounter,
    doc: Document.Parsed,
  ) {
    this.anchors = new YamlAnchors(doc, MAX_ALIAS_DEREFERENCES);
  }

  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.source.length));
    const { line, col } = this.lines.linePos(clamped);
    return { line: line - 1, character: col - 1 };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The node's value without trailing comments or line breaks. */
  nodeRange(node: Node | null | undefined): SourceRange {
    const r = node?.range;
    if (!r) return this.range(0, 0);
    return this.range(r[0], r[1]);
  }

  location(range: SourceRange): SourceLocation {
    return { file: this.file, range };
  }

  /** From `offset` to the end of its line: a readable anchor for "this whole item" problems. */
  lineFrom(offset: number): SourceRange {
    let end = this.source.indexOf('\n', offset);
    if (end < 0) end = this.source.length;
    if (end > offset && this.source.charCodeAt(end - 1) === 13) end--;
    return this.range(offset, end);
  }

  report(
    severity: Severity,
    code: string,
    message: string,
    range: SourceRange,
    related?: readonly RelatedLocation[],
  ): void {
    const diagnostic: RoadmapDiagnostic =
      related && related.length > 0
        ? { file: this.file, range, severity, code, message, related }
        : { file: this.file, range, severity, code, message };
    if (this.kept.length < MAX_DIAGNOSTICS_PER_FILE) this.kept.push(diagnostic);
    else this.dropped++;
  }

  /** Everything reported, sorted by position, with a note when some were left out. */
  diagnostics(): RoadmapDiagnostic[] {
    const out = [...this.kept].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    if (this.dropped > 0) {
      const range = this.range(0, 0);
      out.push({
        file: this.file,
        range,
        severity: 'warning',
        code: 'too-many-diagnostics',
        message: `${this.dropped} more problems in this file are not shown (the first ${MAX_DIAGNOSTICS_PER_FILE} are).`,
      });
    }
    return out;
  }

  /** The mapping's entries by key name. Keys from the file only ever go into a Map. */
  entries(map: YAMLMap, known: readonly string[], where: string): Map<string, { key: Node; value: unknown }> {
    const out = new Map<string, { key: Node; value: unknown }>();
    for (const pair of map.items) {
      const keyNode = this.deref(pair.key);
      if (keyNode === undefined || !isScalar(keyNode)) {
        this.report(
          'error',
          'invalid-key',
          `Keys ${where} must be plain words.`,
          this.nodeRange(keyNode ?? (pair.key as Node | null)),
        );
        continue;
      }
      const name = this.text(keyNode, 'key') ?? '';
      if (!known.includes(name)) {
        const hint = didYouMean(name, known);
        const suffix = hint === undefined ? ` Known keys: ${known.join(', ')}.` : ` Did you mean \`${hint}\`?`;
        this.report('warning', 'unknown-key', `Unknown key \`${name}\` ${where}.${suffix}`, this.nodeRange(keyNode));
        continue;
      }
      // yaml already reports the duplicate key; the first one counts.
      if (!out.has(name)) out.set(name, { key: keyNode, value: pair.value });
    }
    return out;
  }

  /** Follows aliases; `null` scalars and missing values come back as undefined. */
  deref(value: unknown): Deref {
    let node = value;
    for (let hops = 0; isAlias(node); hops++) {
      const result = this.anchors.resolve(node);
      if (result === 'budget') {
        if (!this.aliasBudgetReported) {
          this.aliasBudgetReported = true;
          this.report(
            'error',
            'too-many-aliases',
            `More than ${MAX_ALIAS_DEREFERENCES} alias dereferences: the rest of this file's aliases are ignored (an "alias bomb" would never finish).`,
            this.nodeRange(node),
          );
        }
        return undefined;
      }
      if (result === 'missing') {
        this.report(
          'error',
          'unknown-alias',
          `Alias \`*${node.source}\` has no anchor \`&${node.source}\` before it.`,
          this.nodeRange(node),
        );
        return undefined;
      }
      if (hops > 64) return undefined;
      node = result.node;
    }
    if (isScalar(node) && node.value === null) return undefined;
    return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
  }

  /**
   * A scalar as text. Numbers and booleans keep their source spelling (`1.10`, not `1.1`), so
   * `target: 2026` or `baseline: 18` read as written. Collections are a type error.
   */
  text(node: Deref, field: string): string | undefined {
    if (node === undefined) return undefined;
    if (isScalar(node)) {
      if (typeof node.value === 'string') return node.value;
      return node.source ?? String(node.value);
    }
    this.report(
      'error',
      'invalid-type',
      `\`${field}\` must be text, not a ${isMap(node) ? 'mapping' : 'list'}.`,
      this.nodeRange(node),
    );
    return undefined;
  }

  /**
   * A list of texts. A single text is a type error but is still used as a one-entry list, so
   * nothing the user wrote is lost from view.
   */
  textList(node: Deref, field: string): { values: string[]; nodes: Node[] } {
    const values: string[] = [];
    const nodes: Node[] = [];
    if (node === undefined) return { values, nodes };
    if (isScalar(node)) {
      this.report(
        'error',
        'invalid-type',
        `\`${field}\` must be a list, e.g. \`${field}: [${this.text(node, field) ?? ''}]\`.`,
        this.nodeRange(node),
      );
      const single = this.text(node, field);
      if (single !== undefined) {
        values.push(single);
        nodes.push(node);
      }
      return { values, nodes };
    }
    if (!isSeq(node)) {
      this.report('error', 'invalid-type', `\`${field}\` must be a list, not a mapping.`, this.nodeRange(node));
      return { values, nodes };
    }
    for (const entry of node.items) {
      const item = this.deref(entry);
      if (item === undefined) continue;
      if (!isScalar(item)) {
        this.report(
          'error',
          'invalid-type',
          `Each entry of \`${field}\` must be text, not a ${isMap(item) ? 'mapping' : 'list'}.`,
          this.nodeRange(item),
        );
        continue;
      }
      const text = this.text(item, field);
      if (text !== undefined) {
        values.push(text);
        nodes.push(item);
      }
    }
    return { values, nodes };
  }
}
