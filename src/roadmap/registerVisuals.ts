// The visual features in one registration: item cards, the roadmap overview and the Explorer
// badges of the current item. Returns the handles the extension-host tests read.

import type * as vscode from 'vscode';
import type { RoadmapModel } from './model/roadmapModel';
import type { WorkModel } from '../work/model/workModel';
import type { DriftModel } from '../work/model/driftModel';
import type { MetricHistoryModel } from '../work/model/metricHistoryModel';
import {
  registerCurrentItemDecorations,
  type CurrentItemDecorationProvider,
} from '../work/currentItemDecorationProvider';
import { itemCardCommand, registerItemCardPanels, type ItemCardPanels } from './card/itemCardPanel';
import { registerRoadmapOverview, type RoadmapOverviewPanel } from './overview/roadmapOverviewPanel';
import { overviewCommand } from './overview/overviewCommand';
import type { CommandHandlers } from '../commands/commandRegistry';

export interface VisualFeatures {
  readonly cards: ItemCardPanels;
  readonly overview: RoadmapOverviewPanel;
  readonly badges: CurrentItemDecorationProvider;
}

/** The cards' and the overview's commands. */
export function visualCommands(
  roadmaps: RoadmapModel,
  visuals: VisualFeatures,
): CommandHandlers<'openItemCard' | 'openOverview'> {
  return { ...itemCardCommand(roadmaps, visuals.cards), ...overviewCommand(roadmaps, visuals.overview) };
}

export function registerVisuals(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel,
  log: vscode.LogOutputChannel,
  drift?: DriftModel,
  metricHistory?: MetricHistoryModel,
): VisualFeatures {
  return {
    cards: registerItemCardPanels(context, roadmaps, work, log, drift, metricHistory),
    overview: registerRoadmapOverview(context, roadmaps, work, log),
    badges: registerCurrentItemDecorations(context, roadmaps, work),
  };
}
