// Which items own a path through their `paths` globs (the ownership source of line attribution).

import { compileGlob } from '../glob/globMatcher';
import { globLiteralDir } from '../roadmap/roadmapDiscovery';
import type { RoadmapItem } from '../roadmap/roadmapTypes';

/** A `paths` glob, compiled on first use; `dir` is its literal leading folder (`src/checkout/`), if any. */
interface OwnershipGlob {
  readonly glob: string;
  readonly dir: string;
  test?: (path: string) => boolean;
}

type OwnershipMatcher = { readonly id: string; readonly globs: readonly OwnershipGlob[] };

/**
 * `paths` globs, once per roadmap (a RoadmapIndex's items array never changes). A glob is compiled
 * only for a path under its literal folder: compiling every glob of a 10k-item roadmap was ~25 ms
 * of each cold `why` (bench profile), for the handful that could match one file.
 */
const ownershipCache = new WeakMap<readonly RoadmapItem[], readonly OwnershipMatcher[]>();

function ownsPath(g: OwnershipGlob, relPath: string): boolean {
  if (!relPath.startsWith(g.dir)) return false;
  // An invalid or refused glob is reported by the roadmap validator; here it just never matches.
  g.test ??= compileGlob(g.glob) ?? ((): boolean => false);
  return g.test(relPath);
}

function ownershipMatchers(items: readonly RoadmapItem[]): readonly OwnershipMatcher[] {
  let matchers = ownershipCache.get(items);
  if (matchers === undefined) {
    const list: OwnershipMatcher[] = [];
    // Items of a team mostly share their globs (`src/checkout/**` on every CHK epic): one
    // OwnershipGlob per distinct glob, so each is split and compiled once.
    const shared = new Map<string, OwnershipGlob>();
    const once = (glob: string): OwnershipGlob => {
      let g = shared.get(glob);
      if (g === undefined) shared.set(glob, (g = { glob, dir: globLiteralDir(glob) }));
      return g;
    };
    for (const item of items) {
      if (item.paths.length > 0) list.push({ id: item.id, globs: item.paths.map(once) });
    }
    matchers = list;
    ownershipCache.set(items, matchers);
  }
  return matchers;
}

/** Each item owning `relPath`, with the first of its globs that matches. */
export function ownersOf(items: readonly RoadmapItem[], relPath: string): { id: string; glob: string }[] {
  const out: { id: string; glob: string }[] = [];
  // A glob shared by many items is tested once per path.
  const answers = new Map<OwnershipGlob, boolean>();
  const owns = (g: OwnershipGlob): boolean => {
    let hit = answers.get(g);
    if (hit === undefined) answers.set(g, (hit = ownsPath(g, relPath)));
    return hit;
  };
  for (const owner of ownershipMatchers(items)) {
    const hit = owner.globs.find(owns);
    if (hit !== undefined) out.push({ id: owner.id, glob: hit.glob });
  }
  return out;
}
