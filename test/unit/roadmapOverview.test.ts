import * as assert from 'node:assert/strict';
import {
  buildOverview,
  clampText,
  renderOverviewMarkdown,
  targetSortKey,
  type OverviewMode,
} from '../../src/core/render/roadmapOverview';
import { makeItem } from './roadmapFixtures';

// markdown-it (installed with @vscode/vsce) renders the export the way a Markdown preview would.
type MarkdownIt = { render(src: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const md = (require('markdown-it') as (o: object) => MarkdownIt)({ html: false, linkify: true });

const items = [
  makeItem({ id: 'A', title: 'Alpha', target: '2026-Q3', status: 'in-progress', why: 'Because.' }),
  makeItem({ id: 'B', title: 'Beta', target: 'Q1 2026', status: 'shipped' }),
  makeItem({ id: 'C', title: 'Gamma', status: 'Blocked' }),
  makeItem({ id: 'D', title: 'Delta', target: '2026-q3', status: 'planned' }),
  makeItem({ id: 'E', title: 'Epsilon', target: 'someday' }),
  makeItem({ id: 'F', title: 'Phi', target: '2025-12-01', status: 'In Progress' }),
];
const noWork = () => ({ branches: 0, commits: 0 });
const titles = (mode: Exclude<OverviewMode, 'epic'>) =>
  buildOverview({ items, mode, workCount: noWork }).columns.map(
    (c) => `${c.title}:${c.cards.map((x) => x.item.id).join('')}`,
  );

describe('roadmapOverview', () => {
  it('groups by target in time order; free text after dates; no target last', () => {
    assert.deepEqual(titles('target'), ['2025-12-01:F', 'Q1 2026:B', '2026-Q3:AD', 'someday:E', 'No target:C']);
  });

  it('groups by status in workflow order; unknown statuses after; none last', () => {
    assert.deepEqual(titles('status'), ['Planned:D', 'In progress:AF', 'Shipped:B', 'Blocked:C', 'No status:E']);
  });

  it('places targets on a calendar', () => {
    assert.ok((targetSortKey('2026-Q1') ?? 0) < (targetSortKey('2026-02') ?? 0));
    assert.ok((targetSortKey('Feb 2026') ?? 0) < (targetSortKey('2026-Q2') ?? 0));
    assert.ok((targetSortKey('H2 2026') ?? 0) > (targetSortKey('2026-Q2') ?? 0));
    assert.equal(targetSortKey('2026q3'), targetSortKey('Q3 2026'));
    assert.equal(targetSortKey('next year'), undefined);
  });

  it('clamps text at a word', () => {
    assert.equal(clampText('one two three four', 12), 'one two…');
    assert.equal(clampText('  short \n text ', 50), 'short text');
    assert.equal(clampText(undefined, 5), '');
  });

  it('exports Markdown with counts, work and unlinked totals', () => {
    const overview = buildOverview({
      items,
      mode: 'target',
      product: 'Acme',
      workCount: (i) => (i.id === 'A' ? { branches: 1, commits: 3 } : noWork()),
      unlinked: { branches: 2, commits: 5 },
    });
    const text = renderOverviewMarkdown(overview, '2026-06-01');
    assert.match(text, /^# Acme roadmap by target/);
    assert.match(text, /## 2026-Q3 \(2\)/);
    assert.match(text, /\*\*A\*\* Alpha — in-progress · 1 branch · 3 commits/);
    assert.match(text, /2 branches and 5 recent commits reference no roadmap item/);
  });

  it('keeps hostile text inert in the Markdown export', () => {
    const evil =
      '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> ![i](https://evil.example/x.png)';
    const overview = buildOverview({
      items: [makeItem({ id: 'X', title: evil, why: evil, target: evil, status: evil })],
      mode: 'target',
      product: evil,
      workCount: noWork,
    });
    const htmlOut = md.render(renderOverviewMarkdown(overview, evil));
    assert.doesNotMatch(htmlOut, /<img |onerror=alert\(1\)>/);
    // Only a bare web address may become a link (as in any Markdown preview); never a command.
    for (const m of htmlOut.matchAll(/<a\b[^>]*href="([^"]*)"/g)) assert.match(m[1] ?? '', /^https:\/\//);
    assert.doesNotMatch(htmlOut, /href="command:/);
    assert.match(htmlOut, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
