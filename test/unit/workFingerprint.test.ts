// Which work-model changes recompute lenses (attribution/model/workFingerprint.ts): each thing an
// answer reads (the history, its commit index, HEAD, the current item, git on or off) is a change;
// anything else (branches, the summary: a new status with the same HEAD and current item) is not,
// and neither is the status turning ready at startup with the HEAD nobody knew before.
import * as assert from 'node:assert/strict';
import { WorkFingerprint } from '../../src/attribution/model/workFingerprint';
import type { RoadmapModel } from '../../src/roadmap/model/roadmapModel';
import type { WorkStatus } from '../../src/work/model/workState';
import type { FolderHistory, WorkHistorySource } from '../../src/work/model/workHistory';

/** A work model of one folder whose parts the test changes in place. */
class FakeWork {
  index: object | undefined = {};
  status: WorkStatus = ready('abc1234');
  history: FolderHistory | undefined = this.newHistory();

  newHistory(): FolderHistory {
    return { commitIndex: () => this.index } as unknown as FolderHistory;
  }

  readonly tracker = new WorkFingerprint();

  /** Whether the tracker sees a change since it last looked. */
  changed(): boolean {
    const folder = { uri: { toString: () => 'file:///ws/app' }, name: 'app', index: 0 };
    const roadmaps = { folders: () => [folder] } as unknown as RoadmapModel;
    const work = { status: () => this.status, history: () => this.history } as unknown as WorkHistorySource;
    return this.tracker.changed(roadmaps, work);
  }
}

function ready(shortCommit: string, current?: string): WorkStatus {
  return {
    kind: 'ready',
    head: { kind: 'branch', branch: 'main', shortCommit },
    current: current ? { item: { id: current }, via: 'branch' } : undefined,
  } as unknown as WorkStatus;
}

describe('WorkFingerprint', () => {
  it('sees a change on the first look, then none while nothing changes', () => {
    const work = new FakeWork();
    assert.equal(work.changed(), true);
    assert.equal(work.changed(), false);
  });

  it('is unchanged by a new status with the same HEAD and current item (branches, the summary)', () => {
    const work = new FakeWork();
    work.changed();
    work.status = ready('abc1234');
    assert.equal(work.changed(), false);
  });

  it('is unchanged when the status turns ready at startup: no HEAD was known before', () => {
    const work = new FakeWork();
    work.status = { kind: 'loading' };
    work.changed();
    work.status = ready('abc1234');
    assert.equal(work.changed(), false);
  });

  it('sees HEAD moved across a reload of the repository (ready, loading, ready elsewhere)', () => {
    const work = new FakeWork();
    work.changed();
    work.status = { kind: 'loading' };
    assert.equal(work.changed(), false, 'loading alone changes no answer');
    work.status = ready('def5678');
    assert.equal(work.changed(), true);
  });

  const changes: [string, (w: FakeWork) => void][] = [
    ['HEAD moved', (w) => (w.status = ready('def5678'))],
    ['the current item changed', (w) => (w.status = ready('abc1234', 'CHK-12'))],
    ['the commit index was replaced', (w) => (w.index = {})],
    ['the commit index is gone (Clear Cache)', (w) => (w.index = undefined)],
    ['the repository was read again (a new history)', (w) => (w.history = w.newHistory())],
    ['git went off', (w) => ((w.history = undefined), (w.status = { kind: 'off', reason: 'untrusted', message: '' }))],
  ];
  for (const [what, change] of changes) {
    it(`sees a change when ${what}`, () => {
      const work = new FakeWork();
      work.changed();
      change(work);
      assert.equal(work.changed(), true);
    });
  }
});
