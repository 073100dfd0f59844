// The last step of `roadmap-lens why`: once blame is in (or history is off), the answer's state,
// message and attribution. Split from whyAnalysis.ts, which gathers the parts.
import { attributeFile } from '../core/attribution/attribution';
import type { CommitLinksLookup } from '../core/attribution/attributionTypes';
import type { BlameOutcome } from '../git/blameRunner';
import type { WhyAnalysis } from './whyAnalysis';

type Parts = Omit<WhyAnalysis, 'state' | 'message' | 'attribution'>;

/**
 * The analysis from `parts` and the blame's outcome (undefined: `--no-history`, annotations and
 * ownership only). `ownPath` is the file's path as the roadmap's `paths` globs see it.
 */
export function whyOutcome(
  parts: Parts,
  blame: BlameOutcome | undefined,
  commits: CommitLinksLookup | undefined,
  ownPath: string,
): WhyAnalysis {
  const { lines, index: roadmap, symbols, currentItemId } = parts;
  const plain = { lines, relPath: ownPath, roadmap, symbols };
  if (blame === undefined) return { ...parts, state: 'ok', attribution: attributeFile(plain) };
  switch (blame.state) {
    case 'ok':
      return {
        ...parts,
        state: 'ok',
        attribution: attributeFile({ ...plain, blame: blame.blame, commits, currentItemId }),
      };
    case 'untracked':
      return {
        ...parts,
        state: 'untracked',
        message: 'not committed yet: every line is new work',
        attribution: attributeFile({ ...plain, allUncommitted: true, currentItemId }),
      };
    default: {
      const message = blame.state === 'error' ? blame.message : `blame: ${blame.state}`;
      return {
        ...parts,
        state: blame.state === 'missing' ? 'missing' : blame.state === 'binary' ? 'binary' : 'error',
        message,
        attribution: attributeFile(plain),
      };
    }
  }
}
