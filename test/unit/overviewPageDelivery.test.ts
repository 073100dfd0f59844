// When the overview's data goes to its page: early (while the page loads), a `sync` behind it,
// and updates held until the page answers, so a page that lost the early data gets it once, and
// one that kept it gets only what changed. A fake feed stands for the encoder: each call to
// `messages` is one build, and `pageReset` forgets what the page holds.
import * as assert from 'node:assert/strict';
import { OverviewPageDelivery } from '../../src/roadmap/overview/overviewPageDelivery';
import type { OverviewPageFeed } from '../../src/roadmap/overview/overviewPageFeed';

function harness() {
  const posted: object[] = [];
  const log: string[] = [];
  let seq = 0;
  let holds = false;
  let version = 1;
  let pageHas = 0;
  const feed = {
    get postedSeq() {
      return seq;
    },
    pageReset: () => {
      holds = false;
      log.push('reset');
    },
  } as unknown as OverviewPageFeed;
  // Like the feed: nothing when the page holds this version, else a data message (two parts for a fresh page).
  const messages = (): object[] => {
    if (holds && pageHas === version) return [];
    const fresh = !holds;
    holds = true;
    pageHas = version;
    seq++;
    return fresh
      ? [
          { type: 'data', seq, version, part: 1 },
          { type: 'whys', seq },
        ]
      : [{ type: 'data', seq, version }];
  };
  const delivery = new OverviewPageDelivery(
    feed,
    (m) => posted.push(m),
    messages,
    (e) => log.push(String(e)),
  );
  return {
    delivery,
    posted,
    log,
    change: () => version++,
    types: () => posted.map((m) => (m as { type: string }).type),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('overview delivery: early data, sync, resend', () => {
  it('posts both parts as soon as the page is opened, before its ready', async () => {
    const h = harness();
    h.delivery.pageOpened();
    assert.deepEqual(h.types(), []);
    await tick();
    assert.deepEqual(h.types(), ['data', 'whys']);
  });

  it('after the first ready, a sync follows the early data; updates wait for the answer', async () => {
    const h = harness();
    h.delivery.pageOpened();
    await tick();
    h.delivery.pageReady();
    assert.deepEqual(h.posted.at(-1), { type: 'sync', seq: 1 });
    h.change();
    h.delivery.update();
    assert.deepEqual(h.types(), ['data', 'whys', 'sync'], 'held until the page answers');
    h.delivery.synced();
    assert.deepEqual(h.types(), ['data', 'whys', 'sync', 'data']);
    assert.deepEqual(h.posted.at(-1), { type: 'data', seq: 2, version: 2 }, 'only the change, as one update');
  });

  it('a page that lost the early data gets both parts once, with what changed meanwhile, and no update before them', async () => {
    const h = harness();
    h.delivery.pageOpened();
    await tick();
    h.delivery.pageReady();
    h.change();
    h.delivery.update();
    h.delivery.resend();
    assert.deepEqual(h.types(), ['data', 'whys', 'sync', 'data', 'whys']);
    assert.deepEqual(h.posted.at(-2), { type: 'data', seq: 2, version: 2, part: 1 });
    h.delivery.update();
    assert.equal(h.posted.length, 5, 'nothing more: the page holds this version');
  });

  it('a reloaded page (a second ready) gets everything again at once', async () => {
    const h = harness();
    h.delivery.pageOpened();
    await tick();
    h.delivery.pageReady();
    h.delivery.synced();
    h.delivery.pageReady();
    assert.deepEqual(h.types(), ['data', 'whys', 'sync', 'data', 'whys']);
    assert.ok(h.log.includes('reset'));
  });

  it('a ready before the early post (or after a close) posts directly, and a closed page gets nothing', async () => {
    const h = harness();
    h.delivery.pageOpened();
    h.delivery.pageReady();
    assert.deepEqual(h.types(), ['data', 'whys']);
    await tick();
    assert.deepEqual(h.types(), ['data', 'whys'], 'the early post does not run after ready');
    const closed = harness();
    closed.delivery.pageOpened();
    closed.delivery.pageClosed();
    await tick();
    assert.deepEqual(closed.types(), []);
  });
});
