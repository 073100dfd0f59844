// Owns line attribution for open documents: blame (through the git layer, cached by HEAD, path and
// content), document symbols, and the resulting FileAttribution per document version. CodeLens and
// hover providers ask it and listen to `onDidChange`; they never run git themselves.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { attributeFile, type FileAttribution } from '../../core/attribution/attribution';
import { BlameCache, contentHash } from '../../core/attribution/blameCache';
import { commitIndexRefs } from '../../core/linking/commitRefs';
import { isPathInside } from '../../core/util/pathInside';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
import { findSymbols, type SymbolKindName, type SymbolRange } from '../../core/attribution/symbolRanges';
import { blameFile, type BlameOutcome } from '../../git/blameRunner';
import type { GitRepository } from '../../git/gitRepository';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import type { WorkModel } from '../../work/model/workModel';
import { onDidChangeSettings, readSetting, type SettingKey } from '../../settings/settings';

export interface AttributionSettings {
  readonly codeLensEnabled: boolean;
  readonly symbolKinds: readonly string[];
  readonly minLines: number;
  readonly useHistory: boolean;
  readonly lineHoverEnabled: boolean;
  readonly maxFileSize: number;
}

/** Read for each document: a folder's settings may turn lenses off for its files only. */
export function readAttributionSettings(document: vscode.Uri): AttributionSettings {
  return {
    codeLensEnabled: readSetting('codeLens.enabled', document),
    symbolKinds: readSetting('codeLens.symbolKinds', document),
    minLines: readSetting('codeLens.minLines', document),
    useHistory: readSetting('codeLens.useHistory', document),
    lineHoverEnabled: readSetting('lineHover.enabled', document),
    maxFileSize: readSetting('maxFileSize', document),
  };
}

/** The settings that change what an attribution or its lenses and hovers show. */
export const ATTRIBUTION_SETTINGS: readonly SettingKey[] = [
  'codeLens.enabled',
  'codeLens.symbolKinds',
  'codeLens.minLines',
  'codeLens.useHistory',
  'lineHover.enabled',
  'maxFileSize',
];

/** Why history is missing from an attribution, when it is. */
export type HistoryState = 'used' | 'off' | 'too-large' | 'no-repo' | 'indexing' | BlameOutcome['state'];

export interface DocumentAttribution {
  readonly attribution: FileAttribution;
  readonly folder: vscode.WorkspaceFolder;
  readonly index: RoadmapIndex;
  readonly history: HistoryState;
  /** The symbols, flattened (outer first), with their kind names. */
  readonly symbols: readonly (SymbolRange & {
    readonly vscodeKind: vscode.SymbolKind;
    readonly selectionLine: number;
  })[];
  /**
   * Where the symbols came from: VS Code's symbol provider (a language server), Roadmap Lens's own
   * finder (no provider answered, or none yet: replaced when one does), or neither.
   */
  readonly symbolSource: SymbolSource;
}

export type SymbolSource = 'provider' | 'finder' | 'none';

const KIND_NAMES: Partial<Record<vscode.SymbolKind, SymbolKindName>> = {
  [vscode.SymbolKind.Class]: 'class',
  [vscode.SymbolKind.Interface]: 'interface',
  [vscode.SymbolKind.Enum]: 'enum',
  [vscode.SymbolKind.Struct]: 'struct',
  [vscode.SymbolKind.Module]: 'module',
  [vscode.SymbolKind.Namespace]: 'module',
  [vscode.SymbolKind.Function]: 'function',
  [vscode.SymbolKind.Method]: 'method',
  [vscode.SymbolKind.Constructor]: 'method',
};

function flattenSymbols(
  list: readonly vscode.DocumentSymbol[],
  depth: number,
  out: DocumentAttribution['symbols'][number][],
): void {
  for (const s of list) {
    out.push({
      name: s.name,
      kind: KIND_NAMES[s.kind] ?? 'function',
      startLine: s.range.start.line,
      endLine: s.range.end.line,
      depth,
      vscodeKind: s.kind,
      selectionLine: s.selectionRange.start.line,
    });
    flattenSymbols(s.children ?? [], depth + 1, out);
  }
}

const VSCODE_KINDS: Record<SymbolKindName, vscode.SymbolKind> = {
  class: vscode.SymbolKind.Class,
  interface: vscode.SymbolKind.Interface,
  enum: vscode.SymbolKind.Enum,
  struct: vscode.SymbolKind.Struct,
  module: vscode.SymbolKind.Module,
  function: vscode.SymbolKind.Function,
  method: vscode.SymbolKind.Method,
  file: vscode.SymbolKind.File,
};

const DEBOUNCE_MS = 200;
/**
 * How long lenses wait for VS Code's symbol provider before using the finder's symbols. Java with
 * no Java extension never answers; a language server still starting answers late. Either way the
 * finder's lenses show now and a provider's symbols replace them when they come.
 */
const SYMBOL_WAIT_MS = 300;
/**
 * Language servers start after us (TypeScript's takes seconds on a busy machine): a file with no
 * symbols yet may mean "not ready". Lenses above functions need them, so ask again at these delays.
 */
const SYMBOL_RETRY_MS = [1000, 2000, 4000, 8000, 16000];

/** One file's blame queue: the running job, and the latest text waiting for its turn. */
interface BlameLane {
  busy: boolean;
  next: { text: string; waiters: ((outcome: BlameOutcome) => void)[] } | undefined;
}

export class AttributionModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired when attributions may have changed: roadmap, HEAD, commit index, current item or settings. */
  readonly onDidChange = this.emitter.event;

  private readonly blames = new Map<string, BlameCache<BlameOutcome>>();
  /** Blame caches are keyed by the repository's real path; this maps it back to the model's root. */
  private readonly repoRoots = new Map<string, string>();
  private readonly lanes = new Map<string, BlameLane>();
  private readonly heads = new Map<string, Promise<string | undefined>>();
  private readonly results = new Map<string, { key: string; value: Promise<DocumentAttribution | undefined> }>();
  private generation = 0;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly symbolRetries = new Map<
    string,
    { attempts: number; timer: ReturnType<typeof setTimeout> | undefined }
  >();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkModel,
  ) {
    this.subscriptions.push(
      roadmaps.onDidChange(() => this.invalidate(false)),
      // HEAD moved, the index grew or the current item changed: every cached answer may be stale.
      work.onDidChange(() => this.invalidate(true)),
      onDidChangeSettings(ATTRIBUTION_SETTINGS, () => this.invalidate(false)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const uri = doc.uri.toString();
        this.results.delete(uri);
        clearTimeout(this.symbolRetries.get(uri)?.timer);
        this.symbolRetries.delete(uri);
      }),
    );
  }

  /** The attribution of a document's current text, computed once per version and reused. */
  attributionFor(
    document: vscode.TextDocument,
    _token?: vscode.CancellationToken,
  ): Promise<DocumentAttribution | undefined> {
    const uri = document.uri.toString();
    const key = `${document.version}#${this.generation}`;
    const cached = this.results.get(uri);
    if (cached?.key === key) return cached.value;
    const value = this.compute(document).catch(() => undefined);
    this.results.set(uri, { key, value });
    return value;
  }

  /** Repositories (as the work model names them) whose blames are cached: for leak checks. */
  cachedRepositories(): readonly string[] {
    return [...new Set(this.repoRoots.values())];
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const { timer } of this.symbolRetries.values()) clearTimeout(timer);
    this.symbolRetries.clear();
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
    this.blames.clear();
    this.results.clear();
  }

  private invalidate(headMayHaveMoved: boolean): void {
    this.generation++;
    this.results.clear();
    if (headMayHaveMoved) {
      this.heads.clear();
      // Folders may have closed: their repositories' blame caches go with them.
      const open = this.work.repositoryRoots();
      for (const [realRoot, root] of this.repoRoots) {
        if (open.has(root)) continue;
        this.blames.delete(realRoot);
        this.repoRoots.delete(realRoot);
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, DEBOUNCE_MS);
  }

  private async compute(document: vscode.TextDocument): Promise<DocumentAttribution | undefined> {
    const found = this.roadmaps.roadmapForDocument(document.uri);
    if (!found || document.uri.scheme !== 'file') return undefined;
    // A roadmap file is the why itself; it gets its own hovers and diagnostics, not lenses.
    const key = document.uri.toString();
    if (this.roadmaps.files().some((f) => f.toString() === key)) return undefined;
    const { folder, index } = found;
    const settings = readAttributionSettings(document.uri);
    const text = document.getText();
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '' && text.length > 0) lines.pop();
    const provided = await this.symbols(document);
    this.noteSymbols(key, provided.length > 0 || text.trim() === '');
    let symbolSource: SymbolSource = provided.length > 0 ? 'provider' : 'none';
    let symbols = provided;
    if (provided.length === 0) {
      const found = findSymbols(document.uri.path, lines, document.languageId);
      if (found !== undefined && found.length > 0) {
        symbolSource = 'finder';
        symbols = found.map((s) => ({ ...s, vscodeKind: VSCODE_KINDS[s.kind], selectionLine: s.startLine }));
      }
    }
    const repo = this.work.repository(folder.uri);
    const root = repo?.info.root;
    const filePath = await fs.realpath(document.uri.fsPath).catch(() => document.uri.fsPath);
    const realRoot = root === undefined ? undefined : await fs.realpath(root).catch(() => root);
    const realFolder = await fs.realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
    // `paths` globs are relative to the workspace folder, which is also the git runner's cwd,
    // so the same relative path serves ownership and blame.
    const rel = path.relative(realFolder, filePath);
    const relPath = rel.split(path.sep).join('/');
    const inRepo = realRoot !== undefined && isPathInside(realRoot, filePath);
    const base = { lines, relPath, roadmap: index, symbols };
    const status = this.work.status(folder.uri);
    const currentItemId = status.kind === 'ready' ? status.current?.item.id : undefined;

    let history: HistoryState;
    if (!settings.useHistory) history = 'off';
    else if (text.length > settings.maxFileSize) history = 'too-large';
    else if (!repo || realRoot === undefined || !inRepo || !isPathInside(realFolder, filePath)) history = 'no-repo';
    else {
      if (root !== undefined) this.repoRoots.set(realRoot, root);
      const outcome = await this.blame(repo, realRoot, relPath, text);
      if (outcome.state === 'ok') {
        const indexOfCommits = this.work.commitIndex(folder.uri);
        const attribution = attributeFile({
          ...base,
          blame: outcome.blame,
          commits: indexOfCommits ? commitIndexRefs(indexOfCommits) : undefined,
          currentItemId,
        });
        return {
          attribution,
          folder,
          index,
          history: indexOfCommits ? 'used' : 'indexing',
          symbols,
          symbolSource,
        };
      }
      if (outcome.state === 'untracked') {
        return {
          attribution: attributeFile({ ...base, allUncommitted: true, currentItemId }),
          folder,
          index,
          history: 'untracked',
          symbols,
          symbolSource,
        };
      }
      history = outcome.state;
    }
    return { attribution: attributeFile(base), folder, index, history, symbols, symbolSource };
  }

  /**
   * VS Code's symbols for the document, or [] when no provider answers within SYMBOL_WAIT_MS. A late
   * answer with symbols drops this version's result so the provider's symbols replace the finder's.
   */
  private async symbols(document: vscode.TextDocument): Promise<DocumentAttribution['symbols'][number][]> {
    const uri = document.uri.toString();
    const version = document.version;
    const asked = Promise.resolve(
      vscode.commands.executeCommand<unknown>('vscode.executeDocumentSymbolProvider', document.uri),
    ).then(
      (result) => this.toSymbols(result),
      () => [],
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = Symbol('late');
    const waited = new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), SYMBOL_WAIT_MS);
    });
    const first = await Promise.race([asked, waited]);
    clearTimeout(timer);
    if (first !== late) return first;
    void asked.then((symbols) => {
      if (symbols.length === 0 || this.disposed) return;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (open?.version !== version) return;
      this.results.delete(uri);
      this.emitter.fire();
    });
    return [];
  }

  private toSymbols(result: unknown): DocumentAttribution['symbols'][number][] {
    if (!Array.isArray(result)) return [];
    const out: DocumentAttribution['symbols'][number][] = [];
    // Providers may answer with flat SymbolInformation; only DocumentSymbol has a full range and children.
    const documentSymbols = (result as unknown[]).filter(
      (s): s is vscode.DocumentSymbol =>
        s instanceof vscode.DocumentSymbol || (typeof s === 'object' && s !== null && 'selectionRange' in s),
    );
    flattenSymbols(documentSymbols, 0, out);
    if (out.length === 0) {
      for (const s of result as unknown[]) {
        if (s instanceof vscode.SymbolInformation) {
          out.push({
            name: s.name,
            kind: KIND_NAMES[s.kind] ?? 'function',
            startLine: s.location.range.start.line,
            endLine: s.location.range.end.line,
            depth: 0,
            vscodeKind: s.kind,
            selectionLine: s.location.range.start.line,
          });
        }
      }
    }
    return out;
  }

  /** No symbols for a non-empty file: drop its answer and ask again later, a few times. */
  private noteSymbols(uri: string, found: boolean): void {
    const entry = this.symbolRetries.get(uri);
    if (found) {
      clearTimeout(entry?.timer);
      this.symbolRetries.delete(uri);
      return;
    }
    const attempts = entry?.attempts ?? 0;
    const delay = SYMBOL_RETRY_MS[attempts];
    if (entry?.timer !== undefined || delay === undefined) return;
    const timer = setTimeout(() => {
      this.symbolRetries.set(uri, { attempts: attempts + 1, timer: undefined });
      this.results.delete(uri);
      this.emitter.fire();
    }, delay);
    this.symbolRetries.set(uri, { attempts, timer });
  }

  private head(repo: GitRepository, root: string): Promise<string | undefined> {
    let head = this.heads.get(root);
    if (!head) {
      head = repo.resolve('HEAD').catch(() => undefined);
      this.heads.set(root, head);
    }
    return head;
  }

  /**
   * Blame of the buffer's text (`--contents -`), so lines match what the user sees even unsaved.
   * (A file in a non-UTF-8 encoding is re-encoded as UTF-8 on the way, so its non-ASCII lines
   * read as changed.) At most one git process per file at a time: while one runs, requests for
   * newer text wait and only the latest text is blamed next, so typing never queues up blames.
   */
  private async blame(repo: GitRepository, root: string, relPath: string, text: string): Promise<BlameOutcome> {
    const head = await this.head(repo, root);
    let cache = this.blames.get(root);
    if (!cache) {
      cache = new BlameCache<BlameOutcome>({ maxEntries: 64, maxWeight: 2_000_000 });
      this.blames.set(root, cache);
    }
    cache.setHead(head);
    const hit = cache.get({ head, path: relPath, contentHash: contentHash(text) });
    if (hit) return hit;
    const laneKey = `${root}\0${relPath}`;
    let lane = this.lanes.get(laneKey);
    if (!lane) {
      lane = { busy: false, next: undefined };
      this.lanes.set(laneKey, lane);
    }
    const target = lane;
    return new Promise<BlameOutcome>((resolve) => {
      if (target.next) {
        target.next.text = text;
        target.next.waiters.push(resolve);
      } else {
        target.next = { text, waiters: [resolve] };
      }
      if (!target.busy) void this.drain(repo, relPath, head, cache, target, laneKey);
    });
  }

  private async drain(
    repo: GitRepository,
    relPath: string,
    head: string | undefined,
    cache: BlameCache<BlameOutcome>,
    lane: BlameLane,
    laneKey: string,
  ): Promise<void> {
    lane.busy = true;
    try {
      while (lane.next) {
        const job = lane.next;
        lane.next = undefined;
        const outcome = await blameFile(repo.git, relPath, { contents: job.text });
        if (outcome.state === 'ok' || outcome.state === 'untracked' || outcome.state === 'binary') {
          cache.set(
            { head, path: relPath, contentHash: contentHash(job.text) },
            outcome,
            outcome.state === 'ok' ? Math.max(1, outcome.blame.lineCount) : 1,
          );
        }
        for (const resolve of job.waiters) resolve(outcome);
      }
    } finally {
      lane.busy = false;
      this.lanes.delete(laneKey);
    }
  }
}
