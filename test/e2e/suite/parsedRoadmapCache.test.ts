// The editor reads the user-level parsed-roadmap cache the CLI uses (issue #13): a roadmap file read
// from disk whose bytes this machine has parsed before is not parsed again, which is most of the
// first load after a reload or restart. Clear Cache empties it, and the next read parses. Observed
// through where each read came from (RoadmapFileReader.counts / parseSource), never through time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder, waitFor } from './support';

describe('the parsed-roadmap cache in the editor', function () {
  this.timeout(180_000);
  let api: RoadmapLensApi;

  before(async () => {
    api = await activateApi();
    await api.model.whenLoaded();
  });

  /** Roadmap files the model reads from disk (an open editor's text is parsed, not cached). */
  const fromDisk = (): vscode.Uri[] =>
    api.model
      .files()
      .filter(
        (f) => f.scheme === 'file' && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === f.toString()),
      );

  it('a reload reads what the last load parsed from the cache; after Clear Cache it parses again', async () => {
    const files = fromDisk();
    assert.ok(files.length > 0, 'the sample has roadmap files no editor has open');
    // Whatever the first load did (parsed and wrote, or read the cache), its writes end here.
    await api.model.reader.cacheWritten();
    const before = { ...api.model.reader.counts };
    await api.model.refresh();
    for (const f of files) assert.equal(api.model.reader.parseSource(f), 'cache', `${f.path} came from the cache`);
    assert.ok(api.model.reader.counts.cache - before.cache >= files.length);
    assert.ok(api.model.allItems().length > 0, 'the roadmap read from the cache has its items');

    await vscode.commands.executeCommand(Commands.clearCache);
    const cleared = { ...api.model.reader.counts };
    await api.model.refresh();
    // The first read of each file after the cache was emptied is a parse (a later one may read
    // back what that parse wrote).
    assert.ok(api.model.reader.counts.parser - cleared.parser >= files.length, 'parsed again after Clear Cache');
    await api.model.reader.cacheWritten();
    await api.model.refresh();
    for (const f of files) assert.equal(api.model.reader.parseSource(f), 'cache', `${f.path} cached again`);
    // Clear Cache rebuilt the commit index too: leave the folder as the next suites expect it.
    await waitFor(
      'git ready again after Clear Cache',
      () => api.work.status(firstFolder().uri).kind === 'ready',
      60_000,
    );
    await waitFor('the commit index rebuilt', () => api.work.indexOrigin(firstFolder().uri) !== 'none', 60_000);
  });
});
