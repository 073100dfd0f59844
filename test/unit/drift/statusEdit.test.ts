import { strict as assert } from 'node:assert';
import { setStatusEdit } from '../../../src/core/roadmap/statusEdit';
import { applyTextEdits } from '../../../src/core/roadmap/tagEdit';
import { parseRoadmapFile } from '../../../src/core/roadmap/parseRoadmap';

function set(text: string, id: string, status: string): string {
  const r = setStatusEdit(text, id, status);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return applyTextEdits(text, r.edits);
}

const ROADMAP = `version: 1
items:
  - id: A          # the epic
    kind: epic
    title: Epic
    status: planned   # set by the PM
    items:
      - id: A-1
        title: One
        status: "in-progress"
      - id: A-2
        title: Two
        why: No status yet.
      - {id: A-3, title: Flow, status: planned}
      - id: A-4
        title: Null status
        status:
`;

function statusOf(text: string, id: string): string | undefined {
  return parseRoadmapFile('r.yaml', text).items.find((i) => i.id === id)?.status;
}

describe('setStatusEdit', () => {
  const cases: { id: string; expectLine: RegExp }[] = [
    { id: 'A', expectLine: /^ {4}status: shipped {3}# set by the PM$/m },
    { id: 'a-1', expectLine: /^ {8}status: "shipped"$/m },
    { id: 'A-2', expectLine: /^ {8}why: No status yet\.\n {8}status: shipped$/m },
    { id: 'A-3', expectLine: /\{id: A-3, title: Flow, status: shipped\}/ },
    { id: 'A-4', expectLine: /^ {8}status: shipped$/m },
  ];
  for (const c of cases) {
    it(`sets ${c.id}'s status in place, keeping everything else`, () => {
      const out = set(ROADMAP, c.id, 'shipped');
      assert.match(out, c.expectLine);
      assert.equal(statusOf(out, c.id.toUpperCase()), 'shipped');
      // Exactly one line differs (or one line is added): the edit is minimal.
      const before = ROADMAP.split('\n');
      const after = out.split('\n');
      const changed = after.filter((l) => !before.includes(l));
      assert.equal(changed.length, 1, changed.join(' | '));
      for (const id of ['A', 'A-1', 'A-2', 'A-3', 'A-4'].filter((i) => i !== c.id.toUpperCase()))
        assert.equal(statusOf(out, id), statusOf(ROADMAP, id), `${id} untouched`);
    });
  }

  it('keeps CRLF line endings, also on an added line', () => {
    const crlf = ROADMAP.replace(/\n/g, '\r\n');
    for (const id of ['A', 'A-2']) {
      const out = set(crlf, id, 'shipped');
      assert.equal(out.replace(/\r\n/g, ''), out.replace(/\r\n/g, '').replace(/\n/g, ''), 'no bare LF');
      assert.equal(statusOf(out, id), 'shipped');
    }
  });

  it('refuses an unknown item, a broken file and a status that is not one word', () => {
    assert.equal((setStatusEdit(ROADMAP, 'NOPE', 'shipped') as { reason: string }).reason, 'item-not-found');
    assert.equal((setStatusEdit('items: [\n', 'A', 'shipped') as { reason: string }).reason, 'roadmap-invalid');
    for (const bad of ['', 'shipped\nid: X', '"x"', ' shipped', 'a: b'])
      assert.equal((setStatusEdit(ROADMAP, 'A', bad) as { reason: string }).reason, 'unsupported-format', bad);
  });
});
