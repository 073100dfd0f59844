// A roadmap shared by several repositories, in the real VS Code's multi-root workspace (runs after
// folders.test.ts): an org roadmap in a sibling folder of the workspace folders, outside all of
// them. ops-platform adds it as `../org-roadmap` next to its own roadmap; shared-docs (no roadmap of
// its own) names the file by its absolute path. Both folders show its items; an edit made to the
// file on disk, outside the workspace, shows in both; its problems are reported once. The settings
// are removed at the end and the folders go back to what they were. Then acme-shop uses it too, and
// drift of its in-progress item ORG-1 is judged over both repositories: stale while neither has a
// commit for it, not stale once ops-platform has a fresh one (even though acme-shop still has none).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapLensApi } from '../../../../src/extension';
import type { RoadmapNode } from '../../../../src/roadmap/roadmapTreeProvider';
import { activateApi, waitFor } from '../support';
import { DRIFT_SOURCE } from '../../../../src/roadmap/driftDiagnostics';

const ORG_ROADMAP = `# The organisation's roadmap, kept in its own checkout and shared by every service.
version: 1
product: Acme Org
items:
  - id: ORG
    kind: goal
    title: One platform for every team
    why: Teams rebuild the same plumbing in every service.
    items:
      - id: ORG-1
        kind: epic
        title: Shared auth
        status: in-progress
`;

function workspaceFolder(name: string): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `${name} is a folder of the workspace`);
  return folder;
}

describe('multi-root: a roadmap outside the folders, shared by several', function () {
  this.timeout(120_000);
  let api: RoadmapLensApi;
  let ops: vscode.WorkspaceFolder;
  let docs: vscode.WorkspaceFolder;
  let orgFile: string;
  let opsCommitted = false;
  const opsGit = (args: string[]): string => {
    const r = spawnSync('git', args, {
      cwd: ops.uri.fsPath,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Robin Ops',
        GIT_AUTHOR_EMAIL: 'robin@example.com',
        GIT_COMMITTER_NAME: 'Robin Ops',
        GIT_COMMITTER_EMAIL: 'robin@example.com',
      },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim();
  };

  const itemIds = (nodes: readonly RoadmapNode[]): string[] => nodes.flatMap((n) => (n.type === 'item' ? [n.id] : []));
  const folderNode = (folder: vscode.WorkspaceFolder): RoadmapNode | undefined =>
    api.tree.getChildren().find((n) => n.type === 'folder' && n.folderUri === folder.uri.toString());
  const childIds = (folder: vscode.WorkspaceFolder, id: string): string[] => {
    const node = api.tree.nodeForItem(folder.uri, id);
    return node ? itemIds(api.tree.getChildren(node)) : [];
  };
  const setFiles = async (folder: vscode.WorkspaceFolder, value: string[] | undefined): Promise<void> =>
    vscode.workspace
      .getConfiguration('roadmapLens', folder.uri)
      .update('files', value, vscode.ConfigurationTarget.WorkspaceFolder);

  before(async () => {
    api = await activateApi();
    ops = workspaceFolder('ops-platform');
    docs = workspaceFolder('shared-docs');
    // A sibling checkout: next to the workspace folders, inside none of them.
    const orgDir = path.join(path.dirname(docs.uri.fsPath), 'org-roadmap');
    fs.mkdirSync(orgDir, { recursive: true });
    orgFile = path.join(orgDir, 'roadmap.yaml');
    fs.writeFileSync(orgFile, ORG_ROADMAP);
    assert.equal(vscode.workspace.getWorkspaceFolder(vscode.Uri.file(orgFile)), undefined, 'outside every folder');
  });

  after(async () => {
    if (opsCommitted) opsGit(['reset', '-q', '--hard', 'HEAD~1']);
    await setFiles(workspaceFolder('acme-shop'), undefined);
    await setFiles(ops, undefined);
    await setFiles(docs, undefined);
    await waitFor('shared-docs without a roadmap again', () => folderNode(docs) === undefined);
    await waitFor('ops-platform with its own roadmap only', () => api.tree.nodeForItem(ops.uri, 'ORG') === undefined);
  });

  it('shows the outside roadmap in each folder that names it, by a relative or an absolute path', async () => {
    await setFiles(ops, ['roadmap.yaml', '../org-roadmap']);
    await setFiles(docs, [orgFile]);
    await waitFor('ORG in shared-docs', () => folderNode(docs) && api.tree.nodeForItem(docs.uri, 'ORG'));
    await waitFor('ORG in ops-platform', () => api.tree.nodeForItem(ops.uri, 'ORG'));
    const docsNode = folderNode(docs);
    assert.ok(docsNode);
    assert.deepEqual(itemIds(api.tree.getChildren(docsNode)), ['ORG']);
    assert.deepEqual(childIds(docs, 'ORG'), ['ORG-1']);
    const opsNode = folderNode(ops);
    assert.ok(opsNode);
    assert.deepEqual(
      itemIds(api.tree.getChildren(opsNode)).sort(),
      ['OPS', 'ORG'],
      'its own roadmap and the shared one',
    );
    const found = api.model.find('ORG-1', docs.uri);
    assert.equal(found?.item.location.file, vscode.Uri.file(orgFile).toString(), 'items point at the outside file');
  });

  it('updates both folders when the outside file changes on disk', async () => {
    // A watcher on a folder outside the workspace starts a moment after the setting that asks for
    // it, and a write before that is an event nobody sees: write again until one is seen (what is
    // checked is that a write is seen, not how soon).
    for (let attempt = 1; ; attempt++) {
      fs.writeFileSync(
        orgFile,
        `${ORG_ROADMAP}      - id: ORG-2\n        kind: epic\n        title: Shared billing\n        why: Every service bills differently.\n`,
      );
      try {
        await waitFor('ORG-2 in shared-docs', () => childIds(docs, 'ORG').includes('ORG-2'), 5_000);
        break;
      } catch (e) {
        if (attempt >= 12) throw e;
      }
    }
    await waitFor('ORG-2 in ops-platform', () => childIds(ops, 'ORG').includes('ORG-2'));
    assert.deepEqual(childIds(docs, 'ORG'), ['ORG-1', 'ORG-2']);
  });

  it('reports the shared file’s problems once, however many folders use it', async () => {
    const uri = vscode.Uri.file(orgFile);
    const missingWhy = (): vscode.Diagnostic[] =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === 'Roadmap Lens' && d.code === 'missing-why' && d.message.includes('ORG-1'));
    await waitFor('ORG-1’s missing why', () => missingWhy().length > 0);
    assert.equal(missingWhy().length, 1);
  });

  it('judges a shared item’s drift over every folder that uses it: stale only while no folder has fresh commits', async () => {
    const shop = workspaceFolder('acme-shop');
    await setFiles(shop, ['roadmap.yaml', 'roadmap/*.yaml', '../org-roadmap']);
    await waitFor('ORG in acme-shop', () => api.tree.nodeForItem(shop.uri, 'ORG'));
    const uri = vscode.Uri.file(orgFile);
    const staleOrg1 = (): vscode.Diagnostic[] =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === DRIFT_SOURCE && d.code === 'stale' && d.message.startsWith('ORG-1 '));
    const rawStale = (folder: vscode.WorkspaceFolder): boolean =>
      api.drift.forFolder(folder.uri)?.findings.some((f) => f.kind === 'stale' && f.item.id === 'ORG-1') ?? false;
    // No commit in either repository links ORG-1 (in progress): both find it stale; said once.
    await waitFor(
      'ORG-1 stale in both folders',
      () => rawStale(shop) && rawStale(ops) && staleOrg1().length === 1,
      90_000,
    );

    // A fresh commit for ORG-1 in ops-platform only: the item is being worked on.
    fs.writeFileSync(path.join(ops.uri.fsPath, 'auth.ts'), 'export const auth = 1;\n');
    opsGit(['add', 'auth.ts']);
    opsGit(['commit', '-q', '-m', 'ORG-1: shared auth client']);
    opsCommitted = true;
    await waitFor(
      'ops-platform no longer finds ORG-1 stale',
      () => api.drift.forFolder(ops.uri) && !rawStale(ops),
      90_000,
    );
    await waitFor('no stale diagnostic on ORG-1', () => staleOrg1().length === 0);
    assert.ok(rawStale(shop), 'acme-shop alone still finds it stale: the combination, not acme-shop, decides');
    assert.deepEqual(
      api.drift.findingsFor(shop.uri, 'ORG-1').filter((f) => f.kind === 'stale'),
      [],
      'the card of ORG-1 in acme-shop agrees',
    );
  });
});
