// The roll-up row: every parent's roll-up (its own and its descendants' commits, branches, last
// activity, children's statuses) of the 10,000-item roadmap over the 100,000-commit index, as the
// extension's work summary computes it after each index build, against that cold build itself.
import { need } from './adapters.mjs';
import { againstColdBuild, compare } from './measure.mjs';

/** The bound: roll-up ≤ 0.2 × the cold index build it follows. */
const ROLLUP_MAX = 0.2;

const fmt = (n) => n.toLocaleString('en-US');

/** `deps`: rows.mjs's shared cold index build, roadmap index and CPU ratio. */
export function rollupRow({ coldIndexes, roadmapForLinks }) {
  return {
    id: 'rollup',
    what: (i) =>
      `roll-up of a ${fmt(i.roadmaps.n2.items)}-item roadmap over the ${fmt(i.repos.n2.commits)}-commit index: every parent's commits, branches, last activity and children's statuses`,
    target: { text: `≤ ${ROLLUP_MAX} × cold build`, max: ROLLUP_MAX },
    async measure(ctx) {
      const cold = (await coldIndexes(ctx)).n2;
      const roadmap = await roadmapForLinks(ctx);
      const { rollUpSteps } = need(ctx.product, 'rollup');
      const { runToEnd } = need(ctx.product, 'timeSlices');
      const index = cold.index;
      // As the extension's work summary runs it: the index's lists of linked shas, commit times
      // from the index, and no branches (the generated repository has a handful).
      let rollup = new Map();
      const r = await compare(
        {
          product: () => {
            rollup = runToEnd(
              rollUpSteps({
                roadmap,
                commits: index.linkedShasByItem(),
                commitTime: (sha) => index.commitTime(sha),
                branches: new Map(),
              }),
            );
          },
        },
        { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
      );
      if (rollup.size !== roadmap.items.length)
        throw new Error(`${rollup.size} roll-ups for ${roadmap.items.length} items`);
      let linked = 0;
      for (const shas of index.linkedShasByItem().values()) linked += shas.length;
      const parents = [...rollup.values()].filter((x) => x.children.total > 0);
      const top = Math.max(...parents.map((x) => x.commits));
      return againstColdBuild(
        r.product,
        cold.product,
        `${fmt(linked)} item–commit links; ${fmt(parents.length)} parents, the largest rolls up ${fmt(top)} distinct commits`,
      );
    },
  };
}
