import * as assert from 'node:assert/strict';
import { renderOverviewHtml } from '../../src/roadmap/overview/roadmapOverviewHtml';
import { activeContent, parseHtml } from './htmlDom';

const RES = {
  cspSource: 'https://x.vscode-cdn.net',
  nonce: 'N0nceN0nceN0nceN0nce12',
  styleUri: 'https://x.vscode-cdn.net/media/itemCard.css',
  extraStyleUris: ['https://x.vscode-cdn.net/media/overview.css'],
  extraScriptUris: ['https://x.vscode-cdn.net/dist/overviewCore.js'],
  scriptUri: 'https://x.vscode-cdn.net/media/overview.js',
};

describe('renderOverviewHtml', () => {
  it('renders the frame: search, filters, grouping, exports, scroller and side panel', () => {
    const dom = parseHtml(renderOverviewHtml(RES));
    const byId = (id: string) => dom.elements.find((e) => e.attrs.get('id') === id);
    assert.equal(byId('ov-search')?.attrs.get('type'), 'search');
    for (const id of ['ov-kind', 'ov-status', 'ov-owner', 'ov-work', 'ov-mine', 'ov-canvas', 'ov-chart'])
      assert.ok(byId(id), id);
    const pressed = dom.elements
      .filter((e) => e.attrs.has('data-group'))
      .map((e) => `${e.attrs.get('data-group')}=${e.attrs.get('aria-pressed')}`);
    assert.deepEqual(pressed, ['target=true', 'status=false', 'epic=false']);
    const actions = dom.elements.flatMap((e) => (e.attrs.has('data-action') ? [e.attrs.get('data-action')] : []));
    assert.deepEqual(actions, ['exportMarkdown', 'exportSvg', 'exportPng', 'clearFilters', 'showUnlinked']);
  });

  it('loads the bundled core before the page script, both with the nonce, and nothing else runs', () => {
    const dom = parseHtml(renderOverviewHtml(RES));
    const scripts = dom.elements.filter((e) => e.tag === 'script');
    assert.deepEqual(
      scripts.map((s) => `${s.attrs.get('nonce')} ${s.attrs.get('src')}`),
      [`${RES.nonce} ${RES.extraScriptUris[0]}`, `${RES.nonce} ${RES.scriptUri}`],
    );
    assert.deepEqual(
      activeContent(dom).filter((s) => !s.startsWith('<script nonce=')),
      [],
    );
    const csp = dom.elements.find((e) => e.attrs.get('http-equiv') === 'Content-Security-Policy')?.attrs.get('content');
    assert.match(csp ?? '', /script-src 'nonce-N0nceN0nceN0nceN0nce12'/);
    assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
  });

  it('leaves out the PNG export where the page cannot rasterise', () => {
    const dom = parseHtml(renderOverviewHtml(RES, { pngExport: false }));
    assert.equal(dom.elements.filter((e) => e.attrs.get('data-action') === 'exportPng').length, 0);
  });
});
