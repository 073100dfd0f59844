// The item card webview's HTML, rendered by a pure function (no vscode import) so tests can feed it
// hostile roadmap text and look at the result. All text goes through the `html` template, which
// escapes it; the only raw markup is our own SVG built from numbers.

import { html, join, raw, safeExternalUrl, webviewCsp, type SafeHtml } from '../../core/render/html';
import { kindLabel } from '../../core/render/itemCard';
import type { RoadmapItem } from '../../core/roadmap/roadmapTypes';
import { driftSection, type CardDrift } from './driftSection';
import { workSection } from './workSection';
import { metricsSection } from './metricsSection';
import type { MetricSeries } from '../../core/drift/metricHistory';
import { NO_STATUS, progressFraction, progressText, statusBucket, type StatusCounts } from '../../core/rollup/rollup';

export interface CardCommit {
  readonly hash: string;
  readonly subject: string;
  readonly author: string;
  /** ms since epoch */
  readonly date: number;
}

export interface CardBranch {
  readonly name: string;
  readonly lastActivity?: number | undefined;
  readonly author?: string | undefined;
  readonly current?: boolean | undefined;
}

export interface CardFile {
  readonly path: string;
  readonly commits: number;
}

/** Linked work from the work model; absent when git is off, untrusted or still indexing. */
export interface CardWork {
  /** The most recent commits, listed on the card. */
  readonly commits: readonly CardCommit[];
  /** When every linked commit was made (ms), for the weekly chart; defaults to `commits`' dates. */
  readonly commitDates?: readonly number[] | undefined;
  readonly branches: readonly CardBranch[];
  readonly files?: readonly CardFile[] | undefined;
  /** Set on a parent's card: the lists above are its own plus its descendants' work, each once. */
  readonly includesChildren?:
    | {
        /** Distinct commits of the whole subtree (the lists may be capped). */
        readonly commits: number;
        readonly ownCommits: number;
        readonly ownBranches: number;
        readonly lastActivity?: number | undefined;
      }
    | undefined;
}

export interface ItemCardData {
  readonly item: RoadmapItem;
  readonly product?: string | undefined;
  /** Nearest first, as `RoadmapIndex.ancestors` returns them. */
  readonly ancestors: readonly RoadmapItem[];
  readonly children: readonly RoadmapItem[];
  readonly work?: CardWork | undefined;
  /** Why there is no linked work to show (Restricted Mode, no repository…). */
  readonly workNote?: string | undefined;
  readonly isCurrent?: boolean | undefined;
  /** Where the item's status and the code disagree (absent while git is off or drift not read yet). */
  readonly drift?: CardDrift | undefined;
  /** Each metric's `current` over the roadmap file's git history (absent until read, or git off). */
  readonly metricHistory?: readonly MetricSeries[] | undefined;
  /** "now" for relative dates and the weekly chart; passed in to keep rendering pure. */
  readonly now: number;
}

export interface WebviewResources {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
  /** Page-specific stylesheets after the shared one. */
  readonly extraStyleUris?: readonly string[] | undefined;
  /** Scripts loaded before `scriptUri` (the overview's bundled core). */
  readonly extraScriptUris?: readonly string[] | undefined;
  readonly scriptUri: string;
}

export function itemCardTitle(item: RoadmapItem): string {
  const title = item.title.length > 40 ? `${item.title.slice(0, 39)}…` : item.title;
  return `${item.id} · ${title}`;
}

/** Known statuses get a colour; anything else is shown as written with a neutral pill. */
export function statusClass(status: string | undefined): string {
  const s = (status ?? '').toLowerCase().replace(/[\s_]+/g, '-');
  return s === 'planned' || s === 'in-progress' || s === 'shipped' || s === 'dropped' ? `status-${s}` : 'status-other';
}

export function statusPill(status: string | undefined): SafeHtml {
  if (status === undefined || status.trim() === '') return html``;
  return html`<span class="pill ${statusClass(status)}">${status}</span>`;
}

export function itemButton(item: RoadmapItem, label: string = item.title): SafeHtml {
  return html`<button type="button" class="link" data-item="${item.id}" title="Open the card of ${item.id}">
    ${label}
  </button>`;
}

export function externalLink(text: string): SafeHtml {
  const url = safeExternalUrl(text);
  if (url === undefined) return html`<span class="inert-link">${text}</span>`;
  return html`<a href="${url}" data-external="${url}">${text}</a>`;
}

export function renderItemCardHtml(data: ItemCardData, res: WebviewResources): string {
  const { item } = data;
  const body = html` <main class="card" aria-labelledby="title">
    ${breadcrumbs(data)}
    <header class="card-header">
      <div class="eyebrow">
        <span class="kind">${kindLabel(item.kind)}</span>
        <code class="id">${item.id}</code>
        ${statusPill(item.status)}
        ${data.isCurrent === true ? html`<span class="pill current" title="The item of your current branch">current work</span>` : ''}
      </div>
      <h1 id="title">${item.title}</h1>
      ${facts(item)}
      <div class="actions">
        <button type="button" class="button" data-action="revealInFile" data-item="${item.id}">
          Open in roadmap file
        </button>
      </div>
    </header>
    <section class="why" aria-label="Why">
      <h2 class="section-label">Why</h2>
      ${
        item.why !== undefined && item.why.trim() !== ''
          ? html`<p class="why-text">${item.why}</p>`
          : html`<p class="why-text missing">
              No why recorded yet. Add a <code>why:</code> to this item: the customer problem it solves.
            </p>`
      }
    </section>
    ${driftSection(data.drift)} ${metricsSection(item.metrics, data.metricHistory)} ${childrenSection(data.children)} ${workSection(data)}
    ${linksSection(item)}
  </main>`;
  return page(`${item.id} ${item.title}`, body, res);
}

export function page(title: string, body: SafeHtml, res: WebviewResources): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="UTF-8" />
        <meta http-equiv="Content-Security-Policy" content="${webviewCsp(res.cspSource, res.nonce)}" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <link rel="stylesheet" href="${res.styleUri}" />
        ${(res.extraStyleUris ?? []).map((uri) => html`<link rel="stylesheet" href="${uri}" />`)}
        <title>${title}</title>
      </head>
      <body>
        ${body} ${(res.extraScriptUris ?? []).map((uri) => html`<script nonce="${res.nonce}" src="${uri}"></script>`)}
        <script nonce="${res.nonce}" src="${res.scriptUri}"></script>
      </body>
    </html>`.value;
}

function breadcrumbs(data: ItemCardData): SafeHtml {
  const chain = [...data.ancestors].reverse();
  if (chain.length === 0 && data.product === undefined) return html``;
  const parts: SafeHtml[] = [];
  if (data.product !== undefined) parts.push(html`<li class="product">${data.product}</li>`);
  for (const a of chain) parts.push(html`<li>${itemButton(a)}</li>`);
  return html`<nav class="crumbs" aria-label="Parent items">
    <ol>
      ${parts}
    </ol>
  </nav>`;
}

function facts(item: RoadmapItem): SafeHtml {
  const parts: SafeHtml[] = [];
  if (item.owner !== undefined) parts.push(html`<span><span class="muted">Owner</span> ${item.owner}</span>`);
  if (item.target !== undefined) parts.push(html`<span><span class="muted">Target</span> ${item.target}</span>`);
  if (item.aliases.length > 0)
    parts.push(html`<span><span class="muted">Also known as</span> ${item.aliases.join(', ')}</span>`);
  return parts.length === 0
    ? html``
    : html`<p class="facts">${join(parts, html`<span class="sep" aria-hidden="true">·</span>`)}</p>`;
}

function childrenSection(children: readonly RoadmapItem[]): SafeHtml {
  if (children.length === 0) return html``;
  const rows = children.map(
    (c) => html`<li>${statusPill(c.status)}${itemButton(c)}<code class="id muted">${c.id}</code></li>`,
  );
  const counts = statusCounts(children);
  const fraction = progressFraction(counts);
  const bar =
    fraction === undefined
      ? ''
      : html`<div class="progress" role="img" aria-label="${progressText(counts)}">
          <svg class="progress-bar" width="160" height="8" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">
            ${raw(`<rect class="bar-track" x="0" y="1" width="160" height="6" rx="3"/><rect class="bar-progress reached" x="0" y="1" height="6" rx="3" width="${Math.round(fraction * 160)}"/>`)}
          </svg>
          <span class="muted small">${progressText(counts)}</span>
        </div>`;
  return html`<section class="children" aria-label="Children">
    <h2 class="section-label">Children <span class="count">${children.length}</span></h2>
    ${bar}
    <ul class="child-list">
      ${rows}
    </ul>
  </section>`;
}

/** Statuses of a parent's children, for its progress bar ("4 of 4 shipped"). */
export function statusCounts(items: readonly RoadmapItem[]): StatusCounts {
  const c = { ...NO_STATUS };
  for (const i of items) {
    c.total++;
    c[statusBucket(i.status)]++;
  }
  return c;
}

function linksSection(item: RoadmapItem): SafeHtml {
  if (item.links.length === 0) return html``;
  return html`<section class="links" aria-label="Links">
    <h2 class="section-label">Links</h2>
    <ul class="link-list">
      ${item.links.map((l) => html`<li>${externalLink(l)}</li>`)}
    </ul>
  </section>`;
}
