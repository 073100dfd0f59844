// The visual features in one registration: item cards, the roadmap overview and the Explorer
// badges of the current item. Returns the handles the extension-host tests read.

import type * as vscode from 'vscode';
import type { RoadmapModel } from '../models/roadmapModel';
import type { WorkModel } from '../models/workModel';
import { registerCurrentItemDecorations, type CurrentItemDecorationProvider } from '../providers/currentItemDecorationProvider';
import { registerItemCardPanels, type ItemCardPanels } from './itemCardPanel';
import { registerRoadmapOverview, type RoadmapOverviewPanel } from './roadmapOverviewPanel';

export interface VisualFeatures {
  readonly cards: ItemCardPanels;
  readonly overview: RoadmapOverviewPanel;
  readonly badges: CurrentItemDecorationProvider;
}

export function registerVisuals(context: vscode.ExtensionContext, roadmaps: RoadmapModel, work: WorkModel, log: vscode.LogOutputChannel): VisualFeatures {
  return {
    cards: registerItemCardPanels(context, roadmaps, work, log),
    overview: registerRoadmapOverview(context, roadmaps, work, log),
    badges: registerCurrentItemDecorations(context, roadmaps, work),
  };
}
