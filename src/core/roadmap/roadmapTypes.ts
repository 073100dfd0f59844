// The shared vocabulary of Roadmap Lens. Pure data: no vscode, no I/O.
// Positions are 0-based (line and UTF-16 column), like VS Code's; the CLI adds 1 when printing.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

/** Where something was written: a roadmap file (absolute path or URI string) and a range in it. */
export interface SourceLocation {
  readonly file: string;
  readonly range: SourceRange;
}

export type Severity = 'error' | 'warning' | 'information';

export interface RoadmapDiagnostic {
  readonly file: string;
  readonly range: SourceRange;
  readonly severity: Severity;
  readonly message: string;
  /** A stable machine-readable code, e.g. `duplicate-id`, `unknown-key`. */
  readonly code: string;
  /** Other places the problem involves (the first definition of a duplicate id, the rest of a cycle). */
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly location: SourceLocation;
  readonly message: string;
}

export interface Metric {
  readonly name: string;
  readonly baseline?: string;
  readonly target?: string;
  readonly current?: string;
  readonly unit?: string;
}

/** Kinds with a meaning; any other word is allowed and shown as-is. */
export const KNOWN_KINDS = ['goal', 'initiative', 'epic', 'feature', 'story'] as const;
export const KNOWN_STATUSES = ['planned', 'in-progress', 'shipped', 'dropped'] as const;

export interface RoadmapItem {
  /** As written in the file. Lookups are case-insensitive: use `idKey()`. */
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly why?: string;
  readonly metrics: readonly Metric[];
  readonly status?: string;
  readonly owner?: string;
  readonly target?: string;
  readonly links: readonly string[];
  readonly branches: readonly string[];
  readonly paths: readonly string[];
  readonly aliases: readonly string[];
  /** The parent's id as written (`parent:` or the enclosing `items:`), if any. */
  readonly parentId?: string;
  /** The whole item mapping, and the id value (for "reveal in YAML" and links). */
  readonly location: SourceLocation;
  readonly idLocation: SourceLocation;
  /** The value of an explicit `parent:` key, when the item has one (unknown parent, cycles). */
  readonly parentLocation?: SourceLocation;
  /** Where each alias was written, same order (alias-is-id warnings). */
  readonly aliasLocations?: readonly SourceLocation[];
}

/** The result of parsing one roadmap file. Items are flattened; nesting is kept in `parentId`. */
export interface ParsedRoadmapFile {
  readonly file: string;
  readonly version?: number;
  readonly product?: string;
  readonly items: readonly RoadmapItem[];
  readonly diagnostics: readonly RoadmapDiagnostic[];
}

/** Normalises an id or alias for case-insensitive comparison. */
export function idKey(id: string): string {
  return id.toUpperCase();
}
