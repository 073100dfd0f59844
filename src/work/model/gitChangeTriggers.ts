// Tells the work model when a repository may have changed (checkout, commit, fetch, rebase…).
// Two sources, filtered here and debounced together by the model: watchers on the few git-dir
// files that move on such changes (fast: a checkout arrives in well under a second), and the
// built-in git extension's repository events when it is enabled (they also cover setups where
// file events from .git are missing, e.g. `files.watcherExclude` covering it).

import * as vscode from 'vscode';
import type { RepoInfo } from '../../git/gitRepository';
import { getBuiltinGitApi, type GitApi, type GitRepository as BuiltinRepository } from './builtinGitApi';

/**
 * The parts of the built-in repository state that change with HEAD, its upstream or an operation.
 * (`state.refs` is deprecated and logs a warning on every read, so it is not used; a fetch that
 * moves only other remote branches is caught by the FETCH_HEAD watcher.)
 */
function stateKey(repo: BuiltinRepository): string {
  const state = repo.state as unknown as Record<string, unknown>;
  const head = repo.state.HEAD as (Record<string, unknown> & { upstream?: Record<string, unknown> }) | undefined;
  const merge = state['mergeChanges'];
  return JSON.stringify([
    head?.['name'],
    head?.['commit'],
    head?.['ahead'],
    head?.['behind'],
    head?.upstream?.['commit'],
    (state['rebaseCommit'] as { hash?: unknown } | undefined)?.hash,
    Array.isArray(merge) ? merge.length : 0,
  ]);
}

export class GitChangeTriggers implements vscode.Disposable {
  private api: GitApi | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly watched = new Map<string, { info: RepoInfo; watchers: vscode.Disposable[] }>();
  private readonly hooked = new Set<BuiltinRepository>();

  /** `onChange` receives a repository's work tree root. */
  constructor(
    private readonly onChange: (root: string, source: string) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Connects to the built-in git extension; safe to call once, never throws. */
  async start(): Promise<void> {
    this.api = await getBuiltinGitApi((m) => this.log.info(m));
    if (!this.api) {
      this.log.info('Built-in git extension not available: watching .git files for changes.');
      return;
    }
    this.api.repositories.forEach((r) => this.hook(r));
    this.disposables.push(this.api.onDidOpenRepository((r) => this.hook(r)));
  }

  get builtinApi(): GitApi | undefined {
    return this.api;
  }

  /** Starts watching a repository we opened; no-op if it is already watched. */
  attach(info: RepoInfo): void {
    if (!info.root || this.watched.has(info.root)) return;
    const watchers = this.createWatchers(info);
    this.watched.set(info.root, { info, watchers });
  }

  /** Stops watching every repository not in `roots`. */
  retain(roots: ReadonlySet<string>): void {
    for (const [root, w] of this.watched) {
      if (roots.has(root)) continue;
      for (const d of w.watchers) d.dispose();
      this.watched.delete(root);
    }
  }

  detachAll(): void {
    for (const w of this.watched.values()) for (const d of w.watchers) d.dispose();
    this.watched.clear();
  }

  dispose(): void {
    this.detachAll();
    for (const d of this.disposables) d.dispose();
  }

  private hook(repo: BuiltinRepository): void {
    if (this.hooked.has(repo)) return;
    this.hooked.add(repo);
    let key = stateKey(repo);
    this.disposables.push(
      repo.state.onDidChange(() => {
        // The state changes on every file save (status); only HEAD, refs and operations matter here.
        const next = stateKey(repo);
        if (next === key) return;
        key = next;
        this.onChange(repo.rootUri.fsPath, 'git extension');
      }),
    );
    this.onChange(repo.rootUri.fsPath, 'git extension opened');
  }

  private createWatchers(info: RepoInfo): vscode.Disposable[] {
    // Branch refs live in the common dir (shared by linked worktrees).
    return [
      ...this.watch(info.gitDir, '{HEAD,FETCH_HEAD,ORIG_HEAD,MERGE_HEAD,REBASE_HEAD,CHERRY_PICK_HEAD}', info),
      ...this.watch(info.commonDir, '{packed-refs,refs/**}', info),
    ];
  }

  private watch(dir: string, glob: string, info: RepoInfo): vscode.Disposable[] {
    const root = info.root ?? '';
    const fire = (uri: vscode.Uri): void => {
      // Lock files come and go during every git write; the rename that follows is the change.
      if (uri.path.endsWith('.lock')) return;
      this.onChange(root, uri.path);
    };
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), glob));
    return [watcher, watcher.onDidCreate(fire), watcher.onDidChange(fire), watcher.onDidDelete(fire)];
  }
}
