import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { escapeHtml, html, isValidNonce, join, raw, safeExternalUrl, webviewCsp } from '../../src/core/render/html';
import { activeContent, parseHtml } from './htmlDom';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><svg onload=alert(1)>",
  '`${alert(1)}`',
  '</textarea><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;',
  '<!-- comment --><style>*{}</style>',
];

describe('html', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&\`</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('escapes interpolations in text and attributes; hostile strings stay text', () => {
    for (const bad of HOSTILE) {
      const out = html`<div title="${bad}" data-x="${bad}"><p>${bad}</p></div>`.value;
      const dom = parseHtml(out, true);
      assert.deepEqual(activeContent(dom), [], bad);
      const div = dom.elements.find((e) => e.tag === 'div');
      assert.equal(div?.attrs.get('title'), bad, 'attribute round-trips');
      assert.equal(div?.attrs.get('data-x'), bad, 'single-quoted attribute round-trips');
      assert.equal(dom.elements.find((e) => e.tag === 'p')?.text, bad, 'text round-trips');
      assert.equal(dom.elements.length, 2, 'no elements came from data');
    }
  });

  it('round-trips any string through text and attributes (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        // The HTML parser normalises CR and NUL; compare what a browser would see.
        const expected = s.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
        const dom = parseHtml(html`<span title="${s}">${s}</span>`.value, true);
        assert.equal(dom.elements.length, 1);
        assert.equal(dom.elements[0]?.attrs.get('title'), expected);
        const text = dom.elements[0]?.text ?? '';
        assert.equal(text, expected.replace(/\0/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('renders arrays, numbers and nothing-values; SafeHtml passes through', () => {
    assert.equal(html`${['<a>', raw('<b>'), 3, undefined, null, false]}`.value, '&lt;a&gt;<b>3');
    assert.equal(join(['<x>', html`<br />`], raw(' | ')).value, '&lt;x&gt; | <br />');
    assert.equal(String(html`<i>${'&'}</i>`), '<i>&amp;</i>');
  });

  it('allows only http and https URLs as external links', () => {
    assert.equal(safeExternalUrl('https://example.com/a?b=1#c'), 'https://example.com/a?b=1#c');
    assert.equal(safeExternalUrl('  http://example.com  '), 'http://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\nscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'command:workbench.action.terminal.new',
      'vscode://file/etc/passwd',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative/path',
      'https://user:pass@example.com/',
      'http://exa mple.com',
      '',
      'not a url',
    ]) {
      assert.equal(safeExternalUrl(bad), undefined, bad);
    }
  });

  it('builds a CSP with no remote sources and a nonce for scripts', () => {
    const csp = webviewCsp('https://file+.vscode-resource.vscode-cdn.net', 'abcDEF0123456789abcd');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abcDEF0123456789abcd'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(isValidNonce('abcDEF0123456789abcd'));
    assert.ok(!isValidNonce("abc' 'unsafe-inline"));
    assert.ok(!isValidNonce('short'));
  });
});
