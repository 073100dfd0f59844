// What the item card and the Explorer badges ask of an item's history: its commits and branches
// with or without its descendants', when they were made, and the files they touched. Read from
// the folders' commit indexes; the files come from git in the background (FilesTouchedCache).

import type * as vscode from 'vscode';
import { idKey } from '../../core/roadmap/roadmapTypes';
import { newestShas, subtreeIds } from '../../core/rollup/rollup';
import type { FileTouchCount } from '../../core/gitOutput/changedFilesParser';
import { MAX_COMMITS_FOR_FILES } from '../../git/changedFiles';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import { FilesTouchedCache } from './filesTouchedCache';
import type { WorkFolders } from './workFolders';
import { toCommitWork, type BranchWork, type CommitWork, type ItemWork } from './workState';

export class ItemActivity {
  private readonly filesCache: FilesTouchedCache;

  constructor(
    private readonly folders: WorkFolders,
    private readonly roadmaps: RoadmapModel,
    /** The item's own branches and commits (WorkModel.workFor). */
    private readonly workFor: (folderUri: vscode.Uri, itemId: string) => ItemWork,
    /** Files arrived from git: views re-read. */
    changed: () => void,
    log: vscode.LogOutputChannel,
  ) {
    this.filesCache = new FilesTouchedCache(changed, (message, error) => log.warn(message, error));
  }

  /** The newest commits of the item and all its descendants, each once (the card "including children"). */
  rolledUpCommits(folderUri: vscode.Uri, itemId: string, limit: number): CommitWork[] {
    const index = this.folders.get(folderUri)?.index;
    if (!index) return [];
    return this.rolledUpShas(folderUri, itemId, limit).flatMap((sha) => {
      const c = index.get(sha);
      return c ? [toCommitWork(c)] : [];
    });
  }

  /** The newest `limit` commits that link to no item (the Unlinked Work view's "Show more"). */
  unlinkedCommits(folderUri: vscode.Uri, limit: number): CommitWork[] {
    const index = this.folders.get(folderUri)?.index;
    return index ? index.unlinked(limit).map(toCommitWork) : [];
  }

  /** When each of the item's indexed commits was made (ms), newest first: the item card's weekly chart. */
  commitTimes(folderUri: vscode.Uri, itemId: string, limit = 5000, includeChildren = false): number[] {
    const index = this.folders.get(folderUri)?.index;
    if (!index) return [];
    if (includeChildren)
      return this.rolledUpShas(folderUri, itemId, limit).map((sha) => (index.commitTime(sha) ?? 0) * 1000);
    return index.commitsFor(itemId, limit).map((c) => c.time * 1000);
  }

  /** Branches linked to the item or any descendant, each once, newest first (the card "including children"). */
  rolledUpBranches(folderUri: vscode.Uri, itemId: string): BranchWork[] {
    const roadmap = this.roadmaps.indexFor(folderUri);
    if (!roadmap) return [];
    const seen = new Map<string, BranchWork>();
    for (const id of subtreeIds(itemId, (i) => roadmap.children(i)))
      for (const b of this.workFor(folderUri, id).branches) if (!seen.has(b.name)) seen.set(b.name, b);
    return [...seen.values()].sort((a, b) => (b.lastCommit?.date.getTime() ?? 0) - (a.lastCommit?.date.getTime() ?? 0));
  }

  /**
   * Files the item's commits touched, most first (item card, Explorer badges). Computed in the
   * background: undefined until it arrives (then `changed` fires) and whenever git is off.
   */
  filesTouchedBy(
    folderUri: vscode.Uri,
    itemId: string,
    includeChildren = false,
  ): readonly FileTouchCount[] | undefined {
    const entry = this.folders.get(folderUri);
    if (!entry?.index || entry.status.kind !== 'ready') return undefined;
    const shas = includeChildren
      ? this.rolledUpShas(folderUri, itemId, MAX_COMMITS_FOR_FILES)
      : entry.index.commitsFor(itemId, MAX_COMMITS_FOR_FILES).map((c) => c.sha);
    const key = `${folderUri.toString()}#${idKey(itemId)}${includeChildren ? '+children' : ''}`;
    return this.filesCache.get(key, shas, entry.repo ? entry.git : undefined);
  }

  /** Forgets every computed file list (the model is going away). */
  clear(): void {
    this.filesCache.clear();
  }

  private rolledUpShas(folderUri: vscode.Uri, itemId: string, limit: number): string[] {
    const index = this.folders.get(folderUri)?.index;
    const roadmap = this.roadmaps.indexFor(folderUri);
    if (!index || !roadmap) return [];
    const lists = index.linkedShasByItem();
    const ids = subtreeIds(itemId, (id) => roadmap.children(id));
    return newestShas(
      ids.map((id) => lists.get(idKey(id)) ?? []),
      (sha) => index.commitTime(sha) ?? 0,
      limit,
    );
  }
}
