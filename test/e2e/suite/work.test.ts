// Current work in the real VS Code: the status bar after checkouts, the Work section under items,
// the commit document, Start Work, the tag command on an unsaved roadmap buffer, and the trailer
// in the Source Control input box. Git is driven from here with child_process (test code only);
// the original branch and the roadmap buffer are restored at the end.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { Commands } from '../../../src/commands/commandIds';
import { CommitIndex } from '../../../src/core/commitIndex/commitIndex';
import { CommitIndexStore } from '../../../src/work/model/commitIndexStore';
import type { RoadmapLensApi } from '../../../src/extension';
import type { RoadmapNode } from '../../../src/roadmap/roadmapTreeProvider';
import { linkerFor } from '../../unit/linkFixtures';
import { activateApi, firstFolder } from './support';

const START_BRANCH = 'feature/srch-3-typo-tolerance';

function git(...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd: firstFolder().uri.fsPath,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Resolves once `check` holds, re-checking whenever the work or roadmap model reports a change
 * (and every 200 ms as a safety net). Bounded by the mocha timeout, not by a timed assertion.
 */
function until(api: RoadmapLensApi, what: string, check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const stop = (): void => subs.forEach((d) => void d.dispose());
    const test = (): void => {
      try {
        if (check()) {
          stop();
          resolve();
        }
      } catch (e) {
        stop();
        reject(e instanceof Error ? e : new Error(`${what}: ${String(e)}`));
      }
    };
    const timer = setInterval(test, 200);
    subs.push(api.work.onDidChange(test), api.model.onDidChange(test), { dispose: () => clearInterval(timer) });
    test();
  });
}

function label(tree: vscode.TreeItem): string {
  return typeof tree.label === 'string' ? tree.label : (tree.label?.label ?? '');
}

describe('current work (branches, commits, tagging)', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;
  let stashed = false;
  const roadmapPath = (): string => vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml').fsPath;

  before(async () => {
    api = await activateApi();
    await until(api, 'the roadmap', () => api.model.allItems().length >= 11);
    // Other suites may leave edits on disk; keep them aside so checkouts here cannot fail on them.
    if (git('status', '--porcelain') !== '') {
      git(
        '-c',
        'user.name=e2e',
        '-c',
        'user.email=e2e@example.invalid',
        'stash',
        'push',
        '--include-untracked',
        '-q',
        '-m',
        'work.test.ts',
      );
      stashed = true;
    }
  });

  after(async () => {
    // Leave the workspace as the other suites expect it: the sample's branch, roadmap as on disk.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === roadmapPath());
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    git('checkout', '-q', START_BRANCH);
    if (stashed) git('stash', 'pop', '-q');
    await until(api, 'the starting branch again', () => api.statusBar.text.startsWith('$(target) SRCH-3'));
  });

  it('shows the item named by the checked-out branch in the status bar', async () => {
    await until(api, 'the current item', () => api.statusBar.text !== '' && !api.statusBar.text.includes('sync~spin'));
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), START_BRANCH);
    assert.equal(api.statusBar.text, '$(target) SRCH-3 Typo-tolerant search');
  });

  it('follows a checkout: a tagged branch, an unlinked one, a detached HEAD', async () => {
    git('checkout', '-q', 'feature/chk-12-reorder');
    await until(api, 'CHK-12 after checkout', () => api.statusBar.text.includes('CHK-12'));
    assert.equal(api.statusBar.text, '$(target) CHK-12 One-click reorder');
    const status = api.work.status(firstFolder().uri);
    assert.ok(
      status.kind === 'ready' && status.current?.via === 'branch-tag',
      'CHK-12 lists feature/chk-12-* in branches:',
    );

    git('checkout', '-q', 'spike/no-ticket');
    await until(api, 'no item after checkout', () => api.statusBar.text.startsWith('$(circle-slash)'));
    assert.equal(api.statusBar.text, '$(circle-slash) No roadmap item');

    git('checkout', '-q', '--detach', 'HEAD');
    await until(api, 'detached HEAD', () => api.statusBar.text.includes('detached'));
    assert.equal(api.statusBar.text, '$(circle-slash) No roadmap item (detached HEAD)');
  });

  it('shows Work under CHK-12 (branches, commits) and marks it and its ancestors as current', async () => {
    git('checkout', '-q', 'feature/chk-12-reorder');
    const head = git('rev-parse', 'HEAD');
    await until(
      api,
      'the index at the new HEAD',
      () => api.statusBar.text.includes('CHK-12') && api.work.indexedHead(firstFolder().uri) === head,
    );
    const chk12 = api.tree.nodeForItem(firstFolder().uri, 'CHK-12');
    assert.ok(chk12);
    const children = api.tree.getChildren(chk12);
    const section = children[0];
    assert.ok(section && section.type === 'contributed', 'the Work section comes first');
    const sectionItem = api.tree.getTreeItem(section);
    assert.equal(label(sectionItem), 'Work');
    assert.equal(
      sectionItem.collapsibleState,
      vscode.TreeItemCollapsibleState.Expanded,
      'the current item shows its work open',
    );
    assert.equal(api.tree.getParent(section), chk12);

    const rows = api.tree.getChildren(section).map((n: RoadmapNode) => api.tree.getTreeItem(n));
    const branch = rows.find((r) => label(r) === 'feature/chk-12-reorder');
    assert.ok(branch, `branch row among ${rows.map(label).join(', ')}`);
    assert.match(String(branch.contextValue), /^roadmapWorkBranch\b.*\btagged\b/);
    assert.match(String(branch.description), /checked out · .+ ago · Lee Engineer · tagged/);
    const subjects = rows.filter((r) => r.contextValue === 'roadmapWorkCommit').map(label);
    assert.deepEqual(subjects, [
      'CHK-12: keep quantities when reordering',
      'CHK-12: reorder the last cart in one click',
    ]);

    // Marks: the item and its ancestors carry a decoration, other items none.
    const mark = (id: string): string | undefined => {
      const node = api.tree.nodeForItem(firstFolder().uri, id);
      assert.ok(node);
      const uri = api.tree.getTreeItem(node).resourceUri;
      const decoration = uri ? api.workTree.provideFileDecoration(uri) : undefined;
      return decoration instanceof vscode.FileDecoration ? decoration.badge : undefined;
    };
    assert.equal(mark('CHK-12'), '●');
    assert.equal(mark('CHK'), '◦');
    assert.equal(mark('GROW'), '◦');
    assert.equal(mark('SRCH-3'), undefined);

    // Opening a commit shows its change, from the model (read-only virtual document).
    const commitRow = rows.find((r) => label(r) === 'CHK-12: reorder the last cart in one click');
    const uri = commitRow?.command?.arguments?.[0] as vscode.Uri | undefined;
    assert.ok(uri && uri.scheme === 'roadmap-lens-commit');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), /CHK-12: reorder the last cart in one click/);
    assert.match(doc.getText(), /diff --git a\/src\/checkout\/cart\.ts b\/src\/checkout\/cart\.ts/);
    assert.match(doc.getText(), /\+export function reorderLastCart/);
  });

  it('lists unlinked branches and commits', async () => {
    await until(api, 'unlinked work', () => api.work.unlinked(firstFolder().uri).commits.length > 0);
    const unlinked = api.work.unlinked(firstFolder().uri);
    assert.deepEqual(
      unlinked.branches.map((b) => b.name),
      ['spike/no-ticket'],
    );
    const subjects = unlinked.commits.map((c) => c.subject);
    assert.ok(subjects.includes('Fix typo in README'), subjects.join(', '));
    assert.ok(!subjects.some((s) => s.includes('CHK-12')), 'linked commits are not unlinked');
    // Honest coverage: the whole history's numbers, not only the listed few.
    const coverage = api.work.coverage(firstFolder().uri);
    assert.ok(coverage && coverage.linked > 0 && coverage.linked < coverage.commits, JSON.stringify(coverage));
    assert.ok(coverage.commits - coverage.linked >= unlinked.commits.length);
    assert.equal(
      coverage.months.reduce((n, m) => n + m.commits, 0),
      coverage.commits,
    );
  });

  it('starts work: creates and checks out a branch, refusing names git rejects', async () => {
    const refused = await vscode.commands.executeCommand<string | undefined>(Commands.startWork, {
      id: 'CHK-14',
      folderUri: firstFolder().uri.toString(),
      branchName: 'bad..name',
    });
    assert.equal(refused, undefined);
    assert.equal(
      spawnSync('git', ['rev-parse', '--verify', '--quiet', 'refs/heads/bad..name'], { cwd: firstFolder().uri.fsPath })
        .status,
      1,
      'no branch was created',
    );

    const name = await vscode.commands.executeCommand<string | undefined>(Commands.startWork, {
      id: 'CHK-14',
      folderUri: firstFolder().uri.toString(),
      branchName: 'feature/CHK-14-saved-carts-e2e',
    });
    assert.equal(name, 'feature/CHK-14-saved-carts-e2e');
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), 'feature/CHK-14-saved-carts-e2e');
    await until(api, 'CHK-14 current', () => api.statusBar.text.includes('CHK-14'));
    assert.equal(api.statusBar.text, '$(target) CHK-14 Saved carts');
  });

  it('tags a branch by editing the unsaved roadmap buffer, undoably, leaving the file on disk alone', async () => {
    const onDisk = fs.readFileSync(roadmapPath(), 'utf8');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(roadmapPath()));
    const editor = await vscode.window.showTextDocument(doc);
    // An unsaved change the tag must not clobber.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# unsaved planning note\n'));
    assert.ok(doc.isDirty);

    const outcome = await vscode.commands.executeCommand(Commands.tagBranch, {
      id: 'SRCH-7',
      folderUri: firstFolder().uri.toString(),
      branch: 'spike/no-ticket',
    });
    assert.equal(outcome, 'tagged');
    const text = doc.getText();
    assert.ok(text.startsWith('# unsaved planning note\n# Acme Shop roadmap'), 'the unsaved change is kept');
    const srch7 = findItem(parseYaml(text), 'SRCH-7');
    assert.deepEqual(srch7?.['branches'], ['spike/no-ticket']);
    assert.equal(fs.readFileSync(roadmapPath(), 'utf8'), onDisk, 'the file on disk is untouched');
    // Only the SRCH-7 lines changed: everything else (comments, order, quoting) is byte-identical.
    const before = `# unsaved planning note\n${onDisk}`.split('\n');
    const after = text.split('\n');
    assert.equal(after.length, before.length + 1);
    const tagLine = '                branches: ["spike/no-ticket"]';
    assert.ok(after.includes(tagLine), 'the tag is one new line at the item');
    assert.deepEqual(
      after.filter((l) => l !== tagLine),
      before,
    );

    // The roadmap model reads the open buffer: the branch is linked now, so no longer unlinked.
    await until(
      api,
      'spike/no-ticket linked',
      () => !api.work.unlinked(firstFolder().uri).branches.some((b) => b.name === 'spike/no-ticket'),
    );
    assert.ok(
      api.work.workFor(firstFolder().uri, 'SRCH-7').branches.some((b) => b.name === 'spike/no-ticket' && b.tagged),
    );

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), `# unsaved planning note\n${onDisk}`, 'undo removes exactly the tag');

    // Untag, as from the context menu of the tagged branch under Work.
    await vscode.commands.executeCommand('redo');
    const untagged = await vscode.commands.executeCommand(Commands.untagBranch, {
      itemId: 'SRCH-7',
      folderUri: firstFolder().uri.toString(),
      branch: 'spike/no-ticket',
    });
    assert.equal(untagged, 'untagged');
    assert.deepEqual(findItem(parseYaml(doc.getText()), 'SRCH-7')?.['branches'], []);
    assert.ok(doc.getText().startsWith('# unsaved planning note\n'));
    assert.equal(fs.readFileSync(roadmapPath(), 'utf8'), onDisk, 'the file on disk is still untouched');
  });

  it('refuses to tag while the roadmap is invalid, leaving the buffer untouched', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(roadmapPath()));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), 'items: [unclosed\n'));
    const broken = doc.getText();
    const outcome = await vscode.commands.executeCommand(Commands.tagBranch, {
      id: 'SRCH-7',
      folderUri: firstFolder().uri.toString(),
      branch: 'spike/no-ticket',
    });
    assert.equal(outcome, 'refused');
    assert.equal(doc.getText(), broken);
  });

  it('adds the Roadmap trailer to the Source Control input box once', async () => {
    git('checkout', '-q', 'feature/chk-12-reorder');
    await until(api, 'CHK-12 current', () => api.statusBar.text.includes('CHK-12'));
    const gitApi = api.builtinGit;
    assert.ok(gitApi, 'the built-in git extension API is available in this VS Code');
    await until(api, 'the built-in git repository', () => gitApi.getRepository(firstFolder().uri) !== null);
    const repo = gitApi.getRepository(firstFolder().uri);
    assert.ok(repo);
    repo.inputBox.value = 'Keep reorder quantities';
    const first = await vscode.commands.executeCommand(Commands.addTrailer, { rootUri: repo.rootUri });
    assert.equal(first, 'Keep reorder quantities\n\nRoadmap: CHK-12');
    assert.equal(repo.inputBox.value, 'Keep reorder quantities\n\nRoadmap: CHK-12');
    await vscode.commands.executeCommand(Commands.addTrailer, { rootUri: repo.rootUri });
    assert.equal(repo.inputBox.value, 'Keep reorder quantities\n\nRoadmap: CHK-12', 'never duplicated');
    repo.inputBox.value = '';
  });
});

describe('commit index storage', () => {
  it('saves atomically, loads back, and reports a corrupt file instead of throwing', async () => {
    const dir = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-lens-store-')));
    const store = new CommitIndexStore(vscode.Uri.joinPath(dir, 'storage'));
    const folderUri = vscode.Uri.file('/some/folder');
    const linker = linkerFor();
    const index = new CommitIndex();
    const sha = 'a'.repeat(40);
    index.add([{ sha, parents: [], author: 'Sam', email: 's@x', time: 1, message: 'Initial' }], linker);
    index.finish(sha, linker);

    assert.equal((await store.load(folderUri, linker)).kind, 'missing');
    await store.save(folderUri, index);
    const files = fs.readdirSync(path.join(dir.fsPath, 'storage'));
    assert.equal(files.length, 1, `no temp file left behind: ${files.join(', ')}`);
    const loaded = await store.load(folderUri, linker);
    assert.ok(loaded.kind === 'loaded' && loaded.index.size === 1 && loaded.index.head === sha);

    fs.writeFileSync(
      path.join(dir.fsPath, 'storage', files[0] ?? ''),
      '{"format":"roadmap-lens-commit-index","version":1,"head":',
    );
    const corrupt = await store.load(folderUri, linker);
    assert.equal(corrupt.kind, 'corrupt');
    fs.rmSync(dir.fsPath, { recursive: true, force: true });
  });
});

function findItem(node: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = findItem(child, id);
      if (hit) return hit;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record['id'] === id) return record;
  return findItem(record['items'], id);
}
