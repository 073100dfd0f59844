// What the overview shows, built from the models: one entry per item (with its roll-up and
// whether it is mine), the `data` message the page draws from, and the overview as shown under a
// query (what the exports write). Reads the models only; the panel decides when to ask.

import * as vscode from 'vscode';
import { buildOverviewEntries, type OverviewEntry } from '../../core/overview/overviewEntries';
import { overviewForExport } from '../../core/overview/overviewExport';
import { overviewFacets, type OverviewQuery } from '../../core/overview/overviewQuery';
import type { Overview } from '../../core/render/roadmapOverview';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
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

interface Facts {
  readonly branches: number;
  readonly commits: number;
  readonly mine: boolean;
}

const NO_WORK = { branches: 0, commits: 0 };
const NO_FACTS: Facts = { ...NO_WORK, mine: false };

export class OverviewDataSource {
  /** The entries of the last roadmap index asked for: its roadmap part, and with the work facts. */
  private built:
    | { readonly index: RoadmapIndex; readonly base: OverviewEntry[]; facts: Facts[]; entries: OverviewEntry[] }
    | undefined;

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

  /**
   * One entry per item, with its roll-up and whether it is mine; what the page searches. The
   * roadmap's part (targets, lanes, children) is built once per roadmap; a work change only reads
   * the work facts again, and when none changed (most work events) returns the very same array.
   */
  entries(
    folderUri: vscode.Uri | undefined,
  ): { readonly roadmap: FolderRoadmap; readonly entries: OverviewEntry[] } | undefined {
    const roadmap = this.roadmap(folderUri);
    if (!roadmap) return undefined;
    const { folder, index } = roadmap;
    let built = this.built;
    if (built?.index !== index) {
      const base = buildOverviewEntries(index, { work: () => NO_WORK, isMine: () => false });
      built = this.built = { index, base, facts: [], entries: base };
    }
    const work = this.work;
    const ready = this.gitReady(folder.uri);
    const facts = built.base.map((e): Facts => {
      const item = index.get(e.id);
      if (!ready || !work || !item) return NO_FACTS;
      const r = work.rollupFor(folder.uri, item.id);
      const w = r ? undefined : work.workFor(folder.uri, item.id);
      return {
        branches: r ? r.branches : (w?.branches.length ?? 0),
        commits: r ? r.commits : (w?.commits.length ?? 0),
        mine: work.isMine(folder.uri, item),
      };
    });
    const same =
      facts.length === built.facts.length &&
      facts.every((f, i) => {
        const g = built.facts[i];
        return g !== undefined && f.branches === g.branches && f.commits === g.commits && f.mine === g.mine;
      });
    if (!same) {
      const base = built.base;
      built.entries = base.map((e, i) => {
        const f = facts[i] ?? NO_FACTS;
        return f === NO_FACTS ? e : { ...e, branches: f.branches, commits: f.commits, mine: f.mine };
      });
      built.facts = facts;
    }
    return { roadmap, entries: built.entries };
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
