// The current line's item at the end of the line, dimmed: `SRCH-3 · "banana" should still find
// bananas`. Only on lines that serve an item (the attribution model's answer: annotations, owned
// paths, history, uncommitted work); it never runs git or reads files itself. It changes only when
// the text to show changes (no clear-then-draw flicker), and with the setting off it subscribes to
// nothing.

import * as vscode from 'vscode';
import type { AttributionModel } from '../attribution/model/attributionModel';
import { onDidChangeSettings, readSetting } from '../settings/settings';

const MAX_TEXT = 90;

function lineText(itemId: string, why: string | undefined, title: string): string {
  const said = (why ?? title).trim().replace(/\s+/g, ' ');
  const text = `${itemId} · ${said}`;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export class CurrentLineDecoration implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('editorCodeLens.foreground'),
      fontStyle: 'italic',
      margin: '0 0 0 3em',
    },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
  });
  private listeners: vscode.Disposable[] = [];
  private readonly shown = new Map<vscode.TextEditor, { line: number; text: string }>();
  private generation = 0;
  private readonly configListener: vscode.Disposable;

  constructor(private readonly attribution: AttributionModel) {
    this.configListener = onDidChangeSettings(['currentLine.enabled'], () => this.apply());
    this.apply();
  }

  /** What is drawn at the end of the line in `editor`, if anything (for tests and the UI run). */
  rendered(editor: vscode.TextEditor): { line: number; text: string } | undefined {
    return this.shown.get(editor);
  }

  private get enabled(): boolean {
    return readSetting('currentLine.enabled');
  }

  private apply(): void {
    for (const d of this.listeners) d.dispose();
    this.listeners = [];
    if (!this.enabled) {
      for (const editor of this.shown.keys()) editor.setDecorations(this.type, []);
      this.shown.clear();
      return;
    }
    this.listeners.push(
      vscode.window.onDidChangeTextEditorSelection((e) => void this.update(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) void this.update(e);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of this.shown.keys()) if (!editors.includes(editor)) this.shown.delete(editor);
      }),
      this.attribution.onDidChange(() => {
        const editor = vscode.window.activeTextEditor;
        if (editor) void this.update(editor);
      }),
    );
    const editor = vscode.window.activeTextEditor;
    if (editor) void this.update(editor);
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    const generation = ++this.generation;
    const document = editor.document;
    const line = editor.selection.active.line;
    let next: { line: number; text: string } | undefined;
    if (document.uri.scheme === 'file' && editor.selections.length === 1) {
      const result = await this.attribution.attributionFor(document);
      // A newer cursor move won: its answer is the one to draw.
      if (generation !== this.generation || !this.enabled) return;
      const first = result?.attribution.itemsAt(line)[0];
      const item = first && result.index.get(first.itemId);
      if (first && item) next = { line, text: lineText(item.id, item.why, item.title) };
    }
    const shown = this.shown.get(editor);
    if (shown?.line === next?.line && shown?.text === next?.text) return;
    if (!next) {
      this.shown.delete(editor);
      editor.setDecorations(this.type, []);
      return;
    }
    this.shown.set(editor, next);
    const end = document.lineAt(next.line).range.end;
    editor.setDecorations(this.type, [
      { range: new vscode.Range(end, end), renderOptions: { after: { contentText: next.text } } },
    ]);
  }

  dispose(): void {
    for (const d of this.listeners) d.dispose();
    this.configListener.dispose();
    this.type.dispose();
    this.shown.clear();
  }
}
