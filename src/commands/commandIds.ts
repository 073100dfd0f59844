// Every command, view and container id in one place: package.json must use the same strings
// (a unit test could compare them), and code never spells an id twice.

export const Commands = {
  revealItem: 'roadmapLens.revealItem',
  revealInFile: 'roadmapLens.revealInFile',
  copyId: 'roadmapLens.copyId',
  copyWhy: 'roadmapLens.copyWhy',
  findItem: 'roadmapLens.findItem',
  refresh: 'roadmapLens.refresh',
  createStarterRoadmap: 'roadmapLens.createStarterRoadmap',
  importRoadmap: 'roadmapLens.importRoadmap',
  startWork: 'roadmapLens.startWork',
  tagBranch: 'roadmapLens.tagBranch',
  untagBranch: 'roadmapLens.untagBranch',
  addTrailer: 'roadmapLens.addTrailer',
  showUnlinkedWork: 'roadmapLens.showUnlinkedWork',
  rebuildCommitIndex: 'roadmapLens.rebuildCommitIndex',
  stopIndexing: 'roadmapLens.stopIndexing',
  currentWorkActions: 'roadmapLens.currentWorkActions',
  openItemCard: 'roadmapLens.openItemCard',
  openOverview: 'roadmapLens.openOverview',
  showLensItems: 'roadmapLens.showLensItems',
  linkToItem: 'roadmapLens.linkToItem',
  addAsNewItem: 'roadmapLens.addAsNewItem',
  installCommitHook: 'roadmapLens.installCommitHook',
  uninstallCommitHook: 'roadmapLens.uninstallCommitHook',

  filterTree: 'roadmapLens.filterTree',
  clearTreeFilter: 'roadmapLens.clearTreeFilter',
  sortTree: 'roadmapLens.sortTree',
} as const;

/**
 * Commands that only our own UI calls (a tree row's "show more", a quick fix's cursor move): not
 * contributed in package.json, so the palette does not list them, but registered like the rest.
 */
export const InternalCommands = {
  showMoreUnlinked: 'roadmapLens.unlinked.showMore',
  moveCursor: 'roadmapLens.language.moveCursor',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'roadmapLens',
  tree: 'roadmapLens.tree',
  unlinked: 'roadmapLens.unlinked',
} as const;

/** Context keys set with `setContext`, used in package.json `when` clauses. */
export const ContextKeys = {
  /** Set once the first discovery finished, so the welcome view does not flash "no roadmap". */
  ready: 'roadmapLens.ready',
  hasRoadmap: 'roadmapLens.hasRoadmap',
  /** A commit index build is running (WorkModel.onDidChangeIndexing): shows Stop Indexing. */
  indexing: 'roadmapLens.indexing',
  /** The Roadmap tree shows a filter's matches: shows Clear Filter. */
  treeFiltered: 'roadmapLens.treeFiltered',
} as const;

export const OUTPUT_CHANNEL_NAME = 'Roadmap Lens';
