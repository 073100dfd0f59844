// Read-only documents showing one commit (`git show --stat -p`), opened from the tree's work
// nodes. The URI carries the folder and the commit; the text comes from the work model.

import * as vscode from 'vscode';
import type { WorkModel } from './model/workModel';

export const COMMIT_SCHEME = 'roadmap-lens-commit';

interface CommitDocumentQuery {
  readonly folder: string;
  readonly sha: string;
}

const SHA = /^[0-9a-f]{7,64}$/i;

/** `roadmap-lens-commit:/1a2b3c4d.diff?<json>`: the `.diff` suffix gives syntax colouring and a short tab title. */
export function commitUri(folderUri: vscode.Uri, sha: string): vscode.Uri {
  const query = JSON.stringify({ folder: folderUri.toString(), sha } satisfies CommitDocumentQuery);
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${sha.slice(0, 8)}.diff`, query });
}

export function parseCommitUri(uri: vscode.Uri): CommitDocumentQuery | undefined {
  try {
    const parsed = JSON.parse(uri.query) as Partial<CommitDocumentQuery>;
    if (typeof parsed.folder === 'string' && typeof parsed.sha === 'string' && SHA.test(parsed.sha)) {
      return { folder: parsed.folder, sha: parsed.sha };
    }
  } catch {
    // Fall through: a hand-made URI gets a readable message, not an exception.
  }
  return undefined;
}

export class CommitDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly work: WorkModel) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = parseCommitUri(uri);
    if (!ref) return 'Roadmap Lens: this link does not name a commit.';
    return this.work.actions.showCommit(vscode.Uri.parse(ref.folder), ref.sha, token);
  }
}

export function registerCommitDocuments(work: WorkModel): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocumentProvider(work));
}
