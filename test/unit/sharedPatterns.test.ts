// Branch tags and `paths` ownership compile each distinct pattern once and test it once per name
// (a team's epics share their globs: issue #13, warm `why` on 10,000 items). Checked against the
// plain per-item loops they replaced, on random items drawing from a small pool of patterns (so
// patterns repeat, as in real roadmaps), including broken globs and empty entries.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ownersOf } from '../../src/core/attribution/pathOwnership';
import { compileGlob, isGlobPattern } from '../../src/core/glob/globMatcher';
import { BranchTags } from '../../src/core/linking/commitLinks';
import type { RoadmapItem } from '../../src/core/roadmap/roadmapTypes';
import { item } from './linkFixtures';

const BRANCH_PATTERNS = ['chk/*', 'chk/**', 'pay/*', 'feature/chk-*', 'chk/x', 'pay/y', '[', '', '*', 'a/{b,c}'];
const BRANCH_NAMES = ['chk/x', 'chk/y/z', 'pay/y', 'feature/chk-12', 'origin/chk/x', 'main', 'a/b', '['];
const PATH_GLOBS = [
  'src/chk/**',
  'src/chk/*.ts',
  'src/pay/**',
  'src/**/util.ts',
  '**',
  '[',
  'docs/*.md',
  'src/chk/a.ts',
];
const PATHS = ['src/chk/a.ts', 'src/chk/b/util.ts', 'src/pay/x.go', 'docs/a.md', 'README.md', 'src/util.ts'];

/** The loop BranchTags replaced: every item's every pattern, compiled and tested each time. */
function naiveTags(items: readonly RoadmapItem[], names: readonly string[]): { itemId: string; pattern: string }[] {
  const out: { itemId: string; pattern: string }[] = [];
  const has = (id: string): boolean => out.some((m) => m.itemId === id);
  for (const name of names) {
    for (const it of items)
      for (const p of it.branches)
        if (p.length > 0 && !isGlobPattern(p) && p === name && !has(it.id)) out.push({ itemId: it.id, pattern: p });
    for (const it of items)
      for (const p of it.branches) {
        if (p.length === 0 || !isGlobPattern(p) || has(it.id)) continue;
        if (compileGlob(p)?.(name)) out.push({ itemId: it.id, pattern: p });
      }
  }
  return out;
}

/** The loop ownersOf replaced: each item's first matching glob, every glob compiled afresh. */
function naiveOwners(items: readonly RoadmapItem[], path: string): { id: string; glob: string }[] {
  const out: { id: string; glob: string }[] = [];
  for (const it of items) {
    const hit = it.paths.find((g) => compileGlob(g)?.(path) === true);
    if (hit !== undefined) out.push({ id: it.id, glob: hit });
  }
  return out;
}

const items = (pool: readonly string[], key: 'branches' | 'paths'): fc.Arbitrary<RoadmapItem[]> =>
  fc
    .array(fc.array(fc.constantFrom(...pool), { maxLength: 3 }), { maxLength: 12 })
    .map((lists) => lists.map((list, i) => ({ ...item(`I-${i}`), [key]: list })));

describe('patterns shared by many items', () => {
  it('BranchTags matches like the per-item loop: same items, same patterns, same order (property)', () => {
    fc.assert(
      fc.property(
        items(BRANCH_PATTERNS, 'branches'),
        fc.array(fc.constantFrom(...BRANCH_NAMES), { minLength: 1, maxLength: 3 }),
        (list, names) => {
          assert.deepEqual(new BranchTags(list).matchDetailed(names), naiveTags(list, names));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('BranchTags: every epic of a team tagged with the same glob is found, in roadmap order', () => {
    const list = Array.from({ length: 50 }, (_, i) => item(`CHK-${i}`, { branches: ['chk/*'] }));
    assert.deepEqual(
      new BranchTags(list).match(['chk/reorder']),
      list.map((i) => i.id),
    );
  });

  it('ownersOf finds the same owners and globs as the per-item loop (property)', () => {
    fc.assert(
      fc.property(items(PATH_GLOBS, 'paths'), fc.constantFrom(...PATHS), (list, path) => {
        assert.deepEqual(ownersOf(list, path), naiveOwners(list, path));
      }),
      { numRuns: 300 },
    );
  });
});
