// The roadmap as a language (#14) in the real VS Code: completion (comments, Markdown, commit
// messages, roadmap YAML), definition, references (YAML, comments, commits), rename, outline and
// workspace symbols, quick fixes, TODO → item, the current line's item and the hook command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { COMMIT_SCHEME } from '../../../src/work/commitDocumentProvider';
import { activateApi, firstFolder, waitFor } from './support';

function uriOf(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(firstFolder().uri, rel);
}

async function completions(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    pos,
  );
  return list.items;
}

function label(c: vscode.CompletionItem): string {
  return typeof c.label === 'string' ? c.label : c.label.label;
}

/** Our items: the roadmap completions carry the title (and why) in their detail. */
function roadmapItems(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter((c) => c.kind === vscode.CompletionItemKind.Issue);
}

function sorted(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)));
}

function lineOf(doc: vscode.TextDocument, text: string): number {
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `"${text}" is in ${doc.uri.path}`);
  return line;
}

function endOf(doc: vscode.TextDocument, text: string): vscode.Position {
  const line = lineOf(doc, text);
  return new vscode.Position(line, doc.lineAt(line).text.indexOf(text) + text.length);
}

describe('the roadmap as a language', function () {
  this.timeout(60_000);
  let api: RoadmapLensApi;

  before(async () => {
    api = await activateApi();
    await waitFor('the sample roadmap', () => api.model.find('SRCH-3') !== undefined);
  });

  describe('completion', () => {
    it('in code comments, with title and why; not in strings or code', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'typescript',
        content: 'const a = 1; // see CHK-1\nconst s = "CHK-1";\nCHK\n',
      });
      const inComment = roadmapItems(await completions(doc, new vscode.Position(0, 25)));
      const ids = inComment.map(label);
      assert.ok(ids.includes('CHK-12') && ids.includes('CHK-14'), ids.join());
      const reorder = inComment.find((c) => label(c) === 'CHK-12');
      assert.match(reorder?.detail ?? '', /One-click reorder — Weekly grocery shoppers/);
      assert.deepEqual(roadmapItems(await completions(doc, new vscode.Position(1, 16))).map(label), []);
      assert.deepEqual(roadmapItems(await completions(doc, new vscode.Position(2, 3))).map(label), []);
    });

    it('in Markdown prose by id or title words, not in code spans', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: 'Shipped with reord\n\n`SRCH`\n',
      });
      assert.ok(roadmapItems(await completions(doc, new vscode.Position(0, 18))).some((c) => label(c) === 'CHK-12'));
      assert.deepEqual(roadmapItems(await completions(doc, new vscode.Position(2, 5))).map(label), []);
    });

    it('in a commit message: the current item first; a trailer line becomes `Roadmap: <id>`', async () => {
      await waitFor('the current item', () => {
        const s = api.work.status(firstFolder().uri);
        return s.kind === 'ready' && s.current !== undefined;
      });
      const status = api.work.status(firstFolder().uri);
      const current = status.kind === 'ready' ? status.current?.item.id : undefined;
      assert.ok(current);
      const doc = await vscode.workspace.openTextDocument({ language: 'git-commit', content: 'Fix typos\n\n' });
      const items = sorted(roadmapItems(await completions(doc, new vscode.Position(2, 0))));
      assert.equal(label(items[0] ?? new vscode.CompletionItem('')), current, 'the current item comes first');
      assert.equal(items[0]?.preselect, true);
      assert.equal(items[0]?.insertText, `Roadmap: ${current}`);
      const subject = roadmapItems(
        await completions(
          await vscode.workspace.openTextDocument({ language: 'git-commit', content: 'Fix SRCH' }),
          new vscode.Position(0, 8),
        ),
      );
      assert.equal(subject.find((c) => label(c) === 'SRCH-3')?.insertText, 'SRCH-3', 'in the subject: the id only');
    });

    it('in the Source Control input box (scheme vscode-scm)', async () => {
      await vscode.commands.executeCommand('workbench.view.scm');
      const input = await waitFor('the SCM input document', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'vscode-scm'),
      );
      const items = roadmapItems(await completions(input, new vscode.Position(0, 0)));
      assert.ok(
        items.some((c) => label(c) === 'SRCH-3'),
        items.map(label).join(),
      );
    });

    it('in roadmap YAML: parent ids, kinds and statuses', async () => {
      const doc = await vscode.workspace.openTextDocument(uriOf('roadmap.yaml'));
      const parent = roadmapItems(await completions(doc, endOf(doc, 'parent: CHK')));
      assert.ok(parent.some((c) => label(c) === 'CHK'));
      const kindLine = lineOf(doc, 'kind: feature');
      const kinds = await completions(
        doc,
        new vscode.Position(kindLine, doc.lineAt(kindLine).text.indexOf('feature') + 2),
      );
      assert.ok(kinds.some((c) => label(c) === 'feature' && c.detail === 'roadmap kind'));
      const statuses = await completions(doc, endOf(doc, 'status: shipped'));
      assert.ok(statuses.some((c) => label(c) === 'in-progress' && c.detail === 'roadmap status'));
      // A title is prose, not an id.
      assert.deepEqual(roadmapItems(await completions(doc, endOf(doc, 'title: One-click'))).map(label), []);
    });
  });

  describe('navigation', () => {
    it('Go to Definition on an id in Markdown opens the item in the YAML', async () => {
      const doc = await vscode.workspace.openTextDocument(uriOf('docs/notes.md'));
      const at = endOf(doc, '- CHK-12').translate(0, -2);
      const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        doc.uri,
        at,
      );
      const ours = links.map((l) => ('targetUri' in l ? l : { targetUri: l.uri, targetSelectionRange: l.range }));
      const yaml = await vscode.workspace.openTextDocument(uriOf('roadmap.yaml'));
      const hit = ours.find((l) => l.targetUri.toString() === yaml.uri.toString());
      assert.ok(hit, JSON.stringify(ours));
      assert.equal(hit.targetSelectionRange?.start.line, lineOf(yaml, '- id: CHK-12'));
    });

    it('Find All References: YAML entry and children, comments, docs and commits', async () => {
      await waitFor('the commit index', () => api.work.commitIndex(firstFolder().uri));
      const yaml = await vscode.workspace.openTextDocument(uriOf('roadmap.yaml'));
      const chk = endOf(yaml, '- id: CHK\n'.trim()).translate(0, -1);
      const refs = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        yaml.uri,
        chk,
      );
      const files = refs.map((r) => vscode.workspace.asRelativePath(r.uri));
      assert.ok(files.includes('roadmap/payments.yaml'), `the child in another file: ${files.join()}`);
      assert.ok(
        refs.some((r) => r.uri.path.endsWith('roadmap.yaml') && r.range.start.line === lineOf(yaml, 'parent: CHK')),
      );

      const notes = await vscode.workspace.openTextDocument(uriOf('docs/notes.md'));
      const r12 = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        notes.uri,
        endOf(notes, '- CHK-12').translate(0, -1),
      );
      const where = r12.map((r) => `${r.uri.scheme}:${vscode.workspace.asRelativePath(r.uri)}`);
      assert.ok(where.includes('file:src/checkout/cart.ts'), where.join());
      assert.ok(where.includes('file:docs/notes.md'), where.join());
      assert.ok(where.includes('file:roadmap.yaml'), where.join());
      const commits = r12.filter((r) => r.uri.scheme === COMMIT_SCHEME);
      assert.ok(commits.length >= 2, `commits naming CHK-12: ${where.join()}`);
      const shown = await vscode.workspace.openTextDocument(commits[0]!.uri);
      assert.match(shown.getText(), /^commit [0-9a-f]{40}/);
    });

    it('Outline shows the items as a hierarchy; Ctrl+T finds items by id or title', async () => {
      const yaml = await vscode.workspace.openTextDocument(uriOf('roadmap.yaml'));
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        yaml.uri,
      );
      const tree = (s: vscode.DocumentSymbol): unknown =>
        s.children.length ? { [s.name]: s.children.map(tree) } : s.name;
      assert.deepEqual(symbols.map(tree), [
        { GROW: [{ RET: [{ CHK: ['CHK-14'] }] }] },
        'CHK-12',
        { FIND: [{ DISC: [{ SRCH: ['SRCH-3', 'SRCH-7'] }] }] },
      ]);
      assert.equal(symbols[1]?.detail, 'One-click reorder');
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
        'vscode.executeWorkspaceSymbolProvider',
        'reorder',
      );
      assert.ok(
        found.some((s) => s.name === 'CHK-12 One-click reorder' && s.location.uri.path.endsWith('roadmap.yaml')),
      );
      const byId = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
        'vscode.executeWorkspaceSymbolProvider',
        'srch-3',
      );
      assert.ok(byId.some((s) => s.name.startsWith('SRCH-3 ')));
    });
  });

  describe('rename', () => {
    it('renames the id, parent references and comment mentions; keeps the old id in refs', async () => {
      const yaml = await vscode.workspace.openTextDocument(uriOf('roadmap.yaml'));
      const at = endOf(yaml, '- id: CHK-12').translate(0, -1);
      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>(
        'vscode.prepareRename',
        yaml.uri,
        at,
      );
      assert.equal(prepared.placeholder, 'CHK-12');
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        yaml.uri,
        at,
        'CART-2',
      );
      const byFile = new Map(edit.entries().map(([uri, edits]) => [vscode.workspace.asRelativePath(uri), edits]));
      const yamlEdits = byFile.get('roadmap.yaml') ?? [];
      assert.ok(yamlEdits.some((e) => e.newText === 'CART-2'));
      assert.ok(
        yamlEdits.some((e) => /refs: \["CHK-12"\]/.test(e.newText)),
        JSON.stringify(yamlEdits),
      );
      const cart = byFile.get('src/checkout/cart.ts') ?? [];
      assert.equal(cart.length, 1, 'the comment `// CHK-14: saved carts…`');
      assert.equal(cart[0]?.newText, 'CART-2');
      // Commit documents are history: nothing outside files.
      assert.ok(edit.entries().every(([uri]) => uri.scheme === 'file'));
      // A ref is not renamed in place.
      const payment = await vscode.workspace.openTextDocument(uriOf('src/checkout/payment.ts'));
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', payment.uri, endOf(payment, 'PAY-881'))),
      );
      // A taken id is refused.
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', yaml.uri, at, 'SRCH-3')),
      );
    });
  });

  describe('quick fixes and TODOs', () => {
    const fixturePath = (): string => path.join(firstFolder().uri.fsPath, 'roadmap', 'e2e-language.yaml');
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(fixturePath(), { force: true });
    });

    it('did-you-mean for keys and parents, a why stub with the cursor, a free id for a duplicate', async () => {
      fs.writeFileSync(
        fixturePath(),
        [
          'version: 1',
          'items:',
          '  - id: LANG-1',
          '    parent: CHK-21',
          '    kind: feature',
          '    title: Quick fixes',
          '    ownr: dana',
          '  - id: LANG-1',
          '    kind: story',
          '    title: Copy',
          '',
        ].join('\n'),
      );
      const uri = vscode.Uri.file(fixturePath());
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const diagnostics = await waitFor('the fixture’s diagnostics', () => {
        const d = vscode.languages.getDiagnostics(uri);
        return (
          ['unknown-parent', 'unknown-key', 'missing-why', 'duplicate-id'].every((c) => d.some((x) => x.code === c)) &&
          d
        );
      });
      const titles = async (code: string): Promise<vscode.CodeAction[]> => {
        const d = diagnostics.filter((x) => x.code === code);
        const all = await Promise.all(
          d.map((x) =>
            vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, x.range),
          ),
        );
        // The command does not hand back each action's diagnostics: its title says which fix it is.
        return all.flat();
      };
      assert.ok((await titles('unknown-parent')).some((a) => a.title === 'Change parent to CHK-12'));
      assert.ok((await titles('unknown-key')).some((a) => a.title === 'Change to `owner`'));
      assert.ok((await titles('duplicate-id')).some((a) => a.title === 'Rename this copy to LANG-2'));
      const why = (await titles('missing-why')).find((a) => a.title.startsWith('Add a `why:`'));
      assert.ok(why?.edit && why.command);
      assert.ok(await vscode.workspace.applyEdit(why.edit));
      await vscode.commands.executeCommand(why.command.command, ...((why.command.arguments ?? []) as unknown[]));
      const line = lineOf(doc, '    why: ');
      assert.equal(line, lineOf(doc, 'title: Quick fixes') + 1);
      assert.deepEqual(
        [editor.selection.active.line, editor.selection.active.character],
        [line, '    why: '.length],
        'the cursor waits in the stub',
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('TODO → roadmap: actions on whole-word TODOs, link inserts an annotation, add writes a new item', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'typescript',
        content:
          'function pay() {\n  // TODO: retry the charge on 503\n  // TODONOW is not a trigger\n  // TODO CHK-12 already linked\n}\n',
      });
      await vscode.window.showTextDocument(doc);
      const actionsAt = async (line: number): Promise<string[]> =>
        (
          await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            doc.uri,
            new vscode.Range(line, 4, line, 4),
          )
        ).map((a) => a.title);
      assert.deepEqual((await actionsAt(1)).filter((t) => t.includes('Roadmap')).sort(), [
        'Add to Roadmap as New Item…',
        'Link to Roadmap Item…',
      ]);
      assert.deepEqual(
        (await actionsAt(2)).filter((t) => t.includes('Roadmap')),
        [],
      );
      assert.deepEqual(
        (await actionsAt(3)).filter((t) => t.includes('Roadmap')),
        [],
      );

      await vscode.workspace
        .getConfiguration('roadmapLens')
        .update('todo.codeLens', true, vscode.ConfigurationTarget.Workspace);
      try {
        const lenses = await waitFor('TODO lenses', async () => {
          const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
          const ours = l.filter((x) => x.command?.command === Commands.addAsNewItem);
          return ours.length > 0 && ours;
        });
        assert.deepEqual(
          lenses.map((l) => l.range.start.line),
          [1],
          'one lens, on the TODO that names no item',
        );
      } finally {
        await vscode.workspace
          .getConfiguration('roadmapLens')
          .update('todo.codeLens', undefined, vscode.ConfigurationTarget.Workspace);
      }

      const target = { uri: doc.uri.toString(), line: 1, title: 'Retry the charge on 503' };
      assert.equal(await vscode.commands.executeCommand(Commands.linkToItem, target, 'CHK-15'), true);
      assert.equal(doc.lineAt(1).text, '  // Roadmap: CHK-15');
      assert.equal(doc.lineAt(2).text, '  // TODO: retry the charge on 503');

      const yaml = await vscode.workspace.openTextDocument(uriOf('roadmap.yaml'));
      const before = yaml.getText();
      try {
        const id = await vscode.commands.executeCommand(
          Commands.addAsNewItem,
          { uri: doc.uri.toString(), line: 2, title: 'Retry the charge on 503' },
          {
            title: 'Retry the charge on 503',
            parent: 'CHK',
            id: 'CHK-16',
            why: 'Shoppers lose their cart when a charge fails once.',
          },
        );
        assert.equal(id, 'CHK-16');
        assert.equal(doc.lineAt(2).text, '  // Roadmap: CHK-16');
        const added = yaml.getText();
        assert.ok(added.startsWith(before.trimEnd()), 'the rest of the file is untouched');
        assert.match(
          added.slice(before.trimEnd().length),
          /^\n {2}- id: CHK-16\n {4}parent: CHK\n {4}kind: feature\n {4}title: Retry the charge on 503\n {4}why: Shoppers lose their cart when a charge fails once\.\n {4}status: planned\n$/,
        );
        await waitFor('CHK-16 in the model', () => api.model.find('CHK-16'));
      } finally {
        await vscode.window.showTextDocument(yaml);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });
  });

  describe('current line and hook', () => {
    it('names the current line’s item and why at the end of the line, only with the setting on', async () => {
      const doc = await vscode.workspace.openTextDocument(uriOf('src/search/query.ts'));
      const editor = await vscode.window.showTextDocument(doc);
      const line = lineOf(doc, '// SRCH-3:');
      editor.selection = new vscode.Selection(line, 0, line, 0);
      // Opening the file draws line 0's item first; wait for the cursor's line.
      const shown = await waitFor('the end-of-line text on the cursor line', () => {
        const r = api.language.currentLine.rendered(editor);
        return r?.line === line && r;
      });
      assert.equal(shown.line, line);
      assert.match(shown.text, /^SRCH-3 · /);
      const why = api.model.find('SRCH-3')?.item.why?.trim().replace(/\s+/g, ' ') ?? '';
      assert.ok(shown.text.startsWith(`SRCH-3 · ${why.slice(0, 40)}`), shown.text);
      await vscode.workspace
        .getConfiguration('roadmapLens')
        .update('currentLine.enabled', false, vscode.ConfigurationTarget.Workspace);
      try {
        await waitFor('the text gone', () => api.language.currentLine.rendered(editor) === undefined);
      } finally {
        await vscode.workspace
          .getConfiguration('roadmapLens')
          .update('currentLine.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('the editor command installs and uninstalls the prepare-commit-msg hook', async () => {
      const hook = path.join(firstFolder().uri.fsPath, '.git', 'hooks', 'prepare-commit-msg');
      const installed = await vscode.commands.executeCommand<{ kind: string }>(Commands.installCommitHook);
      assert.equal(installed.kind, 'installed');
      assert.match(fs.readFileSync(hook, 'utf8'), /roadmap-lens-hook v1/);
      const removed = await vscode.commands.executeCommand<{ kind: string }>(Commands.uninstallCommitHook);
      assert.equal(removed.kind, 'uninstalled');
      assert.ok(!fs.existsSync(hook));
    });
  });
});
