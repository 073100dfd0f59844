// Child process for the heap row (run with --expose-gc): builds the commit index with the
// product's code and prints the retained heap as JSON. Alone in its process, so nothing else
// the bench holds is counted.
import { createRequire } from 'node:module';
import { coldCommitIndex, commitLinker, loadRoadmapIndex, NotMeasured } from './adapters.mjs';

const [bundle, problems, repoDir, roadmapDir] = process.argv.slice(2);
const gc = globalThis.gc;

function settle() {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage();
}

try {
  if (typeof gc !== 'function') throw new Error('run with --expose-gc');
  const product = { mods: createRequire(import.meta.url)(bundle), problems: JSON.parse(problems) };
  const roadmap = await loadRoadmapIndex(product, roadmapDir);
  const linker = commitLinker(product, roadmap);
  const before = settle();
  const index = await coldCommitIndex(product, repoDir, linker);
  const after = settle();
  globalThis.keepAlive = index;
  process.stdout.write(
    JSON.stringify({
      heapMB: (after.heapUsed - before.heapUsed) / 1024 ** 2,
      externalMB: (after.external - before.external) / 1024 ** 2,
      commits: index.size,
    }) + '\n',
  );
} catch (error) {
  if (error instanceof NotMeasured) process.stdout.write(JSON.stringify({ notMeasured: error.message }) + '\n');
  else throw error;
}
