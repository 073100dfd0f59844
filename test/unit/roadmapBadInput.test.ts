// Hostile and broken roadmap files (issue #2 "Bad input", issue #6): each is tried here, nothing
// throws, nothing hangs, nothing leaks into prototypes, and every valid item still loads.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseRoadmapBytes, parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { ITEM_KEYS, MAX_ITEM_DEPTH } from '../../src/core/roadmap/roadmapKeys';
import { idKey, type ParsedRoadmapFile } from '../../src/core/roadmap/roadmapTypes';
import { codes, ids, only, rangeOf, yaml } from './roadmapTestUtil';

/** Invariants every parse result must keep, whatever the input. */
function assertWellFormed(parsed: ParsedRoadmapFile, text: string): void {
  const lineCount = text.split('\n').length;
  for (const d of parsed.diagnostics) {
    assert.notEqual(d.code, 'internal-error', d.message);
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lineCount, `line ${p.line} in ${lineCount} lines`);
      assert.ok(Number.isInteger(p.character) && p.character >= 0, `character ${p.character}`);
    }
  }
  const keys = new Set<string>();
  for (const item of parsed.items) {
    assert.equal(typeof item.id, 'string');
    assert.ok(item.id.length > 0);
    assert.ok(!keys.has(idKey(item.id)), `duplicate ${item.id} kept`);
    keys.add(idKey(item.id));
    assert.equal(Object.getPrototypeOf(item), Object.prototype);
  }
}

describe('roadmap bad input', () => {
  afterEach(() => {
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype polluted');
  });

  it('malformed YAML: error at line:col, no throw', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: A',
      '    title: T',
      '  - id: B',
      '    title: T',
      '   ] garbage: {',
    );
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    const first = parsed.diagnostics.find((d) => d.code === 'yaml-syntax');
    assert.ok(first);
    assert.equal(first.range.start.line, 6);
  });

  for (const [name, text] of [
    ['empty', ''],
    ['only whitespace', '  \n\n\t\n'],
    ['only comments', '# nothing yet\n# still nothing\n'],
    ['an explicit null', '~\n'],
    ['a document marker', '---\n'],
  ] as const) {
    it(`an empty file (${name}): one warning, no items`, () => {
      const parsed = parseRoadmapFile('f', text);
      assertWellFormed(parsed, text);
      assert.deepEqual(parsed.items, []);
      assert.ok(parsed.diagnostics.length >= 1);
      if (!text.includes('\t')) assert.deepEqual(codes(parsed.diagnostics), ['empty-file']);
    });
  }

  it('a 10 MB file: a 5 MB why, 5 MB of comments and 2,000 items all load', function () {
    this.timeout(120_000);
    const parts = ['version: 1', 'items:', '  - id: BIG', '    kind: epic', '    title: Big', '    why: |'];
    const line = `      ${'x'.repeat(94)}`;
    for (let i = 0; i < 50_000; i++) parts.push(line);
    for (let i = 0; i < 2000; i++) parts.push(`  - id: IT-${i}`, `    title: Item ${i}`, '    kind: story');
    const comment = `# ${'c'.repeat(98)}`;
    for (let i = 0; i < 50_000; i++) parts.push(comment);
    const text = yaml(...parts);
    assert.ok(text.length >= 10_000_000, `${text.length} bytes`);
    const parsed = parseRoadmapBytes('f', Buffer.from(text, 'utf8'));
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.items.length, 2001);
    assert.equal(parsed.items[0]?.why?.length, 50_000 * 95 - 1);
    assert.equal(RoadmapIndex.build([parsed]).get('it-1999')?.title, 'Item 1999');
  });

  it('billion laughs under an unknown key: never expanded', () => {
    const lines = ['version: 1', 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i <= 12; i++)
      lines.push(`lol${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    lines.push('items:', '  - id: A', '    title: Still here', '    refs: *l12', '    why: *l12');
    const text = yaml(...lines);
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.deepEqual(ids(parsed), ['A']);
    assert.equal(parsed.diagnostics.filter((d) => d.code === 'unknown-key').length, 13);
    assert.ok(parsed.diagnostics.some((d) => d.code === 'invalid-type'));
  });

  it('an alias bomb of nested items: each item read once, bounded diagnostics', () => {
    const lines = ['version: 1', 'items:', '  - &i0 {id: L0, title: Leaf}'];
    for (let i = 1; i <= 12; i++)
      lines.push(
        `  - &i${i} {title: Level ${i}, items: [${Array.from({ length: 10 }, () => `*i${i - 1}`).join(', ')}]}`,
      );
    const text = yaml(...lines);
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.deepEqual(ids(parsed), ['L0']);
    assert.ok(parsed.diagnostics.length < 200, `${parsed.diagnostics.length} diagnostics`);
    assert.ok(parsed.diagnostics.some((d) => d.code === 'repeated-item'));
  });

  it('an item list that contains itself through an alias ends', () => {
    const text = yaml('version: 1', 'items: &all', '  - id: A', '    title: T', '    items: *all');
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.deepEqual(ids(parsed), ['A']);
    assert.deepEqual(only(parsed, 'repeated-item').range, rangeOf(text, '*all'));
  });

  it('too many alias dereferences: one error, the rest of the file still read', () => {
    const lines = ['version: 1', 'items:', '  - id: A', '    title: &t Title', '    refs:'];
    for (let i = 0; i < 12_000; i++) lines.push('      - *t');
    lines.push('  - id: B', '    title: After');
    const text = yaml(...lines);
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.equal(only(parsed, 'too-many-aliases').severity, 'error');
    assert.deepEqual(ids(parsed), ['A', 'B']);
  });

  it('__proto__, constructor and prototype keys and values: no pollution, plain data', () => {
    const text = yaml(
      'version: 1',
      '__proto__: {polluted: yes}',
      'constructor: {prototype: {polluted: yes}}',
      'items:',
      '  - id: __proto__',
      '    title: Proto',
      '    kind: __proto__',
      '    __proto__: {polluted: yes}',
      '    constructor: {prototype: {polluted: yes}}',
      '    metrics:',
      '      - name: m',
      '        __proto__: {polluted: yes}',
      '    refs: [constructor, prototype]',
      '  - id: constructor',
      '    title: Ctor',
      '    parent: __proto__',
    );
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.deepEqual(ids(parsed), ['__proto__', 'constructor']);
    assert.equal(parsed.diagnostics.filter((d) => d.code === 'unknown-key').length, 5);
    const [proto] = parsed.items;
    assert.ok(proto);
    assert.equal(Object.prototype.hasOwnProperty.call(proto, 'polluted'), false);
    assert.deepEqual(Object.keys(proto.metrics[0] ?? {}), ['name']);
    const idx = RoadmapIndex.build([parsed]);
    assert.equal(idx.get('__PROTO__')?.title, 'Proto');
    assert.equal(idx.get('toString'), undefined);
    assert.equal(idx.get('hasOwnProperty'), undefined);
    assert.deepEqual(
      idx.children('__proto__').map((i) => i.id),
      ['constructor'],
    );
    assert.deepEqual(
      [...idx.countByKind()],
      [
        ['__proto__', 1],
        ['item', 1],
      ],
    );
    assert.equal(idx.get('prototype')?.id, '__proto__');
  });

  it('ids that are numbers or contain spaces', () => {
    const text = yaml(
      'version: 1',
      'items:',
      '  - id: 12',
      '    title: Number',
      '  - id: 1.10',
      '    title: Float',
      '  - id: two words',
      '    title: Spaces',
      '  - id: " padded "',
      '    title: Padded',
      '  - id: true',
      '    title: Bool',
    );
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.deepEqual(ids(parsed), ['12', '1.10', 'two words', ' padded ', 'true']);
    assert.deepEqual(codes(parsed.diagnostics).sort(), [
      'invalid-id',
      'invalid-id',
      'non-string-id',
      'non-string-id',
      'non-string-id',
    ]);
  });

  it('thousands of flow levels: a too-deep error, no stack overflow', () => {
    const depth = 100_000;
    const text = `version: 1\nitems: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.ok(
      parsed.diagnostics.some((d) => d.code === 'too-deep' && d.severity === 'error'),
      JSON.stringify(codes(parsed.diagnostics).slice(0, 5)),
    );
  });

  it('thousands of block mapping levels: an error, no stack overflow', () => {
    const lines = ['version: 1', 'items:', '  - id: A', '    title: T', '    why:'];
    for (let i = 0; i < 5000; i++) lines.push(`${' '.repeat(6 + i)}k${i}:`);
    const text = yaml(...lines);
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.ok(parsed.diagnostics.some((d) => d.severity === 'error'));
  });

  it(`items nested thousands of levels: an error past ${MAX_ITEM_DEPTH} levels, the first levels load`, () => {
    const lines = ['version: 1', 'items:'];
    for (let i = 0; i < 2000; i++) {
      const pad = ' '.repeat(i * 4);
      lines.push(`${pad}  - id: L${i}`, `${pad}    title: Level ${i}`, `${pad}    items:`);
    }
    const text = yaml(...lines);
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.equal(parsed.items.length, MAX_ITEM_DEPTH);
    assert.equal(only(parsed, 'items-too-deep').range.start.line, 2 + (MAX_ITEM_DEPTH - 1) * 3 + 2);
    assert.equal(RoadmapIndex.build([parsed]).ancestors(`L${MAX_ITEM_DEPTH - 1}`).length, MAX_ITEM_DEPTH - 1);
  });

  it('non-UTF-8 bytes: an error at the first bad byte, the file still loads', () => {
    const head = Buffer.from('version: 1\nitems:\n  - id: A\n    title: ok\n  - id: B\n    title: "ab');
    const bytes = Buffer.concat([head, Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('"\n')]);
    const parsed = parseRoadmapBytes('f', bytes);
    const d = only(parsed, 'invalid-encoding');
    assert.deepEqual(d.range.start, { line: 5, character: 14 });
    assert.deepEqual(ids(parsed), ['A', 'B']);
    assert.ok(parsed.items[1]?.title.includes('\uFFFD'));
  });

  it('a UTF-16 file is reported as not UTF-8, not thrown', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]);
    const parsed = parseRoadmapBytes('f', bytes);
    assert.deepEqual(only(parsed, 'invalid-encoding').range.start, { line: 0, character: 0 });
  });

  it('two files defining the same id: both reported, one item kept', () => {
    const a = parseRoadmapFile('/w/roadmap.yaml', yaml('version: 1', 'items:', '  - id: X', '    title: A'));
    const b = parseRoadmapFile('/w/roadmap/b.yaml', yaml('version: 1', 'items:', '  - id: x', '    title: B'));
    const idx = RoadmapIndex.build([a, b]);
    assert.deepEqual(idx.diagnostics.map((d) => [d.file, d.code]).sort(), [
      ['/w/roadmap.yaml', 'duplicate-id'],
      ['/w/roadmap/b.yaml', 'duplicate-id'],
    ]);
    assert.deepEqual(
      idx.items.map((i) => i.title),
      ['A'],
    );
  });

  it('a problem flood is capped per file with a note', () => {
    const lines = ['version: 1', 'items:'];
    for (let i = 0; i < 3000; i++) lines.push(`  - id: X${i}`, `    bogus: ${i}`);
    const text = yaml(...lines);
    const parsed = parseRoadmapFile('f', text);
    assertWellFormed(parsed, text);
    assert.equal(parsed.items.length, 3000);
    assert.equal(parsed.diagnostics.length, 1001);
    assert.equal(parsed.diagnostics.at(-1)?.code, 'too-many-diagnostics');
  });

  describe('properties (fast-check)', () => {
    it('never throws or misplaces a diagnostic on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
          assertWellFormed(parseRoadmapFile('f', text), text);
        }),
        { numRuns: 400 },
      );
    });

    it('never throws on YAML-ish text built from roadmap tokens', () => {
      const token = fc.constantFrom(
        'version: 1\n',
        'items:\n',
        '  - id: A\n',
        '    items:\n',
        '      - id: a\n',
        '    parent: A\n',
        '&x ',
        '*x',
        '[',
        ']',
        '{',
        '}',
        ': ',
        '- ',
        '\n',
        '  ',
        '"',
        "'",
        '#',
        '|',
        '>',
        '!!str ',
        '__proto__: ',
        'metrics: ',
        'refs: [',
        ',',
      );
      fc.assert(
        fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
          const text = tokens.join('');
          const parsed = parseRoadmapFile('f', text);
          assertWellFormed(parsed, text);
          RoadmapIndex.build([parsed]);
        }),
        { numRuns: 400 },
      );
    });

    it('never throws on generated roadmap-like objects, and keeps every well-formed item', () => {
      const scalar = fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom('__proto__', 'constructor', 'A', 'b-1'),
      );
      const key = fc.oneof(
        fc.constantFrom(...ITEM_KEYS),
        fc.constantFrom('__proto__', 'constructor', 'ownr'),
        fc.string({ maxLength: 6 }),
      );
      const { item } = fc.letrec((tie) => ({
        item: fc.oneof(
          { depthSize: 'small' },
          fc.record(
            {
              id: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,5}$/),
              title: fc.string({ maxLength: 10 }),
              items: fc.array(tie('item'), { maxLength: 3 }),
            },
            { requiredKeys: ['id'] },
          ),
          fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), tie('item')), { maxKeys: 5 }),
          scalar,
        ),
      }));
      fc.assert(
        fc.property(fc.array(item, { maxLength: 6 }), fc.oneof(fc.constant(1), scalar), (items, version) => {
          const text = stringify({ version, items });
          const parsed = parseRoadmapFile('f', text);
          assertWellFormed(parsed, text);
          const idx = RoadmapIndex.build([parsed]);
          for (const it of idx.items) assert.ok(idx.ancestors(it.id).length < idx.items.length);
        }),
        { numRuns: 300 },
      );
    });
  });
});
