// Entry point. activate() only wires: build the model, register each feature, start loading.
// Every registration lands in context.subscriptions, so deactivation cleans up everything.

import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME, Views } from './commands/commandIds';
import { gitProcessesStarted } from './git/gitProcessCounter';
import { killRunningGitProcesses } from './git/gitProcessGroups';
import { AttributionModel } from './attribution/model/attributionModel';
import { RoadmapModel } from './roadmap/model/roadmapModel';
import { RoadmapParser } from './roadmap/model/roadmapParser';
import { activeBuiltinGitApi, type GitApi } from './work/model/builtinGitApi';
import { CommitIndexStore } from './work/model/commitIndexStore';
import { WorkModel } from './work/model/workModel';
import { DriftModel } from './work/model/driftModel';
import { MetricHistoryModel } from './work/model/metricHistoryModel';
import { registerDriftDiagnostics } from './roadmap/driftDiagnostics';
import { registerDriftQuickFix } from './roadmap/driftQuickFix';
import { registerItemHoverProvider } from './roadmap/itemHoverProvider';
import { registerItemLinkProvider } from './roadmap/itemLinkProvider';
import { LineHoverSection } from './attribution/lineHoverProvider';
import { registerTargetQuickFix } from './roadmap/targetQuickFix';
import { lensCommands, registerRoadmapCodeLens } from './attribution/roadmapCodeLensProvider';
import { registerRoadmapDiagnostics } from './roadmap/roadmapDiagnostics';
import { registerGitRoadmapDocuments } from './roadmap/gitRoadmapDocuments';
import { afterLoad, registerCommands } from './commands/commandRegistry';
import { findItemCommand } from './roadmap/findItemQuickPick';
import { itemCommands } from './roadmap/itemCommands';
import type { RoadmapNode, RoadmapTreeProvider } from './roadmap/roadmapTreeProvider';
import { registerRoadmapTreeView } from './roadmap/roadmapTreeView';
import { starterRoadmapCommand } from './roadmap/starterRoadmapCommand';
import { registerImportRoadmapCommand } from './roadmap/importRoadmapCommand';
import type { CurrentItemStatusBar } from './work/currentItemStatusBar';
import { registerWorkViews } from './work/registerWorkViews';
import { tagCommands } from './work/tagCommands';
import { workCommands } from './work/workCommands';
import { windowIndexProgress } from './work/windowIndexProgress';
import { WorkTreeContributor } from './work/workTreeContributor';
import { registerVisuals, visualCommands, type VisualFeatures } from './roadmap/registerVisuals';
import { registerLanguageFeatures, type LanguageFeatures } from './language/registerLanguage';

/** What activate() returns: used by the extension-host tests, not a public API. */
export interface RoadmapLensApi {
  readonly model: RoadmapModel;
  readonly tree: RoadmapTreeProvider;
  /** The Roadmap view itself: its selection and visibility show what a reveal did. */
  readonly treeView: vscode.TreeView<RoadmapNode>;
  readonly work: WorkModel;
  /** Where each folder's commit index is persisted. */
  readonly commitIndexStore: CommitIndexStore;
  /** The built-in git extension's API once it is active (its Source Control input box). */
  readonly builtinGit: GitApi | undefined;
  readonly drift: DriftModel;
  readonly statusBar: CurrentItemStatusBar;
  readonly workTree: WorkTreeContributor;
  readonly visuals: VisualFeatures;
  readonly attribution: AttributionModel;
  readonly language: LanguageFeatures;
  /** How long activate() took and how many git processes it started (reported by the real-VS-Code run). */
  readonly activation: ActivationStats;
}

export interface ActivationStats {
  /** activate() itself: wiring only; the roadmap loads after it returns. */
  readonly ms: number;
  /** Git processes started before activate() returned: none, git work starts in the background. */
  readonly gitProcesses: number;
  /** The first roadmap load: when it finished (ms after activation began) and what it found. */
  readonly roadmapLoaded: Promise<RoadmapLoadStats>;
  /** When the first discovery listed the roadmap files (ms after activation began): `hasRoadmap` is set then. */
  readonly roadmapFilesFound: Promise<number>;
}

export interface RoadmapLoadStats {
  readonly ms: number;
  readonly items: number;
  readonly files: number;
}

export function activate(context: vscode.ExtensionContext): RoadmapLensApi | undefined {
  const started = performance.now();
  const gitBefore = gitProcessesStarted();
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(log);
  const failed = (err: unknown): undefined => {
    log.error('Roadmap Lens failed to activate', err);
    void vscode.window
      .showErrorMessage(`Roadmap Lens failed to start: ${err instanceof Error ? err.message : String(err)}`, 'Show Log')
      .then((choice) => {
        if (choice) log.show();
      });
    return undefined;
  };
  try {
    const parser = new RoadmapParser(
      vscode.Uri.joinPath(context.extensionUri, 'dist', 'roadmapParseWorker.js').fsPath,
      (message, error) => log.warn(message, error),
    );
    const model = new RoadmapModel(log, parser);
    context.subscriptions.push(model);

    // Git work runs in the background (started after the roadmap loads): never blocks activation.
    const commitIndexStore = new CommitIndexStore(context.storageUri);
    const work = new WorkModel(model, commitIndexStore, windowIndexProgress, log);
    context.subscriptions.push(work);
    const drift = new DriftModel(model, work, log);
    context.subscriptions.push(drift);
    const metricHistory = new MetricHistoryModel(work, (file, text) => model.parseRevision(file, text), log);
    context.subscriptions.push(metricHistory);
    const workTree = new WorkTreeContributor(work);
    const tree = registerRoadmapTreeView(context, model, [workTree]);
    const workViews = registerWorkViews(context, model, work, workTree);
    const statusBar = workViews.statusBar;
    const importCommand = registerImportRoadmapCommand(context, model, log);
    registerRoadmapDiagnostics(context, model);
    registerGitRoadmapDocuments(context, model);
    // A roadmap kept in git follows its ref: the work model sees fetches and commits.
    context.subscriptions.push(work.onDidChange(() => void model.gitObjects.check()));
    registerTargetQuickFix(context, model);
    registerDriftDiagnostics(context, model, drift);
    registerDriftQuickFix(context, drift, model);
    registerItemLinkProvider(context, model);
    const visuals = registerVisuals(context, model, work, log, drift, metricHistory);
    const attribution = new AttributionModel(model, work, log);
    context.subscriptions.push(attribution);
    registerRoadmapCodeLens(context, attribution);
    // One hover: the card of the id under the cursor first, then the line's evidence.
    registerItemHoverProvider(context, model, [new LineHoverSection(attribution)]);
    const language = registerLanguageFeatures(context, model, work, attribution);
    // Every command, in one table: its type requires a handler for each id in commandIds.ts.
    // The commands that read the roadmap wait for its first load when run before it ends.
    const loaded = (): Promise<void> => model.whenLoaded();
    registerCommands(context, {
      ...afterLoad(loaded, tree.commands),
      ...afterLoad(loaded, itemCommands(model)),
      ...afterLoad(loaded, findItemCommand(model)),
      ...starterRoadmapCommand(model, log),
      ...afterLoad(loaded, importCommand),
      ...afterLoad(loaded, visualCommands(model, visuals)),
      ...workCommands(model, work),
      ...tagCommands(model, work),
      ...workViews.commands,
      ...lensCommands(attribution),
      ...language.commands,
    });

    const roadmapFilesFound = new Promise<number>((resolve) => {
      const found = model.onDidFindFiles(() => {
        found.dispose();
        resolve(performance.now() - started);
      });
      context.subscriptions.push(found);
    });
    // Not awaited: a 10k-item roadmap takes seconds to parse, and while activate() is pending
    // VS Code holds back every command of ours. Views fill in from the model's events.
    const roadmapLoaded = model.start().then((): RoadmapLoadStats => {
      const loaded = { ms: performance.now() - started, items: model.allItems().length, files: model.files().length };
      const cached = model.files().filter((f) => model.reader.parseSource(f) === 'cache').length;
      log.info(
        `Roadmap loaded: ${loaded.items} items in ${loaded.files} files (${cached} from the parsed-roadmap cache), ${loaded.ms.toFixed(0)} ms after activation began`,
      );
      return loaded;
    });
    roadmapLoaded.catch(failed);
    void vscode.window.withProgress({ location: { viewId: Views.tree } }, () => roadmapLoaded.catch(() => undefined));
    work.start();
    const activation: ActivationStats = {
      ms: performance.now() - started,
      gitProcesses: gitProcessesStarted() - gitBefore,
      roadmapLoaded,
      roadmapFilesFound,
    };
    log.info(`Roadmap Lens activated in ${activation.ms.toFixed(0)} ms`);
    return {
      model,
      tree: tree.provider,
      treeView: tree.view,
      work,
      commitIndexStore,
      get builtinGit() {
        return activeBuiltinGitApi();
      },
      drift,
      statusBar,
      workTree,
      visuals,
      attribution,
      language,
      activation,
    };
  } catch (err) {
    return failed(err);
  }
}

export function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions; git runs in process groups of its
  // own, so any still running is stopped here rather than left behind.
  return killRunningGitProcesses();
}
