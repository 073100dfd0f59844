import * as assert from 'node:assert/strict';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { codes, ids, only, rangeOf, yaml } from './roadmapTestUtil';

function parse(text: string) {
  return parseRoadmapFile('/w/roadmap.yaml', text);
}

describe('roadmap validation: one diagnostic per problem, at the exact range', () => {
  it('YAML syntax error at line:col, the items around it still load', () => {
    const text = yaml('version: 1', 'items:', '\t- id: A');
    const parsed = parse(text);
    const d = parsed.diagnostics.find((x) => x.code === 'yaml-syntax');
    assert.ok(d);
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range.start, { line: 2, character: 0 });
    assert.match(d.message, /tab/i);
    assert.deepEqual(ids(parsed), ['A']);
  });

  it('an unterminated quote: an error at the opening quote, earlier items kept', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: Good', '  - id: B', '    title: "unterminated');
    const parsed = parse(text);
    const d = only(parsed, 'yaml-syntax');
    assert.equal(d.severity, 'error');
    // At the opening quote, where the mistake is, not at the end of the file where yaml notices.
    assert.deepEqual(d.range, rangeOf(text, '"unterminated'));
    assert.deepEqual(ids(parsed), ['A', 'B']);
  });

  it('several YAML documents in one file: one error, with advice', () => {
    const text = yaml('version: 1', '---', 'version: 1');
    const d = only(parse(text), 'multiple-documents');
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /roadmap\/\*\.yaml/);
  });

  it('a mapping key without a value: error at that line', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: [a, b', '  - id: B');
    const parsed = parse(text);
    const d = parsed.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d);
    assert.equal(d.range.start.line >= 3, true);
  });

  it('duplicate keys are reported by yaml as duplicate-key; the first value counts', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: One', '    title: Two');
    const parsed = parse(text);
    const d = only(parsed, 'duplicate-key');
    assert.equal(d.range.start.line, 4);
    assert.equal(parsed.items[0]?.title, 'One');
  });

  it('missing version: error on the first line; items still load', () => {
    const text = yaml('product: P', 'items:', '  - id: A', '    title: T');
    const parsed = parse(text);
    const d = only(parsed, 'missing-version');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeOf(text, 'product: P'));
    assert.deepEqual(ids(parsed), ['A']);
  });

  for (const bad of ['2', '"1"', '1.5', 'one']) {
    it(`version ${bad}: error at the value`, () => {
      const text = yaml(`version: ${bad}`, 'items: []');
      const d = only(parse(text), 'invalid-version');
      assert.deepEqual(d.range, rangeOf(text, bad));
      assert.match(d.message, /version 1/);
    });
  }

  it('a root that is not a mapping', () => {
    assert.deepEqual(codes(parse('- id: A\n').diagnostics), ['invalid-root']);
    assert.deepEqual(codes(parse('just text\n').diagnostics), ['invalid-root']);
  });

  it('items that is not a list, and list entries that are not mappings', () => {
    assert.deepEqual(codes(parse('version: 1\nitems: nope\n').diagnostics), ['invalid-type']);
    const text = yaml('version: 1', 'items:', '  - just text', '  - id: B', '    title: T');
    const parsed = parse(text);
    assert.deepEqual(only(parsed, 'invalid-item').range, rangeOf(text, 'just text'));
    assert.deepEqual(ids(parsed), ['B']);
  });

  it('missing id: error on the item line, item left out, its siblings and children kept', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: P',
      '    title: Parent',
      '    items:',
      '      - kind: epic',
      '        title: No id',
      '        items:',
      '          - id: C',
      '            title: Child',
      '  - id: S',
      '    title: Sibling',
    );
    const parsed = parse(text);
    const d = only(parsed, 'missing-id');
    assert.deepEqual(d.range, rangeOf(text, 'kind: epic'));
    assert.deepEqual(ids(parsed), ['P', 'C', 'S']);
    assert.equal(parsed.items[1]?.parentId, 'P');
  });

  it('empty id is missing-id at the value', () => {
    const text = yaml('version: 1', 'items:', '  - id: ""', '    title: T');
    assert.deepEqual(only(parse(text), 'missing-id').range, rangeOf(text, '""'));
  });

  it('invalid id characters: error, item still shown', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: my item',
      '    title: T',
      '  - id: ok_1.2-x',
      '    title: U',
      '  - id: Épique',
      '    title: V',
    );
    const parsed = parse(text);
    const d = only(parsed, 'invalid-id');
    assert.deepEqual(d.range, rangeOf(text, 'my item'));
    assert.deepEqual(ids(parsed), ['my item', 'ok_1.2-x', 'Épique']);
  });

  it('numeric id: read as written, with a warning that suggests quoting', () => {
    const text = yaml('version: 1', 'items:', '  - id: 012', '    title: T', '  - id: "13"', '    title: U');
    const parsed = parse(text);
    const d = only(parsed, 'non-string-id');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeOf(text, '012'));
    assert.match(d.message, /id: "012"/);
    assert.deepEqual(ids(parsed), ['012', '13']);
  });

  it('duplicate id in one file (ignoring case): error at both, the first wins', () => {
    const text = yaml('version: 1', 'items:', '  - id: chk', '    title: First', '  - id: CHK', '    title: Second');
    const parsed = parse(text);
    const dups = parsed.diagnostics.filter((d) => d.code === 'duplicate-id');
    assert.equal(dups.length, 2);
    assert.deepEqual(
      dups.map((d) => d.range).sort((a, b) => a.start.line - b.start.line),
      [rangeOf(text, 'chk'), rangeOf(text, 'CHK')],
    );
    for (const d of dups) assert.equal(d.related?.length, 1);
    assert.deepEqual(
      parsed.items.map((i) => i.title),
      ['First'],
    );
  });

  it('unknown keys: warning at the key with "did you mean"', () => {
    const text = yaml(
      'version: 1',
      'prodcut: P',
      'items:',
      '  - id: A',
      '    title: T',
      '    ownr: me',
      '    tilte: x',
      '    wibble: 1',
    );
    const parsed = parse(text);
    const unknown = parsed.diagnostics.filter((d) => d.code === 'unknown-key');
    assert.deepEqual(
      unknown.map((d) => d.range),
      [rangeOf(text, 'prodcut'), rangeOf(text, 'ownr'), rangeOf(text, 'tilte'), rangeOf(text, 'wibble')],
    );
    assert.ok(unknown.every((d) => d.severity === 'warning'));
    assert.match(unknown[0]?.message ?? '', /did you mean `product`\?/i);
    assert.match(unknown[1]?.message ?? '', /did you mean `owner`\?/i);
    assert.match(unknown[2]?.message ?? '', /did you mean `title`\?/i);
    assert.match(unknown[3]?.message ?? '', /Known keys: id, kind/);
    assert.equal(parsed.items[0]?.owner, undefined);
  });

  it('unknown keys inside a metric', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    metrics:',
      '      - name: M',
      '        baseLine: 1',
    );
    assert.match(only(parse(text), 'unknown-key').message, /`baseline`/);
  });

  it('epic and feature without why: warning at the id; goal and story without why: fine', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: G',
      '    kind: goal',
      '    title: T',
      '  - id: E',
      '    kind: epic',
      '    title: T',
      '  - id: F',
      '    kind: feature',
      '    title: T',
      '    why: "  "',
      '  - id: S',
      '    kind: story',
      '    title: T',
    );
    const parsed = parse(text);
    const whys = parsed.diagnostics.filter((d) => d.code === 'missing-why');
    assert.deepEqual(
      whys.map((d) => d.range),
      [rangeOf(text, 'E'), rangeOf(text, 'F')],
    );
    assert.ok(whys.every((d) => d.severity === 'warning'));
  });

  it('wrong types: error at the value, the rest of the item kept', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    metrics: nope',
      '    links: [ok, {a: 1}]',
      '    why: [x]',
      '    status: in-progress',
    );
    const parsed = parse(text);
    const types = parsed.diagnostics.filter((d) => d.code === 'invalid-type');
    assert.deepEqual(
      types.map((d) => d.range),
      [rangeOf(text, 'nope'), rangeOf(text, '{a: 1}'), rangeOf(text, '[x]')],
    );
    assert.deepEqual(parsed.items[0]?.links, ['ok']);
    assert.equal(parsed.items[0]?.status, 'in-progress');
  });

  it('a single text where a list belongs: error, but the value is kept as a one-entry list', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: T', '    branches: checkout/*');
    const parsed = parse(text);
    assert.deepEqual(only(parsed, 'invalid-type').range, rangeOf(text, 'checkout/*'));
    assert.deepEqual(parsed.items[0]?.branches, ['checkout/*']);
  });

  it('a metric without a name', () => {
    const text = yaml('version: 1', 'items:', '  - id: A', '    title: T', '    metrics:', '      - target: 5');
    const parsed = parse(text);
    assert.deepEqual(only(parsed, 'missing-metric-name').range, rangeOf(text, 'target: 5'));
    assert.deepEqual(parsed.items[0]?.metrics, []);
  });

  it('invalid globs in branches and paths: error at the pattern', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '    branches: ["feat/{a,b", "ok/*"]',
      '    paths: ["src/[abc", "", "src/**/*.ts"]',
    );
    const parsed = parse(text);
    const globs = parsed.diagnostics.filter((d) => d.code === 'invalid-glob');
    assert.deepEqual(
      globs.map((d) => d.range),
      [rangeOf(text, '"feat/{a,b"'), rangeOf(text, '"src/[abc"'), rangeOf(text, '""')],
    );
    assert.deepEqual(parsed.items[0]?.paths, ['src/[abc', '', 'src/**/*.ts']);
  });

  it('parent: that disagrees with the nesting: error, the nesting wins', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: P',
      '    title: T',
      '    items:',
      '      - id: C',
      '        title: U',
      '        parent: Q',
    );
    const parsed = parse(text);
    assert.deepEqual(only(parsed, 'parent-conflict').range, rangeOf(text, 'Q'));
    assert.equal(parsed.items[1]?.parentId, 'P');
  });

  it('parent: that agrees with the nesting (any case) is fine', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: P',
      '    title: T',
      '    items:',
      '      - id: C',
      '        title: U',
      '        parent: p',
    );
    assert.deepEqual(parse(text).diagnostics, []);
  });

  it('kind and status one slip away from a known word: an information hint, the value kept', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    kind: epci',
      '    title: T',
      '    why: W',
      '    status: shiped',
      '  - id: B',
      '    kind: experiment',
      '    title: T',
      '    status: blocked by legal',
    );
    const parsed = parse(text);
    const hints = parsed.diagnostics.filter((d) => d.code === 'possible-typo');
    assert.deepEqual(
      hints.map((d) => d.range),
      [rangeOf(text, 'epci'), rangeOf(text, 'shiped')],
    );
    assert.ok(hints.every((d) => d.severity === 'information'));
    assert.match(hints[0]?.message ?? '', /Did you mean `epic`\?/);
    assert.match(hints[1]?.message ?? '', /Did you mean `shipped`\?/);
    assert.equal(parsed.items[0]?.kind, 'epci');
    assert.equal(parsed.diagnostics.length, 2);
  });

  it('diagnostics come out sorted by position', () => {
    const text = yaml('version: 3', 'items:', '  - id: A', '    ownr: x', '  - id: b c', '    title: T');
    const lines = parse(text).diagnostics.map((d) => d.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });
});
