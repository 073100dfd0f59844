// What line attribution reads from the work model: a narrow model-to-model interface, so the
// attribution model asks for blame, HEAD and the commit index of a folder without reaching into
// its repository or git runner.

import type * as vscode from 'vscode';
import type { ClosingMessage } from '../../git/driftFacts';
import type { FileRevisionsOptions } from '../../git/fileRevisions';
import type { FileRevision } from '../../core/gitOutput/fileRevisionsParser';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import type { BlameOutcome } from '../../git/blameRunner';
import type { WorkStatus } from './workState';

/** One blame an editor asks for. */
export interface BlameRequest {
  /** Relative to the workspace folder (where git runs). */
  readonly relPath: string;
  /** Relative to the repository root, with forward slashes: the blame store's key. */
  readonly repoPath: string;
  /** The editor's text, blamed as it is (`--contents -`). */
  readonly contents: string;
  /**
   * The document has no unsaved changes, so its text is the file as the CLI reads it: only such
   * a blame is read from or written to the blame store (a buffer being typed in would write one
   * file per pause, none of which anyone asks for again).
   */
  readonly saved: boolean;
  /** HEAD when the blame was asked for; undefined (an unborn branch) is never stored. */
  readonly head: string | undefined;
}

/** A blame and where it came from: git just now, or the repository's blame store (fs/blameStore.ts). */
export interface HistoryBlame {
  readonly outcome: BlameOutcome;
  readonly from: 'git' | 'store';
}

/** A folder whose repository is open (git is on and it has a work tree). */
export interface FolderHistory {
  /** The work tree root. */
  readonly root: string;
  /** The commit HEAD names now; undefined on an unborn branch or a failure. */
  headCommit(): Promise<string | undefined>;
  /** The blame of an editor's text: from the blame store when it has it, else from git (then stored). */
  blame(request: BlameRequest): Promise<HistoryBlame>;
  /** The commit index as it is now (sha → items); undefined until built. */
  commitIndex(): CommitIndex | undefined;
}

/** What drift asks git of a folder's repository (git/driftFacts.ts), bound to its runner. */
export interface FolderDriftGit {
  resolve(ref: string, signal?: AbortSignal): Promise<string | undefined>;
  closingMessages(base: string, maxCount: number, signal?: AbortSignal): Promise<ClosingMessage[]>;
  commitsAhead(base: string, branch: string, signal?: AbortSignal): Promise<number>;
  deadPathGlobs(globs: readonly string[], signal?: AbortSignal): Promise<Set<string>>;
  /** The file's text at the newest commits that changed it (metric history); [] outside the repository. */
  fileRevisions(absPath: string, opts: FileRevisionsOptions): Promise<FileRevision[]>;
}

export interface WorkHistorySource {
  /** Fired after HEAD, branches, the index or the linking changed. */
  readonly onDidChange: vscode.Event<void>;
  status(folderUri: vscode.Uri): WorkStatus;
  /** Roots of the repositories open folders use (for dropping per-repository state). */
  repositoryRoots(): ReadonlySet<string>;
  /** Undefined while git is off for the folder or its repository has no work tree. */
  history(folderUri: vscode.Uri): FolderHistory | undefined;
}
