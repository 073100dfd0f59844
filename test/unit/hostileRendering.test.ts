// One hostile roadmap, read from YAML like any other, through every pure renderer of text a user
// sees: the Markdown card (tree tooltips, hovers), CodeLens titles, quick pick and status bar text,
// the item card and overview webviews, the overview SVG and Markdown export, and CLI output.
// Nothing may become a live link, HTML, an image, a theme icon or a terminal escape sequence.
import { strict as assert } from 'node:assert';
import { escapeMarkdown, renderItemCardMarkdown } from '../../src/core/render/itemCard';
import { lensTitle } from '../../src/core/attribution/lensTitle';
import { noThemeIcons } from '../../src/core/render/noThemeIcons';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { buildOverview, renderOverviewMarkdown } from '../../src/core/render/roadmapOverview';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { renderOverviewSvg } from '../../src/core/render/overviewSvg';
import { terminalSafe } from '../../src/cli/terminalSafe';
import { renderItemCardHtml } from '../../src/roadmap/card/itemCardHtml';
import { renderOverviewHtml } from '../../src/roadmap/overview/roadmapOverviewHtml';
import { activeContent, parseHtml } from './htmlDom';

const CMD = '[run](command:workbench.action.terminal.new?%5B%22rm%22%5D)';
const IMG = '<img src=https://evil.example/x.png onerror=alert(1)>';
const MDIMG = '![t](https://evil.example/track.png)';
const SCRIPT = '<script>alert(1)</script>';
const ICON = '$(alert) $(check)';
const ESC = '\u001b]52;c;cHduZWQ=\u0007\u001b[2J';
const ALL = `${CMD} ${IMG} ${MDIMG} ${SCRIPT} ${ICON} javascript:alert(1) <a href="command:x">a</a>`;

const yamlString = (s: string): string => JSON.stringify(s); // JSON strings are YAML double-quoted strings
// markdown-it (installed with @vscode/vsce) renders exports the way a Markdown preview would.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require('markdown-it') as (o: object) => { render(src: string): string };

const HOSTILE_YAML = `version: 1
product: ${yamlString(`Acme ${ALL}`)}
items:
  - id: GOAL
    kind: goal
    title: ${yamlString(`Goal ${ALL}`)}
    why: ${yamlString(`Because ${ALL}`)}
    items:
      - id: EVIL-1
        kind: feature
        title: ${yamlString(`Title ${ALL} ${ESC}`)}
        why: ${yamlString(`Why ${ALL} ${ESC}\n\n# heading\n- list\n\`code\``)}
        status: ${yamlString(`in-progress ${ICON} ${IMG}`)}
        owner: ${yamlString(`Owner ${CMD}`)}
        target: ${yamlString(`2026 ${IMG}`)}
        refs: [${yamlString('PAY-1')}]
        links: [${['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'https://example.com/ok?a=(b)[c]'].map(yamlString).join(', ')}]
        metrics:
          - name: ${yamlString(`Metric ${CMD} ${IMG}`)}
            baseline: ${yamlString(ICON)}
            target: ${yamlString(SCRIPT)}
`;

const parsed = parseRoadmapFile('file:///w/roadmap.yaml', HOSTILE_YAML);
const index = RoadmapIndex.build([parsed]);
const evil = index.get('EVIL-1');
const RES = {
  cspSource: 'https://x.vscode-cdn.net',
  nonce: 'N0nceN0nceN0nceN0nce12',
  styleUri: 'https://x.vscode-cdn.net/c.css',
  scriptUri: 'https://x.vscode-cdn.net/c.js',
};

/** Markdown whose every link target is an http(s) URL and which has no raw HTML or live icon. */
function assertInertMarkdown(md: string, where: string): void {
  const targets = [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1] ?? '');
  for (const t of targets) assert.match(t, /^https?:\/\//, `${where}: only web links (${t})`);
  assert.doesNotMatch(md, /(?<!\\)!\[/, `${where}: no image`);
  assert.doesNotMatch(md, /<(?:img|script|a)\b/i, `${where}: no raw HTML`);
  assert.doesNotMatch(md, /(?<!\\)\$\((?:alert|check)\)/, `${where}: no theme icon`);
  assert.doesNotMatch(md, /evil\.example\/[^\s]*\)/, `${where}: no remote image URL as a link target`);
}

/** Label text (status bar, quick pick, CodeLens): `$(` never starts an icon. */
function assertNoIcon(label: string, allowed: readonly string[], where: string): void {
  const icons = [...label.matchAll(/\$\(([^)]*)\)/g)].map((m) => m[1]);
  assert.deepEqual(
    icons.filter((i) => !allowed.includes(i ?? '')),
    [],
    `${where}: only our own icons`,
  );
}

describe('hostile roadmap text through every renderer', () => {
  it('parses (nothing thrown, the item is there with its text intact)', () => {
    assert.ok(evil);
    assert.ok(evil.title.includes(ICON) && evil.title.includes(ESC));
    assert.ok(evil.why?.includes(CMD));
  });

  it('Markdown card (tree tooltips and hovers): inert, text kept', () => {
    assert.ok(evil);
    for (const item of index.items) {
      const md = renderItemCardMarkdown(item, index);
      assertInertMarkdown(md, `card ${item.id}`);
    }
    const md = renderItemCardMarkdown(evil, index);
    assert.ok(
      md.includes('](https://example.com/ok?a=%28b%29%5Bc%5D)'),
      'the https link stays a link, its brackets encoded',
    );
    assert.ok(
      !md.includes('](javascript:') && !md.includes('](command:') && !md.includes('](file:') && !md.includes('](data:'),
    );
    assert.ok(md.includes(escapeMarkdown('Why')), 'the why is shown');
  });

  it('CodeLens titles: only our lightbulb icon', () => {
    assert.ok(evil);
    const title = lensTitle([{ id: evil.id, title: evil.title, why: evil.why }], 500, 500);
    assert.ok(title);
    assertNoIcon(title, ['lightbulb'], 'lens');
    assert.ok(title.includes('alert)'), 'the text is still there');
  });

  it('quick pick and status bar labels: `$(` stays text', () => {
    assert.ok(evil);
    for (const text of [evil.title, evil.why ?? '', evil.status ?? '', `$(target) ${noThemeIcons(evil.title)}`]) {
      assertNoIcon(text.startsWith('$(target)') ? text : noThemeIcons(text), ['target'], 'label');
    }
  });

  it('item card webview: no active content but our nonce script; no remote image', () => {
    assert.ok(evil);
    const page = renderItemCardHtml(
      {
        item: evil,
        product: index.product,
        ancestors: index.ancestors(evil.id),
        children: index.children(evil.id),
        work: {
          commits: [{ hash: 'a'.repeat(40), subject: `Commit ${ALL}`, author: `Author ${IMG}`, date: 0 }],
          branches: [{ name: `feature/${ICON}${IMG}` }],
          files: [{ path: `src/${IMG}.ts`, commits: 1 }],
        },
        now: 0,
      },
      RES,
    );
    const dom = parseHtml(page);
    assert.deepEqual(
      activeContent(dom).filter((s) => s !== `<script nonce=${RES.nonce} src=${RES.scriptUri}>`),
      [],
    );
    const remote = dom.elements.filter((e) =>
      [...e.attrs.values()].some((v) => /evil\.example|^(?:javascript|command|data|file):/i.test(v)),
    );
    assert.deepEqual(
      remote.map((e) => e.tag),
      [],
      'no attribute points at the hostile URLs',
    );
    const csp =
      dom.elements
        .find((e) => e.tag === 'meta' && e.attrs.get('http-equiv') === 'Content-Security-Policy')
        ?.attrs.get('content') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /img-src https:\/\/x\.vscode-cdn\.net data:/, 'images only from the extension, no remote hosts');
  });

  it('overview webview, SVG export and Markdown export: inert', () => {
    const overview = buildOverview({
      items: index.items,
      mode: 'status',
      product: index.product,
      workCount: () => ({ branches: 1, commits: 2 }),
    });
    // The overview's frame holds no roadmap text at all (cards are drawn with textContent).
    const dom = parseHtml(renderOverviewHtml({ ...RES, extraStyleUris: [] }));
    assert.deepEqual(
      activeContent(dom).filter((s) => !s.startsWith('<script nonce=')),
      [],
    );
    const svg = renderOverviewSvg(overview);
    const svgDom = parseHtml(svg.replace(/^<\?xml[^>]*>\s*/, ''), true);
    assert.deepEqual(
      [...new Set(svgDom.elements.map((e) => e.tag))].filter(
        (t) => !['svg', 'title', 'rect', 'text', 'g', 'line', 'tspan'].includes(t),
      ),
      [],
      'only drawing elements',
    );
    const attrs = svgDom.elements.flatMap((e) => [...e.attrs.keys()]);
    assert.deepEqual(
      attrs.filter((a) => /^on|href$/i.test(a)),
      [],
      'no attribute that links or runs',
    );
    // eslint-disable-next-line no-control-regex -- the point
    assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'XML-safe: no control characters');
    // The export escapes only what changes the meaning, so check what a Markdown preview renders.
    const exported = renderOverviewMarkdown(overview, '2026-01-01');
    const rendered = markdownIt({ html: false, linkify: true }).render(exported);
    for (const m of rendered.matchAll(/<a\b[^>]*href="([^"]*)"/g))
      assert.match(m[1] ?? '', /^https?:\/\//, `overview markdown: only web links (${m[1]})`);
    assert.doesNotMatch(rendered, /<(?:img|script)\b/i, 'overview markdown: no image, no HTML');
    assert.doesNotMatch(exported, /(?<!\\)\$\((?:alert|check)\)/, 'overview markdown: no theme icon');
  });

  it('CLI output: terminal escape sequences and bidi overrides are made visible', () => {
    assert.ok(evil);
    const line = terminalSafe(`${evil.id}  ${evil.title}  \u202eevil\u202c`);
    // eslint-disable-next-line no-control-regex -- the point
    assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.ok(line.includes('\\x1b]52;c;'), 'shown, not interpreted');
    assert.equal(terminalSafe('plain\ttext\nnext line — ünïcode 日本'), 'plain\ttext\nnext line — ünïcode 日本');
  });
});
