// The roadmap files of one workspace folder, merged into one index. Keeps the promise "a broken
// file never blanks the view": when a file stops parsing as YAML, its last good parse stays in the
// index while the diagnostics show the new error. Pure, so the rule is unit-tested without VS Code.

import { RoadmapIndex } from './roadmapIndex';
import type { ParsedRoadmapFile, RoadmapDiagnostic } from './roadmapTypes';

/**
 * Diagnostic codes meaning "the YAML itself is unreadable", as opposed to a readable file with
 * content problems (those replace the old parse: the user sees exactly what they wrote).
 */
const UNREADABLE_CODES: ReadonlySet<string> = new Set(['yaml-syntax', 'too-deep', 'internal-error']);

export function isUnreadable(parsed: ParsedRoadmapFile): boolean {
  return parsed.diagnostics.some((d) => d.severity === 'error' && UNREADABLE_CODES.has(d.code));
}

interface FileState {
  /** The newest parse, shown in diagnostics. */
  readonly latest: ParsedRoadmapFile;
  /** What the index uses: `latest`, or the last readable parse while `latest` is unreadable. */
  readonly shown: ParsedRoadmapFile;
}

export class RoadmapFileSet {
  private readonly files = new Map<string, FileState>();
  private cached: { index: RoadmapIndex; diagnostics: readonly RoadmapDiagnostic[] } | undefined;

  get size(): number {
    return this.files.size;
  }

  fileNames(): string[] {
    return [...this.files.keys()];
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** True when `file` currently shows an older, readable version of itself. */
  isStale(file: string): boolean {
    const state = this.files.get(file);
    return state !== undefined && state.shown !== state.latest;
  }

  set(parsed: ParsedRoadmapFile): void {
    const previous = this.files.get(parsed.file);
    const keepOld = previous !== undefined && isUnreadable(parsed) && !isUnreadable(previous.shown);
    this.files.set(parsed.file, { latest: parsed, shown: keepOld ? previous.shown : parsed });
    this.cached = undefined;
  }

  delete(file: string): boolean {
    const deleted = this.files.delete(file);
    if (deleted) this.cached = undefined;
    return deleted;
  }

  get index(): RoadmapIndex {
    return this.build().index;
  }

  /**
   * The index's diagnostics, except that for a stale file the diagnostics of the old text (whose
   * ranges no longer match the editor) are replaced by those of the new, unreadable text.
   */
  get diagnostics(): readonly RoadmapDiagnostic[] {
    return this.build().diagnostics;
  }

  private build(): { index: RoadmapIndex; diagnostics: readonly RoadmapDiagnostic[] } {
    if (this.cached) return this.cached;
    const states = [...this.files.values()].sort((a, b) => compare(a.latest.file, b.latest.file));
    const index = states.length === 0 ? RoadmapIndex.empty : RoadmapIndex.build(states.map((s) => s.shown));
    const stale = new Set(states.filter((s) => s.shown !== s.latest).map((s) => s.latest.file));
    const diagnostics =
      stale.size === 0
        ? index.diagnostics
        : [
            ...index.diagnostics.filter((d) => !stale.has(d.file)),
            ...states.filter((s) => stale.has(s.latest.file)).flatMap((s) => s.latest.diagnostics),
          ];
    this.cached = { index, diagnostics };
    return this.cached;
  }
}

/** A stable file order, so the merged roadmap does not depend on discovery order. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
