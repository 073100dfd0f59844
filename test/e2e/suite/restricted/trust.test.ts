// Restricted Mode in the real VS Code (workspace trust ON, the sample folder untrusted), run by
// `npm run test:e2e` (see test/e2e/restrictedMode.ts). A recording fake `git` is first on the
// extension host's PATH: every git process started by anyone appends a line to its log.
// The YAML features (tree, hovers, diagnostics, safe rendering of hostile text) must work and the
// log must stay empty; then the driver grants trust through the UI and git turns on, no reload.
// Tests run in order: the last one changes the trust state.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../../src/extension';
import { GIT_LOG_ENV, TRUST_GRANTED_ENV, TRUST_REQUEST_ENV } from '../../e2eResults';
import { EXTENSION_ID, activateApi, firstFolder, sleep, waitFor } from '../support';

function env(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} is set by the driver (run through npm run test:e2e)`);
  return value;
}

function gitCalls(): string[] {
  return fs
    .readFileSync(env(GIT_LOG_ENV), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}

function markdownOf(value: string | vscode.MarkdownString | undefined | { value: string }): vscode.MarkdownString {
  assert.ok(value instanceof vscode.MarkdownString, 'a MarkdownString');
  return value;
}

function hoverMarkdown(hovers: readonly vscode.Hover[]): vscode.MarkdownString[] {
  return hovers
    .flatMap((h) => h.contents)
    .filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
}

/** What must never appear in Markdown built from roadmap text: a live link, raw HTML, a live icon. */
function assertInert(md: vscode.MarkdownString, where: string): void {
  assert.notEqual(md.isTrusted, true, `${where}: not trusted (no command links)`);
  assert.notEqual(md.supportHtml, true, `${where}: no HTML`);
  assert.doesNotMatch(
    md.value,
    /(?<!\\)\]\((?:command|javascript|file|data):/i,
    `${where}: no live link to a command or script`,
  );
  assert.doesNotMatch(md.value, /<img|<script|<a\s/i, `${where}: no raw HTML`);
  assert.doesNotMatch(md.value, /(?<!\\)\$\(alert\)/, `${where}: $(alert) is text, not an icon`);
}

const HOSTILE_YAML = `items:
  - id: HOST-1
    kind: feature
    parent: CHK
    title: "Pwn $(alert) [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>"
    why: "[run me](command:workbench.action.terminal.new?%5B%5D) <img src=https://evil.example/x.png onerror=alert(1)> <script>alert(1)</script> $(alert) ![t](https://evil.example/t.png)"
    owner: "<b>owner</b> [o](command:workbench.action.quit)"
    links: ["javascript:alert(1)", "command:workbench.action.quit", "https://example.com/ok"]
    metrics:
      - name: "[m](command:workbench.action.quit)"
        target: "<img src=x>"
`;

describe('Restricted Mode: workspace trust on, folder untrusted', function () {
  this.timeout(120_000);
  let api: RoadmapLensApi;

  before(async () => {
    api = await activateApi();
    await waitFor('the sample roadmap to load', () => api.model.allItems().length >= 11);
  });

  it('has the recording fake git first on the extension host PATH (so the log below can fail)', () => {
    // The first `git` a spawn would find (the server puts its own CLI folder first, which has none).
    const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((d) => d.length > 0);
    const first = dirs.find((d) => fs.existsSync(path.join(d, 'git')));
    assert.ok(first, `a git on PATH (${dirs.join(', ')})`);
    assert.ok(
      fs.readFileSync(path.join(first, 'git'), 'utf8').includes(env(GIT_LOG_ENV)),
      `the first git on PATH (${first}) records to our log`,
    );
  });

  it('runs untrusted (Restricted Mode), with the extension active', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('shows the roadmap tree from the YAML alone', () => {
    const roots = api.tree.getChildren().map((n) => api.tree.getTreeItem(n).label);
    assert.deepEqual(roots, ['GROW Grow repeat purchases', 'FIND Help shoppers find what they want']);
  });

  it('shows the item card when hovering an id', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(firstFolder().uri, 'docs', 'notes.md'));
    const offset = doc.getText().indexOf('CHK-12');
    assert.ok(offset >= 0, 'notes.md mentions CHK-12');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(offset + 2),
    );
    const text = hoverMarkdown(hovers)
      .map((m) => m.value)
      .join('\n');
    assert.match(text, /One\\-click reorder/);
  });

  it('reports roadmap diagnostics (SRCH-7 has no why)', async () => {
    const uri = vscode.Uri.joinPath(firstFolder().uri, 'roadmap.yaml');
    const diagnostics = await waitFor('diagnostics on roadmap.yaml', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.some((d) => d.message.includes('SRCH-7')) && list;
    });
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Warning && /no `why`/.test(d.message)));
    // Drift needs git: none in Restricted Mode (the git log below stays empty too).
    await api.drift.refresh();
    assert.deepEqual(api.drift.all(), []);
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Roadmap Lens drift'),
      [],
    );
  });

  it('keeps git features off and says why', async () => {
    await api.work.refresh();
    const status = api.work.status(firstFolder().uri);
    assert.equal(status.kind, 'off');
    assert.equal(status.kind === 'off' ? status.reason : undefined, 'untrusted');
    const doc = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(firstFolder().uri, 'src', 'checkout', 'cart.ts'),
    );
    const attribution = await api.attribution.attributionFor(doc);
    assert.ok(attribution, 'the file is attributed from comments and paths');
    assert.notEqual(attribution.history, 'used', 'no blame in Restricted Mode');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.ok(Array.isArray(lenses));
  });

  it('renders a hostile roadmap inert in the tree tooltip and the hover', async () => {
    const file = vscode.Uri.joinPath(firstFolder().uri, 'roadmap', 'hostile.yaml');
    fs.writeFileSync(file.fsPath, HOSTILE_YAML);
    try {
      const found = await waitFor('HOST-1 to load', () => api.model.find('HOST-1'));
      assert.match(found.item.title, /\$\(alert\)/, 'the title keeps its text');
      const node = api.tree.nodeForItem(firstFolder().uri, 'HOST-1');
      assert.ok(node, 'HOST-1 is in the tree');
      const treeItem = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
      assertInert(markdownOf(treeItem.tooltip), 'tree tooltip');
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: 'See HOST-1 for the plan.\n',
      });
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(0, 6),
      );
      const cards = hoverMarkdown(hovers).filter((m) => /HOST\\-1/.test(m.value));
      assert.ok(cards.length > 0, 'HOST-1 has a hover card');
      cards.forEach((m, i) => assertInert(m, `hover ${i}`));
      assert.ok(
        cards.some((m) => m.value.includes('](https://example.com/ok)')),
        'the https link stays a link',
      );
    } finally {
      fs.rmSync(file.fsPath, { force: true });
      await waitFor('HOST-1 to go', () => api.model.find('HOST-1') === undefined);
    }
  });

  it('says a roadmap kept in git is read once trusted, and reads nothing from git', async () => {
    const config = vscode.workspace.getConfiguration('roadmapLens', firstFolder().uri);
    await config.update(
      'files',
      ['roadmap.yaml', 'roadmap/*.yaml', 'origin/roadmap:roadmap.yaml'],
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      const note = await waitFor('the notice about the git roadmap', () =>
        api.model.notices().find((n) => n.includes('origin/roadmap:roadmap.yaml')),
      );
      assert.match(note, /kept in git; Roadmap Lens reads it with git once you trust this workspace/);
      assert.ok(api.model.find('CHK-12'), 'the folder’s own roadmap is still read');
    } finally {
      await config.update('files', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor('the notice gone', () => api.model.notices().length === 0);
    }
  });

  it('started no git process: the recording fake git was never called', async () => {
    // The commands that would use git, run as a user could: they must stay off.
    await vscode.commands.executeCommand(Commands.refresh);
    await api.work.refresh();
    await api.work.rebuildIndex();
    await sleep(1500); // let any background work that a refresh might start get to git
    assert.deepEqual(gitCalls(), []);
  });

  it('turns git features on without a reload once the user trusts the folder', async () => {
    const granted = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        sub.dispose();
        resolve();
      });
    });
    // Ask the driver to click "Trust" in "Manage Workspace Trust", as a user would.
    fs.writeFileSync(env(TRUST_REQUEST_ENV), new Date().toISOString());
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    // The driver notes the click right after it; the event may arrive first.
    await waitFor('the driver to confirm it clicked "Trust"', () => fs.existsSync(env(TRUST_GRANTED_ENV)));
    await waitFor(
      'the work model to read the repository',
      () => api.work.status(firstFolder().uri).kind === 'ready',
      60_000,
    );
    const status = api.work.status(firstFolder().uri);
    assert.ok(
      status.kind === 'ready' &&
        status.head.kind === 'branch' &&
        status.head.branch === 'feature/srch-3-typo-tolerance',
    );
    // Our calls carry the hardening flags (GitRunner): proof they came from Roadmap Lens.
    const ours = gitCalls().filter((l) => l.includes('core.hooksPath='));
    assert.ok(ours.length > 0, `Roadmap Lens ran git after trust (log: ${gitCalls().slice(0, 5).join(' | ')})`);
  });
});
