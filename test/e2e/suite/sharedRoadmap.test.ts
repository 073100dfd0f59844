// A roadmap shared by several repositories, in the real VS Code: `roadmapLens.files` names a
// roadmap in a sibling folder (`../shared-roadmap-e2e/roadmap.yaml`) and one kept on a branch of
// its own (`e2e/roadmap:shared/roadmap.yaml`, read with git). Both load; edits to the sibling file
// and a moved ref show; the git object opens read-only and every edit into it is refused with a
// line that names it (Tag Branch, a quick fix shown disabled). The setting, the ref and the sibling
// folder are removed at the end.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder, waitFor } from './support';

const REF = 'refs/heads/e2e/roadmap';
const SPEC = 'e2e/roadmap:shared/roadmap.yaml';

function git(args: string[], input?: string): string {
  const r = spawnSync('git', args, {
    cwd: firstFolder().uri.fsPath,
    encoding: 'utf8',
    input,
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A commit whose tree holds only `shared/roadmap.yaml` with `text`, on REF (no working tree touched). */
function commitRoadmapToRef(text: string, parent?: string): string {
  const blob = git(['hash-object', '-w', '--stdin'], text);
  const inner = git(['mktree'], `100644 blob ${blob}\troadmap.yaml\n`);
  const outer = git(['mktree'], `040000 tree ${inner}\tshared\n`);
  const commit = git(['commit-tree', outer, ...(parent ? ['-p', parent] : []), '-m', 'shared roadmap'], '');
  git(['update-ref', REF, commit]);
  return commit;
}

function gitRoadmap(title: string): string {
  return `version: 1\nproduct: Platform\nitems:\n  - id: GIT-1\n    kind: feature\n    title: ${title}\n    why: Every service pages the same on-call team.\n    target: 2026/3\n`;
}

function siblingRoadmap(title: string): string {
  return `version: 1\nproduct: Shared\nitems:\n  - id: SHD-1\n    kind: feature\n    title: ${title}\n    why: Every repository searches the same catalogue.\n`;
}

/**
 * Writes until the model shows the change: a watcher on a folder outside the workspace starts a
 * moment after the setting that asks for it, and a write before that is an event nobody sees.
 * What is checked is that a write is seen, not how soon.
 */
async function writeUntilSeen(what: string, write: () => void, seen: () => boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    write();
    try {
      await waitFor(what, seen, 5_000);
      return;
    } catch (e) {
      if (attempt >= 12) throw e;
    }
  }
}

describe('a roadmap shared by several repositories (sibling folder, git object)', function () {
  this.timeout(120_000);
  let api: RoadmapLensApi;
  let sibling = '';
  const config = (): vscode.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration('roadmapLens', firstFolder().uri);

  before(async () => {
    api = await activateApi();
    await waitFor('the work model', () => api.work.status(firstFolder().uri).kind === 'ready', 60_000);
    sibling = path.join(path.dirname(firstFolder().uri.fsPath), 'shared-roadmap-e2e');
    fs.mkdirSync(sibling, { recursive: true });
    fs.writeFileSync(path.join(sibling, 'roadmap.yaml'), siblingRoadmap('Shared search'));
    commitRoadmapToRef(gitRoadmap('Shared paging'));
    await config().update(
      'files',
      ['roadmap.yaml', 'roadmap/*.yaml', '../shared-roadmap-e2e/roadmap.yaml', SPEC],
      vscode.ConfigurationTarget.Workspace,
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('files', undefined, vscode.ConfigurationTarget.Workspace);
    git(['update-ref', '-d', REF]);
    fs.rmSync(sibling, { recursive: true, force: true });
    await waitFor('the shared items gone', () => !api.model.find('SHD-1') && !api.model.find('GIT-1'), 60_000);
  });

  it('loads both beside the folder’s own roadmap', async () => {
    await waitFor('SHD-1 and GIT-1', () => api.model.find('SHD-1') && api.model.find('GIT-1'), 60_000);
    assert.ok(api.model.find('CHK-12'), 'the folder’s own roadmap is still read');
    const file = api.model.find('GIT-1')?.item.location.file ?? '';
    assert.ok(file.startsWith('roadmap-lens-git:'), file);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(file));
    assert.ok(doc.getText().includes('title: Shared paging'));
  });

  it('follows an edit of the sibling file and a moved ref', async () => {
    await writeUntilSeen(
      'the sibling edit',
      () => fs.writeFileSync(path.join(sibling, 'roadmap.yaml'), siblingRoadmap('Shared search, renamed')),
      () => api.model.find('SHD-1')?.item.title === 'Shared search, renamed',
    );
    const parent = git(['rev-parse', REF]);
    commitRoadmapToRef(gitRoadmap('Shared paging, moved'), parent);
    await waitFor('the moved ref', () => api.model.find('GIT-1')?.item.title === 'Shared paging, moved', 60_000);
  });

  it('refuses every edit into the git object with one line that names it', async () => {
    const found = api.model.find('GIT-1');
    assert.ok(found);
    const reason = api.model.readOnlyReason(found.item.location.file) ?? '';
    assert.match(reason, /e2e\/roadmap:shared\/roadmap\.yaml .*cannot edit a git object/);
    assert.equal(api.model.readOnlyReason(api.model.find('CHK-12')?.item.location.file ?? ''), undefined);
    const outcome = await vscode.commands.executeCommand(Commands.tagBranch, {
      id: 'GIT-1',
      folderUri: firstFolder().uri.toString(),
      branch: 'main',
    });
    assert.equal(outcome, 'refused');
    assert.ok(!api.model.find('GIT-1')?.item.branches.includes('main'));

    // The unreadable target's quick fix is disabled there (VS Code lists it greyed out with the
    // reason; the API returns only the actions that can run): nothing can edit the object.
    const uri = vscode.Uri.parse(found.item.location.file);
    const diagnostic = await waitFor('the unreadable-target diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.code === 'unreadable-target'),
    );
    // Asked again when VS Code cancels the request (it does when the document or its diagnostics
    // change under it, as they may just after the moved ref above): `Canceled` is not an answer.
    const actions = await waitFor(
      'the code actions',
      async () =>
        (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
        )) ?? [],
    );
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Change target to')).map((a) => a.title),
      [],
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(doc.getText().includes('target: 2026/3'), 'the object is unchanged');
  });
});
