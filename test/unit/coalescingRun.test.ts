// CoalescingRun (the folder refresh's and the drift model's loop): never two runs at once, a
// request during a run is never lost, a burst of requests makes one extra run, and a stopped owner
// runs no more.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CoalescingRun } from '../../src/core/util/coalescingRun';

/** A run the test finishes by hand, so every interleaving is chosen, not timed. */
function manualRuns(): {
  runner: CoalescingRun;
  started: () => number;
  finish: () => Promise<void>;
  overlap: () => boolean;
} {
  let started = 0;
  let active = 0;
  let overlapped = false;
  const waiting: (() => void)[] = [];
  const runner = new CoalescingRun(async () => {
    started++;
    active++;
    if (active > 1) overlapped = true;
    await new Promise<void>((resolve) => waiting.push(resolve));
    active--;
  });
  return {
    runner,
    started: () => started,
    overlap: () => overlapped,
    finish: async () => {
      waiting.shift()?.();
      // Let the loop observe the end of the run and start the next one, if any.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('CoalescingRun', () => {
  it('runs once for one request, and once more for a burst during the run', async () => {
    const m = manualRuns();
    const first = m.runner.request();
    assert.equal(m.started(), 1);
    assert.equal(m.runner.busy, true);
    const second = m.runner.request();
    const third = m.runner.request();
    assert.equal(first, second);
    assert.equal(second, third);
    await m.finish();
    assert.equal(m.started(), 2, 'the burst during the first run made exactly one more run');
    await m.finish();
    await first;
    assert.equal(m.started(), 2);
    assert.equal(m.runner.busy, false);
    assert.equal(m.runner.current, undefined);
    assert.equal(m.overlap(), false);
  });

  it('runs no more once its owner is stopped', async () => {
    let stopped = false;
    let runs = 0;
    let release: () => void = () => undefined;
    const runner = new CoalescingRun(
      async () => {
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
      },
      () => stopped,
    );
    const done = runner.request();
    void runner.request();
    stopped = true;
    release();
    await done;
    assert.equal(runs, 1);
  });

  it('never overlaps and never loses a request (property: any interleaving of requests and run ends)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('request', 'finish'), { maxLength: 30 }), async (steps) => {
        const m = manualRuns();
        // A request is served when a run starts after it: track the newest request not yet served.
        let unserved = false;
        let startedBefore = 0;
        for (const step of steps) {
          if (step === 'request') {
            startedBefore = m.started();
            void m.runner.request();
            // Served at once when nothing was running; otherwise pending until the next run starts.
            unserved = m.started() === startedBefore;
          } else {
            const before = m.started();
            await m.finish();
            if (m.started() > before) unserved = false;
          }
        }
        // Drain: every pending request must produce a run before the runner goes idle.
        while (m.runner.busy) {
          const before = m.started();
          await m.finish();
          if (m.started() > before) unserved = false;
        }
        assert.equal(unserved, false, 'a request made during a run was lost');
        assert.equal(m.overlap(), false, 'two runs overlapped');
      }),
      { numRuns: 200 },
    );
  });
});
