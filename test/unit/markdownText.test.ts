import * as assert from 'node:assert/strict';
import { markdownInline } from '../../src/core/render/markdownText';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const md = (require('markdown-it') as (o: object) => { render(src: string): string })({ html: false, linkify: true });
const rendered = (text: string): string =>
  md
    .render(markdownInline(text))
    .replace(/^<p>|<\/p>\n$/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('markdownInline (exports people read as source)', () => {
  it('leaves ordinary text alone: ids, dates, calls, versions, snake_case', () => {
    for (const text of [
      'LANG-1793',
      '2026-12-06',
      'fix f() in a.b.c',
      'v3.20.0 (beta)',
      'snake_case_name',
      'A & B',
      '50% off!',
    ])
      assert.equal(markdownInline(text), text);
  });

  it('escapes what would change the meaning, and renders back to the same text', () => {
    const cases = [
      '[x](command:workbench.action.terminal.new)',
      '<img src=x onerror=alert(1)>',
      '*bold* and _em_ and `code` and ~~gone~~',
      'a | b',
      '# not a heading',
      '- not a list',
      '1. not a list',
      '> not a quote',
      'back\\slash',
      '&amp; stays literal',
      '$(alert) no icon',
    ];
    for (const text of cases) {
      assert.equal(rendered(text), text, `${text} → ${markdownInline(text)}`);
      assert.doesNotMatch(md.render(markdownInline(text)), /<(?:a|img|em|strong|code|h1|ul|ol|blockquote|s)\b/);
    }
  });

  it('collapses whitespace: one line, table cells stay cells', () => {
    assert.equal(markdownInline('  a\n\n  b\tc '), 'a b c');
  });
});
