// The command that opens the roadmap overview (Command Palette, the Roadmap view's title bar).

import * as vscode from 'vscode';
import type { CommandHandlers } from '../../commands/commandRegistry';
import type { RoadmapModel } from '../model/roadmapModel';
import type { RoadmapOverviewPanel } from './roadmapOverviewPanel';

/** `openOverview` (argument: the folder to show first, optional). */
export function overviewCommand(
  roadmaps: RoadmapModel,
  overview: RoadmapOverviewPanel,
): CommandHandlers<'openOverview'> {
  return {
    openOverview: (folderUri?: unknown) => {
      if (roadmaps.roadmaps().length === 0) {
        void vscode.window.showInformationMessage(
          'No roadmap found in this workspace. Create a starter roadmap first.',
        );
        return false;
      }
      overview.show(folderUri instanceof vscode.Uri ? folderUri : undefined);
      return true;
    },
  };
}
