// Which work-model changes recompute lenses (attribution/model/workFingerprint.ts): each thing an
// answer reads (the history, its commit index, HEAD, the current item, git on or off) changes the
// fingerprint; a change of anything else (branches, the summary: a new status with the same HEAD
// and current item) does not.
import * as assert from 'node:assert/strict';
import { workFingerprint } from '../../src/attribution/model/workFingerprint';
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

  fingerprint(): string {
    const folder = { uri: { toString: () => 'file:///ws/app' }, name: 'app', index: 0 };
    const roadmaps = { folders: () => [folder] } as unknown as RoadmapModel;
    const work = { status: () => this.status, history: () => this.history } as unknown as WorkHistorySource;
    return workFingerprint(roadmaps, work);
  }
}

function ready(shortCommit: string, current?: string): WorkStatus {
  return {
    kind: 'ready',
    head: { kind: 'branch', branch: 'main', shortCommit },
    current: current ? { item: { id: current }, via: 'branch' } : undefined,
  } as unknown as WorkStatus;
}

describe('workFingerprint', () => {
  it('is unchanged by a new status with the same HEAD and current item (branches, the summary)', () => {
    const work = new FakeWork();
    const before = work.fingerprint();
    work.status = ready('abc1234');
    assert.equal(work.fingerprint(), before);
  });

  const changes: [string, (w: FakeWork) => void][] = [
    ['HEAD moved', (w) => (w.status = ready('def5678'))],
    ['the current item changed', (w) => (w.status = ready('abc1234', 'CHK-12'))],
    ['the commit index was replaced', (w) => (w.index = {})],
    ['the commit index is gone (Clear Cache)', (w) => (w.index = undefined)],
    ['the repository was read again (a new history)', (w) => (w.history = w.newHistory())],
    ['git went off', (w) => ((w.history = undefined), (w.status = { kind: 'off', reason: 'untrusted', message: '' }))],
    ['back to loading', (w) => (w.status = { kind: 'loading' })],
  ];
  for (const [what, change] of changes) {
    it(`changes when ${what}`, () => {
      const work = new FakeWork();
      const before = work.fingerprint();
      change(work);
      assert.notEqual(work.fingerprint(), before);
    });
  }
});
