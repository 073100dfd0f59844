// The repository the `why` cache tests share: a line brought into main by a merge whose branch
// name carries CHK-13, so only the commit graph (or a cache of it) links that line to CHK-13; and
// `analyze`, which also counts the git processes the call started.
import { analyzeWhy, type WhyAnalysis } from '../../src/cli/whyAnalysis';
import { gitProcessesStarted } from '../../src/git/gitProcessCounter';
import { TestRepo } from './gitFixture';

/** main: the roadmap, `CHK-12: first lines` in src/cart.ts, then the merge of feature/chk-13-saved. */
export function mergedBranchRepo(roadmap: string): TestRepo {
  const repo = TestRepo.init();
  repo.write('roadmap.yaml', roadmap);
  repo.commit('Add roadmap', 'roadmap.yaml', roadmap);
  repo.commit('CHK-12: first lines', 'src/cart.ts', 'a\nb\nc\n');
  repo.git('switch', '-q', '-c', 'feature/chk-13-saved');
  repo.commit('save the cart', 'src/cart.ts', 'a\nb\nc\nsaved\n');
  repo.git('switch', '-q', 'main');
  repo.commit('unrelated', 'other.txt', 'x\n');
  repo.git('merge', '--no-ff', '-q', '-m', "Merge branch 'feature/chk-13-saved'", 'feature/chk-13-saved');
  return repo;
}

/** `why` in process, with how many git processes it started. */
export async function analyzeCounting(
  dir: string,
  file: string,
  noCache = false,
): Promise<{ a: WhyAnalysis; gitProcesses: number }> {
  const before = gitProcessesStarted();
  const a = await analyzeWhy({ cwd: dir, file, ...(noCache ? { noCache } : {}) });
  return { a, gitProcesses: gitProcessesStarted() - before };
}
