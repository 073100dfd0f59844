// The item card's "Work" section: the item's (or, for a parent, its whole subtree's) branches,
// recent commits, the weekly commit chart and the files its commits touched, or why there are none.

import { chartWindowEnd, relativeTime, renderWeeklyBarsSvg, weeklyCounts } from '../../core/render/commitTimeline';
import { html, raw, type SafeHtml } from '../../core/render/html';
import type { ItemCardData } from './itemCardHtml';

/** Branches listed before "+N more". */
const MAX_LIST = 12;

export function workSection(data: ItemCardData): SafeHtml {
  const { work } = data;
  if (work === undefined) {
    return data.workNote === undefined
      ? html``
      : html`<section class="work" aria-label="Linked work">
          <h2 class="section-label">Linked work</h2>
          <p class="muted">${data.workNote}</p>
        </section>`;
  }
  if (work.commits.length === 0 && work.branches.length === 0 && (work.commitDates?.length ?? 0) === 0) {
    return html`<section class="work" aria-label="Linked work">
      <h2 class="section-label">Linked work</h2>
      <p class="muted">
        No branches or commits reference ${data.item.id}${work.includesChildren ? ' or any item under it' : ''} yet. Put
        the id in a branch name or a commit message, or tag a branch to this item.
      </p>
    </section>`;
  }
  const dates = work.commitDates ?? work.commits.map((c) => c.date);
  const window = chartWindowEnd(dates, data.now, 12);
  const buckets = weeklyCounts(dates, window.end, 12);
  const windowText = window.isNow
    ? 'in the last 12 weeks'
    : `in the 12 weeks to ${new Date(window.end).toISOString().slice(0, 10)}`;
  const chart = raw(
    renderWeeklyBarsSvg(buckets, {
      label: `Commits per week over the last 12 weeks for ${data.item.id}`,
      width: 240,
      height: 44,
    }),
  );
  const inWindow = buckets.reduce((n, b) => n + b.count, 0);
  const branches = work.branches.slice(0, MAX_LIST).map(
    (b) =>
      html`<li>
          <span class="branch-icon" aria-hidden="true">⎇</span
          ><code>${b.name}</code
          >${b.current === true ? html` <span class="pill current">checked out</span>` : ''}${b.lastActivity !== undefined ? html` <span class="muted">${relativeTime(b.lastActivity, data.now)}${b.author !== undefined ? html` · ${b.author}` : ''}</span>` : ''}
        </li>`,
  );
  const commits = [...work.commits]
    .sort((a, b) => b.date - a.date)
    .slice(0, 8)
    .map(
      (c) =>
        html`<li>
          <code class="hash">${c.hash.slice(0, 7)}</code> <span class="subject">${c.subject}</span>
          <span class="muted">${c.author} · ${relativeTime(c.date, data.now)}</span>
        </li>`,
    );
  const files = (work.files ?? []).slice(0, 10);
  const maxFile = Math.max(1, ...files.map((f) => f.commits));
  const fileRows = files.map(
    (f) =>
      html`<li>
        <span class="file-path">${f.path}</span
        ><svg class="file-bar" width="60" height="8" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">
          ${raw(`<rect class="bar-progress" x="0" y="1" height="6" rx="2" width="${Math.max(2, Math.round((f.commits / maxFile) * 60))}"/>`)}</svg
        ><span class="muted">${f.commits}</span>
      </li>`,
  );
  const own = work.includesChildren;
  const ownNote =
    own === undefined
      ? ''
      : html`<p class="muted small rollup-note">
          Including children: ${own.commits} commit${own.commits === 1 ? '' : 's'} and ${work.branches.length}
          branch${work.branches.length === 1 ? '' : 'es'} across ${data.item.id} and the items under it, each counted
          once (${own.ownCommits} commit${own.ownCommits === 1 ? '' : 's'} name ${data.item.id}
          itself)${own.lastActivity !== undefined ? html`; last activity ${relativeTime(own.lastActivity, data.now)}` : ''}.
        </p>`;
  return html`<section class="work" aria-label="Linked work">
    <h2 class="section-label">Linked work${own ? ', including children' : ''}</h2>
    ${ownNote}
    <div class="timeline">
      <div class="timeline-chart">
        <span class="muted small"
          >Commits per
          week${window.isNow ? '' : `, 12 weeks to ${new Date(window.end).toISOString().slice(0, 10)}`}</span
        >${chart}
        <div class="muted small">
          ${dates.length} commit${dates.length === 1 ? '' : 's'} in total · ${inWindow} ${windowText}
        </div>
      </div>
    </div>
    ${
      branches.length > 0
        ? html`<h3>Branches <span class="count">${work.branches.length}</span></h3>
            <ul class="branch-list">
              ${branches}
            </ul>`
        : ''
    }
    ${
      commits.length > 0
        ? html`<h3>Recent commits</h3>
            <ul class="commit-list">
              ${commits}
            </ul>`
        : ''
    }
    ${
      fileRows.length > 0
        ? html`<h3>Files most touched</h3>
            <ul class="file-list">
              ${fileRows}
            </ul>`
        : ''
    }
  </section>`;
}
