// Roadmap overview page. The items arrive as a `data` message; search, filters and grouping run
// here with the bundled core (dist/overviewCore.js, global RoadmapLensOverview), and only the rows
// that meet the viewport are in the DOM (fixed row heights: a scroll is a binary search). Every
// text from the roadmap goes in with textContent, never as HTML. Clicks and keys become messages
// for the extension, which validates them. For PNG export the extension sends the SVG it made; the
// page rasterises it on a canvas and sends the PNG back.
// @ts-check
/* global acquireVsCodeApi, document, window, Element, HTMLElement, Image, performance, requestAnimationFrame, ResizeObserver, TextDecoder, RoadmapLensOverview */
(function () {
  const vscode = acquireVsCodeApi();
  const core = RoadmapLensOverview;

  /** Must match media/overview.css (.ov-group, .ov-row). */
  const HEADER_HEIGHT = 40;
  const ROW_HEIGHT = 132;
  const MIN_CARD = 260;
  const GAP = 10;
  const OVERSCAN = 3;

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const scroller = $('ov-scroller');
  const canvas = $('ov-canvas');
  const search = /** @type {HTMLInputElement} */ ($('ov-search'));
  const kindSelect = /** @type {HTMLSelectElement} */ ($('ov-kind'));
  const statusSelect = /** @type {HTMLSelectElement} */ ($('ov-status'));
  const ownerSelect = /** @type {HTMLSelectElement} */ ($('ov-owner'));
  const workSelect = /** @type {HTMLSelectElement} */ ($('ov-work'));
  const mineBox = /** @type {HTMLInputElement} */ ($('ov-mine'));

  /** @type {any[]} */
  let entries = [];
  let dataSeq = 0;
  /** The first part of the data came without most whys; the second brings them (a search by why waits for it). */
  let whysPending = false;
  let product = /** @type {string | null} */ (null);
  /** @type {any} */
  let query = { text: '', kinds: [], statuses: [], owners: [], groupBy: 'target' };
  /** @type {{ groups: any[], matched: number, total: number }} */
  let result = { groups: [], matched: 0, total: 0 };
  /** @type {Set<string>} */
  const collapsed = new Set();
  /** @type {any} */
  let layout = core.layoutRows([], collapsed, 1, { header: HEADER_HEIGHT, cards: ROW_HEIGHT });
  let perRow = 1;
  /** Rows in the DOM by row index. */
  /** @type {Map<number, HTMLElement>} */
  const drawn = new Map();
  /** The id of the card (or key of the header) that has focus, kept across updates. */
  let focusId = '';
  let lastRenderMs = 0;
  /** Wall-clock time of the last update's draw: the bench compares it with when the command ran. */
  let lastDrawnAt = 0;

  function fmt(/** @type {number} */ n) {
    return n.toLocaleString('en-US');
  }

  function el(/** @type {string} */ tag, /** @type {string} */ cls, /** @type {string=} */ text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- query ----------------------------------------------------------------------------------

  function readControls() {
    query = {
      text: search.value.slice(0, 200),
      kinds: kindSelect.value ? [kindSelect.value] : [],
      statuses: statusSelect.value ? [statusSelect.value] : [],
      owners: ownerSelect.value ? [ownerSelect.value] : [],
      ...(workSelect.value ? { work: workSelect.value } : {}),
      ...(mineBox.checked ? { mine: true } : {}),
      groupBy: query.groupBy,
    };
  }

  function writeControls() {
    if (search.value !== query.text) search.value = query.text;
    setSelect(kindSelect, query.kinds[0] || '');
    setSelect(statusSelect, query.statuses[0] || '');
    setSelect(ownerSelect, query.owners[0] || '');
    setSelect(workSelect, query.work || '');
    mineBox.checked = query.mine === true;
    for (const b of document.querySelectorAll('[data-group]'))
      b.setAttribute('aria-pressed', b.getAttribute('data-group') === query.groupBy ? 'true' : 'false');
  }

  /** Selects `value`, adding it as an option when the menu does not offer it (an owner past the top 200). */
  function setSelect(/** @type {HTMLSelectElement} */ select, /** @type {string} */ value) {
    if (value !== '' && ![...select.options].some((o) => o.value === value)) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = value;
      select.append(o);
    }
    select.value = value;
  }

  function fillOptions(/** @type {HTMLSelectElement} */ select, /** @type {string[]} */ values, /** @type {string} */ any) {
    const current = select.value;
    select.replaceChildren();
    const first = document.createElement('option');
    first.value = '';
    first.textContent = any;
    select.append(first);
    for (const v of values) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      select.append(o);
    }
    setSelect(select, current);
  }

  function queryChanged() {
    readControls();
    vscode.postMessage({ type: 'query', query });
    scroller.scrollTop = 0;
    update();
  }

  // ---- layout and drawing -----------------------------------------------------------------------

  /** Recomputes the groups and the rows, then draws the window. */
  function update() {
    const started = performance.now();
    result = core.queryOverview(entries, query);
    relayout();
    lastRenderMs = performance.now() - started;
    lastDrawnAt = Date.now();
    const count = $('ov-count');
    if (entries.length === 0) count.textContent = dataSeq === 0 ? 'Loading the roadmap…' : 'No items in the roadmap yet.';
    else if (core.isFiltering(query))
      count.textContent = `${fmt(result.matched)} of ${fmt(result.total)} items match · ${core.describeQuery(query)}${
        whysPending && query.text.trim() !== '' ? ' · still loading the whys' : ''
      }`;
    else count.textContent = `${fmt(result.total)} items in ${fmt(result.groups.length)} groups`;
    const empty = $('ov-empty');
    empty.hidden = !(entries.length > 0 && result.matched === 0);
    empty.textContent = 'Nothing matches. Clear the search or a filter to see more.';
    report();
  }

  function relayout() {
    perRow = core.cardsPerRow(canvas.clientWidth || scroller.clientWidth, MIN_CARD, GAP);
    const groups = result.groups.map((g) => ({ key: g.key, size: g.members.length }));
    layout = core.layoutRows(groups, collapsed, perRow, { header: HEADER_HEIGHT, cards: ROW_HEIGHT });
    canvas.style.height = `${layout.height}px`;
    canvas.style.setProperty('--per-row', String(perRow));
    const hadFocus = canvas.contains(document.activeElement);
    for (const row of drawn.values()) row.remove();
    drawn.clear();
    draw();
    if (hadFocus) restoreFocus();
  }

  let drawQueued = false;
  function queueDraw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      draw();
      report();
    });
  }

  /** Puts rows [first, end) in the DOM and takes out the rest; focus comes back to the same card. */
  function draw() {
    const { first, end } = core.visibleRows(layout, scroller.scrollTop, scroller.clientHeight || 800, OVERSCAN);
    const hadFocus = canvas.contains(document.activeElement);
    for (const [i, row] of drawn) {
      if (i < first || i >= end) {
        row.remove();
        drawn.delete(i);
      }
    }
    for (let i = first; i < end; i++) {
      if (drawn.has(i)) continue;
      const row = drawRow(i);
      drawn.set(i, row);
      canvas.append(row);
    }
    if (hadFocus && !canvas.contains(document.activeElement)) restoreFocus();
  }

  function drawRow(/** @type {number} */ i) {
    const spec = layout.rows[i];
    const group = result.groups[spec.group];
    const top = layout.tops[i];
    if (spec.kind === 'header') {
      const row = el('div', 'ov-group');
      row.setAttribute('role', 'presentation');
      row.style.top = `${top}px`;
      const button = el('button', 'ov-group-toggle');
      button.setAttribute('type', 'button');
      button.setAttribute('data-group-key', group.key);
      button.setAttribute('aria-expanded', collapsed.has(group.key) ? 'false' : 'true');
      button.append(el('span', 'ov-twistie', collapsed.has(group.key) ? '▸' : '▾'));
      button.append(el('span', 'ov-group-title', group.title));
      button.append(el('span', 'count', fmt(group.members.length)));
      row.append(button);
      return row;
    }
    const row = el('div', 'ov-row');
    row.setAttribute('role', 'presentation');
    row.style.top = `${top}px`;
    for (let m = spec.start; m < spec.end; m++) {
      const index = group.members[m];
      row.append(drawCard(entries[index], group, m));
    }
    return row;
  }

  function drawCard(/** @type {any} */ e, /** @type {any} */ group, /** @type {number} */ position) {
    const item = el('div', 'ov-item');
    item.setAttribute('role', 'listitem');
    item.setAttribute('aria-setsize', String(group.members.length));
    item.setAttribute('aria-posinset', String(position + 1));
    const card = el('button', `ov-card ov-s-${e.bucket}`);
    card.setAttribute('type', 'button');
    card.setAttribute('data-item', e.id);
    card.setAttribute('aria-label', `${e.kind} ${e.id}: ${e.title}${e.status ? `, ${e.status}` : ''}`);
    const meta = el('span', 'ov-meta');
    meta.append(el('code', 'id', e.id), el('span', 'kind', e.kind));
    if (e.status) meta.append(el('span', `pill status-${e.bucket}`, e.status));
    if (e.target && query.groupBy !== 'target') meta.append(el('span', 'muted', e.target));
    if (e.via) {
      const via = el('span', 'ov-via muted', `via ${e.via}`);
      via.title = `Target ${e.target} comes from ${e.via}`;
      meta.append(via);
    }
    if (e.mine) meta.append(el('span', 'pill mine', 'mine'));
    card.append(meta, el('span', 'ov-title', e.title));
    card.title = e.title;
    if (e.why) card.append(el('span', 'ov-why', e.why));
    const facts = [];
    if (e.branches > 0) facts.push(`${fmt(e.branches)} branch${e.branches === 1 ? '' : 'es'}`);
    if (e.commits > 0) facts.push(`${fmt(e.commits)} commit${e.commits === 1 ? '' : 's'}`);
    if (e.children > 0) facts.push(`${fmt(e.shippedChildren)} of ${fmt(e.children)} shipped`);
    const work = el('span', 'ov-work muted', facts.length > 0 ? facts.join(' · ') : 'no linked work');
    if (e.children > 0) {
      const bar = el('span', 'ov-progress');
      bar.setAttribute('aria-hidden', 'true');
      const fill = el('span', 'ov-progress-fill');
      fill.style.width = `${Math.round((e.shippedChildren / e.children) * 100)}%`;
      bar.append(fill);
      work.append(bar);
    }
    card.append(work);
    item.append(card);
    return item;
  }

  function restoreFocus() {
    if (focusId === '') return;
    const target = canvas.querySelector(
      focusId.startsWith('group:') ? `[data-group-key="${cssEscape(focusId.slice(6))}"]` : `[data-item="${cssEscape(focusId)}"]`,
    );
    if (target instanceof HTMLElement) target.focus({ preventScroll: true });
  }

  function cssEscape(/** @type {string} */ s) {
    return s.replace(/["\\]/g, '\\$&');
  }

  /** Tells the extension what is in the DOM: tests and the bench read the real page through it. */
  function report() {
    const cardIds = [...canvas.querySelectorAll('[data-item]')].map((b) => b.getAttribute('data-item') || '');
    const headers = [...canvas.querySelectorAll('.ov-group-title')].map((h) => h.textContent || '');
    vscode.postMessage({
      type: 'rendered',
      seq: dataSeq,
      matched: result.matched,
      total: result.total,
      groups: result.groups.length,
      cardIds,
      headers,
      query,
      renderMs: lastRenderMs,
      complete: !whysPending,
      drawnAt: lastDrawnAt,
    });
  }

  // ---- keyboard ---------------------------------------------------------------------------------

  /** Position of the entry `id` in the flat list of visible cards: [group, member]. */
  function positionOf(/** @type {string} */ id) {
    for (let g = 0; g < result.groups.length; g++) {
      const group = result.groups[g];
      if (collapsed.has(group.key)) continue;
      for (let m = 0; m < group.members.length; m++) if (entries[group.members[m]].id === id) return [g, m];
    }
    return undefined;
  }

  /** Moves focus to member `m` of group `g` (scrolling it into the window first). */
  function focusMember(/** @type {number} */ g, /** @type {number} */ m) {
    const group = result.groups[g];
    if (!group) return;
    const row = core.rowOfMember(layout, g, m);
    if (row < 0) return;
    focusId = entries[group.members[m]].id;
    scrollRowIntoView(row);
    draw();
    restoreFocus();
  }

  function scrollRowIntoView(/** @type {number} */ row) {
    const top = layout.tops[row];
    const bottom = layout.tops[row + 1];
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
  }

  /** Arrow keys walk the cards (left/right within a row, up/down a row), Home/End the whole list. */
  canvas.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-item]') : null;
    if (!target) return;
    const pos = positionOf(target.getAttribute('data-item') || '');
    if (!pos) return;
    let [g, m] = pos;
    const last = () => {
      for (let x = result.groups.length - 1; x >= 0; x--)
        if (!collapsed.has(result.groups[x].key) && result.groups[x].members.length > 0) return [x, result.groups[x].members.length - 1];
      return [g, m];
    };
    const step = (/** @type {number} */ delta) => {
      let gi = g;
      let mi = m + delta;
      while (gi >= 0 && gi < result.groups.length) {
        const size = collapsed.has(result.groups[gi].key) ? 0 : result.groups[gi].members.length;
        if (mi >= 0 && mi < size) return [gi, mi];
        if (mi < 0) {
          gi--;
          if (gi < 0) break;
          const prev = collapsed.has(result.groups[gi].key) ? 0 : result.groups[gi].members.length;
          mi = prev + mi;
        } else {
          mi -= size;
          gi++;
        }
      }
      return [g, m];
    };
    let next;
    if (event.key === 'ArrowRight') next = step(1);
    else if (event.key === 'ArrowLeft') next = step(-1);
    else if (event.key === 'ArrowDown') next = step(perRow);
    else if (event.key === 'ArrowUp') next = step(-perRow);
    else if (event.key === 'Home') next = firstMember();
    else if (event.key === 'End') next = last();
    else return;
    event.preventDefault();
    focusMember(next[0], next[1]);
  });

  function firstMember() {
    for (let x = 0; x < result.groups.length; x++)
      if (!collapsed.has(result.groups[x].key) && result.groups[x].members.length > 0) return [x, 0];
    return [0, 0];
  }

  canvas.addEventListener('focusin', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    const item = t?.getAttribute('data-item');
    const group = t?.getAttribute('data-group-key');
    if (item) focusId = item;
    else if (group) focusId = `group:${group}`;
  });

  // ---- events -----------------------------------------------------------------------------------

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action],[data-item],[data-group],[data-group-key]') : null;
    if (!target) return;
    event.preventDefault();
    const groupKey = target.getAttribute('data-group-key');
    if (groupKey !== null) {
      if (collapsed.has(groupKey)) collapsed.delete(groupKey);
      else collapsed.add(groupKey);
      focusId = `group:${groupKey}`;
      relayout();
      restoreFocus();
      report();
      return;
    }
    const groupBy = target.getAttribute('data-group');
    if (groupBy !== null) {
      query = { ...query, groupBy };
      writeControls();
      queryChanged();
      return;
    }
    const action = target.getAttribute('data-action') || 'openItem';
    if (action === 'clearFilters') {
      query = { text: '', kinds: [], statuses: [], owners: [], groupBy: query.groupBy };
      writeControls();
      queryChanged();
      search.focus();
      return;
    }
    vscode.postMessage({ type: action, id: target.getAttribute('data-item') || '' });
  });

  search.addEventListener('input', queryChanged);
  for (const c of [kindSelect, statusSelect, ownerSelect, workSelect, mineBox]) c.addEventListener('change', queryChanged);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      const [g, m] = firstMember();
      focusMember(g, m);
    } else if (event.key === 'Escape' && search.value !== '') {
      event.preventDefault();
      search.value = '';
      queryChanged();
    }
  });
  scroller.addEventListener('scroll', queueDraw, { passive: true });
  new ResizeObserver(() => {
    const next = core.cardsPerRow(canvas.clientWidth || scroller.clientWidth, MIN_CARD, GAP);
    if (next !== perRow) relayout();
    else queueDraw();
  }).observe(scroller);

  // ---- side panel -------------------------------------------------------------------------------

  const CHART_MONTHS = 36;

  function drawSide(/** @type {any} */ message) {
    const text = $('ov-coverage-text');
    const chart = $('ov-chart');
    const range = $('ov-chart-range');
    chart.replaceChildren();
    chart.hidden = true;
    range.textContent = '';
    const c = message.coverage;
    if (!message.git) text.textContent = 'Git features are off for this folder.';
    else if (!c || c.commits === 0) text.textContent = 'No commits indexed yet.';
    else {
      const pct = Math.round((c.linked / c.commits) * 100);
      text.textContent = `${fmt(c.linked)} of ${fmt(c.commits)} commits (${c.linked > 0 && pct === 0 ? 1 : c.linked < c.commits && pct === 100 ? 99 : pct}%) link to an item`;
      const months = c.months.slice(-CHART_MONTHS);
      const max = Math.max(1, ...months.map((/** @type {any} */ m) => m.commits));
      for (const m of months) {
        const bar = el('span', 'ov-bar');
        bar.title = `${m.month}: ${fmt(m.linked)} of ${fmt(m.commits)} commits linked`;
        bar.style.height = `${Math.max(2, Math.round((m.commits / max) * 100))}%`;
        const fill = el('span', 'ov-bar-linked');
        fill.style.height = m.commits > 0 ? `${Math.round((m.linked / m.commits) * 100)}%` : '0%';
        bar.append(fill);
        chart.append(bar);
      }
      chart.hidden = months.length === 0;
      chart.setAttribute('aria-label', `Linked commits per month, ${months.length} months`);
      if (months.length > 0) range.textContent = `${months[0].month} – ${months[months.length - 1].month} · filled: linked`;
    }
    const unlinked = $('ov-unlinked');
    unlinked.hidden = message.unlinkedBranches === null;
    $('ov-unlinked-branches').textContent = message.unlinkedBranches === null ? '' : fmt(message.unlinkedBranches);
  }

  // ---- messages ---------------------------------------------------------------------------------

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'data' && ArrayBuffer.isView(message.entries)) {
      let decoded;
      try {
        decoded = core.decodeOverviewEntries(new TextDecoder().decode(message.entries));
      } catch {
        return; // Another version's data (a stale page): the extension sends again on reload.
      }
      // The page's first data comes with the query it was prepared for (a reopened overview's filter).
      if (dataSeq === 0 && message.query && typeof message.query === 'object') {
        query = { text: '', kinds: [], statuses: [], owners: [], groupBy: 'target', ...message.query };
        writeControls();
      }
      entries = decoded.entries;
      whysPending = decoded.whysPending;
      dataSeq = typeof message.seq === 'number' ? message.seq : dataSeq + 1;
      product = typeof message.product === 'string' ? message.product : null;
      $('ov-title').textContent = product ? `${product} roadmap` : 'Roadmap overview';
      fillOptions(kindSelect, message.facets?.kinds ?? [], 'Any kind');
      fillOptions(ownerSelect, message.facets?.owners ?? [], 'Any owner');
      drawSide(message);
      // Same query, same scroll position, same focused card: only the data changed.
      update();
      return;
    }
    if (message.type === 'whys' && message.seq === dataSeq && whysPending && ArrayBuffer.isView(message.whys)) {
      // The second part: every why, for the search; the cards on screen already had theirs.
      const complete = core.applyWhys(entries, new TextDecoder().decode(message.whys));
      if (!complete) return;
      entries = complete;
      whysPending = false;
      update();
      return;
    }
    if (message.type === 'setQuery' && message.query && typeof message.query === 'object') {
      const next = { text: '', kinds: [], statuses: [], owners: [], groupBy: 'target', ...message.query };
      // The answer to `ready` repeats the query the first data came with: nothing to redraw.
      if (JSON.stringify(next) === JSON.stringify(query) && entries.length > 0) {
        report();
        return;
      }
      query = next;
      writeControls();
      scroller.scrollTop = 0;
      update();
      return;
    }
    // Sent after our `ready`, behind the data posted while we loaded: without that data by now, it was dropped.
    if (message.type === 'sync' && typeof message.seq === 'number') {
      vscode.postMessage({ type: dataSeq < message.seq ? 'resend' : 'synced' });
      return;
    }
    if (message.type === 'rasterize' && typeof message.svg === 'string') rasterize(message);
  });

  function rasterize(/** @type {any} */ message) {
    const scale = typeof message.scale === 'number' ? message.scale : 2;
    const image = new Image();
    image.onload = () => {
      try {
        const c = document.createElement('canvas');
        c.width = Math.ceil(image.naturalWidth * scale);
        c.height = Math.ceil(image.naturalHeight * scale);
        const context = c.getContext('2d');
        if (!context) throw new Error('no 2d canvas');
        context.scale(scale, scale);
        context.drawImage(image, 0, 0);
        vscode.postMessage({ type: 'png', requestId: message.requestId, dataUrl: c.toDataURL('image/png') });
      } catch (error) {
        vscode.postMessage({ type: 'png', requestId: message.requestId, error: String(error) });
      }
    };
    image.onerror = () => vscode.postMessage({ type: 'png', requestId: message.requestId, error: 'the SVG could not be loaded' });
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(message.svg);
  }

  vscode.postMessage({ type: 'ready' });
})();
