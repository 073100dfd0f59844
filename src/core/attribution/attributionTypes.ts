// The shapes line attribution reads and answers with: what it needs of the roadmap and the commit
// index, the evidence for one line, and the ranking of items over a range.

import type { AnnotationMatcher } from './annotations';
import type { BlameResult } from '../gitOutput/blameParser';
import type { RoadmapItem } from '../roadmap/roadmapTypes';
import type { SymbolRange } from './symbolRanges';

export interface CommitItemLink {
  readonly itemId: string;
  /** How the commit names the item: `message`, `trailer`, `merge`, `branch`… (the commit index's words). */
  readonly evidence: string;
}

/** What attribution needs from the commit index (#3): the references of a commit. */
export interface CommitLinksLookup {
  linksFor(sha: string): readonly CommitItemLink[] | undefined;
}

/** What attribution needs from the RoadmapIndex. */
export interface AttributionRoadmap {
  readonly items: readonly RoadmapItem[];
  readonly matcher: AnnotationMatcher;
  get(idOrAlias: string): RoadmapItem | undefined;
}

export type LineEvidence =
  | {
      readonly kind: 'annotation';
      readonly line: number;
      readonly comment: string;
      readonly explicit: boolean;
      readonly scope: 'line' | 'symbol';
    }
  | { readonly kind: 'ownership'; readonly glob: string }
  | {
      readonly kind: 'history';
      readonly sha: string;
      readonly summary: string;
      readonly author: string;
      /** Author time, seconds since the epoch. */
      readonly time: number;
      readonly how: string;
      readonly boundary: boolean;
    }
  | { readonly kind: 'uncommitted' };

export type LineEvidenceKind = LineEvidence['kind'];

export interface LineItem {
  readonly itemId: string;
  readonly evidence: readonly LineEvidence[];
}

export interface ItemShare {
  readonly itemId: string;
  /** Lines of the range this item serves, and that as a fraction of the range. */
  readonly lines: number;
  readonly share: number;
  /** The latest author time among its history lines (seconds); uncommitted lines count as now; 0 if none. */
  readonly lastTime: number;
  /** Lines per source (a line may count under several). */
  readonly bySource: Readonly<Record<LineEvidenceKind, number>>;
}

export interface SymbolAttribution {
  readonly symbol: SymbolRange;
  readonly lines: number;
  readonly items: readonly ItemShare[];
}

export interface AttributionInput {
  /** The file's lines, without terminators (a trailing `\r` is tolerated). */
  readonly lines: readonly string[];
  /** Path relative to the repository root, with `/` separators (for `paths` globs). */
  readonly relPath: string;
  readonly roadmap: AttributionRoadmap;
  /** Blame of these same lines; undefined when history is off or unavailable. */
  readonly blame?: BlameResult | undefined;
  /** True for a file git does not know yet: every line is new work. */
  readonly allUncommitted?: boolean;
  readonly commits?: CommitLinksLookup | undefined;
  /** The item the user is working on now (#3), which uncommitted lines serve. */
  readonly currentItemId?: string | undefined;
  readonly symbols?: readonly SymbolRange[];
  /** "Now" in seconds, for the recency of uncommitted lines. */
  readonly now?: number;
}
