// A folder's history as line attribution reads it (FolderHistory): HEAD, the commit index, and
// blame as the editor asks for it: from the repository's blame store
// (fs/blameStore.ts, shared with the CLI) when it holds this file at this HEAD with this content,
// else from git, then stored for the next time (a reopened file, a restart, the CLI). Only saved
// documents touch the store, and a blame is stored only if HEAD did not move while git ran.
// Trusted workspaces only: FolderWork has no repository, so no history, when untrusted, and the
// store is never opened when trust is missing.
import * as vscode from 'vscode';
import { blameFile } from '../../git/blameRunner';
import type { GitRepository } from '../../git/gitRepository';
import type { GitRunner } from '../../git/gitRunner';
import { blameKeyOf, BlameStore } from '../../fs/blameStore';
import type { CommitIndex } from '../../core/commitIndex/commitIndex';
import { lineCount } from '../../core/util/lineStarts';
import type { BlameRequest, FolderHistory, HistoryBlame } from './workHistory';

export class GitFolderHistory implements FolderHistory {
  private store: Promise<BlameStore | undefined> | undefined;

  constructor(
    /** The repository this history reads; FolderWork makes a new one when it changes. */
    readonly repo: GitRepository,
    readonly root: string,
    private readonly git: GitRunner,
    private readonly log: vscode.LogOutputChannel,
    private readonly index: () => CommitIndex | undefined,
  ) {}

  /** From the git dir's files (no process when they are plain): asked before every first blame. */
  headCommit(): Promise<string | undefined> {
    return this.repo.headSha().catch(() => undefined);
  }

  commitIndex(): CommitIndex | undefined {
    return this.index();
  }

  async blame(request: BlameRequest): Promise<HistoryBlame> {
    const head = request.head;
    const useStore = request.saved && head !== undefined && vscode.workspace.isTrusted;
    const store = useStore ? await this.openStore() : undefined;
    // The key hashes the bytes as git is given them (UTF-8), as the CLI hashes the file it reads.
    const key = store && head !== undefined ? blameKeyOf(head, request.repoPath, request.contents) : undefined;
    if (store && key) {
      const read = await store.read(key, lineCount(request.contents));
      if (read.kind === 'hit') return { outcome: { state: 'ok', blame: read.blame }, from: 'store' };
      if (read.kind === 'ignored') this.log.debug(`blame cache file ignored: ${read.reason}`);
    }
    const outcome = await blameFile(this.git, request.relPath, { contents: request.contents });
    if (store && key && outcome.state === 'ok') {
      const blame = outcome.blame;
      // Not awaited: the lens shows now; a failed write is only a slower next time.
      void store
        .writeIfHeadStill(key, blame, () => this.repo.headSha().catch(() => undefined))
        .catch((e: unknown) => this.log.debug(`blame cache not written: ${String(e)}`));
    }
    return { outcome, from: 'git' };
  }

  private openStore(): Promise<BlameStore | undefined> {
    this.store ??= BlameStore.open(this.repo.info.commonDir).catch(() => undefined);
    return this.store;
  }
}
