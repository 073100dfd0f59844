// Go to Definition / Peek and Find All References for roadmap ids written anywhere: the item's
// entry in the roadmap YAML; its children; mentions in comments and prose across the folder; the
// branches and commits that link to it (commits open as read-only commit documents).

import * as vscode from 'vscode';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import { commitUri } from '../work/commitDocumentProvider';
import type { WorkModel } from '../work/model/workModel';
import { itemAt, LANGUAGE_DOCUMENTS, toLocation, toRange } from './languageDocuments';
import type { WorkspaceMentions } from './model/workspaceMentions';

/** Commit documents are produced by `git show` when opened: keep the list to what a person reads. */
const MAX_COMMITS = 50;

export class ItemDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly model: RoadmapModel) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] | undefined {
    const at = itemAt(this.model, document, position);
    if (!at) return undefined;
    const { item } = at;
    return [
      {
        originSelectionRange: at.range,
        targetUri: vscode.Uri.parse(item.idLocation.file),
        targetRange: toRange(item.location.range),
        targetSelectionRange: toRange(item.idLocation.range),
      },
    ];
  }
}

export class ItemReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly model: RoadmapModel,
    private readonly work: WorkModel,
    private readonly mentions: WorkspaceMentions,
  ) {}

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[] | undefined> {
    const at = itemAt(this.model, document, position);
    if (!at) return undefined;
    const { item, roadmap } = at;
    const out: vscode.Location[] = [];
    if (context.includeDeclaration) out.push(toLocation(item.idLocation));
    for (const child of roadmap.index.children(item.id)) out.push(toLocation(child.parentLocation ?? child.idLocation));
    const found = await this.mentions.find(roadmap.folder, roadmap.index, item.id, token);
    if (token.isCancellationRequested) return undefined;
    for (const m of found) out.push(new vscode.Location(m.uri, m.range));

    const work = this.work.workFor(roadmap.folder.uri, item.id);
    const shas = new Set<string>();
    const commit = (sha: string): void => {
      if (shas.has(sha) || shas.size >= MAX_COMMITS) return;
      shas.add(sha);
      out.push(new vscode.Location(commitUri(roadmap.folder.uri, sha), new vscode.Position(0, 0)));
    };
    // A branch is shown by its tip commit: what the branch holds for the item.
    for (const b of work.branches) if (b.lastCommit) commit(b.lastCommit.sha);
    const index = this.work.commitIndex(roadmap.folder.uri);
    const commits = index ? index.commitsFor(item.id, MAX_COMMITS).map((c) => c.sha) : work.commits.map((c) => c.sha);
    for (const sha of commits) commit(sha);
    return dedupe(out);
  }
}

function dedupe(locations: vscode.Location[]): vscode.Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.uri.toString()}#${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function registerItemNavigation(
  context: vscode.ExtensionContext,
  model: RoadmapModel,
  work: WorkModel,
  mentions: WorkspaceMentions,
): void {
  context.subscriptions.push(
    vscode.languages.registerDefinitionProvider(LANGUAGE_DOCUMENTS, new ItemDefinitionProvider(model)),
    vscode.languages.registerReferenceProvider(LANGUAGE_DOCUMENTS, new ItemReferenceProvider(model, work, mentions)),
  );
}
