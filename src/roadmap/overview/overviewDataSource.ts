// What the overview shows, built from the models: one entry per item (with its roll-up and
// whether it is mine), the `data` message the page draws from, and the overview as shown under a
// query (what the exports write). Reads the models only; the panel decides when to ask.

import * as vscode from 'vscode';
import { buildOverviewEntries, type OverviewEntry } from '../../core/overview/overviewEntries';
import { overviewForExport } from '../../core/overview/overviewExport';
import { overviewFacets, type OverviewQuery } from '../../core/overview/overviewQuery';
import type { Overview } from '../../core/render/roadmapOverview';
import type { FolderRoadmap, RoadmapModel } from '../model/roadmapModel';
import type { WorkModel } from '../../work/model/workModel';

/** The body of the page's `data` message: everything it searches and draws. */
export interface OverviewPageData {
  readonly product: string | null;
  readonly entries: OverviewEntry[];
  readonly facets: ReturnType<typeof overviewFacets>;
  readonly git: boolean;
  readonly coverage: ReturnType<WorkModel['coverage']> | null;
  readonly unlinkedBranches: number | null;
}

export class OverviewDataSource {
  constructor(
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel | undefined,
  ) {}

  /** The chosen folder's roadmap, else the active editor's, else the first one. */
  roadmap(folderUri: vscode.Uri | undefined): FolderRoadmap | undefined {
    const all = this.roadmaps.roadmaps();
    const chosen = folderUri ? all.find((r) => r.folder.uri.toString() === folderUri.toString()) : undefined;
    if (chosen) return chosen;
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active ? this.roadmaps.roadmapForDocument(active) : undefined) ?? all[0];
  }

  /** One entry per item, with its roll-up and whether it is mine; what the page searches. */
  entries(
    folderUri: vscode.Uri | undefined,
  ): { readonly roadmap: FolderRoadmap; readonly entries: OverviewEntry[] } | undefined {
    const roadmap = this.roadmap(folderUri);
    if (!roadmap) return undefined;
    const { folder, index } = roadmap;
    const work = this.work;
    const ready = this.gitReady(folder.uri);
    const entries = buildOverviewEntries(index, {
      work: (item) => {
        if (!ready || !work) return { branches: 0, commits: 0 };
        const r = work.rollupFor(folder.uri, item.id);
        if (r) return { branches: r.branches, commits: r.commits };
        const w = work.workFor(folder.uri, item.id);
        return { branches: w.branches.length, commits: w.commits.length };
      },
      isMine: (item) => ready && work !== undefined && work.isMine(folder.uri, item),
    });
    return { roadmap, entries };
  }

  /** The overview as shown under `query`, for exports and tests. Undefined when no folder has a roadmap. */
  overview(folderUri: vscode.Uri | undefined, query: OverviewQuery): Overview | undefined {
    const built = this.entries(folderUri);
    if (!built) return undefined;
    const { roadmap, entries } = built;
    const unlinked = this.gitReady(roadmap.folder.uri) ? this.work?.unlinked(roadmap.folder.uri) : undefined;
    return overviewForExport({
      entries,
      query,
      item: (id) => roadmap.index.get(id),
      product: roadmap.index.product,
      unlinked: unlinked ? { branches: unlinked.branches.length, commits: unlinked.commits.length } : undefined,
    });
  }

  /** What the page's `data` message carries. */
  pageData(folderUri: vscode.Uri | undefined): OverviewPageData {
    const built = this.entries(folderUri);
    const folder = built?.roadmap.folder.uri;
    const ready = folder !== undefined && this.gitReady(folder);
    const coverage = ready ? this.work?.coverage(folder) : undefined;
    const unlinked = ready ? this.work?.unlinked(folder) : undefined;
    const entries = built?.entries ?? [];
    return {
      product: built?.roadmap.index.product ?? null,
      entries,
      facets: overviewFacets(entries),
      git: ready,
      coverage: coverage ?? null,
      unlinkedBranches: unlinked ? unlinked.branches.length : null,
    };
  }

  /** The folder of the roadmap shown (where exports are saved by default). */
  folderShown(folderUri: vscode.Uri | undefined): vscode.Uri | undefined {
    return this.roadmap(folderUri)?.folder.uri;
  }

  private gitReady(folderUri: vscode.Uri): boolean {
    return this.work?.status(folderUri)?.kind === 'ready';
  }
}
