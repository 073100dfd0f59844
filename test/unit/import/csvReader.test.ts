import * as assert from 'node:assert/strict';
import { CsvColumns, readCsv } from '../../../src/core/import/csvReader';

describe('readCsv', () => {
  it('reads quoted fields across lines, doubled quotes, and keeps the line each record starts on', () => {
    const t = readCsv('a,b,c\n1,"two\nlines, with comma",3\n"say ""hi""",x,\n');
    assert.deepEqual(t.header, ['a', 'b', 'c']);
    assert.deepEqual(
      t.records.map((r) => [r.line, ...r.fields]),
      [
        [2, '1', 'two\nlines, with comma', '3'],
        [4, 'say "hi"', 'x', ''],
      ],
    );
    assert.deepEqual(t.problems, []);
  });

  it('drops a BOM, accepts CRLF and lone CR, and normalises breaks inside quotes to \\n', () => {
    const t = readCsv('\ufeffk,v\r\n1,"a\r\nb"\r2,ü\r\n');
    assert.deepEqual(t.header, ['k', 'v']);
    assert.deepEqual(
      t.records.map((r) => [r.line, ...r.fields]),
      [
        [2, '1', 'a\nb'],
        [4, '2', 'ü'],
      ],
    );
  });

  it('skips blank lines and counts them', () => {
    const t = readCsv('k\n\n\nx\n');
    assert.deepEqual(
      t.records.map((r) => [r.line, ...r.fields]),
      [[4, 'x']],
    );
  });

  it('reports malformed records with their line and skips only them', () => {
    const t = readCsv('a,b\nok,1\nbad"quote,2\n"closed"junk,3\nshort\nok,"4\n5"\n"never,ends\nmore');
    assert.deepEqual(
      t.records.map((r) => [r.line, ...r.fields]),
      [
        [2, 'ok', '1'],
        [6, 'ok', '4\n5'],
      ],
    );
    assert.deepEqual(
      t.problems.map((p) => p.line),
      [3, 4, 5, 8],
    );
    assert.match(t.problems[0]?.message ?? '', /quote inside an unquoted field/);
    assert.match(t.problems[1]?.message ?? '', /after a closing quote/);
    assert.match(t.problems[2]?.message ?? '', /1 fields where the header has 2/);
    assert.match(t.problems[3]?.message ?? '', /never ends/);
  });

  it('keeps repeated column names: first and all read them in order, ignoring case', () => {
    const t = readCsv('Labels,Summary,Labels,labels\nfirst,S,,third\n');
    const cols = new CsvColumns(t.header);
    const r = t.records[0];
    assert.ok(r);
    assert.equal(cols.first(r, 'LABELS'), 'first');
    assert.deepEqual(cols.all(r, 'Labels'), ['first', 'third']);
    assert.equal(cols.first(r, 'Missing', 'summary'), 'S');
    assert.equal(cols.has('nope'), false);
  });

  it('reads 10,000 multi-line records in one linear pass', () => {
    const rows = ['id,text'];
    for (let i = 0; i < 10_000; i++) rows.push(`${i},"line one\nline ""two"" of ${i}"`);
    const t = readCsv(rows.join('\r\n'));
    assert.equal(t.records.length, 10_000);
    assert.equal(t.records[9_999]?.line, 2 + 9_999 * 2);
    assert.equal(t.records[9_999]?.fields[1], 'line one\nline "two" of 9999');
  });
});
