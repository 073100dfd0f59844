// Finds where roadmap ids are written in a folder's files: in comments (by the file's comment
// syntax) and in prose (Markdown, plain text), never in strings or code. The one place the
// language features read files; References and Rename ask it. Bounded: at most MAX_FILES files of
// at most MAX_FILE_BYTES each, binary files skipped, cancellable between files.

import * as vscode from 'vscode';
import { documentStyle, languageIdForPath } from '../../core/language/commentTokens';
import { segmentScanner } from '../../core/language/commentSegments';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';

const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1_000_000;
const PARALLEL_READS = 8;
const EXCLUDE = '**/{node_modules,.git,bower_components,dist,out,build,coverage,.vscode-test}/**';

export interface Mention {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  /** The canonical id of the item named, and the text as written (an id or a ref). */
  readonly itemId: string;
  readonly text: string;
  readonly viaAlias: boolean;
}

export class WorkspaceMentions {
  /** The file's text: the open document's (unsaved edits count), else the disk's; undefined if unreadable or binary. */
  async text(uri: vscode.Uri): Promise<{ text: string; languageId: string } | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return { text: open.getText(), languageId: open.languageId };
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES || stat.type !== vscode.FileType.File) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.subarray(0, 8000).includes(0)) return undefined;
      return { text: new TextDecoder('utf-8').decode(bytes), languageId: languageIdForPath(uri.path) };
    } catch {
      return undefined;
    }
  }

  /** Every mention of `itemId` (by id or ref) in comments and prose of the folder's files. */
  async find(
    folder: vscode.WorkspaceFolder,
    index: RoadmapIndex,
    itemId: string,
    token?: vscode.CancellationToken,
  ): Promise<Mention[]> {
    const uris = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, '**/*'),
      EXCLUDE,
      MAX_FILES,
      token,
    );
    // Open documents outside the search (untitled, excluded folders) count too.
    for (const doc of vscode.workspace.textDocuments)
      if (doc.uri.scheme === 'untitled' && !uris.some((u) => u.toString() === doc.uri.toString())) uris.push(doc.uri);
    const out: Mention[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < uris.length && !token?.isCancellationRequested) {
        const uri = uris[next++];
        if (!uri) continue;
        const file = await this.text(uri);
        if (file) out.push(...mentionsIn(uri, file.text, file.languageId, index, itemId));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
    return out.sort(
      (a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.range.start.compareTo(b.range.start),
    );
  }
}

/** Mentions of `itemId` in one file's comments or prose. */
export function mentionsIn(
  uri: vscode.Uri,
  text: string,
  languageId: string,
  index: RoadmapIndex,
  itemId: string,
): Mention[] {
  const out: Mention[] = [];
  const scanner = segmentScanner(documentStyle(languageId), languageId);
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const line = (lines[l] ?? '').replace(/\r$/, '');
    const segments = scanner.next(line);
    if (segments.length === 0) continue;
    for (const m of index.matcher.findAll(line)) {
      if (m.itemId !== itemId) continue;
      if (!segments.some((s) => s.start <= m.start && m.end <= s.end)) continue;
      out.push({ uri, range: new vscode.Range(l, m.start, l, m.end), itemId, text: m.text, viaAlias: m.viaAlias });
    }
  }
  return out;
}
