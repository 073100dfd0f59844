// The bounded-time glob matcher (issue #16, class 1): the same answers as picomatch for the globs
// people write, and a bounded cost for the ones an attacker writes. "Never hangs" is checked by
// outcome: the answer, or the budget counter, never by a clock.
import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { attributeFile } from '../../src/core/attribution/attribution';
import { compileGlob, globBudgetExceeded, matchParsedGlob } from '../../src/core/glob/globMatcher';
import { parseGlob } from '../../src/core/glob/globSyntax';
import { BranchTags } from '../../src/core/linking/commitLinks';
import { globProblem } from '../../src/core/roadmap/globProblem';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { matchesRoadmapGlob } from '../../src/core/roadmap/roadmapDiscovery';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { yaml } from './roadmapTestUtil';

const PATTERNS = [
  'checkout/*',
  'feature/CHK-*',
  'src/checkout/**',
  'feature/{a,b}-*',
  'src/[abc]/*.ts',
  'release/v1.2',
  '*/x/**',
  '**/test/**',
  '{src,lib}/**/*.{ts,tsx}',
  'x?y',
  'a/**/b/**/c',
  '**/*.ts',
  'src/**/*.ts',
  '*.md',
  'docs/*.md',
  '[0-9][0-9]-*',
  '*-+(0|1)',
  '@(fix|feat)/*',
  '*.{ts,js}',
  '[a-c]x',
  '[[:alpha:]]*',
  'src/(x|y)/z.ts',
  'a(b)',
  'a\\*b',
  'a/**',
  '**',
  '**/b',
  '!foo',
  '?(a)x',
  '*(a|b)x',
  '+(ab)',
  '{1..3}',
  'roadmap/*.yaml',
  '.roadmap.yaml',
];
const INPUTS = [
  'a',
  'a/b',
  'a/b/c',
  'b',
  'x/b',
  '.x',
  'abc',
  'xa',
  'foo',
  'bar',
  'abab',
  'ax',
  'x',
  'a*b',
  'bx',
  'a.ts',
  'src/a.ts',
  'src/x/y/a.ts',
  'x/y/a.ts',
  'checkout/x',
  'checkout/x/y',
  'feature/CHK-12',
  'feature/a-1',
  'feature/c-1',
  'src/a/q.ts',
  'release/v1.2',
  'release/v1x2',
  'q/x/r',
  'x/test/y',
  'lib/a/b.tsx',
  'xqy',
  'a/x/b/y/c',
  'README.md',
  'docs/a.md',
  '12-x',
  'x-0101',
  'fix/a',
  'feat/b',
  'src/checkout/a/b',
  'src/checkout',
  '2',
  'roadmap/q.yaml',
  '.roadmap.yaml',
  '.github/x.ts',
  'src/x/z.ts',
  'src/q/z.ts',
  'ab',
];

describe('glob matcher: the dialect users write', () => {
  it(`answers like picomatch {dot: true} for ${PATTERNS.length} patterns × ${INPUTS.length} inputs`, () => {
    const diffs: string[] = [];
    let matches = 0;
    for (const p of PATTERNS) {
      const ours = compileGlob(p);
      assert.ok(ours, `${p} compiles`);
      assert.equal(globProblem(p), undefined, `${p} passes validation`);
      const theirs = picomatch(p, { dot: true });
      for (const s of INPUTS) {
        const want = theirs(s);
        if (want) matches++;
        if (ours(s) !== want) diffs.push(`${p} ~ ${s}: ours ${ours(s)}, picomatch ${want}`);
      }
    }
    assert.deepEqual(diffs, []);
    assert.ok(matches > 60, `the table exercises matches, not only misses (${matches})`);
  });

  it('negated groups mean "anything else in this segment" (as in bash)', () => {
    const m = compileGlob('!(tmp)/**');
    assert.ok(m);
    assert.equal(m('tmp/x'), false);
    assert.equal(m('tmpx/y'), true);
    assert.equal(m('src/a.ts'), true);
    const ext = compileGlob('*.!(js)');
    assert.ok(ext);
    assert.equal(ext('a.ts'), true);
    assert.equal(ext('a.js'), false);
  });

  it('classes never match `/`; a literal name matches only itself', () => {
    assert.equal(compileGlob('a[!x]b')?.('a/b'), false);
    assert.equal(compileGlob('a[!x]b')?.('acb'), true);
    assert.equal(compileGlob('a\\{b')?.('a{b'), true);
    assert.equal(compileGlob('a\\{b')?.('ab'), false);
  });
});

// Members of the class "a glob whose regex would backtrack": nested extglobs, many adjacent
// repeats, many stars, alternations of overlapping words, stacked globstars, negations.
const HOSTILE: readonly [string, string][] = [
  ['+(a)+(a)+(a)+(a)*b', 'a'.repeat(34)],
  ['+(a|aa)+(a|aa)+(a|aa)+(a|aa)+(a|aa)*b', 'a'.repeat(4000)],
  ['*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(4000)],
  ['{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}*b', 'a'.repeat(4000)],
  ['**/**/**/**/**/**/x', 'a/'.repeat(2000)],
  ['!(a)!(a)!(a)!(a)x', 'a'.repeat(2000)],
  ['*(a|b)*(a|b)*(a|b)*(b|a)c', 'ab'.repeat(2000)],
  ['?(a)?(a)?(a)?(a)?(a)?(a)?(a)?(a)?(a)?(a)aaaaaaaaaa', 'a'.repeat(10)],
];

describe('glob matcher: bounded cost for hostile patterns', () => {
  for (const [pattern, input] of HOSTILE) {
    it(`${pattern} on ${input.length} characters answers (no match or the right match)`, () => {
      const m = compileGlob(pattern);
      assert.ok(m, 'compiles (not nested)');
      const expect = pattern.endsWith('aaaaaaaaaa');
      assert.equal(m(input), expect);
    });
  }

  it('the issue example (nested extglob) is refused as a diagnostic, and never matches', () => {
    for (const nested of ['+(+(a)+(a))*b', '*(a|*(b))', '!(+(a))', '?(x|+(y))z', '+(!(a))']) {
      assert.match(globProblem(nested) ?? '', /inside another/, nested);
      assert.equal(compileGlob(nested), undefined, nested);
    }
    const tags = new BranchTags([{ id: 'X', branches: ['+(+(a)+(a))*b'] }]);
    assert.deepEqual(tags.match(['a'.repeat(34), 'a'.repeat(5000)]), []);
  });

  it('over budget, a match answers false and is counted', () => {
    const parsed = parseGlob('*a*a*a*a*a*b');
    assert.ok(parsed.ok);
    const before = globBudgetExceeded();
    assert.equal(matchParsedGlob(parsed.glob, 'a'.repeat(300), 500), false);
    assert.equal(globBudgetExceeded(), before + 1);
    // The same match within the default budget: a real answer, nothing counted.
    assert.equal(matchParsedGlob(parsed.glob, `${'a'.repeat(300)}b`), true);
    assert.equal(globBudgetExceeded(), before + 1);
  });

  it('overlong patterns and huge brace ranges are refused with the limit named', () => {
    assert.match(globProblem(`${'a'.repeat(1001)}*`) ?? '', /longer than 1000/);
    assert.match(globProblem('{1..100000}') ?? '', /too long/);
    assert.match(globProblem('x[[:nope:]]') ?? '', /unknown character class/);
  });

  it('paths: ownership by a hostile glob costs a bounded match per line (attribution)', () => {
    const roadmap = RoadmapIndex.build([
      parseRoadmapFile(
        '/r/roadmap.yaml',
        yaml(
          'version: 1',
          'items:',
          '  - id: BAD',
          '    title: b',
          '    why: w',
          '    paths: ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "+(+(a)+(a))*b"]',
          '  - id: OK',
          '    title: o',
          '    why: w',
          '    paths: ["a*/**"]',
        ),
      ),
    ]);
    const file = `${'a'.repeat(3000)}/x.ts`;
    const owners = attributeFile({ lines: ['x'], relPath: file, roadmap }).items.map((i) => i.itemId);
    assert.deepEqual(owners, ['OK']);
  });

  it('roadmap-file globs from settings use the same matcher', () => {
    assert.equal(matchesRoadmapGlob('plans/x.yaml', ['plans/*.yaml']), true);
    assert.equal(matchesRoadmapGlob(`${'a'.repeat(3000)}`, ['*a*a*a*a*a*a*a*a*a*a*a*a*b', '+(+(a))']), false);
  });
});
