// The roadmap overview webview's HTML: a timeline (columns by target) or a board (columns by
// status). Pure, like the item card's renderer; every card is a real button that opens the card.

import { html, type SafeHtml } from '../../core/render/html';
import { kindLabel } from '../../core/render/itemCard';
import { clampText, describeWork, overviewHeading, type Overview } from '../../core/render/roadmapOverview';
import { page, statusPill, type WebviewResources } from '../card/itemCardHtml';

export const OVERVIEW_TITLE = 'Roadmap Overview';

/** The webview shows this many cards per column; exports include them all. */
const MAX_CARDS = 200;

export function renderOverviewHtml(
  overview: Overview,
  res: WebviewResources,
  options: { readonly pngExport?: boolean } = {},
): string {
  const modeButton = (mode: Overview['mode'], label: string): SafeHtml =>
    html`<button
      type="button"
      data-action="setMode"
      data-mode="${mode}"
      aria-pressed="${overview.mode === mode ? 'true' : 'false'}"
    >
      ${label}
    </button>`;
  const columns = overview.columns.map((column) => {
    const shown = column.cards.slice(0, MAX_CARDS);
    const cards = shown.map(
      ({ item, work }) =>
        html`<li>
          <button type="button" class="ov-card" data-item="${item.id}" aria-label="${item.id} ${item.title}">
            <span class="ov-meta"
              ><code class="id">${item.id}</code
              ><span class="kind">${kindLabel(item.kind)}</span
              >${overview.mode === 'target' ? statusPill(item.status) : item.target !== undefined ? html`<span class="muted">${item.target}</span>` : ''}</span
            >
            <span class="ov-title">${item.title}</span>
            ${item.why !== undefined && item.why.trim() !== '' ? html`<span class="ov-why">${clampText(item.why, 400)}</span>` : ''}
            <span class="ov-work muted">${describeWork(work) || 'no linked work'}</span>
          </button>
        </li>`,
    );
    const more = column.cards.length - shown.length;
    return html`<section class="ov-column" aria-label="${column.title}">
      <h2 class="ov-column-title">${column.title} <span class="count">${column.cards.length}</span></h2>
      <ul class="ov-cards">
        ${cards}
      </ul>
      ${more > 0 ? html`<p class="muted">+${more} more (included in the exports)</p>` : ''}
    </section>`;
  });
  const side =
    overview.unlinked === undefined
      ? html`<aside class="ov-side" aria-label="Unlinked work">
          <h2 class="section-label">Unlinked work</h2>
          <p class="muted">Git features are off for this folder.</p>
        </aside>`
      : html`<aside class="ov-side" aria-label="Unlinked work">
          <h2 class="section-label">Unlinked work</h2>
          <p class="ov-big">${overview.unlinked.branches}</p>
          <p class="muted">branches reference no item</p>
          <p class="ov-big">${overview.unlinked.commits}</p>
          <p class="muted">recent commits reference no item</p>
          <button type="button" class="link" data-action="showUnlinked">Show unlinked work</button>
        </aside>`;
  const body = html` <main class="overview">
    <header class="ov-header">
      <h1>${overviewHeading(overview)}</h1>
      <div class="toolbar" role="toolbar" aria-label="Overview">
        <span role="group" aria-label="Group by"
          >${modeButton('target', 'Timeline')}${modeButton('status', 'Board')}</span
        >
        <span role="group" aria-label="Export">
          <button type="button" data-action="exportMarkdown">Export Markdown</button>
          <button type="button" data-action="exportSvg">Export SVG</button>
          ${options.pngExport === false ? '' : html`<button type="button" data-action="exportPng">Export PNG</button>`}
        </span>
      </div>
    </header>
    <div class="ov-body">
      <div class="ov-columns">
        ${overview.columns.length > 0 ? columns : html`<p class="muted">No items in the roadmap yet.</p>`}
      </div>
      ${side}
    </div>
  </main>`;
  return page(OVERVIEW_TITLE, body, res);
}
