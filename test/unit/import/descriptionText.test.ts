import * as assert from 'node:assert/strict';
import { MAX_WHY, whyFromDescription } from '../../../src/core/import/descriptionText';

describe('whyFromDescription', () => {
  it('takes the Problem / Why / Customer problem section when there is one (Markdown)', () => {
    const md =
      'Intro text.\n\n## Customer problem\nShoppers **rebuild** their cart\nby hand.\n\nEvery week.\n\n## Plan\n- do it';
    assert.equal(whyFromDescription(md, 'markdown'), 'Shoppers rebuild their cart by hand.\n\nEvery week.');
    assert.equal(whyFromDescription('# Why\n[Carts](https://x.example) get `lost`.', 'markdown'), 'Carts get lost.');
    assert.equal(whyFromDescription('**Problem**\n_Carts_ vanish.', 'markdown'), 'Carts vanish.');
  });

  it('else the first paragraph, skipping code blocks and rules', () => {
    assert.equal(
      whyFromDescription('```\ncode\n```\n\n> Shoppers ~~never~~ reorder.\n\nMore.', 'markdown'),
      'Shoppers never reorder.',
    );
    assert.equal(whyFromDescription('---\n\n- [ ] Task one\n- second', 'markdown'), 'Task one second');
  });

  it('reads Jira wiki markup', () => {
    const jira =
      '{code:java}\nx();\n{code}\nh2. Why\n*Bold* and _italic_ and {{mono}} and [a link|https://x.example] matter.\n\nh2. Next\nno';
    assert.equal(whyFromDescription(jira, 'jira'), 'Bold and italic and mono and a link matter.');
    assert.equal(whyFromDescription('# numbered item\n# second', 'jira'), 'numbered item second');
  });

  it('reads HTML (Aha!) with entities', () => {
    assert.equal(
      whyFromDescription(
        '<p><strong>Problem</strong></p><p>Carts &amp; wishlists vanish&nbsp;&#8212; often.</p><p>Other</p>',
        'html',
      ),
      'Carts & wishlists vanish — often.\n\nOther',
    );
  });

  it('accepts an inline "Problem:" paragraph', () => {
    assert.equal(
      whyFromDescription('Context first.\n\nProblem: carts are lost on refresh.', 'markdown'),
      'carts are lost on refresh.',
    );
  });

  it('returns undefined without prose, and cuts very long text at a word', () => {
    assert.equal(whyFromDescription('', 'markdown'), undefined);
    assert.equal(whyFromDescription('```\nonly code\n```', 'markdown'), undefined);
    const long = whyFromDescription('word '.repeat(2000), 'markdown') ?? '';
    assert.ok(long.length <= MAX_WHY + 1 && long.endsWith('…'));
  });

  it('stays linear on hostile input', () => {
    const hostile = `${'*_'.repeat(40_000)}\n${'['.repeat(40_000)}`;
    assert.equal(typeof whyFromDescription(hostile, 'markdown'), 'string');
    assert.equal(typeof whyFromDescription(hostile, 'jira'), 'string');
  });
});
