// "Create Starter Roadmap": writes a commented roadmap.yaml into a workspace folder and opens it.
// Goes through a WorkspaceEdit, so it works in virtual workspaces and never overwrites a file.

import * as vscode from 'vscode';
import type { CommandHandlers } from '../commands/commandRegistry';
import { STARTER_ROADMAP_YAML } from '../core/roadmap/starterRoadmap';
import type { RoadmapModel } from './model/roadmapModel';

export const STARTER_FILE_NAME = 'roadmap.yaml';

async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the starter roadmap in which folder?' });
}

export function starterRoadmapCommand(
  model: RoadmapModel,
  log: vscode.LogOutputChannel,
): CommandHandlers<'createStarterRoadmap'> {
  return {
    createStarterRoadmap: async (folderArg?: unknown) => {
      const folder =
        folderArg instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(folderArg) : await chooseFolder();
      if (!folder) {
        if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
          void vscode.window.showInformationMessage('Roadmap Lens: open a folder first, then create its roadmap.');
        }
        return undefined;
      }
      const target = vscode.Uri.joinPath(folder.uri, STARTER_FILE_NAME);
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(target, { overwrite: false, ignoreIfExists: false });
      edit.insert(target, new vscode.Position(0, 0), STARTER_ROADMAP_YAML);
      const created = await vscode.workspace.applyEdit(edit);
      const doc = await vscode.workspace.openTextDocument(target);
      if (created) {
        await doc.save();
        log.info(`Created ${target.toString()}`);
      } else {
        void vscode.window.showInformationMessage(
          `Roadmap Lens: ${STARTER_FILE_NAME} already exists in ${folder.name}; opened it instead.`,
        );
      }
      await vscode.window.showTextDocument(doc);
      await model.refresh();
      return target;
    },
  };
}
