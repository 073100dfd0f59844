// The visual features in one registration: item cards, the roadmap overview and the Explorer
// badges of the current item. Returns the handles the extension-host tests read.

import type * as vscode from 'vscode';
import type { RoadmapModel } from './model/roadmapModel';
import type { WorkModel } from '../work/model/workModel';
import {
  registerCurrentItemDecorations,
  type CurrentItemDecorationProvider,
} from '../work/currentItemDecorationProvider';
import { registerItemCardPanels, type ItemCardPanels } from './card/itemCardPanel';
import { registerRoadmapOverview, type RoadmapOverviewPanel } from './overview/roadmapOverviewPanel';

export interface VisualFeatures {
  readonly cards: ItemCardPanels;
  readonly overview: RoadmapOverviewPanel;
  readonly badges: CurrentItemDecorationProvider;
}

export function registerVisuals(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel,
  log: vscode.LogOutputChannel,
): VisualFeatures {
  return {
    cards: registerItemCardPanels(context, roadmaps, work, log),
    overview: registerRoadmapOverview(context, roadmaps, work, log),
    badges: registerCurrentItemDecorations(context, roadmaps, work),
  };
}
