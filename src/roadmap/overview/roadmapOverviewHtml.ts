// The roadmap overview webview's HTML: only the frame (search, filters, grouping, exports, the
// scroller and the side panel). No roadmap text is in it: the items arrive as a `data` message and
// media/overview.js draws only the cards on screen with textContent, so the page stays small at
// 10,000 items, an update never reloads it, and nothing from YAML is ever parsed as HTML.

import { html, type SafeHtml } from '../../core/render/html';
import type { OverviewGrouping } from '../../core/overview/overviewQuery';
import { page, type WebviewResources } from '../card/itemCardHtml';

export const OVERVIEW_TITLE = 'Roadmap Overview';

const STATUS_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['', 'Any status'],
  ['planned', 'Planned'],
  ['in-progress', 'In progress'],
  ['shipped', 'Shipped'],
  ['dropped', 'Dropped'],
  ['other', 'Other or none'],
];

export function renderOverviewHtml(res: WebviewResources, options: { readonly pngExport?: boolean } = {}): string {
  const groupButton = (groupBy: OverviewGrouping, label: string, hint: string): SafeHtml =>
    html`<button
      type="button"
      data-group="${groupBy}"
      aria-pressed="${groupBy === 'target' ? 'true' : 'false'}"
      title="${hint}"
    >
      ${label}
    </button>`;
  const body = html`<main class="overview">
    <header class="ov-header">
      <div class="ov-heading">
        <h1 id="ov-title">${OVERVIEW_TITLE}</h1>
        <p id="ov-count" class="muted" role="status" aria-live="polite">Loading the roadmap…</p>
      </div>
      <div class="toolbar" role="toolbar" aria-label="Overview">
        <span role="group" aria-label="Group by">
          ${groupButton('target', 'Timeline', 'Group by target date')}${groupButton('status', 'Board', 'Group by status')}${groupButton('epic', 'Swimlanes', 'Group by parent epic')}
        </span>
        <span role="group" aria-label="Export what is shown">
          <button type="button" data-action="exportMarkdown">Export Markdown</button>
          <button type="button" data-action="exportSvg">Export SVG</button>
          ${options.pngExport === false ? '' : html`<button type="button" data-action="exportPng">Export PNG</button>`}
        </span>
      </div>
    </header>
    <div class="ov-filters" id="ov-filters" role="search" aria-label="Search and filter the roadmap">
      <input
        type="search"
        id="ov-search"
        class="ov-search"
        placeholder="Search id, title, why, owner"
        aria-label="Search id, title, why, owner"
        autocomplete="off"
        spellcheck="false"
      />
      <select id="ov-kind" aria-label="Kind">
        <option value="">Any kind</option>
      </select>
      <select id="ov-status" aria-label="Status">
        ${STATUS_OPTIONS.map(([value, label]) => html`<option value="${value}">${label}</option>`)}
      </select>
      <select id="ov-owner" aria-label="Owner">
        <option value="">Any owner</option>
      </select>
      <select id="ov-work" aria-label="Linked work">
        <option value="">Any work</option>
        <option value="has-work">Has linked work</option>
        <option value="no-work">No linked work</option>
      </select>
      <label class="ov-check"
        ><input type="checkbox" id="ov-mine" /> Mine <span class="muted">(my branches, my commits)</span></label
      >
      <button type="button" id="ov-clear" data-action="clearFilters">Clear</button>
    </div>
    <div class="ov-body">
      <div id="ov-scroller" class="ov-scroller">
        <div id="ov-canvas" class="ov-canvas" role="list" aria-label="Roadmap items"></div>
        <p id="ov-empty" class="muted ov-empty" hidden></p>
      </div>
      <aside class="ov-side" aria-label="Coverage and unlinked work">
        <section id="ov-coverage" aria-labelledby="ov-coverage-title">
          <h2 id="ov-coverage-title" class="section-label">Commit coverage</h2>
          <p id="ov-coverage-text" class="muted">Git features are off for this folder.</p>
          <div id="ov-chart" class="ov-chart" role="img" aria-label="Linked commits per month" hidden></div>
          <p id="ov-chart-range" class="muted ov-chart-range"></p>
        </section>
        <section id="ov-unlinked" aria-labelledby="ov-unlinked-title" hidden>
          <h2 id="ov-unlinked-title" class="section-label">Unlinked work</h2>
          <p class="ov-big" id="ov-unlinked-branches"></p>
          <p class="muted">branches reference no item</p>
          <button type="button" class="link" data-action="showUnlinked">Show unlinked work</button>
        </section>
      </aside>
    </div>
  </main>`;
  return page(OVERVIEW_TITLE, body, res);
}
