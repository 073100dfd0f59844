// The document symbols line attribution uses, flattened outer first with the kind names core
// understands: from whichever language server answers VS Code's symbol provider command, or, when
// none answers in time (Java with no Java extension never does), from Roadmap Lens's own finder.

import * as vscode from 'vscode';
import { findSymbols, type SymbolKindName, type SymbolRange } from '../../core/attribution/symbolRanges';

/** A symbol as attribution uses it, with VS Code's kind and the line its name is on. */
export type DocumentSymbolRange = SymbolRange & {
  readonly vscodeKind: vscode.SymbolKind;
  readonly selectionLine: number;
};

const KIND_NAMES: Partial<Record<vscode.SymbolKind, SymbolKindName>> = {
  [vscode.SymbolKind.Class]: 'class',
  [vscode.SymbolKind.Interface]: 'interface',
  [vscode.SymbolKind.Enum]: 'enum',
  [vscode.SymbolKind.Struct]: 'struct',
  [vscode.SymbolKind.Module]: 'module',
  [vscode.SymbolKind.Namespace]: 'module',
  [vscode.SymbolKind.Function]: 'function',
  [vscode.SymbolKind.Method]: 'method',
  [vscode.SymbolKind.Constructor]: 'method',
};

const VSCODE_KINDS: Record<SymbolKindName, vscode.SymbolKind> = {
  class: vscode.SymbolKind.Class,
  interface: vscode.SymbolKind.Interface,
  enum: vscode.SymbolKind.Enum,
  struct: vscode.SymbolKind.Struct,
  module: vscode.SymbolKind.Module,
  function: vscode.SymbolKind.Function,
  method: vscode.SymbolKind.Method,
  file: vscode.SymbolKind.File,
};

/**
 * Where the symbols came from: VS Code's symbol provider (a language server), Roadmap Lens's own
 * finder (no provider answered, or none yet: replaced when one does), or neither.
 */
export type SymbolSource = 'provider' | 'finder' | 'none';

function flattenSymbols(list: readonly vscode.DocumentSymbol[], depth: number, out: DocumentSymbolRange[]): void {
  for (const s of list) {
    out.push({
      name: s.name,
      kind: KIND_NAMES[s.kind] ?? 'function',
      startLine: s.range.start.line,
      endLine: s.range.end.line,
      depth,
      vscodeKind: s.kind,
      selectionLine: s.selectionRange.start.line,
    });
    flattenSymbols(s.children ?? [], depth + 1, out);
  }
}

/**
 * VS Code's symbols for the document, or [] when no provider answers within `waitMs` (or, with
 * `orUntil`, before it settles, if that is sooner). A late answer that has symbols is passed to
 * `onLate`, so the caller can replace the finder's symbols with them.
 */
export async function readDocumentSymbols(
  document: vscode.TextDocument,
  waitMs: number,
  orUntil: Promise<unknown> | undefined,
  onLate: (symbols: DocumentSymbolRange[]) => void,
): Promise<DocumentSymbolRange[]> {
  const asked = Promise.resolve(
    vscode.commands.executeCommand<unknown>('vscode.executeDocumentSymbolProvider', document.uri),
  ).then(toSymbols, () => []);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = Symbol('late');
  const waited = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), waitMs);
    // Settled either way: a failed blame is no reason to wait longer for symbols.
    orUntil?.then(
      () => resolve(late),
      () => resolve(late),
    );
  });
  const first = await Promise.race([asked, waited]);
  clearTimeout(timer);
  if (first !== late) return first;
  void asked.then((symbols) => {
    if (symbols.length > 0) onLate(symbols);
  });
  return [];
}

/** Roadmap Lens's own symbols for the text (brace, indentation and keyword-block languages). */
export function finderSymbols(document: vscode.TextDocument, lines: readonly string[]): DocumentSymbolRange[] {
  const found = findSymbols(document.uri.path, lines, document.languageId) ?? [];
  return found.map((s) => ({ ...s, vscodeKind: VSCODE_KINDS[s.kind], selectionLine: s.startLine }));
}

function toSymbols(result: unknown): DocumentSymbolRange[] {
  if (!Array.isArray(result)) return [];
  const out: DocumentSymbolRange[] = [];
  // Providers may answer with flat SymbolInformation; only DocumentSymbol has a full range and children.
  const documentSymbols = (result as unknown[]).filter(
    (s): s is vscode.DocumentSymbol =>
      s instanceof vscode.DocumentSymbol || (typeof s === 'object' && s !== null && 'selectionRange' in s),
  );
  flattenSymbols(documentSymbols, 0, out);
  if (out.length === 0) {
    for (const s of result as unknown[]) {
      if (s instanceof vscode.SymbolInformation) {
        out.push({
          name: s.name,
          kind: KIND_NAMES[s.kind] ?? 'function',
          startLine: s.location.range.start.line,
          endLine: s.location.range.end.line,
          depth: 0,
          vscodeKind: s.kind,
          selectionLine: s.location.range.start.line,
        });
      }
    }
  }
  return out;
}
