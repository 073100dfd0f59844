import * as assert from 'node:assert/strict';
import { escapeMarkdown, renderItemCardMarkdown, safeHttpUrl, type CardContext } from '../../src/core/render/itemCard';
import { makeItem as item } from './roadmapFixtures';

// markdown-it (already installed with @vscode/vsce) is a CommonMark renderer: rendering the card
// and looking at the HTML checks what a user would see, not just which characters we emitted.
// html:false and linkify:true mirror VS Code's hover renderer (no raw HTML, GFM-style autolinks).
type MarkdownIt = { render(src: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require('markdown-it') as (options: object) => MarkdownIt;
const md = markdownIt({ html: false, linkify: true });

const noParents: CardContext = { product: undefined, ancestors: () => [] };

const HOSTILE = [
  '[x](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '[click](command:workbench.action.terminal.new?%5B%22rm%22%5D "t")',
  '<command:workbench.action.terminal.new>',
  '![img](https://evil.example/x.png)',
  '[ref]\n\n[ref]: command:workbench.action.terminal.new',
  '&lt;img src=x onerror=alert(1)&gt;',
  '$(zap) ${"x"} `code` **bold** # heading',
  '    indented code\n- list\n1. numbered\n> quote\n| a | b |\n|---|---|',
  '<script>alert(1)</script><a href="command:x">a</a>',
  'javascript:alert(1) www.evil.example http://plain.example',
];

function renderedLinks(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('itemCard', () => {
  describe('escapeMarkdown', () => {
    for (const text of HOSTILE) {
      it(`keeps ${JSON.stringify(text.slice(0, 40))} inert`, () => {
        const escaped = escapeMarkdown(text);
        assert.ok(!escaped.includes('<'), 'no raw <');
        assert.ok(!/command:/i.test(escaped), 'no command: survives');
        const html = md.render(escaped);
        assert.deepEqual(
          renderedLinks(html).filter((href) => !href.startsWith('http')),
          [],
        );
        assert.ok(!/<(img|script|code|pre|h\d|ul|ol|table|blockquote|strong|em)\b/.test(html), html);
      });
    }

    it('renders the original characters back as text', () => {
      const text = 'Costs $5 (or 10%) for *every* user_id #12 - [ok] <b>';
      const html = md.render(escapeMarkdown(text));
      const decoded = html
        .replace(/<\/?p>\n?/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"');
      assert.equal(decoded, text);
    });

    it('keeps paragraphs and truncates huge text', () => {
      assert.equal(escapeMarkdown('a\n\n\n\nb'), 'a\n\nb');
      const huge = escapeMarkdown('x'.repeat(1_000_000));
      assert.ok(huge.length < 3000);
      assert.ok(huge.endsWith('…'));
    });
  });

  describe('safeHttpUrl', () => {
    it('accepts web links and rejects everything else', () => {
      assert.equal(safeHttpUrl('https://example.com/specs/grow'), 'https://example.com/specs/grow');
      assert.equal(safeHttpUrl('http://example.com/a b'), 'http://example.com/a%20b');
      assert.equal(safeHttpUrl('command:workbench.action.terminal.new'), undefined);
      assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
      assert.equal(safeHttpUrl('file:///etc/passwd'), undefined);
      assert.equal(safeHttpUrl('not a url'), undefined);
    });

    it('encodes characters that would end a Markdown link', () => {
      const href = safeHttpUrl('https://example.com/x)](command:evil)');
      assert.ok(href !== undefined && !/[()[\]]/.test(href), href);
    });
  });

  describe('renderItemCardMarkdown', () => {
    const grow = item({ id: 'GROW', kind: 'goal', title: 'Grow repeat purchases' });
    const chk = item({ id: 'CHK', kind: 'epic', title: 'Frictionless checkout', parentId: 'GROW' });
    const feature = item({
      id: 'CHK-12',
      title: 'One-click reorder',
      why: 'Weekly grocery shoppers must rebuild the same cart every week.',
      status: 'in-progress',
      owner: 'growth-team',
      target: '2026-Q3',
      parentId: 'CHK',
      aliases: ['PAY-881'],
      metrics: [{ name: 'Reorder share', baseline: '5%', target: '20%', current: '8%' }],
      links: ['https://example.com/specs/reorder', 'command:workbench.action.terminal.new', 'jira/PAY-881'],
    });
    const context: CardContext = { product: 'Acme Shop', ancestors: (id) => (id === 'CHK-12' ? [chk, grow] : []) };

    it('shows title, kind, id, status, why, metrics, owner, target, links and parents', () => {
      const html = md.render(renderItemCardMarkdown(feature, context));
      assert.match(html, /<strong>One-click reorder<\/strong>/);
      assert.match(html, /Feature · CHK-12 · in-progress/);
      assert.match(html, /Weekly grocery shoppers must rebuild the same cart every week\./);
      assert.match(html, /<li>Reorder share: 5% → 20%, now 8%<\/li>/);
      assert.match(html, /Owner: growth-team · Target: 2026-Q3/);
      assert.match(html, /Also known as: PAY-881/);
      assert.match(html, /Part of: Acme Shop › Grow repeat purchases \(GROW\) › Frictionless checkout \(CHK\)/);
      assert.deepEqual(renderedLinks(html), ['https://example.com/specs/reorder']);
      assert.match(html, /command:workbench\.action\.terminal\.new/, 'non-web links stay visible as text');
    });

    it("gives a parent its children's progress", () => {
      const kids = [item({ id: 'A', status: 'shipped' }), item({ id: 'B', status: 'planned' })];
      const text = renderItemCardMarkdown(chk, { ancestors: () => [], children: (id) => (id === 'CHK' ? kids : []) });
      assert.match(text, /Children: 2 · 1 of 2 shipped ■■■■■□□□□□/);
      assert.doesNotMatch(renderItemCardMarkdown(feature, context), /Children:/);
    });

    it('says when an item has no why', () => {
      assert.match(renderItemCardMarkdown(grow, noParents), /No why recorded yet/);
    });

    it('escapes every field, not only the why', () => {
      const evil = '[x](command:workbench.action.terminal.new)<img src=x onerror=alert(1)>';
      const card = renderItemCardMarkdown(
        item({
          id: evil,
          kind: evil,
          title: evil,
          why: evil,
          status: evil,
          owner: evil,
          target: evil,
          aliases: [evil],
          links: [evil, `https://example.com/${evil}`],
          metrics: [{ name: evil, baseline: evil, target: evil, current: evil, unit: evil }],
        }),
        { product: evil, ancestors: () => [item({ id: evil, title: evil })] },
      );
      assert.ok(!card.includes('<'), 'no raw <');
      assert.ok(!card.includes('](command:'), 'no command link');
      const html = md.render(card);
      assert.ok(!/<img/.test(html));
      for (const href of renderedLinks(html)) assert.ok(href.startsWith('https://example.com/'), href);
    });
  });
});
