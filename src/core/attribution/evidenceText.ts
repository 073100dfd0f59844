// One wording of attribution evidence for every surface (CLI, hover, quick pick), so the CLI's
// documented output and the editor say the same thing.

import type { LineEvidence } from './attributionTypes';
import { relativeTime } from '../render/commitTimeline';

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** `last changed in a1b2c3d "CHK-12: reorder from history" — 3 days ago (trailer)` and the like. */
export function describeEvidence(e: LineEvidence, nowMs: number): string {
  switch (e.kind) {
    case 'history': {
      const when = e.time > 0 ? ` — ${relativeTime(e.time * 1000, nowMs)}` : '';
      const edge = e.boundary ? '; history may go back further' : '';
      return `last changed in ${shortSha(e.sha)} "${e.summary}"${when} (${e.how}${edge})`;
    }
    case 'ownership':
      return `owned path ${e.glob}`;
    case 'annotation':
      return `annotation on line ${e.line + 1}: "${e.comment}"${e.scope === 'symbol' ? ' (heads the symbol)' : ''}`;
    case 'uncommitted':
      return 'not committed yet: the current work item';
  }
}
