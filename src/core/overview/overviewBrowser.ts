// The part of the core the overview page runs itself (bundled by esbuild into dist/overviewCore.js
// as the global `RoadmapLensOverview`): search, grouping and windowing, so a keystroke or a scroll
// never waits for a round trip to the extension. Pure: no DOM here either; media/overview.js draws.

export { queryOverview, describeQuery, isFiltering, overviewFacets, EMPTY_QUERY } from './overviewQuery';
export { layoutRows, visibleRows, rowOfMember, rowAt, cardsPerRow } from './overviewWindow';
export { decodeOverviewEntries, applyWhys } from './overviewCodec';
