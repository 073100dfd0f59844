// Entry point. activate() only wires: build the model, register each feature, start loading.
// Every registration lands in context.subscriptions, so deactivation cleans up everything.

import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from './commands';
import { AttributionModel } from './models/attributionModel';
import { RoadmapModel } from './models/roadmapModel';
import { WorkModel } from './models/workModel';
import { registerItemHoverProvider } from './providers/itemHoverProvider';
import { registerItemLinkProvider } from './providers/itemLinkProvider';
import { registerLineHover } from './providers/lineHoverProvider';
import { registerRoadmapCodeLens } from './providers/roadmapCodeLensProvider';
import { registerRoadmapDiagnostics } from './providers/roadmapDiagnostics';
import { registerFindItem } from './views/findItemQuickPick';
import { registerItemCommands } from './views/itemCommands';
import type { RoadmapTreeProvider } from './views/roadmapTreeProvider';
import { registerRoadmapTreeView } from './views/roadmapTreeView';
import { registerStarterRoadmapCommand } from './views/starterRoadmapCommand';
import type { CurrentItemStatusBar } from './views/currentItemStatusBar';
import { registerWorkViews } from './views/registerWorkViews';
import { WorkTreeContributor } from './views/workTreeContributor';
import { registerVisuals, type VisualFeatures } from './views/registerVisuals';

/** What activate() returns: used by the extension-host tests, not a public API. */
export interface RoadmapLensApi {
  readonly model: RoadmapModel;
  readonly tree: RoadmapTreeProvider;
  readonly work: WorkModel;
  readonly statusBar: CurrentItemStatusBar;
  readonly workTree: WorkTreeContributor;
  readonly visuals: VisualFeatures;
  readonly attribution: AttributionModel;
}

export async function activate(context: vscode.ExtensionContext): Promise<RoadmapLensApi | undefined> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(log);
  try {
    const model = new RoadmapModel(log);
    context.subscriptions.push(model);

    // Git work runs in the background (started after the roadmap loads): never blocks activation.
    const work = new WorkModel(model, context.storageUri, log);
    context.subscriptions.push(work);
    const workTree = new WorkTreeContributor(work);
    const tree = registerRoadmapTreeView(context, model, [workTree]);
    const statusBar = registerWorkViews(context, model, work, workTree);
    registerItemCommands(context, model);
    registerFindItem(context, model);
    registerStarterRoadmapCommand(context, model, log);
    registerRoadmapDiagnostics(context, model);
    registerItemHoverProvider(context, model);
    registerItemLinkProvider(context, model);
    const visuals = registerVisuals(context, model, work, log);
    const attribution = new AttributionModel(model, work);
    context.subscriptions.push(attribution);
    registerRoadmapCodeLens(context, attribution);
    registerLineHover(context, attribution);

    await model.start();
    work.start();
    log.info(`Roadmap Lens activated: ${model.allItems().length} items in ${model.files().length} roadmap files`);
    return { model, tree, work, statusBar, workTree, visuals, attribution };
  } catch (err) {
    log.error('Roadmap Lens failed to activate', err);
    void vscode.window.showErrorMessage(`Roadmap Lens failed to start: ${err instanceof Error ? err.message : String(err)}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
