// The parsed-roadmap cache's codec (src/core/indexFile/parsedRoadmapCodec.ts) against its oracle,
// the uncached parse: a round trip gives back exactly what parsing gave (items, positions,
// problems, the index built from them), under the caller's paths; and a damaged, truncated,
// wrong-version, wrong-key or crafted file is a miss with a reason, never a throw and never a
// different answer.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  decodeParsedRoadmap,
  encodeParsedRoadmap,
  PARSED_ROADMAP_FORMAT,
  PARSED_ROADMAP_VERSION,
  parsedRoadmapKeyParts,
} from '../../src/core/indexFile/parsedRoadmapCodec';
import { packSectionFile } from '../../src/core/indexFile/sectionFile';
import { parseRoadmapBytes } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { ITEM_KEYS } from '../../src/core/roadmap/roadmapKeys';
import type { ParsedRoadmapFile } from '../../src/core/roadmap/roadmapTypes';
import { SPEC_EXAMPLE } from './roadmapFixtures';

const KEY = 'k'.repeat(64);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (file: string, text: string): ParsedRoadmapFile => parseRoadmapBytes(file, enc(text));

/** Decodes or fails the test with the reason. */
function decoded(bytes: Uint8Array, paths: readonly string[], key = KEY): readonly ParsedRoadmapFile[] {
  const d = decodeParsedRoadmap(bytes, key, paths);
  assert.ok(d.ok, d.ok ? '' : d.reason);
  return d.files;
}

function encoded(files: readonly ParsedRoadmapFile[], key = KEY): Uint8Array {
  const bytes = encodeParsedRoadmap(key, files);
  assert.ok(bytes);
  return bytes;
}

/** What a caller sees of a set: each file's parse and the merged index's items and problems. */
function view(files: readonly ParsedRoadmapFile[]): unknown {
  const index = RoadmapIndex.build(files);
  return { files, items: index.items, diagnostics: index.diagnostics, roots: index.roots().map((i) => i.id) };
}

/** Texts with every field, problems of every kind, and two files sharing ids and parents. */
const HAND_PICKED: readonly (readonly [string, string])[] = [
  ['/a/roadmap.yaml', SPEC_EXAMPLE],
  [
    '/a/roadmap/b.yaml',
    [
      'version: 1',
      'items:',
      '  - id: X-1',
      '    kind: feature',
      '    title: "Quotes: \\"here\\" and \\u00e9"',
      '    why: |',
      '      Two lines,',
      '      and a third 🚀.',
      '    status: shipped',
      '    owner: ana',
      '    target: 2026-Q3',
      '    parent: CHK',
      '    refs: [JIRA-1, X-1, "#42"]',
      '    links: [https://example.com]',
      '    branches: [feature/x-*]',
      '    paths: [src/**, "[bad"]',
      '    metrics:',
      '      - name: conversion',
      '        baseline: 1%',
      '        target: 2%',
      '      - just text',
      '      - baseline: 3',
      '    colour: blue',
      '  - id: X-1',
      '    title: duplicate',
      '  - id: Y',
      '    parent: Z',
      '  - id: Z',
      '    parent: Y',
      '',
    ].join('\n'),
  ],
  ['/a/roadmap.yml', 'version: 2\nitems:\n  - id: [\n'],
  ['/a/.roadmap.yaml', ''],
  ['/a/c.yaml', 'a: 1\n---\nb: 2\n'],
];

describe('parsedRoadmapCodec', () => {
  it('round-trips hand-picked files (every field, every kind of problem) as the parse gave them', () => {
    const files = HAND_PICKED.map(([f, t]) => parse(f, t));
    assert.deepEqual(
      view(
        decoded(
          encoded(files),
          files.map((f) => f.file),
        ),
      ),
      view(files),
    );
  });

  it('puts back the caller’s paths: a fresh clone elsewhere reads what parsing there would give', () => {
    const here = HAND_PICKED.map(([f, t]) => parse(f, t));
    const there = HAND_PICKED.map(([f, t]) => parse(f.replace('/a/', '/elsewhere/clone/'), t));
    assert.deepEqual(
      view(
        decoded(
          encoded(here),
          there.map((f) => f.file),
        ),
      ),
      view(there),
    );
  });

  it('round-trips generated roadmaps exactly like the uncached parse (property)', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('__proto__', 'A', 'b-1', '2026-Q1', 'shipped'),
    );
    const key = fc.oneof(fc.constantFrom(...ITEM_KEYS), fc.constantFrom('ownr', 'refs', 'metrics'));
    const metric = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.dictionary(fc.constantFrom('name', 'baseline', 'target', 'current', 'unit', 'x'), scalar, { maxKeys: 5 }),
    );
    const { item } = fc.letrec((tie) => ({
      item: fc.oneof(
        { depthSize: 'small' },
        fc.record(
          {
            id: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,4}$/),
            title: fc.string({ unit: 'grapheme', maxLength: 10 }),
            why: fc.string({ unit: 'grapheme', maxLength: 20 }),
            refs: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
            metrics: fc.array(metric, { maxLength: 2 }),
            parent: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,4}$/),
            items: fc.array(tie('item'), { maxLength: 3 }),
          },
          { requiredKeys: ['id'] },
        ),
        fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), tie('item')), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(
        fc.array(fc.array(item, { maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        fc.oneof(fc.constant(1), scalar),
        (sets, version) => {
          const files = sets.map((items, i) => parse(`/r/f${i}.yaml`, stringify({ version, product: 'P', items })));
          const paths = files.map((_, i) => `/clone/f${i}.yaml`);
          const oracle = sets.map((items, i) => parse(paths[i] ?? '', stringify({ version, product: 'P', items })));
          assert.deepEqual(view(decoded(encoded(files), paths)), view(oracle));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not encode a result that points into another file (its path could not be put back)', () => {
    const f = parse('/a/roadmap.yaml', SPEC_EXAMPLE);
    const item = f.items[0];
    assert.ok(item);
    const foreign = { ...f, items: [{ ...item, location: { ...item.location, file: '/other.yaml' } }] };
    assert.equal(encodeParsedRoadmap(KEY, [foreign]), undefined);
  });

  describe('a file that is not this exact result is a miss with a reason', () => {
    const files = HAND_PICKED.map(([f, t]) => parse(f, t));
    const paths = files.map((f) => f.file);
    const good = encoded(files);

    it('another key (a file copied under another name), another number of files', () => {
      assert.deepEqual(decodeParsedRoadmap(good, 'x'.repeat(64), paths), {
        ok: false,
        reason: 'written for other roadmap files',
      });
      assert.deepEqual(decodeParsedRoadmap(good, KEY, paths.slice(1)), {
        ok: false,
        reason: 'written for another number of files',
      });
    });

    it('another version or format', () => {
      const other = packSectionFile(
        { format: PARSED_ROADMAP_FORMAT, version: PARSED_ROADMAP_VERSION + 1, key: KEY, files: 1, checksum: 0 },
        new Map([['body', enc('[]')]]),
      );
      assert.deepEqual(decodeParsedRoadmap(other, KEY, ['/a']), {
        ok: false,
        reason: `version ${PARSED_ROADMAP_VERSION + 1}, expected ${PARSED_ROADMAP_VERSION}`,
      });
      const foreign = packSectionFile({ format: 'something else' }, new Map([['body', enc('[]')]]));
      assert.deepEqual(decodeParsedRoadmap(foreign, KEY, ['/a']), { ok: false, reason: 'not a parsed roadmap file' });
      assert.deepEqual(decodeParsedRoadmap(enc('garbage'), KEY, ['/a']), { ok: false, reason: 'not a section file' });
      assert.deepEqual(decodeParsedRoadmap(new Uint8Array(0), KEY, ['/a']), {
        ok: false,
        reason: 'not a section file',
      });
    });

    it('every truncation', () => {
      for (let n = 0; n < good.length; n += Math.max(1, Math.floor(good.length / 500))) {
        const d = decodeParsedRoadmap(good.subarray(0, n), KEY, paths);
        assert.equal(d.ok, false, `truncated to ${n} bytes`);
      }
    });

    it('any damaged byte: never a throw, and never an answer other than the parse (property)', () => {
      const oracle = view(files);
      fc.assert(
        fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
          const bad = good.slice();
          bad[at] = (bad[at] ?? 0) ^ flip;
          const d = decodeParsedRoadmap(bad, KEY, paths);
          // Padding between the header and the body is not read: damage there changes nothing.
          if (d.ok) assert.deepEqual(view(d.files), oracle);
        }),
        { numRuns: 2000 },
      );
    });

    it('a crafted body with a valid checksum but fields of the wrong type or shape', () => {
      const crafted = (body: unknown, count = 1): Uint8Array => {
        const text = JSON.stringify(body);
        const json = enc(text + ' '.repeat((4 - (enc(text).length % 4)) % 4));
        return packSectionFile(
          {
            format: PARSED_ROADMAP_FORMAT,
            version: PARSED_ROADMAP_VERSION,
            key: KEY,
            files: count,
            checksum: fnvWords(json),
          },
          new Map([['body', json]]),
        );
      };
      type Columns = { n: number; s: unknown[]; r: unknown[]; x: unknown[] };
      const one = (): Columns => ({
        n: 1,
        s: ['A', 'epic', 't', null, null, null, null, null],
        r: [0, 0, 1, 0, 0, 4, 0, 5, -1, -1, -1, -1],
        x: [0, 0, 0, 0, 0, 0],
      });
      const file = (change: (c: Columns) => void = () => undefined): unknown => {
        const c = one();
        change(c);
        return { v: 1, p: null, ...c, d: [] };
      };
      const ok = crafted([file()]);
      assert.equal(decoded(ok, ['/a'])[0]?.items[0]?.id, 'A', 'the well-formed craft decodes');
      const cases: [string, unknown][] = [
        ['body not a list', { v: 1 }],
        ['file not an object', [[]]],
        ['strings one short', [file((c) => c.s.pop())]],
        ['more items than columns', [file((c) => (c.n = 2))]],
        ['a negative count', [file((c) => (c.n = -1))]],
        ['id a number', [file((c) => (c.s[0] = 7))]],
        ['why a number', [file((c) => (c.s[3] = 7))]],
        ['negative line', [file((c) => (c.r[0] = -1))]],
        ['fractional column', [file((c) => (c.r[1] = 0.5))]],
        ['half a parent location', [file((c) => (c.r[9] = 3))]],
        ['links not strings', [file((c) => (c.x[1] = [1]))]],
        ['an empty list where the encoder writes 0', [file((c) => (c.x[2] = []))]],
        ['metric of 4 fields', [file((c) => (c.x[0] = [['m', null, null, null]]))]],
        ['alias location of 3 numbers', [file((c) => (c.x[5] = [[0, 0, 0]]))]],
        ['unknown severity', [{ ...(file() as object), d: [[[0, 0, 0, 0], 'fatal', 'm', 'c', null]] }]],
        ['related not pairs', [{ ...(file() as object), d: [[[0, 0, 0, 0], 'error', 'm', 'c', [[[0, 0, 0, 0]]]]] }]],
        ['version a string', [{ ...(file() as object), v: '1' }]],
        ['product a number', [{ ...(file() as object), p: 3 }]],
        ['__proto__ as a file', [JSON.parse('{"__proto__": {"n": 0, "s": [], "r": [], "x": [], "d": []}}')]],
      ];
      for (const [what, body] of cases) {
        const d = decodeParsedRoadmap(crafted(body), KEY, ['/a']);
        assert.equal(d.ok, false, what);
      }
      assert.equal(decodeParsedRoadmap(crafted([], 1), KEY, ['/a']).ok, false, 'fewer files than the header says');
    });

    it('a file of the previous version is refused with its reason (its name differs too: the version is in the key)', () => {
      const v1 = packSectionFile(
        { format: PARSED_ROADMAP_FORMAT, version: 1, key: KEY, files: 1, checksum: 0 },
        new Map([['body', enc('[]  ')]]),
      );
      assert.deepEqual(decodeParsedRoadmap(v1, KEY, ['/a']), {
        ok: false,
        reason: `version 1, expected ${PARSED_ROADMAP_VERSION}`,
      });
    });
  });

  it('frames the key: names, bytes, the parser build and the format all change it', () => {
    const join = (parts: Uint8Array[]): string => parts.map((p) => Buffer.from(p).toString('hex')).join('|');
    const base = join(parsedRoadmapKeyParts([{ name: 'roadmap.yaml', bytes: enc('a') }], 'b1'));
    for (const other of [
      parsedRoadmapKeyParts([{ name: 'roadmap.yml', bytes: enc('a') }], 'b1'),
      parsedRoadmapKeyParts([{ name: 'roadmap.yaml', bytes: enc('b') }], 'b1'),
      parsedRoadmapKeyParts([{ name: 'roadmap.yaml', bytes: enc('a') }], 'b2'),
      parsedRoadmapKeyParts(
        [
          { name: 'roadmap.yaml', bytes: enc('') },
          { name: 'a', bytes: enc('') },
        ],
        'b1',
      ),
    ])
      assert.notEqual(join(other), base);
    // Length framing: moving bytes from a name into the content is another key.
    const a = Buffer.concat(parsedRoadmapKeyParts([{ name: 'ab', bytes: enc('c') }], 'b'));
    const b = Buffer.concat(parsedRoadmapKeyParts([{ name: 'a', bytes: enc('bc') }], 'b'));
    assert.notDeepEqual(a, b);
  });
});

/**
 * FNV-1a 32's step over little-endian 32-bit words, written out here as the oracle of the codec's
 * checksum (so a craft can pass it).
 */
function fnvWords(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += 4) {
    const word =
      (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    h = Math.imul(h ^ word, 0x01000193);
  }
  return h >>> 0;
}
