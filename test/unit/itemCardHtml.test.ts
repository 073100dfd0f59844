import * as assert from 'node:assert/strict';
import {
  itemCardTitle,
  renderItemCardHtml,
  type ItemCardData,
  type WebviewResources,
} from '../../src/roadmap/card/itemCardHtml';
import { activeContent, parseHtml, type ParsedDom } from './htmlDom';
import { makeItem } from './roadmapFixtures';

const RES: WebviewResources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'N0nceN0nceN0nceN0nce12',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/itemCard.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/itemCard.js',
};
const NOW = Date.UTC(2026, 5, 1);
const DAY = 86400000;

const HOSTILE = '<img src=x onerror=alert(1)>"><script>alert(2)</script>\'><svg onload=alert(3)>';

/** Our own script is the only one allowed: nonce'd and from the extension's media folder. */
function foreignActiveContent(dom: ParsedDom): string[] {
  return activeContent(dom).filter((s) => s !== `<script nonce=${RES.nonce} src=${RES.scriptUri}>`);
}

const grow = makeItem({ id: 'GROW', kind: 'goal', title: 'Grow repeat purchases' });
const chk = makeItem({ id: 'CHK', kind: 'epic', title: 'Frictionless checkout', parentId: 'GROW' });
const item = makeItem({
  id: 'CHK-12',
  parentId: 'CHK',
  why: 'Weekly grocery shoppers must rebuild the same cart every week.',
  status: 'in-progress',
  owner: 'growth-team',
  target: '2026-Q3',
  metrics: [
    { name: '90-day repeat purchase rate', baseline: '18%', target: '30%', current: '24%' },
    { name: 'Reorder NPS', baseline: 'low', target: 'high' },
  ],
  links: ['https://example.com/specs/reorder', 'javascript:alert(1)'],
});
const data: ItemCardData = {
  item,
  product: 'Acme Shop',
  ancestors: [chk, grow],
  children: [makeItem({ id: 'CHK-13', title: 'Reorder button', status: 'shipped' })],
  work: {
    commits: [
      { hash: 'a1b2c3d4e5', subject: 'CHK-12: reorder from history', author: 'Ana', date: NOW - 2 * DAY },
      { hash: 'b1b2c3d4e5', subject: 'CHK-12: tests', author: 'Ben', date: NOW - 9 * DAY },
    ],
    branches: [{ name: 'feature/CHK-12-reorder', lastActivity: NOW - 2 * DAY, author: 'Ana', current: true }],
    files: [{ path: 'src/checkout/reorder.ts', commits: 2 }],
  },
  now: NOW,
};

describe('renderItemCardHtml', () => {
  const dom = parseHtml(renderItemCardHtml(data, RES));
  const byTag = (tag: string) => dom.elements.filter((e) => e.tag === tag);

  it('shows the why, title, breadcrumbs, metrics, children and linked work', () => {
    assert.equal(byTag('h1')[0]?.text, 'One-click reorder');
    assert.equal(dom.elements.find((e) => e.attrs.get('class') === 'why-text')?.text, item.why);
    const crumbs = dom.elements.filter(
      (e) => e.tag === 'button' && e.attrs.has('data-item') && e.attrs.get('class') === 'link',
    );
    assert.deepEqual(
      crumbs.map((b) => b.attrs.get('data-item')),
      ['GROW', 'CHK', 'CHK-13'],
      'parents first, root first, then children',
    );
    assert.match(dom.text, /Acme Shop/);
    assert.match(dom.text, /Baseline 18%/);
    assert.match(dom.text, /Now 24%/);
    assert.match(dom.text, /50% of the way/);
    assert.match(dom.text, /Reorder NPS/);
    assert.match(dom.text, /feature\/CHK-12-reorder/);
    assert.match(dom.text, /2 days ago/);
    assert.match(dom.text, /src\/checkout\/reorder\.ts/);
    assert.match(dom.text, /2 commits in total/);
  });

  it('draws a bar only for the numeric metric', () => {
    const bars = dom.elements.filter((e) => e.tag === 'svg' && e.attrs.get('class') === 'metric-bar');
    assert.equal(bars.length, 1);
    const current = dom.elements.find((e) => e.tag === 'circle' && e.attrs.get('class') === 'bar-current');
    assert.equal(current?.attrs.get('cx'), '24%');
  });

  it('makes only http(s) links anchors; others are inert text', () => {
    const anchors = byTag('a');
    assert.deepEqual(
      anchors.map((a) => a.attrs.get('href')),
      ['https://example.com/specs/reorder'],
    );
    assert.equal(anchors[0]?.attrs.get('data-external'), 'https://example.com/specs/reorder');
    assert.match(dom.text, /javascript:alert\(1\)/);
  });

  it('has a strict CSP and only our nonce script', () => {
    const csp = dom.elements.find((e) => e.tag === 'meta' && e.attrs.get('http-equiv') === 'Content-Security-Policy');
    assert.equal(
      csp?.attrs.get('content'),
      `default-src 'none'; style-src ${RES.cspSource}; script-src 'nonce-${RES.nonce}'; img-src ${RES.cspSource} data:`,
    );
    assert.deepEqual(foreignActiveContent(dom), []);
    assert.equal(byTag('script').length, 1);
  });

  it('keeps every hostile field inert', () => {
    const h = (id: string) =>
      makeItem({
        id,
        title: HOSTILE,
        why: HOSTILE,
        status: HOSTILE,
        owner: HOSTILE,
        target: HOSTILE,
        aliases: [HOSTILE],
      });
    const hostileData: ItemCardData = {
      item: makeItem({
        ...h('"><script>x</script>'),
        kind: HOSTILE,
        metrics: [{ name: HOSTILE, baseline: HOSTILE, target: '30%', current: HOSTILE, unit: HOSTILE }],
        links: [
          HOSTILE,
          'javascript:alert(1)',
          'data:text/html,<script>alert(1)</script>',
          'command:workbench.action.terminal.new',
        ],
      }),
      product: HOSTILE,
      ancestors: [h('A"onmouseover="alert(1)')],
      children: [h("B'><img src=x onerror=alert(1)>")],
      work: {
        commits: [{ hash: HOSTILE, subject: HOSTILE, author: HOSTILE, date: NOW - DAY }],
        branches: [{ name: HOSTILE, author: HOSTILE, lastActivity: NOW }],
        files: [{ path: HOSTILE, commits: 1 }],
      },
      now: NOW,
    };
    const hostileDom = parseHtml(renderItemCardHtml(hostileData, RES));
    assert.deepEqual(foreignActiveContent(hostileDom), []);
    assert.equal(hostileDom.elements.filter((e) => e.tag === 'a').length, 0);
    assert.equal(
      hostileDom.elements.filter((e) => e.tag === 'svg').length,
      3,
      "chart, file bar and the children's progress bar only, none from data",
    );
    assert.ok(hostileDom.text.includes(HOSTILE), 'shown as text');
    const ids = hostileDom.elements.filter((e) => e.attrs.has('data-item')).map((e) => e.attrs.get('data-item'));
    assert.ok(ids.includes('A"onmouseover="alert(1)'));
    assert.ok(ids.includes("B'><img src=x onerror=alert(1)>"));
  });

  it('explains missing work and a missing why', () => {
    const d = parseHtml(
      renderItemCardHtml(
        {
          item: makeItem({ id: 'X' }),
          ancestors: [],
          children: [],
          workNote: 'Git features are off in Restricted Mode.',
          now: NOW,
        },
        RES,
      ),
    );
    assert.match(d.text, /No why recorded yet/);
    assert.match(d.text, /Git features are off in Restricted Mode\./);
    const none = parseHtml(
      renderItemCardHtml(
        { item: makeItem({ id: 'X' }), ancestors: [], children: [], work: { commits: [], branches: [] }, now: NOW },
        RES,
      ),
    );
    assert.match(none.text, /No branches or commits reference X yet/);
  });

  it('adds up a parent: children progress and linked work "including children"', () => {
    const rel = makeItem({ id: 'REL-3.20', kind: 'epic', title: 'Release 3.20' });
    const kids = ['shipped', 'shipped', 'Shipped', 'shipped', 'dropped'].map((status, i) =>
      makeItem({ id: `F-${i}`, status, parentId: 'REL-3.20' }),
    );
    const d = parseHtml(
      renderItemCardHtml(
        {
          item: rel,
          ancestors: [],
          children: kids,
          work: {
            commits: [{ hash: 'a'.repeat(40), subject: 'fix', author: 'Lee', date: NOW - DAY }],
            commitDates: [NOW - DAY],
            branches: [],
            includesChildren: { commits: 7, ownCommits: 0, ownBranches: 0, lastActivity: NOW - DAY },
          },
          now: NOW,
        },
        RES,
      ),
    );
    const text = d.text.replace(/\s+/g, ' ');
    assert.match(text, /4 of 4 shipped/);
    assert.match(text, /Linked work, including children/);
    assert.match(text, /Including children: 7 commits and 0 branches across REL-3\.20/);
    assert.match(text, /0 commits name REL-3\.20 itself/);
    const empty = parseHtml(
      renderItemCardHtml(
        {
          item: rel,
          ancestors: [],
          children: kids,
          work: { commits: [], branches: [], includesChildren: { commits: 0, ownCommits: 0, ownBranches: 0 } },
          now: NOW,
        },
        RES,
      ),
    );
    assert.match(
      empty.text.replace(/\s+/g, ' '),
      /No branches or commits reference REL-3\.20 or any item under it yet/,
    );
  });

  it('titles the panel with id and a shortened title', () => {
    assert.equal(itemCardTitle(item), 'CHK-12 · One-click reorder');
    assert.equal(itemCardTitle(makeItem({ id: 'L', title: 'x'.repeat(100) })).length, 'L · '.length + 40);
  });
});
