// Stop Indexing Commits in the real VS Code: the command stops a running cold build of the commit
// index, `indexing` (behind the `roadmapLens.indexing` context key) turns off, nothing half-built is
// kept or saved, a refresh does not start the build again, and Rebuild Commit Index resumes it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import { CommitLinker } from '../../../src/core/linking/commitLinks';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder, waitFor } from './support';

function headSha(): string {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: firstFolder().uri.fsPath, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git rev-parse failed: ${r.stderr}`);
  return r.stdout.trim();
}

describe('stop indexing commits', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;

  before(async () => {
    api = await activateApi();
    await waitFor('the commit index of the sample repository', () => api.work.commitIndex(firstFolder().uri));
    // The first build sets the index, then saves it: it counts as indexing until that is done.
    await waitFor('the first build to end', () => !api.work.indexing);
  });

  after(async () => {
    // The suites after this one expect an index: rebuild it if a failure left none.
    if (api.work.commitIndex(firstFolder().uri)) return;
    await vscode.commands.executeCommand(Commands.rebuildCommitIndex);
    await waitFor('the rebuilt commit index', () => api.work.commitIndex(firstFolder().uri));
  });

  function linker(): CommitLinker {
    const roadmap = api.model.indexFor(firstFolder().uri);
    assert.ok(roadmap);
    return new CommitLinker(roadmap);
  }

  it('stops a running build: indexing off, no index kept or saved, no restart until Rebuild Commit Index', async () => {
    const folder = firstFolder().uri;
    // The index is saved where the CLI reads it too: the repository's cache (the sample folder is its root).
    const where = { dir: path.join(folder.fsPath, '.git', 'roadmap-lens'), name: 'commit-index.bin' };
    const events: boolean[] = [];
    let stopping: Thenable<number | undefined> | undefined;
    const subscription = api.work.onDidChangeIndexing((indexing) => {
      events.push(indexing);
      // Stop as the build starts: it needs git processes (I/O) to get anywhere, so it is still
      // running when the command arrives, however small the repository. The count proves it.
      if (indexing && !stopping) stopping = vscode.commands.executeCommand<number>(Commands.stopIndexing);
    });
    try {
      await vscode.commands.executeCommand(Commands.rebuildCommitIndex);
      assert.ok(stopping, 'Rebuild Commit Index started a build');
      assert.equal(await stopping, 1, 'one running build was stopped');
      assert.deepEqual(events, [true, false]);
      assert.equal(api.work.indexing, false);
      assert.equal(api.work.commitIndex(folder), undefined, 'no half-built index is kept');
      assert.equal((await api.commitIndexStore.load(folder, linker(), where)).kind, 'missing', 'nothing was saved');

      // What a checkout or a file event does: it must not silently start the build again.
      await api.work.refresh(folder);
      await api.work.refresh();
      assert.deepEqual(events, [true, false], 'no build restarted');
      assert.equal(api.work.commitIndex(folder), undefined);
      assert.equal(api.work.status(folder).kind, 'ready', 'the rest of the work view still follows the repository');

      // With nothing running, the command says so and stops nothing.
      assert.equal(await vscode.commands.executeCommand<number>(Commands.stopIndexing), 0);

      // Rebuild Commit Index is how indexing resumes.
      await vscode.commands.executeCommand(Commands.rebuildCommitIndex);
      const index = await waitFor('the rebuilt commit index', () => api.work.commitIndex(folder));
      assert.equal(index.head, headSha());
      assert.ok(index.size > 0);
      await waitFor('the build to end', () => !api.work.indexing);
      assert.deepEqual(events, [true, false, true, false]);
      const stored = await waitFor('the saved index', async () => {
        const loaded = await api.commitIndexStore.load(folder, linker(), where);
        return loaded.kind === 'loaded' && loaded;
      });
      assert.equal(stored.index.size, index.size);
    } finally {
      subscription.dispose();
    }
  });
});
