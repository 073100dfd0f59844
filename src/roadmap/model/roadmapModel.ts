// Owns the roadmap of every workspace folder (multi-root: one roadmap per folder) and tells
// subscribers when it changes. The only place that finds and reads roadmap files: views and
// providers ask this model and listen to `onDidChange`.

import * as vscode from 'vscode';
import { RoadmapFileSet } from '../../core/roadmap/roadmapFileSet';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
import type { ParsedRoadmapFile, RoadmapDiagnostic, RoadmapItem } from '../../core/roadmap/roadmapTypes';
import { RoadmapParser } from './roadmapParser';
import { RoadmapWatcher, type WatchTarget } from './roadmapWatcher';
import { GitObjectRoadmaps } from './gitObjectRoadmaps';
import { findRoadmapFiles, roadmapGlobsFor } from './findRoadmapFiles';
import { RoadmapFileReader } from './roadmapFileReader';

export interface FoundItem {
  readonly item: RoadmapItem;
  readonly folder: vscode.WorkspaceFolder;
  readonly index: RoadmapIndex;
}

export interface FolderRoadmap {
  readonly folder: vscode.WorkspaceFolder;
  readonly index: RoadmapIndex;
}

/** Edits show within a second; bursts of keystrokes or file events collapse into one reload. */
const DEBOUNCE_MS = 200;
const MAX_WAIT_MS = 800;

export class RoadmapModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired after any roadmap, its diagnostics, or the set of folders changed. */
  readonly onDidChange = this.emitter.event;
  private readonly foundEmitter = new vscode.EventEmitter<void>();
  /**
   * Fired when a discovery has listed the roadmap files, before they are read: a 10,000-item
   * roadmap takes seconds to parse, and the commands that need a roadmap (their `when` clause is
   * `hasRoadmap`) must be offered from the moment its files are known, not after the parse.
   */
  readonly onDidFindFiles = this.foundEmitter.event;

  private readonly sets = new Map<string, { folder: vscode.WorkspaceFolder; files: RoadmapFileSet }>();
  private readonly watcher: RoadmapWatcher;
  private pendingFiles = new Set<string>();
  private pendingDiscovery = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private running: Promise<void> = Promise.resolve();
  /** Roadmaps kept in git (`REV:PATH`): their read-only documents and ref checks use it. */
  readonly gitObjects = new GitObjectRoadmaps(() => this.schedule());
  private noticeLines: readonly string[] = [];
  private loadedOnce = false;
  /** Roadmap files the first discovery listed (what `hasFiles` says until the first load ends). */
  private firstFound = 0;
  private resolveLoaded: () => void = () => undefined;
  private readonly loaded = new Promise<void>((resolve) => (this.resolveLoaded = resolve));
  private disposed = false;
  /** Reads, checks and parses files (through the parsed-roadmap cache): where a parse came from. */
  readonly reader: RoadmapFileReader;

  /** `parser`: where files are parsed (a worker thread in the extension: see roadmapParser.ts). */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly parser: RoadmapParser = new RoadmapParser(undefined),
  ) {
    this.reader = new RoadmapFileReader((file, text) => parser.parse(file, text), this.gitObjects, log);
    this.watcher = new RoadmapWatcher({
      globsFor: (folder) => roadmapGlobsFor(folder),
      isRoadmapFile: (uri) => this.owningSets(uri).length > 0,
      onFileChanged: (uri) => this.schedule(uri),
      onRediscover: () => this.schedule(),
    });
  }

  /** True once the first discovery and parse finished (the welcome view waits for it). */
  get ready(): boolean {
    return this.loadedOnce;
  }

  /**
   * Whether the workspace has roadmap files. Before the first load ends, what discovery listed
   * (the files are known long before a large roadmap is parsed); after it, the files read.
   */
  hasFiles(): boolean {
    return this.loadedOnce ? this.files().length > 0 : this.firstFound > 0;
  }

  /**
   * Resolves once the first discovery and parse finished (or failed). Commands run before that
   * (from the palette, a keybinding) wait for it rather than say there is no roadmap.
   */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Loads everything now; later changes arrive through the watchers. */
  async start(): Promise<void> {
    this.watcher.watch(vscode.workspace.workspaceFolders ?? []);
    await this.reloadNow();
  }

  /** Rediscovers and rereads every roadmap file (the Refresh command). */
  async refresh(): Promise<void> {
    this.pendingDiscovery = true;
    await this.reloadNow();
  }

  /** Folders that have at least one roadmap file, in workspace order. */
  folders(): vscode.WorkspaceFolder[] {
    return this.roadmaps().map((r) => r.folder);
  }

  roadmaps(): FolderRoadmap[] {
    // Until the first load ends the sets fill file by file: a tree or hover asking then would show
    // half a roadmap (features without their epics) and pay for indexes of it. None until then.
    if (!this.loadedOnce) return [];
    return [...this.sets.values()]
      .filter((s) => s.files.size > 0)
      .sort((a, b) => a.folder.index - b.folder.index)
      .map((s) => ({ folder: s.folder, index: s.files.index }));
  }

  indexFor(folderUri: vscode.Uri): RoadmapIndex | undefined {
    if (!this.loadedOnce) return undefined;
    const set = this.sets.get(folderUri.toString());
    return set && set.files.size > 0 ? set.files.index : undefined;
  }

  /**
   * The roadmap that ids in `uri` refer to: its own folder's, or else the first folder's that has
   * one (a docs folder in a multi-root workspace talks about the app folder's roadmap).
   */
  roadmapForDocument(uri: vscode.Uri): FolderRoadmap | undefined {
    const all = this.roadmaps();
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return all.find((r) => folder !== undefined && r.folder.uri.toString() === folder.uri.toString()) ?? all[0];
  }

  allItems(): FoundItem[] {
    return this.roadmaps().flatMap(({ folder, index }) => index.items.map((item) => ({ item, folder, index })));
  }

  /** The item with this id or ref; with `folderUri`, only in that folder's roadmap. */
  find(idOrAlias: string, folderUri?: vscode.Uri): FoundItem | undefined {
    for (const { folder, index } of this.roadmaps()) {
      if (folderUri !== undefined && folder.uri.toString() !== folderUri.toString()) continue;
      const item = index.get(idOrAlias);
      if (item) return { item, folder, index };
    }
    return undefined;
  }

  /**
   * Every folder's diagnostics, including those of folders whose roadmap has no items left. A file
   * several folders share (a roadmap outside them) reports its own problems once.
   */
  diagnostics(): RoadmapDiagnostic[] {
    const seen = new Set<string>();
    const out: RoadmapDiagnostic[] = [];
    for (const s of this.sets.values()) {
      const files = new Set(s.files.fileNames().filter((f) => !seen.has(f)));
      for (const d of s.files.diagnostics) if (files.has(d.file) || !seen.has(d.file)) out.push(d);
      for (const f of files) seen.add(f);
    }
    return out;
  }

  /** The roadmap files currently known, each once (for diagnostics bookkeeping and tests). */
  files(): vscode.Uri[] {
    const names = new Set([...this.sets.values()].flatMap((s) => s.files.fileNames()));
    return [...names].map((f) => vscode.Uri.parse(f));
  }

  /**
   * Parses a text that is not one of the roadmap's files now (an old revision of one, for the
   * metric history), the way its files are parsed: on the worker thread when large.
   */
  parseRevision(file: string, text: string): Promise<ParsedRoadmapFile> {
    return this.parser.parse(file, text);
  }

  /**
   * Why an edit cannot go into this roadmap file (one line naming it), or undefined when it can:
   * a git object (`REV:PATH`), or a file or folder without write permission.
   */
  readOnlyReason(file: string): string | undefined {
    const spec = this.gitObjects.specText(file);
    if (spec !== undefined)
      return `${spec} is a roadmap kept in git (read with git, shown read-only); Roadmap Lens cannot edit a git object: edit the file on that branch and commit. Nothing was changed.`;
    return this.reader.writeProblem(file);
  }

  /** Roadmaps the settings name that are not read now, with why (Restricted Mode: no git). */
  notices(): readonly string[] {
    return this.noticeLines;
  }

  dispose(): void {
    this.disposed = true;
    this.gitObjects.dispose();
    if (this.timer) clearTimeout(this.timer);
    this.watcher.dispose();
    this.emitter.dispose();
    this.foundEmitter.dispose();
    // Nothing will load any more: whoever waits for the first load must not wait forever.
    this.resolveLoaded();
    this.parser.dispose();
  }

  /** The folders' file sets that hold this file: several when folders share a roadmap outside them. */
  private owningSets(uri: vscode.Uri): RoadmapFileSet[] {
    const key = uri.toString();
    return [...this.sets.values()].filter((s) => s.files.has(key)).map((s) => s.files);
  }

  /** With a uri: reread that file; without: rediscover all files. Debounced. */
  private schedule(uri?: vscode.Uri): void {
    if (this.disposed) return;
    if (uri) this.pendingFiles.add(uri.toString());
    else this.pendingDiscovery = true;
    // Debounce, but never past MAX_WAIT_MS: steady typing must still show within a second.
    const now = Date.now();
    if (this.timer) {
      if (now - this.firstPendingAt >= MAX_WAIT_MS - DEBOUNCE_MS) return;
      clearTimeout(this.timer);
    } else {
      this.firstPendingAt = now;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reloadNow().catch((err: unknown) => this.log.error('Reloading the roadmap failed', err));
    }, DEBOUNCE_MS);
  }

  /** Reloads serially: a reload started during another one runs after it, on fresh state. */
  private reloadNow(): Promise<void> {
    this.running = this.running
      .then(() => this.reload())
      .catch((err: unknown) => this.log.error('Reloading the roadmap failed', err))
      // Even a failed first load ends the wait of commands run before it.
      .then(() => this.resolveLoaded());
    return this.running;
  }

  private async reload(): Promise<void> {
    if (this.disposed) return;
    const discovery = this.pendingDiscovery;
    const changed = this.pendingFiles;
    this.pendingDiscovery = false;
    this.pendingFiles = new Set();
    const started = Date.now();

    if (discovery) await this.discover();
    else
      await Promise.all(
        [...changed].map((f) => this.readInto(vscode.Uri.parse(f), this.owningSets(vscode.Uri.parse(f)))),
      );

    if (this.disposed) return;
    this.loadedOnce = true;
    const itemCount = this.roadmaps().reduce((n, r) => n + r.index.items.length, 0);
    this.log.debug(`Roadmap loaded: ${itemCount} items in ${this.files().length} files (${Date.now() - started} ms)`);
    this.emitter.fire();
  }

  /** Finds the files of every folder; drops folders and files that are gone. */
  private async discover(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    this.watcher.watch(folders);
    const live = new Set(folders.map((f) => f.uri.toString()));
    for (const key of [...this.sets.keys()]) if (!live.has(key)) this.sets.delete(key);

    const outside: WatchTarget[] = [];
    const notices: string[] = [];
    // A roadmap shared by several folders is read and parsed once, into each of their sets.
    const reads = new Map<string, { uri: vscode.Uri; sets: RoadmapFileSet[] }>();
    await Promise.all(
      folders.map(async (folder) => {
        const found = await findRoadmapFiles(folder, outside, this.gitObjects, this.log, notices);
        const key = folder.uri.toString();
        const files = this.sets.get(key)?.files ?? new RoadmapFileSet();
        this.sets.set(key, { folder, files });
        const wanted = new Set(found.map((u) => u.toString()));
        for (const name of files.fileNames()) if (!wanted.has(name)) files.delete(name);
        for (const uri of found) {
          const read = reads.get(uri.toString()) ?? { uri, sets: [] };
          read.sets.push(files);
          reads.set(uri.toString(), read);
        }
      }),
    );
    if (!this.loadedOnce) this.firstFound = reads.size;
    this.foundEmitter.fire();
    this.gitObjects.keepOnly(new Set(reads.keys()));
    this.noticeLines = notices;
    await Promise.all([...reads.values()].map(({ uri, sets }) => this.readInto(uri, sets)));
    this.watcher.watchOutside(outside);
  }

  /** Parses one file into the sets that hold it (one per folder using it); a file that vanished leaves them. */
  private async readInto(uri: vscode.Uri, sets: readonly RoadmapFileSet[]): Promise<void> {
    if (sets.length === 0) return;
    const key = uri.toString();
    const file = await this.reader.read(uri);
    if (file === undefined) {
      for (const set of sets) set.delete(key);
      return;
    }
    for (const set of sets) set.set(file);
  }
}
