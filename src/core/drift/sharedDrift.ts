// One roadmap used by several folders (multi-root, one shared roadmap): each folder's repository
// judges the items on its own, and the item's drift is what all of them say together. Evidence
// that an item moved counts from any folder; absence of evidence only when every folder lacks it:
// - closed-not-shipped, shipped-unmerged, dropped-active: from any folder (a closing commit, an
//   unmerged branch or recent commits in one repository are real wherever they are);
// - stale: only when every folder finds it stale (fresh commits in one repository mean work goes
//   on), and never when some folder has a commit that closes it;
// - dead-path: only when the glob matches no file in any folder (each repository holds its part).

import { idKey } from '../roadmap/roadmapTypes';
import type { DriftFinding } from './driftFindings';

const ANY_FOLDER = new Set(['closed-not-shipped', 'shipped-unmerged', 'dropped-active']);

/** `perFolder`: the findings of each folder that uses the roadmap and whose drift was read. */
export function combineFolderFindings(perFolder: readonly (readonly DriftFinding[])[]): DriftFinding[] {
  if (perFolder.length === 1) return [...(perFolder[0] ?? [])];
  const key = (f: DriftFinding): string => `${f.kind}\n${idKey(f.item.id)}`;
  const byKey = new Map<string, DriftFinding[]>();
  for (const findings of perFolder)
    for (const f of findings) {
      const list = byKey.get(key(f)) ?? [];
      list.push(f);
      byKey.set(key(f), list);
    }
  const out: DriftFinding[] = [];
  const seen = new Set<string>();
  for (const findings of perFolder)
    for (const f of findings) {
      const k = key(f);
      if (seen.has(k)) continue;
      seen.add(k);
      const all = byKey.get(k) ?? [];
      if (ANY_FOLDER.has(f.kind)) {
        out.push(f);
        continue;
      }
      if (all.length < perFolder.length) continue;
      if (f.kind === 'stale') {
        if (byKey.has(`closed-not-shipped\n${idKey(f.item.id)}`)) continue;
        out.push(f);
        continue;
      }
      // dead-path: the globs dead in every folder, said once.
      const dead = f.evidence.filter((glob) => all.every((g) => g.evidence.includes(glob)));
      if (dead.length === 0) continue;
      out.push({
        ...f,
        evidence: dead,
        message: `${f.item.id}: \`paths\` ${dead.map((p) => `"${p}"`).join(', ')} match${dead.length === 1 ? 'es' : ''} no file any more.`,
      });
    }
  return out;
}
