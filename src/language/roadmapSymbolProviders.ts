// Outline and breadcrumbs for roadmap YAML (items as a hierarchy, by nesting in the file), and
// Go to Symbol in Workspace (Ctrl+T) over every item by id or title. The outline parses the
// document's own text, so it matches what is on screen even before the model reloads.

import * as vscode from 'vscode';
import { roadmapOutline, type OutlineNode } from '../core/language/roadmapOutline';
import { parseRoadmapFile } from '../core/roadmap/parseRoadmap';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import { toLocation, toRange } from './languageDocuments';
import { ROADMAP_DOCUMENTS } from '../roadmap/referenceDocuments';

const MAX_WORKSPACE_SYMBOLS = 500;

const KIND: Readonly<Record<string, vscode.SymbolKind>> = {
  goal: vscode.SymbolKind.Package,
  initiative: vscode.SymbolKind.Namespace,
  epic: vscode.SymbolKind.Class,
  feature: vscode.SymbolKind.Method,
  story: vscode.SymbolKind.Field,
};

export function symbolKind(kind: string): vscode.SymbolKind {
  return KIND[kind] ?? vscode.SymbolKind.Object;
}

export class RoadmapDocumentSymbolProvider implements vscode.DocumentSymbolProvider {
  private cache: { uri: string; version: number; symbols: vscode.DocumentSymbol[] } | undefined;

  constructor(private readonly model: RoadmapModel) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    const uri = document.uri.toString();
    if (!this.model.files().some((f) => f.toString() === uri)) return undefined;
    if (this.cache?.uri === uri && this.cache.version === document.version) return this.cache.symbols;
    const parsed = parseRoadmapFile(uri, document.getText());
    const toSymbol = (node: OutlineNode): vscode.DocumentSymbol => {
      const { item } = node;
      const symbol = new vscode.DocumentSymbol(
        item.id,
        item.title,
        symbolKind(item.kind),
        toRange(item.location.range),
        toRange(item.idLocation.range),
      );
      symbol.children = node.children.map(toSymbol);
      return symbol;
    };
    const symbols = roadmapOutline(parsed.items).map(toSymbol);
    this.cache = { uri, version: document.version, symbols };
    return symbols;
  }
}

export class RoadmapWorkspaceSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly model: RoadmapModel) {}

  provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): vscode.SymbolInformation[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const out: vscode.SymbolInformation[] = [];
    for (const { index } of this.model.roadmaps()) {
      for (const item of index.items) {
        if (out.length >= MAX_WORKSPACE_SYMBOLS || token.isCancellationRequested) return out;
        const haystack = `${item.id} ${item.title}`.toLowerCase();
        if (!words.every((w) => haystack.includes(w))) continue;
        out.push(
          new vscode.SymbolInformation(
            `${item.id} ${item.title}`,
            symbolKind(item.kind),
            index.parent(item.id)?.id ?? '',
            toLocation(item.idLocation),
          ),
        );
      }
    }
    return out;
  }
}

export function registerRoadmapSymbols(context: vscode.ExtensionContext, model: RoadmapModel): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider(ROADMAP_DOCUMENTS, new RoadmapDocumentSymbolProvider(model), {
      label: 'Roadmap',
    }),
    vscode.languages.registerWorkspaceSymbolProvider(new RoadmapWorkspaceSymbolProvider(model)),
  );
}
