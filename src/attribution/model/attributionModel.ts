// Owns line attribution for open documents: blame (through the git layer, cached by HEAD, path and
// content), document symbols, and the resulting FileAttribution per document version. CodeLens and
// hover providers ask it and listen to `onDidChange`; they never run git themselves.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { attributeFile, type FileAttribution } from '../../core/attribution/attribution';
import { commitItemLinks } from '../../core/linking/commitItemLinks';
import { isPathInside } from '../../core/util/pathInside';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
import type { BlameOutcome } from '../../git/blameRunner';
import type { RoadmapModel } from '../../roadmap/model/roadmapModel';
import type { FolderHistory, HistoryBlame, WorkHistorySource } from '../../work/model/workHistory';
import { BlameQueue } from './blameQueue';
import { finderSymbols, readDocumentSymbols, type DocumentSymbolRange, type SymbolSource } from './documentSymbols';
import { onDidChangeSettings, readSetting, type SettingKey } from '../../settings/settings';
import { StartupHold } from './startupWait';
import { WorkFingerprint } from './workFingerprint';
import { SymbolRetries } from './symbolRetries';

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
  readonly symbols: readonly DocumentSymbolRange[];
  readonly symbolSource: SymbolSource;
  /** Where the blame came from (git, or the blame store on disk); undefined when none was used. */
  readonly blameFrom: HistoryBlame['from'] | undefined;
}

export type { SymbolSource } from './documentSymbols';

const DEBOUNCE_MS = 200;
/**
 * How long lenses wait for VS Code's symbol provider before using the finder's symbols. Java with
 * no Java extension never answers; a language server still starting answers late. Either way the
 * finder's lenses show now and a provider's symbols replace them when they come.
 */
const SYMBOL_WAIT_MS = 300;

export class AttributionModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fired when attributions may have changed: roadmap, HEAD, commit index, current item or settings. */
  readonly onDidChange = this.emitter.event;

  private readonly blames = new BlameQueue();
  private readonly results = new Map<string, { key: string; value: Promise<DocumentAttribution | undefined> }>();
  private generation = 0;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** An answer was given before the roadmap or git was first read: the next change fires at once. */
  private waiting = false;
  /** A file with no symbols yet: its provider is asked again a few times (symbolRetries.ts). */
  private readonly symbolRetries = new SymbolRetries((document, symbols) =>
    this.symbolsArrived(document, document.version, symbols),
  );
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Symbols a provider gave after the answer was given, for that version of the document. */
  private readonly lateSymbols = new Map<string, { version: number; symbols: DocumentSymbolRange[] }>();
  /** Answers asked for before the roadmap and the folder's history are read wait (startupWait.ts). */
  private readonly startup: StartupHold;
  /**
   * Languages whose symbol provider has answered with symbols in this window: lenses wait for it
   * (up to SYMBOL_WAIT_MS). For the others, the first answer waits no longer than the blame and
   * uses the finder's symbols; a provider still starting replaces them when it answers.
   */
  private readonly providerLanguages = new Set<string>();
  private readonly createdAt = performance.now();
  private firstLensLogged = false;
  /** What of the work model answers depend on, as last seen (see workFingerprint.ts). */
  private readonly workSeen = new WorkFingerprint();

  constructor(
    private readonly roadmaps: RoadmapModel,
    private readonly work: WorkHistorySource,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    // A held answer read the state as it started: unless something changed after, VS Code only
    // needs to ask again (now, not after the debounce) to get that very answer.
    this.startup = new StartupHold(roadmaps, work, (stale) => (stale ? this.invalidate(true) : this.fireNow()));
    this.subscriptions.push(
      roadmaps.onDidChange(() => this.invalidate(false)),
      // HEAD moved, the index grew or the current item changed: every cached answer may be stale.
      // Other work changes (branches, the summary, status lines) change no answer: each would
      // only make VS Code ask for every lens again (at startup, several in the first second).
      work.onDidChange(() => {
        if (this.workSeen.changed(roadmaps, work)) this.invalidate(true);
      }),
      onDidChangeSettings(ATTRIBUTION_SETTINGS, () => this.invalidate(false)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const uri = doc.uri.toString();
        this.results.delete(uri);
        this.symbolRetries.forget(uri);
        this.lateSymbols.delete(uri);
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
    const value = this.startup
      .answer(
        document.uri,
        () => this.compute(document),
        () => this.disposed,
      )
      .catch(() => undefined);
    this.results.set(uri, { key, value });
    return value;
  }

  /** Repositories (as the work model names them) whose blames are cached: for leak checks. */
  cachedRepositories(): readonly string[] {
    return this.blames.cachedRepositories();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.symbolRetries.dispose();
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
    this.blames.clear();
    this.results.clear();
  }

  /**
   * A provider answered with symbols after the answer for `version` was given (past the first wait,
   * or on a retry): keep them for that version (asking again may be late again: a 10,000-line file)
   * and drop its answer once, so they replace the finder's.
   */
  private symbolsArrived(document: vscode.TextDocument, version: number, symbols: DocumentSymbolRange[]): void {
    if (this.disposed) return;
    this.providerLanguages.add(document.languageId);
    const key = document.uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open?.version !== version) return;
    const had = this.lateSymbols.get(key)?.version === version;
    this.lateSymbols.set(key, { version, symbols });
    if (had) return;
    this.results.delete(key);
    this.emitter.fire();
  }

  /** Ask VS Code to ask again now: the answers cached are current. */
  private fireNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = false;
    this.emitter.fire();
  }

  private invalidate(headMayHaveMoved: boolean): void {
    if (this.startup.holdChange()) return;
    this.generation++;
    this.results.clear();
    // Folders may have closed: their repositories' blame caches go with them.
    if (headMayHaveMoved) this.blames.headsMayHaveMoved(this.work.repositoryRoots());
    if (this.timer) clearTimeout(this.timer);
    if (this.waiting) {
      // An open file's answer waits for this first load: no debounce (after a restart this is
      // the moment its lenses can show).
      this.waiting = false;
      this.timer = undefined;
      this.emitter.fire();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, DEBOUNCE_MS);
  }

  private async compute(document: vscode.TextDocument): Promise<DocumentAttribution | undefined> {
    const found = this.roadmaps.roadmapForDocument(document.uri);
    if (!found || document.uri.scheme !== 'file') {
      if (!this.roadmaps.ready) this.waiting = true;
      return undefined;
    }
    // A roadmap file is the why itself; it gets its own hovers and diagnostics, not lenses.
    const key = document.uri.toString();
    if (this.roadmaps.files().some((f) => f.toString() === key)) return undefined;
    const { folder, index } = found;
    const settings = readAttributionSettings(document.uri);
    const text = document.getText();
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '' && text.length > 0) lines.pop();
    const version = document.version;
    // Blame starts now, alongside the wait for VS Code's symbols (up to SYMBOL_WAIT_MS), not after
    // it: on a freshly opened file the first lens waits for the slower of the two, not their sum.
    const blamed = this.historyOf(document, folder, text, settings);
    const language = document.languageId;
    const waitFor = this.providerLanguages.has(language) ? undefined : blamed;
    const late = this.lateSymbols.get(key);
    const provided =
      late?.version === version
        ? late.symbols
        : await readDocumentSymbols(document, SYMBOL_WAIT_MS, waitFor, (symbols) =>
            this.symbolsArrived(document, version, symbols),
          );
    if (provided.length > 0) this.providerLanguages.add(language);
    this.symbolRetries.note(document, provided.length > 0 || text.trim() === '');
    const fromFinder = provided.length > 0 ? [] : finderSymbols(document, lines);
    const symbols = provided.length > 0 ? provided : fromFinder;
    const symbolSource: SymbolSource = provided.length > 0 ? 'provider' : fromFinder.length > 0 ? 'finder' : 'none';
    const { relPath, state, history, blame } = await blamed;
    // At startup the stored commit index is read while the blame store answers: wait for it here.
    if (history && !history.commitIndex()) await this.startup.indexRead(document.uri);
    this.startup.stateRead();
    const base = { lines, relPath, roadmap: index, symbols };
    const status = this.work.status(folder.uri);
    const currentItemId = status.kind === 'ready' ? status.current?.item.id : undefined;
    const common = { folder, index, symbols, symbolSource, blameFrom: blame?.from };
    const outcome = blame?.outcome;
    if (outcome?.state === 'ok') {
      const indexOfCommits = history?.commitIndex();
      if (!this.firstLensLogged && indexOfCommits) {
        this.firstLensLogged = true;
        this.log?.info(
          `First lens answer (${relPath}): ${(performance.now() - this.createdAt).toFixed(0)} ms after activation; blame from the ${blame?.from === 'store' ? 'blame store' : 'git'}, symbols from the ${symbolSource}`,
        );
      }
      const attribution = attributeFile({
        ...base,
        blame: outcome.blame,
        commits: indexOfCommits ? commitItemLinks(indexOfCommits) : undefined,
        currentItemId,
      });
      return { ...common, attribution, history: indexOfCommits ? 'used' : 'indexing' };
    }
    if (outcome?.state === 'untracked') {
      return {
        ...common,
        attribution: attributeFile({ ...base, allUncommitted: true, currentItemId }),
        history: 'untracked',
      };
    }
    return { ...common, attribution: attributeFile(base), history: outcome?.state ?? state };
  }

  /** The file's path in its folder and, when history applies, its blame (or why not). */
  private async historyOf(
    document: vscode.TextDocument,
    folder: vscode.WorkspaceFolder,
    text: string,
    settings: AttributionSettings,
  ): Promise<{ relPath: string; state: HistoryState; history?: FolderHistory; blame?: HistoryBlame }> {
    const history = this.work.history(folder.uri);
    const root = history?.root;
    const filePath = await fs.realpath(document.uri.fsPath).catch(() => document.uri.fsPath);
    const realRoot = root === undefined ? undefined : await fs.realpath(root).catch(() => root);
    const realFolder = await fs.realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
    // `paths` globs are relative to the workspace folder, which is also the git runner's cwd,
    // so the same relative path serves ownership and blame.
    const relPath = path.relative(realFolder, filePath).split(path.sep).join('/');
    if (!settings.useHistory) return { relPath, state: 'off' };
    if (text.length > settings.maxFileSize) return { relPath, state: 'too-large' };
    if (
      !history ||
      realRoot === undefined ||
      !isPathInside(realRoot, filePath) ||
      !isPathInside(realFolder, filePath)
    ) {
      if (!history && this.work.status(folder.uri).kind === 'loading') this.waiting = true;
      return { relPath, state: 'no-repo' };
    }
    // The blame store is keyed by the path in the repository, the same for the CLI and every folder.
    const repoPath = path.relative(realRoot, filePath).split(path.sep).join('/');
    const blame = await this.blames.blame(history, realRoot, { relPath, repoPath, text, saved: !document.isDirty });
    return { relPath, state: 'used', history, blame };
  }
}
