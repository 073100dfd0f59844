import * as assert from 'node:assert/strict';
import { mergeImport, type MergeResult } from '../../../src/core/import/importMerge';
import { unifiedDiff } from '../../../src/core/import/textEdits';
import type { ImportedItem, TrackerImport } from '../../../src/core/import/trackerRecord';
import { parseRoadmapFile } from '../../../src/core/roadmap/parseRoadmap';

const FILE = '/ws/roadmap.yaml';

function item(id: string, extra: Partial<ImportedItem> = {}): ImportedItem {
  return { id, kind: 'feature', title: `Title of ${id}`, links: [], refs: [], line: 1, ...extra };
}

function jira(...items: ImportedItem[]): TrackerImport {
  return { tracker: 'jira', items, problems: [], notes: [] };
}

function ok(result: MergeResult): Extract<MergeResult, { ok: true }> {
  if (!result.ok) assert.fail(result.message);
  return result;
}

function errors(text: string): string[] {
  return parseRoadmapFile(FILE, text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);
}

const HAND_WRITTEN = `# Our roadmap — comments stay.
version: 1
product: Shop

items:
  - id: GROW   # the goal
    kind: goal
    title: Grow repeat purchases
    metrics:
      - name: repeat rate
        baseline: 18%
        target: 30%
    items:
      - id: CHK
        kind: epic
        title: 'Frictionless checkout'
        why: Shoppers rebuild carts.
        refs: [PAY-1]
        branches: ["checkout/*"]

  - id: PAY-9
    kind: feature
    title: Old thing
    why: Was useful once.
`;

describe('mergeImport', () => {
  it('creates a commented, valid roadmap from nothing', () => {
    const r = ok(
      mergeImport(
        '',
        jira(item('PAY-1', { kind: 'epic', why: 'Carts are lost.' }), item('PAY-2', { parentId: 'PAY-1' })),
        { file: FILE },
      ),
    );
    assert.match(r.text, /^# Roadmap imported from Jira/);
    assert.deepEqual(errors(r.text), []);
    const parsed = parseRoadmapFile(FILE, r.text);
    assert.deepEqual(
      parsed.items.map((i) => [i.id, i.parentId, i.why]),
      [
        ['PAY-1', undefined, 'Carts are lost.'],
        ['PAY-2', 'PAY-1', undefined],
      ],
    );
    assert.deepEqual(r.summary.added, ['PAY-1', 'PAY-2']);
  });

  it('matches by ref, updates tracker fields in place, keeps everything people wrote byte for byte', () => {
    const r = ok(
      mergeImport(
        HAND_WRITTEN,
        jira(
          item('PAY-1', {
            kind: 'epic',
            title: 'Checkout, frictionless',
            status: 'in-progress',
            owner: 'Ana',
            links: ['https://j.example/browse/PAY-1'],
          }),
          item('PAY-2', { parentId: 'PAY-1', why: 'Weekly shoppers rebuild the same cart.' }),
        ),
        { file: FILE },
      ),
    );
    assert.deepEqual(errors(r.text), []);
    // The matched item keeps its id, nesting, refs, branches; its title changes in the same quoting spot.
    assert.match(
      r.text,
      /- id: CHK\n {8}kind: epic\n {8}title: Checkout, frictionless\n {8}why: Shoppers rebuild carts\.\n {8}refs: \[PAY-1\]\n {8}branches: \["checkout\/\*"\]\n {8}status: in-progress\n {8}owner: Ana\n {8}links: \["https:\/\/j\.example\/browse\/PAY-1"\]\n/,
    );
    // New items go at the end of the top-level list, pointing at the roadmap's id for their parent.
    assert.match(
      r.text,
      / {2}- id: PAY-2\n {4}kind: feature\n {4}title: Title of PAY-2\n {4}why: Weekly shoppers rebuild the same cart\. # imported [0-9a-f]{8}\n {4}parent: CHK\n$/,
    );
    // Untouched lines are byte-identical: the start of the file up to the edited title.
    const head = HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf("'Frictionless"));
    assert.ok(r.text.startsWith(head));
    assert.deepEqual(r.summary.updated, [{ id: 'CHK', fields: ['title', 'status', 'owner', 'links'] }]);
    assert.deepEqual(r.summary.gone, ['PAY-9'], 'same key prefix, not in the export');
    assert.match(r.text, /- id: PAY-9/, 'gone items stay without --prune');
  });

  it('round trip: import → people edit the why → re-import keeps it; an untouched why follows the tracker', () => {
    const first = ok(
      mergeImport('', jira(item('PAY-1', { why: 'Tracker why one.' }), item('PAY-2', { why: 'Tracker why two.' })), {
        file: FILE,
      }),
    );
    const edited = first.text.replace('Tracker why one.', 'What the PM wrote.');
    const again = ok(
      mergeImport(
        edited,
        jira(
          item('PAY-1', { why: 'Tracker why ONE changed.' }),
          item('PAY-2', { why: 'Tracker why TWO\nnow two lines.' }),
        ),
        {
          file: FILE,
        },
      ),
    );
    const parsed = parseRoadmapFile(FILE, again.text);
    assert.equal(parsed.items.find((i) => i.id === 'PAY-1')?.why, 'What the PM wrote.');
    assert.equal(parsed.items.find((i) => i.id === 'PAY-2')?.why, 'Tracker why TWO\nnow two lines.');
    assert.deepEqual(again.summary.whyKept, ['PAY-1']);
    // And a third import of the same export changes nothing.
    const third = ok(
      mergeImport(
        again.text,
        jira(
          item('PAY-1', { why: 'Tracker why ONE changed.' }),
          item('PAY-2', { why: 'Tracker why TWO\nnow two lines.' }),
        ),
        {
          file: FILE,
        },
      ),
    );
    assert.equal(third.text, again.text);
    assert.equal(third.edits.length, 0);
  });

  it('--prune removes gone items, but keeps one that still has children', () => {
    const text = `version: 1
items:
  - id: PAY-1
    kind: epic
    title: Keep
  - id: PAY-2
    kind: epic
    title: Gone with its gone child
    items:
      - id: PAY-3
        kind: feature
        title: Gone too
  - id: PAY-4
    kind: epic
    title: Gone but a child stays
    items:
      - id: PAY-5
        kind: feature
        title: Still in the tracker
  - id: OTHER-1
    kind: feature
    title: Another project's key, never pruned
`;
    const r = ok(
      mergeImport(
        text,
        jira(
          item('PAY-1', { kind: 'epic', title: 'Keep' }),
          item('PAY-5', { title: 'Still in the tracker', parentId: 'PAY-4' }),
        ),
        { file: FILE, prune: true },
      ),
    );
    assert.deepEqual(r.summary.gone.sort(), ['PAY-2', 'PAY-3', 'PAY-4']);
    assert.deepEqual(r.summary.pruned.sort(), ['PAY-2', 'PAY-3']);
    assert.match(r.summary.notes.join('\n'), /PAY-4 is gone from the export but kept: PAY-5/);
    assert.deepEqual(
      parseRoadmapFile(FILE, r.text).items.map((i) => i.id),
      ['PAY-1', 'PAY-4', 'PAY-5', 'OTHER-1'],
    );
  });

  it('keeps CRLF line endings and reports a nesting that disagrees with the tracker', () => {
    const text =
      'version: 1\r\nitems:\r\n  - id: A-1\r\n    kind: epic\r\n    title: A\r\n    items:\r\n      - id: A-2\r\n        kind: feature\r\n        title: B\r\n';
    const r = ok(
      mergeImport(text, jira(item('A-3', { kind: 'epic' }), item('A-2', { title: 'B2', parentId: 'A-3' })), {
        file: FILE,
      }),
    );
    assert.ok(!/[^\r]\n/.test(r.text), 'every line break is CRLF');
    assert.match(r.summary.notes.join('\n'), /A-2: the tracker puts it under A-3, the roadmap nests it under A-1/);
    assert.deepEqual(errors(r.text), []);
  });

  it('drops parents that are nowhere and cuts parent cycles, so the result validates', () => {
    const r = ok(
      mergeImport(
        '',
        jira(item('X-1', { parentId: 'X-2' }), item('X-2', { parentId: 'X-1' }), item('X-3', { parentId: 'NOPE-1' })),
        {
          file: FILE,
        },
      ),
    );
    assert.deepEqual(errors(r.text), []);
    assert.match(r.summary.notes.join('\n'), /loops back/);
    assert.match(r.summary.notes.join('\n'), /NOPE-1 is neither in the export nor in the roadmap/);
    const other = ok(
      mergeImport('', jira(item('X-3', { parentId: 'ELSEWHERE' })), { file: FILE, otherIds: new Set(['ELSEWHERE']) }),
    );
    assert.match(other.text, /parent: ELSEWHERE/);
  });

  it('refuses a roadmap with YAML errors and a flow-style items list, writing nothing', () => {
    const bad = mergeImport('version: 1\nitems: [\n', jira(item('A-1')), { file: FILE });
    assert.equal(bad.ok, false);
    const flow = mergeImport('version: 1\nitems: [{id: B-1, kind: goal, title: B}]\n', jira(item('A-1')), {
      file: FILE,
    });
    assert.ok(!flow.ok && /flow list/.test(flow.message));
  });

  it('adds to an empty `items: []` and to a file with only comments', () => {
    const a = ok(mergeImport('version: 1\nitems: []\n', jira(item('A-1')), { file: FILE }));
    assert.deepEqual(errors(a.text), []);
    assert.match(a.text, /^version: 1\nitems:\n {2}- id: A-1/);
    const b = ok(mergeImport('# just a comment\n', jira(item('A-1')), { file: FILE }));
    assert.deepEqual(errors(b.text), []);
    assert.match(b.text, /^# just a comment\nversion: 1\nitems:\n/);
  });

  it('prints a unified diff of exactly the edits', () => {
    const text = 'version: 1\nitems:\n  - id: A-1\n    kind: epic\n    title: Old\n';
    const r = ok(mergeImport(text, jira(item('A-1', { title: 'New' }), item('A-2')), { file: FILE }));
    assert.equal(
      unifiedDiff('roadmap.yaml', text, r.edits),
      [
        '--- roadmap.yaml',
        '+++ roadmap.yaml (imported)',
        '@@ -3,3 +3,6 @@',
        '   - id: A-1',
        '     kind: epic',
        '-    title: Old',
        '+    title: New',
        '+  - id: A-2',
        '+    kind: feature',
        '+    title: Title of A-2',
      ].join('\n'),
    );
  });

  it('imports 10,000 items, then re-imports them unchanged, and the result validates', function () {
    // Three full parses of a 10,000-item file: seconds on a busy machine, not a timing assertion.
    this.timeout(180_000);
    const items: ImportedItem[] = [];
    for (let i = 1; i <= 10_000; i++)
      items.push(
        item(`BIG-${i}`, {
          why: `Why ${i}: customers need it.\nSecond line.`,
          status: 'planned',
          parentId: i > 100 ? `BIG-${(i % 100) + 1}` : undefined,
        }),
      );
    const first = ok(mergeImport('', jira(...items), { file: FILE }));
    assert.equal(first.summary.added.length, 10_000);
    assert.deepEqual(errors(first.text), [], 'a new file is valid by construction: prove it at scale');
    const again = ok(mergeImport(first.text, jira(...items), { file: FILE }));
    assert.equal(again.edits.length, 0);
    assert.equal(again.summary.unchanged, 10_000);
  });
});
