import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { attributeFile } from '../../src/core/attribution/attribution';
import type { CommitLinksLookup } from '../../src/core/attribution/attributionTypes';
import { parseBlame } from '../../src/core/gitOutput/blameParser';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { yaml } from './roadmapTestUtil';

const roadmap = RoadmapIndex.build([
  parseRoadmapFile(
    '/r/roadmap.yaml',
    yaml(
      'version: 1',
      'product: Shop',
      'items:',
      '  - id: CHK',
      '    kind: epic',
      '    title: Checkout',
      '    paths: ["src/cart/**"]',
      '    items:',
      '      - id: CHK-12',
      '        kind: feature',
      '        title: One-click reorder',
      '        why: Weekly shoppers rebuild the same cart every week',
      '      - id: CHK-13',
      '        kind: feature',
      '        title: Saved carts',
      '  - id: PAY-3',
      '    kind: feature',
      '    title: Wallets',
    ),
  ),
]);

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

/** Blame: lines 1-2 commit A (t=100), 3-5 commit B (t=200), 6 uncommitted. */
const blame = parseBlame(
  [
    `${A} 1 1 2`,
    'author Ann',
    'author-time 100',
    'summary CHK-13: saved carts',
    'filename src/cart/cart.ts',
    `${B} 1 3 3`,
    'author Bob',
    'author-time 200',
    'summary Reorder',
    'filename src/cart/cart.ts',
    `${Z} 6 6 1`,
    'author Not Committed Yet',
    'author-time 300',
    'summary Version of x',
    'filename src/cart/cart.ts',
  ].join('\n'),
);

const commits: CommitLinksLookup = {
  linksFor: (sha) =>
    sha === A
      ? [
          { itemId: 'chk-13', evidence: 'message' },
          { itemId: 'NOPE-1', evidence: 'message' },
        ]
      : sha === B
        ? [{ itemId: 'CHK-12', evidence: 'trailer' }]
        : undefined,
};

const lines = [
  'function saved() {', // 0  A
  '}', // 1  A
  '// Roadmap: PAY-3', // 2  B
  'function reorder() {', // 3  B
  '}', // 4  B
  'const fresh = 1;', // 5  uncommitted
];

describe('attribution', () => {
  const symbols = [
    { name: 'saved', kind: 'function' as const, startLine: 0, endLine: 1, depth: 0 },
    { name: 'reorder', kind: 'function' as const, startLine: 3, endLine: 4, depth: 0 },
  ];
  const file = attributeFile({
    lines,
    relPath: 'src/cart/cart.ts',
    roadmap,
    blame,
    commits,
    currentItemId: 'chk-12',
    symbols,
    now: 1000,
  });

  it('gives each line its items with evidence from all four sources', () => {
    const at = (l: number) => file.itemsAt(l).map((i) => [i.itemId, i.evidence.map((e) => e.kind).join('+')]);
    assert.deepEqual(at(0), [
      ['CHK', 'ownership'],
      ['CHK-13', 'history'],
    ]);
    assert.deepEqual(at(2), [
      ['PAY-3', 'annotation'],
      ['CHK', 'ownership'],
      ['CHK-12', 'history'],
    ]);
    assert.deepEqual(at(3), [
      ['PAY-3', 'annotation'],
      ['CHK', 'ownership'],
      ['CHK-12', 'history'],
    ]);
    assert.deepEqual(at(5), [
      ['CHK', 'ownership'],
      ['CHK-12', 'uncommitted'],
    ]);
    const history = file.itemsAt(3).find((i) => i.itemId === 'CHK-12')?.evidence[0];
    assert.deepEqual(history, {
      kind: 'history',
      sha: B,
      summary: 'Reorder',
      author: 'Bob',
      time: 200,
      how: 'trailer',
      boundary: false,
    });
    const annotation = file.itemsAt(4).find((i) => i.itemId === 'PAY-3')?.evidence[0];
    assert.deepEqual(annotation, {
      kind: 'annotation',
      line: 2,
      comment: 'Roadmap: PAY-3',
      explicit: true,
      scope: 'symbol',
    });
    assert.deepEqual(file.itemsAt(6), []);
    assert.deepEqual(file.itemsAt(-1), []);
  });

  it('drops references to unknown items and uses canonical ids', () => {
    assert.ok(file.items.every((i) => i.itemId !== 'NOPE-1'));
    assert.ok(file.items.some((i) => i.itemId === 'CHK-13'));
  });

  it('ranks the whole file by lines, then recency', () => {
    assert.deepEqual(
      file.items.map((i) => [i.itemId, i.lines, i.lastTime]),
      [
        ['CHK', 6, 0],
        ['CHK-12', 4, 1000],
        ['PAY-3', 3, 0],
        ['CHK-13', 2, 100],
      ],
    );
    const chk12 = file.items.find((i) => i.itemId === 'CHK-12');
    assert.deepEqual(chk12?.bySource, { annotation: 0, ownership: 0, history: 3, uncommitted: 1 });
  });

  it('ranks per symbol; the symbol heading annotation covers the symbol only', () => {
    assert.deepEqual(
      file.symbols.map((s) => [s.symbol.name, s.items.map((i) => `${i.itemId}:${i.lines}`)]),
      [
        ['saved', ['CHK-13:2', 'CHK:2']],
        ['reorder', ['CHK-12:2', 'CHK:2', 'PAY-3:2']],
      ],
    );
  });

  it('ranks ties by recency', () => {
    const tie = attributeFile({
      lines: ['a', 'b'],
      relPath: 'x.ts',
      roadmap,
      blame: parseBlame(
        [`${A} 1 1 1`, 'author-time 100', 'filename x', `${B} 1 2 1`, 'author-time 200', 'filename x'].join('\n'),
      ),
      commits: { linksFor: (sha) => [{ itemId: sha === A ? 'CHK-13' : 'PAY-3', evidence: 'message' }] },
    });
    assert.deepEqual(
      tie.items.map((i) => i.itemId),
      ['PAY-3', 'CHK-13'],
    );
  });

  it('treats every line of an untracked file as the current item; without history nothing comes from commits', () => {
    const untracked = attributeFile({
      lines: ['x', 'y'],
      relPath: 'new.ts',
      roadmap,
      allUncommitted: true,
      currentItemId: 'PAY-3',
    });
    assert.deepEqual(
      untracked.items.map((i) => [i.itemId, i.lines]),
      [['PAY-3', 2]],
    );
    const plain = attributeFile({ lines: ['x'], relPath: 'src/cart/x.ts', roadmap });
    assert.deepEqual(
      plain.items.map((i) => i.itemId),
      ['CHK'],
    );
    assert.deepEqual(plain.itemsAt(0)[0]?.evidence, [{ kind: 'ownership', glob: 'src/cart/**' }]);
  });

  it('owns exactly the paths each `paths` glob matches (globs compiled only under their literal folder)', () => {
    const globs = [
      'src/checkout/**',
      '{src,lib}/shared/*.ts',
      'docs/*.md',
      'src/a.ts',
      '**/*.sql',
      'src/[ab]*/x.ts',
      'src/check?ut/**',
      './src/dot/**',
      'src/(x|y)/z.ts',
      'src/legacy',
      '[unclosed/**',
    ];
    const index = RoadmapIndex.build([
      parseRoadmapFile(
        'r.yaml',
        yaml(
          'version: 1',
          'items:',
          ...globs.flatMap((g, i) => [
            `  - id: OWN-${i}`,
            '    kind: feature',
            `    title: Owner ${i}`,
            `    paths: [${JSON.stringify(g)}]`,
          ]),
        ),
      ),
    ]);
    const paths = [
      'src/checkout/cart.ts',
      'lib/shared/util.ts',
      'src/shared/a.ts',
      'docs/readme.md',
      'docs/a/b.md',
      'src/a.ts',
      'db/q.sql',
      'src/b1/x.ts',
      'src/c1/x.ts',
      'src/dot/x.ts',
      'src/x/z.ts',
      'src/legacy',
      'src/legacy/old.ts',
      'other/file.ts',
    ];
    let owned = 0;
    for (const relPath of paths) {
      const owners = attributeFile({ lines: ['x'], relPath, roadmap: index })
        .items.map((i) => i.itemId)
        .sort();
      owned += owners.length;
      const expected = globs
        .map((g, i) => {
          try {
            return picomatch(g, { dot: true })(relPath) ? `OWN-${i}` : undefined;
          } catch {
            return undefined;
          }
        })
        .filter((id): id is string => id !== undefined)
        .sort();
      assert.deepEqual(owners, expected, relPath);
    }
    assert.ok(owned >= 9, `the table exercises matches, not only misses (${owned})`);
  });

  it('nested symbols: the class heading applies to its methods, the method heading to the method', () => {
    const text = ['// CHK-12', 'class A {', '  // PAY-3', '  m() {', '  }', '  n() {', '  }', '}'];
    const f = attributeFile({
      lines: text,
      relPath: 'a.ts',
      roadmap,
      symbols: [
        { name: 'A', kind: 'class', startLine: 1, endLine: 7, depth: 0 },
        { name: 'm', kind: 'method', startLine: 3, endLine: 4, depth: 1 },
        { name: 'n', kind: 'method', startLine: 5, endLine: 6, depth: 1 },
      ],
    });
    assert.deepEqual(
      f.itemsAt(4).map((i) => i.itemId),
      ['CHK-12', 'PAY-3'],
    );
    assert.deepEqual(
      f.itemsAt(6).map((i) => i.itemId),
      ['CHK-12'],
    );
    assert.deepEqual(
      f.itemsAt(0).map((i) => i.itemId),
      ['CHK-12'],
    );
    assert.deepEqual(
      f.symbols.map((s) => s.items.map((i) => `${i.itemId}:${i.lines}`).join(',')),
      ['CHK-12:7,PAY-3:3', 'CHK-12:2,PAY-3:2', 'CHK-12:2'],
    );
  });

  it('attributes 10k lines quickly enough to run in one pass (sanity, not a timing assertion)', () => {
    const many = Array.from({ length: 10000 }, (_, i) => (i % 100 === 0 ? `// CHK-12 ${i}` : `x${i}();`));
    const f = attributeFile({ lines: many, relPath: 'src/cart/big.ts', roadmap });
    assert.equal(f.items.find((i) => i.itemId === 'CHK')?.lines, 10000);
    assert.equal(f.items.find((i) => i.itemId === 'CHK-12')?.lines, 100);
  });
});

import { lensTitle, manyItemsTitle } from '../../src/core/attribution/lensTitle';

describe('lensTitle', () => {
  it('puts the why first, then the item, and counts the others', () => {
    assert.equal(
      lensTitle([
        { id: 'CHK-12', title: 'One-click reorder', why: 'Weekly shoppers rebuild the same cart every week' },
      ]),
      '$(lightbulb) Weekly shoppers rebuild the same cart every week — CHK-12 One-click reorder',
    );
    assert.equal(
      lensTitle([
        { id: 'A', title: 'T' },
        { id: 'B', title: 'U' },
        { id: 'C', title: 'V' },
      ]),
      '$(lightbulb) A T (+2 more)',
    );
    assert.equal(lensTitle([]), undefined);
  });

  it('truncates long text at a word and defuses icon syntax', () => {
    const title = lensTitle([{ id: 'X-1', title: 'Title', why: 'word '.repeat(40) }], 30) ?? '';
    assert.match(title, /^\$\(lightbulb\) (word ){4}word… — X-1 Title$/);
    assert.equal(lensTitle([{ id: 'X', title: 'a $(zap) b' }]), '$(lightbulb) X a $\u200b(zap) b');
  });

  it('a range serving many items, none with most of its lines, says how many and which has the most', () => {
    const items = Array.from({ length: 89 }, (_, i) => ({ id: `LANG-${900 - i}`, title: `Item ${i}`, lines: 183 - i }));
    items[0] = { id: 'LANG-853', title: 'StringUtils join APIs', lines: 183 };
    assert.equal(
      manyItemsTitle(items, 9396),
      '$(lightbulb) 89 items · most lines: LANG-853 StringUtils join APIs (183 lines)',
    );
    // Few items, or one item with half the lines or more: the why-first title describes it better.
    assert.equal(manyItemsTitle(items.slice(0, 4), 9396), undefined);
    assert.equal(manyItemsTitle(items, 300), undefined);
    assert.equal(manyItemsTitle([], 10), undefined);
    assert.equal(
      manyItemsTitle([{ id: 'A', title: '$(zap)', lines: 1 }, ...items.slice(1, 5)], 1000),
      '$(lightbulb) 5 items · most lines: A $\u200b(zap) (1 line)',
    );
  });
});
