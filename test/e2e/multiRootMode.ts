// The multi-root run of `npm run test:e2e`: a `.code-workspace` file with three folders, opened in
// its own code-server, and only the suite in test/e2e/suite/multiRoot.
//   1. acme-shop: the sample workspace (scripts/createSampleWorkspace.mjs), product "Acme Shop";
//   2. ops-platform: a second product with its own roadmap (OPS, OPS-1, OPS-2) and its own small
//      git repository, on a branch that names OPS-1;
//   3. shared-docs: no roadmap, no repository.
// Everything is written into the run's temporary folder; nothing here is committed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODE_ENV } from './e2eResults';
import type { SampleWorkspaceLib } from './harness';

export const OPS_PRODUCT = 'Ops Platform';
export const OPS_CURRENT_BRANCH = 'feature/ops-1-paging';

const OPS_ROADMAP = `# Ops Platform roadmap: a second product in the same workspace.
version: 1
product: ${OPS_PRODUCT}
items:
  - id: OPS
    kind: goal
    title: Fewer sleepless nights
    why: On-call engineers are paged for alerts nobody can act on.
    items:
      - id: OPS-1
        kind: feature
        title: Page only on actionable alerts
        why: Half of the night pages last quarter needed no action.
        status: in-progress
        owner: sre-team
      - id: OPS-2
        kind: feature
        title: Alert digest
`;

const OPS_SOURCE = `// OPS-1: route alerts by severity; only actionable ones page someone.
// CHK-12 is an id of the other product (Acme Shop): it means nothing in this folder.
export function shouldPage(severity: 'info' | 'warning' | 'critical'): boolean {
  return severity === 'critical';
}
`;

const DOCS_NOTES = `# Shared notes

CHK-12 and OPS-1 are mentioned here, in a folder without a roadmap.
`;

export interface MultiRootSetup {
  readonly workspaceFile: string;
  readonly folders: { readonly shop: string; readonly ops: string; readonly docs: string };
  readonly env: Record<string, string>;
}

function git(cwd: string, args: readonly string[], date: string): void {
  const r = spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Robin Ops',
      GIT_AUTHOR_EMAIL: 'robin@example.com',
      GIT_COMMITTER_NAME: 'Robin Ops',
      GIT_COMMITTER_EMAIL: 'robin@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
  if (r.error || r.status !== 0)
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.error?.message ?? r.stderr}`);
}

function write(dir: string, rel: string, text: string): void {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Creates the three folders and the workspace file under `dir` (which must not exist yet). */
export function prepareMultiRootRun(dir: string, sample: SampleWorkspaceLib): MultiRootSetup {
  const shop = sample.createSampleWorkspace(path.join(dir, 'acme-shop')).dir;

  const ops = path.join(dir, 'ops-platform');
  write(ops, 'roadmap.yaml', OPS_ROADMAP);
  write(ops, 'README.md', '# Ops platform\n');
  git(ops, ['init', '-q'], '2026-02-02T09:00:00Z');
  git(ops, ['add', '-A'], '2026-02-02T09:00:00Z');
  git(ops, ['commit', '-q', '-m', 'Ops roadmap'], '2026-02-02T09:00:00Z');
  git(ops, ['checkout', '-q', '-b', OPS_CURRENT_BRANCH], '2026-02-03T09:00:00Z');
  write(ops, 'src/alerts.ts', OPS_SOURCE);
  git(ops, ['add', '-A'], '2026-02-03T09:00:00Z');
  git(ops, ['commit', '-q', '-m', 'OPS-1: page only on critical alerts'], '2026-02-03T09:00:00Z');

  const docs = path.join(dir, 'shared-docs');
  write(docs, 'notes.md', DOCS_NOTES);

  const workspaceFile = path.join(dir, 'multi-root.code-workspace');
  const workspace = {
    folders: [{ path: 'acme-shop' }, { path: 'ops-platform' }, { path: 'shared-docs' }],
    settings: {},
  };
  fs.writeFileSync(workspaceFile, `${JSON.stringify(workspace, null, 2)}\n`);
  return { workspaceFile, folders: { shop, ops, docs }, env: { [MODE_ENV]: 'multi-root' } };
}
