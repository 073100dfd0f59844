import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTrackerExport, guessTracker } from '../../../src/core/import/parseTrackerExport';
import { parseStatusMap } from '../../../src/core/import/statusMapping';
import type { ImportedItem, TrackerImport } from '../../../src/core/import/trackerRecord';

const fixtures = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'import');
const read = (name: string): string => fs.readFileSync(path.join(fixtures, name), 'utf8');
const byId = (imp: TrackerImport, id: string): ImportedItem => {
  const item = imp.items.find((i) => i.id === id);
  assert.ok(item, `no item ${id}`);
  return item;
};

describe('tracker exports', () => {
  it('Jira CSV: BOM, CRLF, repeated columns, numeric parents, Epic Link, resolution, malformed row', () => {
    const imp = parseTrackerExport('jira', read('jira.csv'), { baseUrl: 'https://acme.atlassian.net/' });
    assert.deepEqual(
      imp.items.map((i) => i.id),
      ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4', 'PAY-5', 'PAY-7'],
    );
    const epic = byId(imp, 'PAY-1');
    assert.equal(epic.kind, 'epic');
    assert.equal(epic.why, 'Shoppers who reorder every week rebuild their cart by hand.');
    assert.equal(epic.status, 'in-progress');
    assert.equal(epic.owner, 'Ana Lima');
    assert.equal(epic.target, '2026.2', 'first Fix Version/s when there is no due date');
    assert.deepEqual(epic.links, ['https://acme.atlassian.net/browse/PAY-1']);
    const story = byId(imp, 'PAY-2');
    assert.equal(story.title, 'One-click "reorder"');
    assert.equal(story.parentId, 'PAY-1', 'numeric Parent id mapped to the key');
    assert.equal(story.target, '2026-03-15');
    assert.equal(story.owner, 'Zoë Müller');
    assert.equal(story.status, 'shipped');
    assert.equal(story.why, 'Weekly shoppers must rebuild the same cart — every week.');
    assert.equal(byId(imp, 'PAY-3').parentId, 'PAY-1', 'Custom field (Epic Link)');
    assert.equal(byId(imp, 'PAY-3').why, 'Half-built carts vanish when shoppers switch from phone to laptop.');
    assert.equal(byId(imp, 'PAY-3').status, 'planned');
    assert.equal(byId(imp, 'PAY-4').status, 'dropped', "Closed with resolution Won't Do");
    assert.equal(byId(imp, 'PAY-4').kind, 'task');
    assert.equal(byId(imp, 'PAY-5').status, undefined, 'unknown state not guessed');
    assert.equal(byId(imp, 'PAY-5').owner, '李雷');
    assert.equal(byId(imp, 'PAY-7').status, 'in-progress');
    assert.deepEqual(
      imp.problems.map((p) => p.line),
      [18],
    );
    assert.match(imp.notes.join('\n'), /"Waiting for QA" \(1\).*--status-map/);
    const mapped = parseTrackerExport('jira', read('jira.csv'), {
      statusMap: parseStatusMap(['Waiting for QA=in-progress']).map,
    });
    assert.equal(byId(mapped, 'PAY-5').status, 'in-progress');
    assert.deepEqual(mapped.notes, []);
  });

  it('GitHub JSON: milestones become epics, labels set kinds and states, #N is a ref', () => {
    const imp = parseTrackerExport('github', read('github.json'));
    assert.deepEqual(
      imp.items.map((i) => i.id),
      ['GH-M3', 'GH-12', 'GH-13', 'GH-14', 'GH-15'],
    );
    const m = byId(imp, 'GH-M3');
    assert.deepEqual(
      [m.kind, m.title, m.why, m.target, m.status],
      ['epic', 'Checkout 2.0', 'Checkout loses repeat shoppers.', '2026-09-30', 'in-progress'],
    );
    const i12 = byId(imp, 'GH-12');
    assert.deepEqual([i12.kind, i12.status, i12.owner, i12.parentId], ['story', 'planned', 'ana', 'GH-M3']);
    assert.equal(i12.why, 'Weekly shoppers rebuild the same cart by hand.');
    assert.deepEqual(i12.refs, ['#12']);
    assert.deepEqual(i12.links, ['https://github.com/acme/shop/issues/12']);
    assert.equal(byId(imp, 'GH-13').status, 'in-progress');
    assert.equal(byId(imp, 'GH-13').why, 'Carts vanish between devices — «очень» annoying.');
    assert.deepEqual([byId(imp, 'GH-14').status, byId(imp, 'GH-14').owner], ['dropped', 'bob, cy']);
    assert.deepEqual([byId(imp, 'GH-15').status, byId(imp, 'GH-15').kind], ['shipped', 'epic']);
    assert.deepEqual(imp.problems, [{ line: 42, message: 'entry 5 has no issue `number`; skipped' }]);
  });

  it('GitHub: not JSON, or not an array, is one clear problem', () => {
    assert.match(parseTrackerExport('github', '{').problems[0]?.message ?? '', /not valid JSON/);
    assert.match(parseTrackerExport('github', '{}').problems[0]?.message ?? '', /JSON array/);
  });

  it('Linear CSV: projects become epics, sub-issues stories, cycle as target, canceled dropped', () => {
    const imp = parseTrackerExport('linear', read('linear.csv'));
    assert.deepEqual(
      imp.items.map((i) => i.id),
      ['project-checkout-2-0', 'ENG-10', 'ENG-11', 'ENG-12', 'ENG-13'],
    );
    assert.equal(byId(imp, 'project-checkout-2-0').status, 'in-progress');
    const e10 = byId(imp, 'ENG-10');
    assert.deepEqual(
      [e10.kind, e10.status, e10.target, e10.parentId],
      ['epic', 'in-progress', '2026-04-30', 'project-checkout-2-0'],
    );
    assert.equal(e10.why, 'Checkout takes four minutes on mobile.');
    assert.deepEqual([byId(imp, 'ENG-11').kind, byId(imp, 'ENG-11').parentId], ['story', 'ENG-10']);
    assert.equal(byId(imp, 'ENG-12').status, 'dropped');
    assert.equal(byId(imp, 'ENG-13').target, 'Cycle 8');
    assert.deepEqual(
      imp.problems.map((p) => [p.line, p.message]),
      [[10, 'ENG-14 has no `Title`; row skipped']],
    );
  });

  it('Aha! CSV: reference numbers nest goal → initiative → epic → feature, HTML descriptions', () => {
    const imp = parseTrackerExport('aha', read('aha.csv'));
    assert.deepEqual(
      imp.items.map((i) => [i.id, i.kind, i.parentId]),
      [
        ['SHOP-G-1', 'goal', undefined],
        ['SHOP-S-2', 'initiative', 'SHOP-G-1'],
        ['SHOP-E-3', 'epic', 'SHOP-S-2'],
        ['SHOP-12', 'feature', 'SHOP-E-3'],
        ['SHOP-13', 'feature', 'SHOP-E-3'],
        ['SHOP-14', 'feature', 'SHOP-G-1'],
      ],
    );
    assert.equal(byId(imp, 'SHOP-E-3').why, 'Repeat shoppers rebuild carts by hand.');
    assert.equal(byId(imp, 'SHOP-12').why, 'Weekly shoppers rebuild the same cart & give up.');
    assert.deepEqual(
      ['SHOP-12', 'SHOP-13', 'SHOP-14'].map((id) => byId(imp, id).status),
      ['planned', 'shipped', 'dropped'],
    );
    assert.equal(byId(imp, 'SHOP-12').target, '2026-05-01');
    assert.equal(byId(imp, 'SHOP-13').target, 'Release 2026.1');
    assert.deepEqual(
      imp.problems.map((p) => p.line),
      [5],
    );
  });

  it('a file that is not the named export says so, with no items', () => {
    for (const t of ['jira', 'linear', 'aha'] as const) {
      const imp = parseTrackerExport(t, 'foo,bar\n1,2\n');
      assert.equal(imp.items.length, 0);
      assert.match(imp.problems[0]?.message ?? '', /not an? (Jira|Linear|Aha!) CSV export/);
    }
  });

  it('guesses the tracker from a file head', () => {
    assert.equal(guessTracker('x.json', '[{"number":1}]'), 'github');
    assert.equal(guessTracker('x.csv', read('jira.csv')), 'jira');
    assert.equal(guessTracker('x.csv', read('linear.csv')), 'linear');
    assert.equal(guessTracker('x.csv', read('aha.csv')), 'aha');
    assert.equal(guessTracker('x.csv', 'a,b\n'), undefined);
  });

  it('--status-map values: NAME=STATUS, several per value, errors for the rest', () => {
    const { map, errors } = parseStatusMap(['Ready for QA=in-progress, Parked=dropped', 'bad', 'X=done']);
    assert.deepEqual(
      [...map],
      [
        ['Ready for QA', 'in-progress'],
        ['Parked', 'dropped'],
      ],
    );
    assert.equal(errors.length, 2);
  });
});
