import * as assert from 'node:assert/strict';
import { buildOverview } from '../../src/core/render/roadmapOverview';
import { renderOverviewHtml } from '../../src/roadmap/overview/roadmapOverviewHtml';
import { makeItem } from './roadmapFixtures';
import { activeContent, parseHtml } from './htmlDom';

const RES = {
  cspSource: 'https://x.vscode-cdn.net',
  nonce: 'N0nceN0nceN0nceN0nce12',
  styleUri: 'https://x.vscode-cdn.net/media/itemCard.css',
  extraStyleUris: ['https://x.vscode-cdn.net/media/overview.css'],
  scriptUri: 'https://x.vscode-cdn.net/media/overview.js',
};
const HOSTILE = '<img src=x onerror=alert(1)>"><script>alert(2)</script>';

describe('renderOverviewHtml', () => {
  it('renders columns of card buttons, the mode toggle and the unlinked counts', () => {
    const overview = buildOverview({
      items: [makeItem({ id: 'CHK-12', title: 'One-click reorder', target: '2026-Q3', why: 'Weekly shoppers.' })],
      mode: 'target',
      workCount: () => ({ branches: 2, commits: 5 }),
      unlinked: { branches: 3, commits: 7 },
    });
    const dom = parseHtml(renderOverviewHtml(overview, RES));
    const card = dom.elements.find((e) => e.tag === 'button' && e.attrs.get('data-item') === 'CHK-12');
    assert.ok(card);
    assert.match(card.text, /One-click reorder/);
    assert.match(card.text, /Weekly shoppers\./);
    assert.match(card.text, /2 branches · 5 commits/);
    const pressed = dom.elements
      .filter((e) => e.attrs.get('data-action') === 'setMode')
      .map((e) => `${e.attrs.get('data-mode')}=${e.attrs.get('aria-pressed')}`);
    assert.deepEqual(pressed, ['target=true', 'status=false']);
    assert.match(dom.text, /3\s*branches reference no item/);
    assert.equal(dom.elements.filter((e) => e.tag === 'link').length, 2);
  });

  it('keeps hostile roadmap text inert', () => {
    const overview = buildOverview({
      items: [makeItem({ id: HOSTILE, title: HOSTILE, why: HOSTILE, target: HOSTILE, status: HOSTILE, kind: HOSTILE })],
      mode: 'status',
      product: HOSTILE,
      workCount: () => ({ branches: 0, commits: 0 }),
    });
    const dom = parseHtml(renderOverviewHtml(overview, RES));
    assert.deepEqual(
      activeContent(dom).filter((s) => !s.startsWith('<script nonce=')),
      [],
    );
    assert.equal(dom.elements.filter((e) => e.tag === 'script').length, 1);
    assert.ok(dom.text.includes(HOSTILE));
    assert.equal(
      dom.elements.find((e) => e.tag === 'button' && e.attrs.has('data-item'))?.attrs.get('data-item'),
      HOSTILE,
    );
  });
});
