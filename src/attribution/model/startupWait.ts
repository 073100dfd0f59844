// What a lens asked for during startup waits for, instead of answering "nothing yet" at once.
//
// After a window reload VS Code asks for the lenses of the restored editor as soon as the provider
// registers, long before the roadmap is read and the repository opened. Answering [] then, and
// firing a change at each later step (roadmap loaded, repository opened, commit index read), made
// VS Code ask again after each one, with its own debounce of at least 250 ms each time and each new
// question cancelling the last (issue #13: 4.7 s to the first lens on commons-lang, of which ~1 s
// was these round trips). Instead the first question is held until what a lens needs is there —
// the roadmap, and the folder's repository with its stored commit index, or the word that there is
// none (git off, untrusted, no repository, a cold build running) — and answered once. Bounded: after
// STARTUP_WAIT_MS it answers with what there is, and later changes fire as usual.
import * as vscode from 'vscode';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import type { WorkHistorySource } from '../../work/model/workHistory';

/** The longest a startup question is held; a cold roadmap parse of 10,000 items fits in it. */
export const STARTUP_WAIT_MS = 8000;

/** True when the folder's repository is open (history answers) or will not be (git off, no repository). */
function historyOpened(work: WorkHistorySource, folderUri: vscode.Uri): boolean {
  return work.status(folderUri).kind !== 'loading' || work.history(folderUri) !== undefined;
}

/** True when the folder's history is as complete as it will be without a cold index build. */
function historySettled(work: WorkHistorySource, folderUri: vscode.Uri): boolean {
  const status = work.status(folderUri);
  if (status.kind === 'off') return true;
  if (work.history(folderUri)?.commitIndex() !== undefined) return true;
  // Ready with no index: a cold build (minutes) or no work tree; neither is worth waiting for.
  return status.kind === 'ready';
}

/**
 * The roadmap has loaded and the document's folder's history has settled (`full`: its commit index
 * read too) or will not come.
 */
export function startupSettled(
  roadmaps: RoadmapModel,
  work: WorkHistorySource,
  document: vscode.Uri,
  full = true,
): boolean {
  if (!roadmaps.ready) return false;
  const found = roadmaps.roadmapForDocument(document);
  if (found === undefined) return true;
  return full ? historySettled(work, found.folder.uri) : historyOpened(work, found.folder.uri);
}

/**
 * Resolves when startupSettled holds (see there for `full`), or after `maxMs`, whichever is first.
 * Returns at once when it already holds.
 */
export async function whenStartupSettled(
  roadmaps: RoadmapModel,
  work: WorkHistorySource,
  document: vscode.Uri,
  full = true,
  maxMs: number = STARTUP_WAIT_MS,
): Promise<void> {
  const settled = (): boolean => startupSettled(roadmaps, work, document, full);
  if (settled()) return;
  await new Promise<void>((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (): void => {
      clearTimeout(timer);
      for (const d of subscriptions) d.dispose();
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    const check = (): void => {
      if (settled()) done();
    };
    subscriptions.push(roadmaps.onDidChange(check), work.onDidChange(check));
  });
}

/**
 * Answers held for startup, and changes that came while one was held or running. A change that came
 * before a held answer read its state is in that answer; one that came after is fired once the held
 * answers are in. Firing while VS Code waits on a
 * held answer would only make it cancel that question and ask again later.
 */
export class StartupHold {
  private holding = 0;
  /** Changes since the first hold began, and how many had come when the earliest held answer started. */
  private changes = 0;
  private startedAt: number | undefined;

  constructor(
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkHistorySource,
    /** Called when the last held answer is in: `stale` when a change came after one started. */
    private readonly release: (stale: boolean) => void,
  ) {}

  /**
   * The answer for `document`: at once when startup has settled for it, else once the roadmap is
   * read and the folder's repository open (bounded). `compute` calls `indexRead` once it needs the
   * commit index (after the blame), so the index is read while the blame store answers.
   */
  answer<T>(document: vscode.Uri, compute: () => Promise<T>, disposed: () => boolean): Promise<T | undefined> {
    if (startupSettled(this.roadmaps, this.work, document)) return compute();
    return this.held(document, compute, disposed);
  }

  /** Resolves once the document's folder's commit index is read, or will not be (bounded). */
  indexRead(document: vscode.Uri): Promise<void> {
    return whenStartupSettled(this.roadmaps, this.work, document, true);
  }

  /**
   * A held answer has read the state it depends on (after its index wait): changes from here on are
   * not in it. Changes before it are, and then the held answer is simply given.
   */
  stateRead(): void {
    if (this.holding > 0) this.startedAt = Math.min(this.startedAt ?? this.changes, this.changes);
  }

  /** True when a change must wait for the held answers (`release` is called after them). */
  holdChange(): boolean {
    if (this.holding === 0) return false;
    this.changes++;
    return true;
  }

  private async held<T>(
    document: vscode.Uri,
    compute: () => Promise<T>,
    disposed: () => boolean,
  ): Promise<T | undefined> {
    this.holding++;
    try {
      await whenStartupSettled(this.roadmaps, this.work, document, false);
      return disposed() ? undefined : await compute();
    } finally {
      this.holding--;
      if (this.holding === 0) {
        const stale = this.changes > (this.startedAt ?? this.changes);
        this.changes = 0;
        this.startedAt = undefined;
        this.release(stale);
      }
    }
  }
}
