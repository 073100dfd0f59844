// Files touched by an item's commits, computed in the background on first request and cached by
// the exact set of commits (a new commit for the item changes the key). Readers get `undefined`
// while it runs and are told through `onReady`, so no caller ever waits on git.

import type { FileTouchCount } from '../../core/gitOutput/changedFilesParser';
import { filesTouched } from '../../git/changedFiles';
import type { GitRunner } from '../../git/gitRunner';

/** Open cards and one current item need a handful of entries; bounded so long sessions stay small. */
const MAX_ENTRIES = 32;

interface Entry {
  readonly signature: string;
  files: readonly FileTouchCount[] | undefined;
}

export class FilesTouchedCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly onReady: () => void,
    private readonly onError: (message: string, error: unknown) => void,
  ) {}

  /**
   * The files for `key` (folder + item) when known for exactly these commits; otherwise starts
   * computing (once) and returns the previous answer, or undefined.
   */
  get(key: string, shas: readonly string[], git: GitRunner | undefined): readonly FileTouchCount[] | undefined {
    const signature = `${shas.length}:${shas.join(',')}`;
    const entry = this.entries.get(key);
    if (entry && entry.signature === signature) {
      // Most recently used last: Map keeps insertion order, so re-insert.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.files;
    }
    if (shas.length === 0) {
      this.put(key, { signature, files: [] });
      return [];
    }
    if (!git) return entry?.files;
    const fresh: Entry = { signature, files: entry?.files };
    this.put(key, fresh);
    const generation = this.generation;
    filesTouched(git, shas)
      .catch((error: unknown) => {
        this.onError(`Could not list the files of ${shas.length} commits`, error);
        return [] as FileTouchCount[];
      })
      .then((files) => {
        if (generation !== this.generation || this.entries.get(key) !== fresh) return;
        fresh.files = files;
        this.onReady();
      })
      .catch(() => undefined);
    return fresh.files;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
