import * as assert from 'node:assert/strict';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { guessTarget, parseTarget, targetProblem } from '../../src/core/roadmap/targetDate';
import { targetSortKey } from '../../src/core/render/roadmapOverview';
import { only, rangeOf, yaml } from './roadmapTestUtil';

describe('target dates', () => {
  it('reads years, halves, quarters, months, days and month names', () => {
    const cases: [string, string, string][] = [
      ['2026', 'year', '2026'],
      ['2026-H2', 'half', '2026-H2'],
      ['h1 2026', 'half', '2026-H1'],
      ['2026-Q2', 'quarter', '2026-Q2'],
      ['2026q3', 'quarter', '2026-Q3'],
      ['Q4 2026', 'quarter', '2026-Q4'],
      ['2026-03', 'month', '2026-03'],
      ['2026-03-15', 'day', '2026-03-15'],
      ['March 2026', 'month', '2026-03'],
      ['sep 2026', 'month', '2026-09'],
      ['2024-02-29', 'day', '2024-02-29'],
    ];
    for (const [text, kind, canonical] of cases) {
      const p = parseTarget(text);
      assert.equal(p?.kind, kind, text);
      assert.equal(p?.canonical, canonical, text);
    }
  });

  it('orders periods by their first day', () => {
    const sorted = ['2026-Q2', '2026-03-15', '2026', '2025-12', '2026-H2', '2026-03']
      .map((t) => [t, parseTarget(t)?.sortKey ?? 0] as const)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([t]) => t);
    assert.deepEqual(sorted, ['2025-12', '2026', '2026-03', '2026-03-15', '2026-Q2', '2026-H2']);
    // The overview's column order agrees for the readable forms.
    for (const t of ['2026', '2026-Q2', '2026-03', '2026-03-15', 'Q4 2026', 'March 2026'])
      assert.equal(targetSortKey(t), parseTarget(t)?.sortKey, t);
  });

  it('flags text that tries to be a date and is not one; free text is fine', () => {
    for (const bad of ['YYY-MM-DD', 'YYYY-MM', '2026-13', '2026-02-30', '2023-02-29', '2026-Q5', '2026/03', '20260315'])
      assert.ok(targetProblem(bad), bad);
    for (const fine of ['next', 'after beta', 'v3.20', 'REL-3.20', 'Someday', '2026-Q2', 'Q1 2027'])
      assert.equal(targetProblem(fine), undefined, fine);
  });

  it('guesses only where the date is clear', () => {
    assert.equal(guessTarget('2026/3'), '2026-03');
    assert.equal(guessTarget('2026.03.05'), '2026-03-05');
    assert.equal(guessTarget('15.03.2026'), '2026-03-15');
    assert.equal(guessTarget('03/15/2026'), '2026-03-15');
    assert.equal(guessTarget('04/05/2026'), undefined, 'day-first or month-first: ambiguous');
    assert.equal(guessTarget('20260315'), '2026-03-15');
    assert.equal(guessTarget('YYY-MM-DD'), undefined);
    assert.equal(guessTarget('2026-02-30'), undefined);
    assert.equal(targetProblem('2026/3')?.suggestion, '2026-03');
    assert.equal(targetProblem('YYY-MM-DD')?.suggestion, undefined);
  });

  it('reports an unreadable target at its value in the roadmap file', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    target: YYY-MM-DD',
      '  - id: B',
      '    title: T',
      '    target: "2026-Q2"',
    );
    const d = only(parseRoadmapFile('/w/roadmap.yaml', text), 'unreadable-target');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeOf(text, 'YYY-MM-DD'));
    assert.match(d.message, /"YYY-MM-DD" is not a date/);
  });
});
