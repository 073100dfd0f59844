// The documents of roadmaps kept in git (`REV:PATH`): VS Code opens a content provider's documents
// read-only, so Reveal in File, links and diagnostics work on the object's text and nothing can be
// typed into it. The text is the model's (read with git there); this only serves it.

import * as vscode from 'vscode';
import { GIT_ROADMAP_SCHEME } from './model/gitObjectRoadmaps';
import type { RoadmapModel } from './model/roadmapModel';

export function registerGitRoadmapDocuments(context: vscode.ExtensionContext, model: RoadmapModel): void {
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: model.gitObjects.onDidChange,
    provideTextDocumentContent: (uri) => model.gitObjects.text(uri) ?? '',
  };
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(GIT_ROADMAP_SCHEME, provider));
}
