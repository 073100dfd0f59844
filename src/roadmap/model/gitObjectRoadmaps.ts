// Roadmaps kept in git rather than in a working tree (`roadmapLens.files: ["origin/roadmap:roadmap.yaml"]`):
// read with `git cat-file` through the git layer, in trusted workspaces only, and re-read when the
// ref moves (a fetch, a commit). Each one is a document of its own URI scheme, which VS Code opens
// read-only (a content provider serves the text this holds); edits into it are refused with a
// sentence that names the object.

import * as vscode from 'vscode';
import { formatGitObjectSpec, type GitObjectSpec } from '../../core/roadmap/gitObjectSpec';
import { GitObjectNotFoundError, readGitObjectFile } from '../../git/gitObjectFile';
import { assertSafeRef } from '../../git/gitHardening';
import { GitRunner } from '../../git/gitRunner';

export const GIT_ROADMAP_SCHEME = 'roadmap-lens-git';

interface Known {
  readonly folder: string;
  readonly spec: GitObjectSpec;
  /** The blob last read (a moved ref names another one). */
  oid?: string | undefined;
  text?: string | undefined;
}

export class GitObjectRoadmaps implements vscode.Disposable {
  private readonly known = new Map<string, Known>();
  private readonly runners = new Map<string, GitRunner>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fired when an object's text was read anew (the content provider's documents follow). */
  readonly onDidChange = this.emitter.event;
  private checking = false;

  /** `onMoved`: a ref moved (or a missing object appeared): the model finds and reads again. */
  constructor(private readonly onMoved: () => void) {}

  /** The URI a folder's `REV:PATH` entry is known by: the path under the folder, the rev as query. */
  uriFor(folder: vscode.WorkspaceFolder, spec: GitObjectSpec): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: GIT_ROADMAP_SCHEME,
      path: `${folder.uri.path.replace(/\/$/, '')}/${spec.path}`,
      query: spec.rev,
    });
    this.known.set(uri.toString(), { folder: folder.uri.fsPath, spec, ...this.known.get(uri.toString()) });
    return uri;
  }

  /** The git objects known now, as URIs. */
  uris(): vscode.Uri[] {
    return [...this.known.keys()].map((k) => vscode.Uri.parse(k));
  }

  /** `REV:PATH` of a URI of this scheme (for messages). */
  specText(uri: vscode.Uri | string): string | undefined {
    const k = this.known.get(uri.toString());
    return k ? formatGitObjectSpec(k.spec) : undefined;
  }

  /** The text last read (the content provider serves it). */
  text(uri: vscode.Uri): string | undefined {
    return this.known.get(uri.toString())?.text;
  }

  /** Reads the object; undefined when the rev or the path does not exist (logged by the caller). */
  async read(uri: vscode.Uri): Promise<string | undefined> {
    const k = this.known.get(uri.toString());
    if (!k || !vscode.workspace.isTrusted) return undefined;
    const git = this.runner(k.folder);
    try {
      const oid = await this.objectId(git, k.spec);
      const text = await readGitObjectFile(git, k.spec);
      const changed = k.text !== text;
      k.oid = oid;
      k.text = text;
      if (changed) this.emitter.fire(uri);
      return text;
    } catch (e) {
      if (e instanceof GitObjectNotFoundError) {
        k.oid = undefined;
        k.text = undefined;
        return undefined;
      }
      throw e;
    }
  }

  /**
   * After a fetch or a commit: calls `onMoved` when a rev now names another blob than the one read
   * (one `git rev-parse` per object; nothing when there are none). Calls during a check are dropped.
   */
  async check(): Promise<void> {
    if (this.checking || !vscode.workspace.isTrusted) return;
    this.checking = true;
    try {
      for (const k of this.known.values()) {
        const oid = await this.objectId(this.runner(k.folder), k.spec).catch(() => undefined);
        if (oid !== k.oid) {
          this.onMoved();
          return;
        }
      }
    } finally {
      this.checking = false;
    }
  }

  /** Forgets objects no folder names any more. */
  keepOnly(live: ReadonlySet<string>): void {
    for (const key of [...this.known.keys()]) if (!live.has(key)) this.known.delete(key);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private async objectId(git: GitRunner, spec: GitObjectSpec): Promise<string | undefined> {
    const r = await git.exec(['rev-parse', '--verify', '--quiet', `${assertSafeRef(spec.rev)}:${spec.path}`], {
      okExitCodes: [1, 128],
    });
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
  }

  private runner(folder: string): GitRunner {
    let git = this.runners.get(folder);
    if (!git) {
      git = new GitRunner({ cwd: folder, isTrusted: () => vscode.workspace.isTrusted });
      this.runners.set(folder, git);
    }
    return git;
  }
}
