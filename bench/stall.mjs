// Event-loop stalls while the extension indexes: the same steps, in the same order, as a cold
// build in the extension host (src/work/model/folderWork.ts), run in this process with
// `monitorEventLoopDelay` on. A phase that blocks the loop for X ms shows as a delay of ~X ms.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { commitLinker, gitRunner, need } from './adapters.mjs';

const RESOLUTION_MS = 5;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function exported(product, module, name) {
  const value = need(product, module)[name];
  if (value === undefined) throw new Error(`${module} exports no \`${name}\``);
  return value;
}

/**
 * Runs `phases` (name → async fn) one after the other; per phase, the longest event-loop delay and
 * p99 (ms). Each phase is followed by a pause of a few timer periods, so a stall at its very end is
 * recorded before the histogram is read.
 */
async function measurePhases(phases) {
  const all = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  all.enable();
  const out = {};
  try {
    for (const [name, fn] of Object.entries(phases)) {
      // The first timer period after enable() records nothing (no previous tick to measure
      // from), and reset() forgets the previous tick too: a fresh histogram per phase, armed by
      // a few idle ticks (which record ~1 period each) before the phase starts.
      const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      h.enable();
      await sleep(4 * RESOLUTION_MS);
      const start = performance.now();
      await fn();
      const ms = performance.now() - start;
      await sleep(4 * RESOLUTION_MS);
      h.disable();
      out[name] = { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, ms };
    }
  } finally {
    all.disable();
  }
  return { phases: out, maxMs: all.max / 1e6, p99Ms: all.percentile(99) / 1e6 };
}

/**
 * One cold build as the extension does it, bounded to `maxCount` commits (undefined: all):
 * build (stream `git log` into the product's builder), derive the views' summary, serialize for
 * the store, then a roadmap edit: relink and derive again. Then two warm starts from the saved
 * file: under the same roadmap, and under one edited since the save.
 */
export async function indexingStall(product, { repoDir, commitsInRepo, roadmap, changedRoadmap, maxCount }) {
  const GitRepository = exported(product, 'gitRepository', 'GitRepository');
  const buildIndexForHead = exported(product, 'commitIndexService', 'buildIndexForHead');
  const summarizeWorkSteps = exported(product, 'workSummary', 'summarizeWorkSteps');
  const runInSlices = exported(product, 'timeSlices', 'runInSlices');
  const CommitLinker = exported(product, 'commitLinks', 'CommitLinker');
  const repo = await GitRepository.open(gitRunner(product, repoDir));
  const branches = await repo.branches();
  const linker = commitLinker(product, roadmap);
  let index;
  let commits = 0;
  // As FolderWork.derive(): the views' summary, in slices.
  const summarize = async (map, changed) => {
    const s = await runInSlices(
      summarizeWorkSteps({
        branches,
        linker: changed ?? linker,
        index,
        itemIds: map.items.map((i) => i.id),
        recentCommits: 10,
      }),
    );
    if (s.byItem.size === 0) throw new Error('the summary links no item');
  };
  const CommitIndex = exported(product, 'commitIndex', 'CommitIndex');
  let bytes = 0;
  let saved;
  let relinked;
  // A warm start (window reload): the stored index read back, then the views' first summary.
  const reload = async (withLinker) => {
    const r = CommitIndex.deserialize(saved, withLinker, { relink: 'later' });
    if (!r.ok) throw new Error(`the saved index did not load: ${r.reason}`);
    index = r.index;
    // As FolderWork: an index saved under another roadmap is re-linked in slices after loading.
    if (index.linkFingerprint !== withLinker.fingerprint) index = await runInSlices(index.relinkedSteps(withLinker));
  };
  const result = await measurePhases({
    build: async () => {
      // The extension reports progress to the window on every slice: same here (a counter).
      index = await buildIndexForHead(repo, linker, {
        ...(maxCount !== undefined ? { maxCount } : {}),
        onProgress: (p) => (commits = p.commits),
      });
    },
    summarize: async () => summarize(roadmap),
    // As CommitIndexStore.save(): in slices where the product has them.
    serialize: async () => {
      saved =
        typeof index.serializeSteps === 'function' ? await runInSlices(index.serializeSteps()) : index.serialize();
      bytes = saved.byteLength;
    },
    // A roadmap edit: FolderWork.relink() makes a linker for the new roadmap (its matcher is built on first use)...
    'new-linker': async () => {
      relinked = new CommitLinker(changedRoadmap);
      void changedRoadmap.matcher;
      if (relinked.fingerprint === index.linkFingerprint) throw new Error('the changed roadmap links the same');
    },
    // ...then a relinked copy built in slices replaces the index.
    relink: async () => {
      index = await runInSlices(index.relinkedSteps(relinked));
    },
    'summarize-after-relink': async () => summarize(changedRoadmap, relinked),
    reload: async () => reload(linker),
    'summarize-after-reload': async () => summarize(roadmap),
    // The roadmap changed while the window was closed: the stored links are for the old one.
    'reload-after-roadmap-edit': async () => reload(relinked),
    'summarize-after-that': async () => summarize(changedRoadmap, relinked),
  });
  const expected = Math.min(maxCount ?? commitsInRepo, commitsInRepo);
  if (index.size !== expected || commits !== expected)
    throw new Error(`indexed ${index.size} commits (progress said ${commits}), expected ${expected}`);
  return { ...result, commits: index.size, bytes };
}
