// A multi-root workspace in the real VS Code, run by `npm run test:e2e` (see test/e2e/multiRootMode.ts):
// acme-shop (the sample roadmap and repository), ops-platform (another product: OPS, OPS-1, OPS-2,
// its own repository on feature/ops-1-paging) and shared-docs (no roadmap). Each folder's ids
// belong to that folder. Then ops-platform leaves and comes back several times: in a workspace
// that does not restart the extension host, so the models must drop and rebuild its state.
// Tests run in order: the last ones change the workspace folders and put them back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoadmapLensApi } from '../../../../src/extension';
import type { RoadmapNode } from '../../../../src/roadmap/roadmapTreeProvider';
import { activateApi, plain, waitFor } from '../support';

const CYCLES = 5;

function workspaceFolder(name: string): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `${name} is a folder of the workspace`);
  return folder;
}

function hoverTexts(hovers: readonly vscode.Hover[]): string[] {
  return hovers.map((h) => plain(h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')));
}

/** Item-card hovers only: the line hover ("why this line exists") is another provider. */
async function cardHovers(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hoverTexts(hovers).filter((t) => !t.includes('why this line exists'));
}

function positionOf(doc: vscode.TextDocument, text: string): vscode.Position {
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `${doc.uri.path} contains ${text}`);
  return doc.positionAt(offset + 1);
}

function lensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Roadmap Lens');
}

function under(folder: vscode.WorkspaceFolder, uri: string): boolean {
  return uri.startsWith(`${folder.uri.toString()}/`);
}

describe('multi-root workspace', function () {
  this.timeout(120_000);
  let api: RoadmapLensApi;
  let shop: vscode.WorkspaceFolder;
  let ops: vscode.WorkspaceFolder;
  let docs: vscode.WorkspaceFolder;
  let removedDuringCycle = false;

  const folderNodes = (): Extract<RoadmapNode, { type: 'folder' }>[] =>
    api.tree.getChildren().filter((n): n is Extract<RoadmapNode, { type: 'folder' }> => n.type === 'folder');
  const itemIds = (nodes: readonly RoadmapNode[]): string[] => nodes.flatMap((n) => (n.type === 'item' ? [n.id] : []));
  const itemNode = (folder: vscode.WorkspaceFolder, id: string): RoadmapNode => {
    const node = api.tree.nodeForItem(folder.uri, id);
    assert.ok(node, `${id} has a tree node in ${folder.name}`);
    return node;
  };

  /** The two roadmap folders, each with its own items, in workspace order. */
  function assertTreeHasBothFolders(): void {
    const nodes = folderNodes();
    assert.deepEqual(
      nodes.map((n) => n.folderUri),
      [shop.uri.toString(), ops.uri.toString()],
      'one folder node per folder with a roadmap, none for shared-docs',
    );
    assert.equal(api.tree.getChildren().length, 2, 'nothing but the folder nodes at the top');
    const [shopNode, opsNode] = nodes;
    assert.ok(shopNode && opsNode);
    assert.equal(api.tree.getTreeItem(shopNode).label, 'acme-shop');
    assert.equal(api.tree.getTreeItem(shopNode).description, 'Acme Shop');
    assert.equal(api.tree.getTreeItem(opsNode).label, 'ops-platform');
    assert.equal(api.tree.getTreeItem(opsNode).description, 'Ops Platform');
    assert.deepEqual(itemIds(api.tree.getChildren(shopNode)), ['GROW', 'FIND']);
    assert.deepEqual(itemIds(api.tree.getChildren(opsNode)), ['OPS']);
    assert.deepEqual(itemIds(api.tree.getChildren(itemNode(ops, 'OPS'))), ['OPS-1', 'OPS-2']);
    // reveal() walks up by identity: the item's parent chain ends at the very folder node handed out.
    assert.equal(api.tree.getParent(itemNode(ops, 'OPS')), opsNode);
    assert.equal(api.tree.nodeForItem(ops.uri, 'CHK-12'), undefined, 'CHK-12 is not an item of ops-platform');
    assert.equal(api.tree.nodeForItem(shop.uri, 'OPS-1'), undefined, 'OPS-1 is not an item of acme-shop');
  }

  async function removeOps(): Promise<void> {
    const index = vscode.workspace.workspaceFolders?.findIndex((f) => f.uri.toString() === ops.uri.toString()) ?? -1;
    assert.equal(index, 1, 'ops-platform is the second folder');
    const changed = new Promise<vscode.WorkspaceFoldersChangeEvent>((resolve) => {
      const sub = vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    assert.ok(vscode.workspace.updateWorkspaceFolders(index, 1), 'the folder removal was accepted');
    const event = await changed;
    assert.deepEqual(
      event.removed.map((f) => f.name),
      ['ops-platform'],
    );
  }

  async function addOps(): Promise<void> {
    const changed = new Promise<vscode.WorkspaceFoldersChangeEvent>((resolve) => {
      const sub = vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    assert.ok(
      vscode.workspace.updateWorkspaceFolders(1, 0, { uri: ops.uri, name: 'ops-platform' }),
      'the folder addition was accepted',
    );
    const event = await changed;
    assert.deepEqual(
      event.added.map((f) => f.name),
      ['ops-platform'],
    );
    ops = workspaceFolder('ops-platform');
  }

  /** Git state of ops-platform is back: HEAD read, current item OPS-1, commits indexed. */
  async function waitForOpsWork(when: string): Promise<void> {
    await waitFor(`${when}: OPS-1 as the current item of ops-platform`, () => {
      const status = api.work.status(ops.uri);
      return status.kind === 'ready' && status.current?.item.id === 'OPS-1';
    });
    // A re-added folder loads its stored commit index: the commits must show without any git event.
    await waitFor(`${when}: the OPS-1 commit in ops-platform`, () =>
      api.work.workFor(ops.uri, 'OPS-1').commits.some((c) => c.subject === 'OPS-1: page only on critical alerts'),
    );
  }

  before(async () => {
    api = await activateApi();
    assert.ok(vscode.workspace.workspaceFile, 'a .code-workspace file is open');
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['acme-shop', 'ops-platform', 'shared-docs'],
    );
    shop = workspaceFolder('acme-shop');
    ops = workspaceFolder('ops-platform');
    docs = workspaceFolder('shared-docs');
    await waitFor('both roadmaps', () => api.model.folders().length === 2);
  });

  it('keeps one roadmap per folder and shows a folder node for each folder that has one', () => {
    assert.deepEqual(
      api.model.folders().map((f) => f.name),
      ['acme-shop', 'ops-platform'],
    );
    assert.equal(api.model.indexFor(docs.uri), undefined, 'shared-docs has no roadmap');
    assert.equal(api.model.indexFor(ops.uri)?.product, 'Ops Platform');
    assert.equal(api.model.indexFor(shop.uri)?.product, 'Acme Shop');
    assert.deepEqual(
      api.model.indexFor(ops.uri)?.items.map((i) => i.id),
      ['OPS', 'OPS-1', 'OPS-2'],
    );
    assert.ok(
      api.model.files().some((f) => under(ops, f.toString())) &&
        api.model.files().some((f) => under(shop, f.toString())),
    );
    assert.equal(api.model.find('OPS-1')?.folder.name, 'ops-platform');
    assert.equal(api.model.find('OPS-1', shop.uri), undefined, 'ids are looked up per folder');
    assert.equal(api.model.find('CHK-12', ops.uri), undefined);
    assertTreeHasBothFolders();
  });

  it("hovers an id with its own folder's card; ids of the other folder do not resolve", async () => {
    const alerts = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ops.uri, 'src', 'alerts.ts'));
    const opsCards = await cardHovers(alerts.uri, positionOf(alerts, 'OPS-1'));
    assert.equal(opsCards.length, 1, `one card for OPS-1, got ${JSON.stringify(opsCards)}`);
    assert.ok(opsCards[0]?.includes('Page only on actionable alerts'), opsCards[0]);
    assert.ok(opsCards[0]?.includes('Half of the night pages'), 'the why of ops-platform');
    assert.ok(opsCards[0]?.includes('Ops Platform'), 'the card names its product');
    assert.deepEqual(
      await cardHovers(alerts.uri, positionOf(alerts, 'CHK-12')),
      [],
      'CHK-12 is an Acme Shop id: no card in ops-platform',
    );

    // Control: the same id in the shop's own folder does resolve.
    const notes = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(shop.uri, 'docs', 'notes.md'));
    const shopCards = await cardHovers(notes.uri, positionOf(notes, 'CHK-12'));
    assert.equal(shopCards.length, 1);
    assert.ok(shopCards[0]?.includes('One-click reorder'));
  });

  it("resolves ids in a folder without a roadmap against the first folder's roadmap (by design)", async () => {
    // RoadmapModel.roadmapForDocument: a folder with no roadmap talks about the first one's.
    const notes = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(docs.uri, 'notes.md'));
    const chk = await cardHovers(notes.uri, positionOf(notes, 'CHK-12'));
    assert.equal(chk.length, 1);
    assert.ok(chk[0]?.includes('One-click reorder'));
    assert.deepEqual(
      await cardHovers(notes.uri, positionOf(notes, 'OPS-1')),
      [],
      'the second folder is never the fallback',
    );
  });

  it("reports each folder's diagnostics on its own roadmap file", async () => {
    const opsRoadmap = vscode.Uri.joinPath(ops.uri, 'roadmap.yaml');
    const shopRoadmap = vscode.Uri.joinPath(shop.uri, 'roadmap.yaml');
    const opsDiags = await waitFor('the ops-platform warning', () => {
      const list = lensDiagnostics(opsRoadmap);
      return list.length > 0 && list;
    });
    assert.deepEqual(
      opsDiags.map((d) => [d.code, d.severity]),
      [['missing-why', vscode.DiagnosticSeverity.Warning]],
      'exactly one problem in ops-platform: OPS-2 has no why',
    );
    assert.ok(opsDiags[0]?.message.includes('OPS-2'));
    const shopDiags = lensDiagnostics(shopRoadmap);
    assert.ok(
      shopDiags.some((d) => d.code === 'missing-why' && d.message.includes('SRCH-7')),
      'the sample keeps its warning',
    );
    assert.ok(!shopDiags.some((d) => d.message.includes('OPS')), 'no ops-platform problem lands in acme-shop');
    assert.ok(
      api.model.diagnostics().every((d) => under(shop, d.file) || under(ops, d.file)),
      'every diagnostic belongs to a roadmap folder',
    );
  });

  it("reads each folder's own repository", async () => {
    await waitForOpsWork('start');
    await waitFor('SRCH-3 as the current item of acme-shop', () => {
      const status = api.work.status(shop.uri);
      return status.kind === 'ready' && status.current?.item.id === 'SRCH-3';
    });
    assert.deepEqual(
      api.work.gitFolders().map((f) => f.name),
      ['acme-shop', 'ops-platform'],
    );
    const docsStatus = api.work.status(docs.uri);
    assert.ok(
      docsStatus.kind === 'off' && docsStatus.reason === 'not-repo',
      'shared-docs has no roadmap: its repository is never read',
    );
    assert.equal(api.work.workFor(shop.uri, 'OPS-1').commits.length, 0, 'the ops commit is not linked in acme-shop');
  });

  it(`drops a removed folder everywhere and rebuilds it when it comes back (${CYCLES} times)`, async () => {
    const opsRoadmap = vscode.Uri.joinPath(ops.uri, 'roadmap.yaml');
    const alerts = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ops.uri, 'src', 'alerts.ts'));
    const isOps = (root: string): boolean => root.replace(/\\/g, '/').endsWith('/ops-platform');
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      removedDuringCycle = true;
      const removedUri = ops.uri;
      await removeOps();
      await waitFor(`cycle ${cycle}: the roadmap model drops ops-platform`, () => api.model.folders().length === 1);
      assert.deepEqual(
        api.model.folders().map((f) => f.name),
        ['acme-shop'],
      );
      assert.equal(api.model.indexFor(removedUri), undefined);
      assert.equal(api.model.find('OPS-1'), undefined);
      assert.ok(!api.model.files().some((f) => under(ops, f.toString())), 'no ops-platform file is known');
      assert.ok(!api.model.diagnostics().some((d) => under(ops, d.file)), 'no ops-platform diagnostic is kept');
      // The model drops the folder before it fires; the Problems panel follows on that event.
      await waitFor(
        `cycle ${cycle}: its problems to leave the Problems panel`,
        () => lensDiagnostics(opsRoadmap).length === 0,
      );
      // One roadmap left: the tree shows its items at the top, without folder nodes.
      assert.deepEqual(itemIds(api.tree.getChildren()), ['GROW', 'FIND']);
      assert.equal(api.tree.nodeForItem(removedUri, 'OPS'), undefined);
      await waitFor(`cycle ${cycle}: the work model drops ops-platform`, () => api.work.gitFolders().length === 1);
      const status = api.work.status(removedUri);
      assert.ok(
        status.kind === 'off' && status.reason === 'not-repo',
        `no work state for a removed folder, got ${JSON.stringify(status)}`,
      );
      assert.equal(api.work.commitIndex(removedUri), undefined);
      assert.equal(api.work.repositoryRoot(removedUri), undefined);
      assert.deepEqual(api.work.workFor(removedUri, 'OPS-1').commits, []);
      assert.ok(![...api.work.repositoryRoots()].some(isOps), 'the work model lists no ops-platform repository');
      await waitFor(
        `cycle ${cycle}: the blame cache of ops-platform to be dropped`,
        () => !api.attribution.cachedRepositories().some(isOps),
      );
      // Its file is now outside every folder: ids resolve against the first roadmap, where OPS-1 is unknown.
      assert.deepEqual(await cardHovers(alerts.uri, positionOf(alerts, 'OPS-1')), []);

      await addOps();
      removedDuringCycle = false;
      await waitFor(
        `cycle ${cycle}: the roadmap model reads ops-platform again`,
        () => api.model.folders().length === 2,
      );
      assertTreeHasBothFolders();
      await waitForOpsWork(`cycle ${cycle}`);
      assert.deepEqual(
        api.work.gitFolders().map((f) => f.name),
        ['acme-shop', 'ops-platform'],
      );
      const cards = await cardHovers(alerts.uri, positionOf(alerts, 'OPS-1'));
      assert.equal(cards.length, 1, `cycle ${cycle}: one card, not one per registration: ${JSON.stringify(cards)}`);
      const lineHovers = hoverTexts(
        await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          alerts.uri,
          positionOf(alerts, 'OPS-1'),
        ),
      );
      assert.ok(lineHovers.filter((t) => t.includes('why this line exists')).length <= 1, 'at most one line hover');
      // The line hover blamed the file, so the next removal has a cache to drop.
      assert.ok(api.attribution.cachedRepositories().some(isOps), `cycle ${cycle}: ops-platform blames are cached`);
      const diags = await waitFor(`cycle ${cycle}: the ops-platform warning again`, () => {
        const list = lensDiagnostics(opsRoadmap);
        return list.length > 0 && list;
      });
      assert.equal(diags.length, 1, `cycle ${cycle}: the warning once, not once per cycle`);
    }
  });

  it('still follows edits of the re-added folder', async () => {
    // A failed cycle may have left the folder out: the edit must still be tried on a present folder.
    if (removedDuringCycle && !vscode.workspace.workspaceFolders?.some((f) => f.name === 'ops-platform'))
      await addOps();
    await waitFor('ops-platform in the model', () => api.model.indexFor(ops.uri) !== undefined);
    const opsRoadmap = vscode.Uri.joinPath(ops.uri, 'roadmap.yaml');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(opsRoadmap));
    const edited = original.replace(
      '        title: Alert digest\n',
      '        title: Alert digest\n        why: Nobody reads forty separate alert emails.\n',
    );
    assert.notEqual(edited, original);
    try {
      await vscode.workspace.fs.writeFile(opsRoadmap, new TextEncoder().encode(edited));
      await waitFor(
        'the OPS-2 warning to clear after a disk edit',
        () => api.model.indexFor(ops.uri)?.get('OPS-2')?.why !== undefined && lensDiagnostics(opsRoadmap).length === 0,
      );
      assert.equal(api.model.indexFor(shop.uri)?.get('OPS-2'), undefined);
    } finally {
      await vscode.workspace.fs.writeFile(opsRoadmap, new TextEncoder().encode(original));
    }
    await waitFor('the OPS-2 warning back', () => lensDiagnostics(opsRoadmap).length === 1);
  });
});
