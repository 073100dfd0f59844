// The why behind the code in the real VS Code: lens titles per function from
// `vscode.executeCodeLensProvider`, the line hover's evidence, lenses that follow unsaved edits,
// and a new uncommitted function that gets the current item's why. The sample workspace is on
// branch feature/srch-3-typo-tolerance, so the current item is SRCH-3. Buffers are reverted after.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { activateApi, firstFolder } from './support';

const SRCH3_WHY = '"bananna" should still find bananas.';

/** Our lenses (resolved), as line → title. */
async function lenses(uri: vscode.Uri): Promise<Map<number, string>> {
  const all =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  const out = new Map<number, string>();
  for (const lens of all)
    if (lens.command?.command === Commands.showLensItems) out.set(lens.range.start.line, lens.command.title);
  return out;
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `"${needle}" in ${doc.uri.fsPath}`);
  return line;
}

/** Re-checks on every attribution/work change (and every 250 ms), bounded by mocha's timeout. */
function until<T>(api: RoadmapLensApi, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  return new Promise((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let busy = false;
    let done = false;
    const stop = (): void => subs.forEach((d) => void d.dispose());
    const test = (): void => {
      if (busy || done) return;
      busy = true;
      probe().then(
        (value) => {
          busy = false;
          if (value !== undefined && !done) {
            done = true;
            stop();
            resolve(value);
          }
        },
        (e: unknown) => {
          done = true;
          stop();
          reject(e instanceof Error ? e : new Error(`${what}: ${String(e)}`));
        },
      );
    };
    const timer = setInterval(test, 250);
    subs.push(api.attribution.onDidChange(test), api.work.onDidChange(test), { dispose: () => clearInterval(timer) });
    test();
  });
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('the why behind the code (CodeLens, line hover)', function () {
  this.timeout(90_000);
  let api: RoadmapLensApi;
  let query: vscode.TextDocument;
  let cart: vscode.TextDocument;

  before(async () => {
    api = await activateApi();
    query = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(firstFolder().uri, 'src', 'search', 'query.ts'),
    );
    cart = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(firstFolder().uri, 'src', 'checkout', 'cart.ts'),
    );
    await vscode.window.showTextDocument(query);
    // History is in once the commit index is built and the current item is known.
    await until(api, 'attribution with history', async () => {
      const r = await api.attribution.attributionFor(query);
      return r?.history === 'used' && api.work.status(firstFolder().uri).kind === 'ready' ? r : undefined;
    });
  });

  after(async () => {
    await revert(query);
    await revert(cart);
  });

  it('puts the why and the item above each function', async () => {
    const titles = await until(api, 'lenses on query.ts', async () => {
      const t = await lenses(query.uri);
      return t.size >= 4 ? t : undefined;
    });
    const expected = `$(lightbulb) ${SRCH3_WHY} — SRCH-3 Typo-tolerant search (+1 more)`;
    for (const fn of [
      'export function normalizeQuery',
      'export function editDistance',
      'export function isTransposition',
      'export function fuzzyMatch',
    ]) {
      assert.equal(titles.get(lineOf(query, fn)), expected, fn);
    }
  });

  it("fills in the lenses when a language's symbol provider arrives after Roadmap Lens", async () => {
    // On a busy machine TypeScript's extension activates after Roadmap Lens: the first ask for
    // symbols finds no provider at all. A provider registered later stands in for it here.
    const uri = vscode.Uri.joinPath(firstFolder().uri, 'src', 'search', 'late.latesym');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('fn suggest\n  a\n  b\n  c\nfn rank\n  a\n  b\n  c\n'));
    let provider: vscode.Disposable | undefined;
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await until(
        api,
        'an attribution computed without symbols',
        async () => (await api.attribution.attributionFor(doc)) ?? undefined,
      );
      // Without symbols there is at most the file's own lens (line 0), none on the second function.
      assert.equal((await lenses(uri)).has(4), false, 'no lens on a function nobody has reported yet');
      provider = vscode.languages.registerDocumentSymbolProvider(
        { scheme: 'file', language: 'plaintext' },
        {
          provideDocumentSymbols: (d) =>
            d.fileName.endsWith('late.latesym')
              ? [0, 4].map(
                  (l) =>
                    new vscode.DocumentSymbol(
                      `f${l}`,
                      '',
                      vscode.SymbolKind.Function,
                      new vscode.Range(l, 0, l + 3, 3),
                      d.lineAt(l).range,
                    ),
                )
              : undefined,
        },
      );
      const titles = await until(api, 'lenses once the symbols exist', async () => {
        const t = await lenses(uri);
        return t.has(0) && t.has(4) ? t : undefined;
      });
      // A new, uncommitted file: each function gets the current item's why.
      assert.match(titles.get(0) ?? '', /SRCH-3 Typo-tolerant search/);
      assert.match(titles.get(4) ?? '', /SRCH-3 Typo-tolerant search/);
    } finally {
      provider?.dispose();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('puts one lens above each Java method with no Java extension installed, from its own symbol finder', async () => {
    // code-server ships no Java language server: VS Code has no symbols for this file at all.
    const uri = vscode.Uri.joinPath(firstFolder().uri, 'src', 'search', 'Ranker.java');
    const java = [
      'package search;', // 0
      '', // 1
      'public class Ranker {', // 2
      '    private static final String OPEN = "{";', // 3
      '', // 4
      '    public int rank(String query) {', // 5
      '        Runnable r = () -> {', // 6
      '            System.out.println("} not the end");', // 7
      '        };', // 8
      '        return query.length();', // 9
      '    }', // 10
      '', // 11
      '    /** Scores {@code doc}. */', // 12
      '    @Deprecated', // 13
      '    public double score(String doc) {', // 14
      "        char c = '}';", // 15
      '        return doc.isEmpty() ? 0 : 1;', // 16
      '    }', // 17
      '', // 18
      '    static final class Weights {', // 19
      '        double boost(double x) {', // 20
      '            return x * 2;', // 21
      '        }', // 22
      '    }', // 23
      '}', // 24
    ];
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${java.join('\n')}\n`));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const provided = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', uri);
      assert.equal(provided?.length ?? 0, 0, 'VS Code has no symbols for Java here');
      const titles = await until(api, 'lenses on Ranker.java', async () => {
        const t = await lenses(uri);
        return t.size >= 5 ? t : undefined;
      });
      // The class, each method and the nested class with its method; none on the lambda or the fields.
      assert.deepEqual(
        [...titles.keys()].sort((a, b) => a - b),
        [2, 5, 13, 19, 20],
      );
      for (const title of titles.values()) assert.match(title, /SRCH-3 Typo-tolerant search/);
      const result = await api.attribution.attributionFor(doc);
      assert.equal(result?.symbolSource, 'finder');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it("replaces the finder's lenses with a language server's symbols when one arrives", async () => {
    const uri = vscode.Uri.joinPath(firstFolder().uri, 'src', 'search', 'Late.java');
    const java = [
      'class Late {',
      '    void a() {',
      '        x();',
      '    }',
      '    void b() {',
      '        y();',
      '    }',
      '}',
    ];
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${java.join('\n')}\n`));
    let provider: vscode.Disposable | undefined;
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const before = await until(api, "the finder's lenses", async () => {
        const t = await lenses(uri);
        return t.has(1) && t.has(4) ? t : undefined;
      });
      assert.deepEqual([...before.keys()].sort(), [0, 1, 4]);
      // A "language server" that reports only method b, as a Method spanning lines 4-6.
      provider = vscode.languages.registerDocumentSymbolProvider(
        { scheme: 'file', pattern: '**/Late.java' },
        {
          provideDocumentSymbols: (d) => [
            new vscode.DocumentSymbol(
              'b',
              '',
              vscode.SymbolKind.Method,
              new vscode.Range(4, 0, 6, 5),
              d.lineAt(4).range,
            ),
          ],
        },
      );
      const after = await until(api, "the provider's lenses", async () => {
        const r = await api.attribution.attributionFor(doc);
        const t = await lenses(uri);
        return r?.symbolSource === 'provider' && !t.has(1) ? t : undefined;
      });
      assert.deepEqual([...after.keys()], [4]);
    } finally {
      provider?.dispose();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('shows the evidence for a line in the hover', async () => {
    const line = lineOf(query, 'const row = Array.from');
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        query.uri,
        new vscode.Position(line, 4),
      )) ?? [];
    // Item text is Markdown-escaped (`SRCH\-3`): compare without the escapes.
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1');
    assert.match(text, /\*\*Roadmap Lens\*\*/);
    assert.match(text, /\*\*SRCH-3\*\* Typo-tolerant search/);
    assert.match(
      text,
      /last changed in `[0-9a-f]{7}` \*SRCH-3: fuzzy matching for typos\* — \d+ (?:day|week|month|year)s? ago \(message\)/,
    );
    assert.match(text, /owned path `src\/search\/\*\*`/);
  });

  it("on an id, one hover: the id's card first, then the line's evidence without repeating that item", async () => {
    const line = lineOf(query, '// SRCH-3: typo-tolerant matching');
    const column = query.lineAt(line).text.indexOf('SRCH-3') + 2;
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        query.uri,
        new vscode.Position(line, column),
      )) ?? [];
    const unescape = (t: string): string => t.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    const ours = hovers.filter((h) =>
      h.contents.some((c) => /Typo-tolerant search|Roadmap Lens/.test(unescape(typeof c === 'string' ? c : c.value))),
    );
    assert.equal(ours.length, 1, 'one Roadmap Lens hover, not two stacked by VS Code');
    const parts = (ours[0] as vscode.Hover).contents.map((c) => unescape(typeof c === 'string' ? c : c.value));
    assert.match(parts[0] ?? '', /^\*\*Typo-tolerant search\*\*/, 'the card of the id under the cursor comes first');
    const rest = parts.slice(1).join('\n');
    assert.match(rest, /\*\*Roadmap Lens\*\* — this line also serves/);
    assert.match(rest, /\*\*SRCH\*\* Search that forgives typos/, 'the path owner still shows');
    assert.doesNotMatch(rest, /\*\*SRCH-3\*\*/, 'the carded item is not repeated');
  });

  it('keeps lenses on the right functions while the buffer is edited (unsaved)', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(query.uri, new vscode.Position(0, 0), '// one\n// two\n// three\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(query.isDirty);
    const titles = await until(api, 'lenses after the edit', async () => {
      const t = await lenses(query.uri);
      return t.has(lineOf(query, 'export function editDistance')) ? t : undefined;
    });
    for (const fn of ['export function normalizeQuery', 'export function editDistance', 'export function fuzzyMatch']) {
      assert.match(titles.get(lineOf(query, fn)) ?? '', /SRCH-3 Typo-tolerant search/, fn);
    }
    assert.equal(titles.has(0), false, 'no lens on the inserted comment lines');
  });

  it("gives a new uncommitted function the current item's why", async () => {
    const end = cart.lineCount;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(
      cart.uri,
      new vscode.Position(end, 0),
      '\nexport function fastReorder(): number {\n  const n = 1;\n  return n;\n}\n',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const titles = await until(api, 'a lens on the new function', async () => {
      const t = await lenses(cart.uri);
      return t.has(lineOf(cart, 'export function fastReorder')) ? t : undefined;
    });
    assert.equal(
      titles.get(lineOf(cart, 'export function fastReorder')),
      `$(lightbulb) ${SRCH3_WHY} — SRCH-3 Typo-tolerant search (+1 more)`,
    );
    // The committed functions around it keep their own items.
    assert.match(titles.get(lineOf(cart, 'export function reorderLastCart')) ?? '', /CHK-12 One-click reorder/);
  });
});
