// What of the work model an attribution depends on, per roadmap folder: the history it reads (a new
// one when the repository is opened again), its commit index (a new object when it grows or is
// re-linked), HEAD and the current item. The work model fires for much else (branches, the summary,
// status lines); comparing this first keeps those from recomputing every lens. HEAD counts as moved
// only from one known HEAD to another: at startup an answer is computed while the status is still
// loading (the blame read HEAD from the git dir itself), and the status turning ready with that
// same HEAD is no reason to compute it again.
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import type { WorkHistorySource } from '../../work/model/workHistory';

const ids = new WeakMap<object, number>();
let nextId = 1;

function idOf(value: object | undefined): number {
  if (value === undefined) return 0;
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

interface Seen {
  readonly history: number;
  readonly index: number;
  /** The last known HEAD (branch@commit); kept while the status is loading. */
  readonly head: string | undefined;
  readonly current: string;
}

export class WorkFingerprint {
  private seen = new Map<string, Seen>();

  /** True when, since the last call, something an answer reads changed (true on the first call). */
  changed(roadmaps: RoadmapModel, work: WorkHistorySource): boolean {
    const next = new Map<string, Seen>();
    let changed = false;
    for (const folder of roadmaps.folders()) {
      const key = folder.uri.toString();
      const history = work.history(folder.uri);
      const status = work.status(folder.uri);
      const head = status.kind === 'ready' ? `${status.head.branch ?? ''}@${status.head.shortCommit ?? ''}` : undefined;
      const before = this.seen.get(key);
      const now: Seen = {
        history: idOf(history),
        index: idOf(history?.commitIndex()),
        head: head ?? before?.head,
        current: status.kind === 'ready' ? (status.current?.item.id ?? '') : '',
      };
      next.set(key, now);
      const headMoved = head !== undefined && before?.head !== undefined && before.head !== head;
      if (
        !before ||
        before.history !== now.history ||
        before.index !== now.index ||
        before.current !== now.current ||
        headMoved
      )
        changed = true;
    }
    if ([...this.seen.keys()].some((k) => !next.has(k))) changed = true;
    this.seen = next;
    return changed;
  }
}
