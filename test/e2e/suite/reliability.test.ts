// Faults and concurrency in the real VS Code (trusted run): the persisted commit index survives a
// full disk mid-write (atomic temp + rename, old file intact), is rebuilt from corrupt or truncated
// storage, and two tag commands fired together both land. The roadmap buffer is restored after.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import { CommitLinker } from '../../../src/core/linking/commitLinks';
import type { RoadmapLensApi } from '../../../src/extension';
import { CommitIndexStore, type StoreFileSystem } from '../../../src/work/model/commitIndexStore';
import { activateApi, firstFolder, waitFor } from './support';

describe('reliability: persistence faults and concurrent commands', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;

  before(async () => {
    api = await activateApi();
    await waitFor('the commit index of the sample repository', () => api.work.commitIndex(firstFolder().uri));
  });

  function linker(): CommitLinker {
    const roadmap = api.model.indexFor(firstFolder().uri);
    assert.ok(roadmap);
    return new CommitLinker(roadmap);
  }

  it('a full disk while persisting: the write fails, the old file stays intact, no temp file is left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-store-'));
    const storage = vscode.Uri.file(dir);
    const index = api.work.commitIndex(firstFolder().uri);
    assert.ok(index && index.size > 0);
    const good = new CommitIndexStore(storage);
    await good.save(firstFolder().uri, index);
    const [file] = fs.readdirSync(dir);
    assert.ok(file, 'the index was written');
    const before = fs.readFileSync(path.join(dir, file));
    // A file system that runs out of space half way through the temp file.
    const full: StoreFileSystem = {
      readFile: (u) => vscode.workspace.fs.readFile(u),
      createDirectory: (u) => vscode.workspace.fs.createDirectory(u),
      rename: (a, b, o) => vscode.workspace.fs.rename(a, b, o),
      delete: (u, o) => vscode.workspace.fs.delete(u, o),
      writeFile: async (u, bytes) => {
        await vscode.workspace.fs.writeFile(u, bytes.subarray(0, Math.floor(bytes.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    await assert.rejects(new CommitIndexStore(storage, full).save(firstFolder().uri, index), /ENOSPC/);
    assert.deepEqual(fs.readdirSync(dir), [file], 'no temp file left behind');
    assert.ok(fs.readFileSync(path.join(dir, file)).equals(before), 'the previous index is byte for byte intact');
    const loaded = await good.load(firstFolder().uri, linker());
    assert.equal(loaded.kind, 'loaded');
    assert.equal(loaded.kind === 'loaded' ? loaded.index.size : 0, index.size);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a corrupt or truncated persisted index is reported for a rebuild, never thrown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-store-'));
    const store = new CommitIndexStore(vscode.Uri.file(dir));
    const index = api.work.commitIndex(firstFolder().uri);
    assert.ok(index);
    await store.save(firstFolder().uri, index);
    const [file] = fs.readdirSync(dir);
    assert.ok(file);
    const full = fs.readFileSync(path.join(dir, file));
    const variants: [string, Buffer][] = [
      ['truncated', full.subarray(0, Math.floor(full.length * 0.6))],
      ['empty', Buffer.alloc(0)],
      ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x7b, 0x5b])],
      ['valid JSON, wrong shape', Buffer.from('{"format":"roadmap-lens-commit-index","version":999,"commits":"x"}')],
      ['one flipped byte', Buffer.from(full.toString('utf8').replace('"', "'"))],
    ];
    for (const [what, bytes] of variants) {
      fs.writeFileSync(path.join(dir, file), bytes);
      const result = await store.load(firstFolder().uri, linker());
      assert.equal(result.kind, 'corrupt', `${what}: ${result.kind}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('virtual documents and folders: YAML features (the hover card) work, git features stay off', async () => {
    const text = 'Plan: see CHK-12 first.\n';
    const registration = vscode.workspace.registerTextDocumentContentProvider('vscode-vfs', {
      provideTextDocumentContent: () => text,
    });
    try {
      const uri = vscode.Uri.parse('vscode-vfs://github/acme/shop/notes.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(0, 12),
      );
      const card = hovers
        .flatMap((h) => h.contents)
        .map((c) => (c instanceof vscode.MarkdownString ? c.value : ''))
        .join('\n');
      assert.match(card, /One\\-click reorder/, 'the item card from the roadmap');
      assert.equal(await api.attribution.attributionFor(doc), undefined, 'no blame or line attribution off disk');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.deepEqual(lenses, [], 'no CodeLens (they need git) on a virtual document');
      const status = api.work.status(vscode.Uri.parse('vscode-vfs://github/acme/shop'));
      assert.equal(status.kind === 'off' ? status.reason : status.kind, 'virtual');
    } finally {
      registration.dispose();
    }
  });

  it('two tag commands fired together both land', async () => {
    const uri = vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = doc.getText();
    const wasDirty = doc.isDirty;
    try {
      const args = (branch: string): unknown => ({ id: 'CHK-14', folderUri: firstFolder().uri.toString(), branch });
      const outcomes = await Promise.all([
        vscode.commands.executeCommand(Commands.tagBranch, args('reliability/first')),
        vscode.commands.executeCommand(Commands.tagBranch, args('reliability/second')),
      ]);
      assert.deepEqual(outcomes, ['tagged', 'tagged']);
      const found = await waitFor('both tags in the model', () => {
        const b = api.model.find('CHK-14')?.item.branches ?? [];
        return b.includes('reliability/first') && b.includes('reliability/second') && b;
      });
      assert.ok(found.length >= 2);
      assert.deepEqual(
        api.model.diagnostics().filter((d) => d.severity === 'error'),
        [],
        'the roadmap is still valid',
      );
    } finally {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
      if (!wasDirty) await doc.save();
      await waitFor(
        'the original roadmap',
        () => !(api.model.find('CHK-14')?.item.branches ?? []).includes('reliability/first'),
      );
    }
  });
});
