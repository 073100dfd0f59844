import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DARK_THEME, renderOverviewSvg, wrapText, xmlText } from '../../src/core/render/overviewSvg';
import { buildOverview } from '../../src/core/render/roadmapOverview';
import { makeItem } from './roadmapFixtures';

// sax (installed with @vscode/vsce) in strict mode: an SVG viewer rejects what it rejects.
type SaxParser = {
  onerror: (e: Error) => void;
  onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
  ontext: (t: string) => void;
  write(s: string): SaxParser;
  close(): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean): SaxParser };

function parseXml(xml: string): { tags: { name: string; attributes: Record<string, string> }[]; text: string } {
  const p = sax.parser(true);
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (t) => tags.push(t);
  p.ontext = (t) => (text += t);
  p.write(xml).close();
  return { tags, text };
}

const ALLOWED_TAGS = new Set(['svg', 'title', 'rect', 'g', 'text']);

describe('overviewSvg', () => {
  const items = [
    makeItem({
      id: 'CHK-12',
      title: 'One-click reorder',
      target: '2026-Q3',
      status: 'in-progress',
      why: 'Weekly grocery shoppers must rebuild the same cart every week.',
    }),
    makeItem({ id: 'SRCH', title: 'Typo-tolerant search', target: '2026-Q2', status: 'shipped' }),
  ];

  it('is well-formed XML with the columns, cards and unlinked totals', () => {
    const svg = renderOverviewSvg(
      buildOverview({
        items,
        mode: 'target',
        product: 'Acme',
        workCount: () => ({ branches: 1, commits: 2 }),
        unlinked: { branches: 3, commits: 4 },
      }),
    );
    const { tags, text } = parseXml(svg);
    assert.equal(tags[0]?.name, 'svg');
    assert.match(text, /Acme roadmap by target/);
    assert.ok(text.indexOf('2026-Q2 (1)') < text.indexOf('2026-Q3 (1)'), 'Q2 column first');
    assert.match(text, /One-click reorder/);
    assert.match(text, /CHK-12 · in-progress · 1 branch · 2 commits/);
    assert.match(text, /3 branches/);
    assert.match(text, /Weekly grocery shoppers must rebuild/);
  });

  it('dark theme and an empty roadmap still give valid SVG', () => {
    const { text } = parseXml(
      renderOverviewSvg(
        buildOverview({ items: [], mode: 'status', workCount: () => ({ branches: 0, commits: 0 }) }),
        DARK_THEME,
      ),
    );
    assert.match(text, /No items in the roadmap yet/);
  });

  it('hostile and invalid-XML text stays text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (title, why) => {
        const overview = buildOverview({
          items: [makeItem({ id: title || 'x', title, why, target: why, status: title })],
          mode: 'target',
          product: why,
          workCount: () => ({ branches: 0, commits: 0 }),
        });
        const { tags } = parseXml(renderOverviewSvg(overview));
        for (const t of tags) {
          assert.ok(ALLOWED_TAGS.has(t.name), t.name);
          for (const name of Object.keys(t.attributes)) assert.ok(!/^on|href$/i.test(name), name);
        }
      }),
      { numRuns: 300 },
    );
    const evil = '<script>alert(1)</script><image href="https://evil.example/x.png"/>\u0000\u0007\ud800';
    const { tags, text } = parseXml(
      renderOverviewSvg(
        buildOverview({
          items: [makeItem({ id: 'E', title: evil })],
          mode: 'status',
          workCount: () => ({ branches: 0, commits: 0 }),
        }),
      ),
    );
    assert.ok(tags.every((t) => ALLOWED_TAGS.has(t.name)));
    assert.match(text, /<script>alert\(1\)<\/script>/);
  });

  it('wraps by words, breaks long words, ellipsis on the last line', () => {
    assert.deepEqual(wrapText('aa bb cc dd', 5, 5), ['aa bb', 'cc dd']);
    assert.deepEqual(wrapText('abcdefghij', 4, 5), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(wrapText('aa bb cc dd ee', 5, 2), ['aa bb', 'cc…']);
    assert.deepEqual(wrapText('', 5, 2), []);
  });

  it('drops characters XML cannot hold', () => {
    assert.equal(xmlText('a\u0000b\u0008c\td\ud800e\ud83d\ude00'), 'abc\tde\ud83d\ude00');
  });
});
