import * as assert from 'node:assert/strict';
import { chartWindowEnd, relativeTime, renderWeeklyBarsSvg, weeklyCounts } from '../../src/core/render/commitTimeline';
import { activeContent, parseHtml } from './htmlDom';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1, 12);

describe('commitTimeline', () => {
  it('counts commits into weeks ending now, oldest first', () => {
    const dates = [NOW - 1 * DAY, NOW - 2 * DAY, NOW - 8 * DAY, NOW - 83 * DAY, NOW - 90 * DAY, NOW + DAY, Number.NaN];
    const buckets = weeklyCounts(dates, NOW, 12);
    assert.equal(buckets.length, 12);
    assert.deepEqual(
      buckets.map((b) => b.count),
      [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2],
    );
    assert.equal(buckets[11]?.start, NOW - 7 * DAY);
  });

  it('draws one bar per week, scaled to the busiest week, with escaped titles', () => {
    const buckets = weeklyCounts([NOW - DAY, NOW - DAY, NOW - 8 * DAY], NOW, 4);
    const svg = renderWeeklyBarsSvg(buckets, {
      label: '<img src=x onerror=alert(1)>',
      width: 100,
      height: 22,
      describe: () => '"><script>',
    });
    const dom = parseHtml(`<div>${svg}</div>`, true);
    assert.deepEqual(activeContent(dom), []);
    const rects = dom.elements.filter((e) => e.tag === 'rect');
    assert.equal(rects.length, 4);
    assert.deepEqual(
      rects.map((r) => r.attrs.get('class')),
      ['tl-bar-empty', 'tl-bar-empty', 'tl-bar', 'tl-bar'],
    );
    assert.equal(rects[3]?.attrs.get('height'), '20');
    assert.equal(rects[2]?.attrs.get('height'), '10');
    assert.equal(dom.elements.find((e) => e.tag === 'svg')?.attrs.get('aria-label'), '<img src=x onerror=alert(1)>');
  });

  it('says how long ago', () => {
    assert.equal(relativeTime(NOW - 30 * 1000, NOW), 'just now');
    assert.equal(relativeTime(NOW - 5 * 60 * 1000, NOW), '5 minutes ago');
    assert.equal(relativeTime(NOW - 60 * 60 * 1000, NOW), '1 hour ago');
    assert.equal(relativeTime(NOW - 3 * DAY, NOW), '3 days ago');
    assert.equal(relativeTime(NOW - 21 * DAY, NOW), '3 weeks ago');
    assert.equal(relativeTime(NOW - 200 * DAY, NOW), '6 months ago');
    assert.equal(relativeTime(NOW - 800 * DAY, NOW), '2 years ago');
    assert.equal(relativeTime(NOW + DAY, NOW), 'in the future');
  });
});

describe('chartWindowEnd', () => {
  it('ends now when there was recent work or none at all', () => {
    assert.deepEqual(chartWindowEnd([NOW - DAY], NOW), { end: NOW, isNow: true });
    assert.deepEqual(chartWindowEnd([], NOW), { end: NOW, isNow: true });
  });
  it('ends at the latest commit when all work is older than the window', () => {
    assert.deepEqual(chartWindowEnd([NOW - 200 * DAY, NOW - 100 * DAY, NOW + DAY], NOW), {
      end: NOW - 100 * DAY + 1,
      isNow: false,
    });
    const buckets = weeklyCounts([NOW - 200 * DAY, NOW - 100 * DAY], NOW - 100 * DAY + 1, 12);
    assert.equal(buckets[11]?.count, 1);
  });
});
