// A file with no symbols may mean its language server is not ready yet (TypeScript's takes seconds
// on a busy machine), and lenses above functions need them. So the provider is asked again at these
// delays — the provider alone, not the whole answer: dropping the answer each time made VS Code ask
// for the lenses again and cancel the question before, so a large file that takes seconds to
// attribute showed no lens until the retries were over (issue #13: 42 s on the bench's 10,000-line
// file after a reload). Only when the provider has symbols is the answer dropped, once.
import * as vscode from 'vscode';
import { readDocumentSymbols, type DocumentSymbolRange } from './documentSymbols';

const SYMBOL_RETRY_MS = [1000, 2000, 4000, 8000, 16000];
/** How long one retry waits for the provider; a later answer with symbols still counts. */
const RETRY_WAIT_MS = 5000;

export class SymbolRetries implements vscode.Disposable {
  private readonly entries = new Map<string, { attempts: number; timer: ReturnType<typeof setTimeout> | undefined }>();
  private disposed = false;

  /** `arrived`: the provider now has symbols for the document (its answer should be recomputed). */
  constructor(private readonly arrived: (document: vscode.TextDocument, symbols: DocumentSymbolRange[]) => void) {}

  /** After an answer: with symbols, nothing more to do; without, ask the provider again later. */
  note(document: vscode.TextDocument, found: boolean): void {
    const uri = document.uri.toString();
    const entry = this.entries.get(uri);
    if (found) {
      this.forget(uri);
      return;
    }
    const attempts = entry?.attempts ?? 0;
    const delay = SYMBOL_RETRY_MS[attempts];
    if (entry?.timer !== undefined || delay === undefined || this.disposed) return;
    const timer = setTimeout(() => {
      this.entries.set(uri, { attempts: attempts + 1, timer: undefined });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (!open) return;
      const arrived = (symbols: DocumentSymbolRange[]): void => {
        if (!this.disposed && this.entries.has(uri)) this.arrived(open, symbols);
      };
      void readDocumentSymbols(open, RETRY_WAIT_MS, undefined, arrived).then((symbols) => {
        if (symbols.length > 0) arrived(symbols);
        else this.note(open, false);
      });
    }, delay);
    this.entries.set(uri, { attempts, timer });
  }

  forget(uri: string): void {
    clearTimeout(this.entries.get(uri)?.timer);
    this.entries.delete(uri);
  }

  dispose(): void {
    this.disposed = true;
    for (const { timer } of this.entries.values()) clearTimeout(timer);
    this.entries.clear();
  }
}
