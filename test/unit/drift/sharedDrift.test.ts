import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { DriftFinding, DriftKind } from '../../../src/core/drift/driftFindings';
import { combineFolderFindings } from '../../../src/core/drift/sharedDrift';
import type { RoadmapItem } from '../../../src/core/roadmap/roadmapTypes';
import { makeItem } from '../roadmapFixtures';

const item = (id: string): RoadmapItem => makeItem({ id, title: id });

function f(kind: DriftKind, id: string, evidence: string[] = []): DriftFinding {
  return { kind, item: item(id), message: `${id} ${kind} ${evidence.join(',')}`, evidence };
}

const summary = (list: readonly DriftFinding[]): string[] => list.map((d) => `${d.kind} ${d.item.id}`).sort();

describe('combineFolderFindings (one roadmap, several folders)', () => {
  it('keeps stale only when every folder finds it stale and none closes it', () => {
    assert.deepEqual(summary(combineFolderFindings([[f('stale', 'A')], []])), []);
    assert.deepEqual(summary(combineFolderFindings([[f('stale', 'A')], [f('stale', 'a')]])), ['stale A']);
    assert.deepEqual(
      summary(combineFolderFindings([[f('stale', 'A')], [f('stale', 'A'), f('closed-not-shipped', 'A')]])),
      ['closed-not-shipped A'],
    );
  });

  it('takes evidence that an item moved from any folder', () => {
    assert.deepEqual(
      summary(
        combineFolderFindings([
          [f('closed-not-shipped', 'A')],
          [f('shipped-unmerged', 'B'), f('dropped-active', 'C')],
          [],
        ]),
      ),
      ['closed-not-shipped A', 'dropped-active C', 'shipped-unmerged B'],
    );
  });

  it('says a path is dead only where it is dead in every folder', () => {
    const out = combineFolderFindings([[f('dead-path', 'A', ['api/**', 'web/**'])], [f('dead-path', 'A', ['web/**'])]]);
    assert.deepEqual(
      out.map((d) => d.evidence),
      [['web/**']],
    );
    assert.match(out[0]?.message ?? '', /"web\/\*\*" matches no file/);
    assert.deepEqual(combineFolderFindings([[f('dead-path', 'A', ['api/**'])], [f('dead-path', 'A', ['web/**'])]]), []);
  });

  it('one folder: its findings unchanged', () => {
    const list = [f('stale', 'A'), f('dead-path', 'B', ['x/**'])];
    assert.deepEqual(combineFolderFindings([list]), list);
  });

  it('property: matches the rule per item and kind (oracle)', () => {
    const kinds: DriftKind[] = ['stale', 'closed-not-shipped', 'shipped-unmerged', 'dropped-active'];
    const folderFindings = fc.uniqueArray(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom('A', 'B', 'C')), {
      selector: ([k, id]) => `${k} ${id}`,
      maxLength: 8,
    });
    fc.assert(
      fc.property(fc.array(folderFindings, { minLength: 2, maxLength: 4 }), (folders) => {
        const perFolder = folders.map((list) => list.map(([k, id]) => f(k, id)));
        const has = (k: string, id: string, i: number): boolean =>
          folders[i]?.some(([k2, id2]) => k2 === k && id2 === id) ?? false;
        const expected: string[] = [];
        for (const id of ['A', 'B', 'C'])
          for (const k of kinds) {
            const inAny = folders.some((_, i) => has(k, id, i));
            const inAll = folders.every((_, i) => has(k, id, i));
            const closed = folders.some((_, i) => has('closed-not-shipped', id, i));
            if (k === 'stale' ? inAll && !closed : inAny) expected.push(`${k} ${id}`);
          }
        assert.deepEqual(summary(combineFolderFindings(perFolder)), expected.sort());
      }),
    );
  });
});
