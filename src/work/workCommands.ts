// "Start Work on Item…", the status bar's "link this branch" menu, "Add Roadmap Trailer to Commit
// Message", "Rebuild Commit Index", "Clear Cache" and "Stop Indexing Commits". Git runs only through the work
// model's repository.

import * as vscode from 'vscode';
import { Commands } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import { folderArgument, itemArgument, record } from '../commands/itemArgument';
import { renderBranchName } from '../core/linking/branchTemplate';
import { readWorkSettings } from './model/workSettings';
import { readSetting, settingDefault } from '../settings/settings';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from './model/workModel';
import { pickItem } from './workItemPicks';

export function workCommands(
  roadmaps: RoadmapModel,
  work: WorkModel,
): CommandHandlers<
  'startWork' | 'currentWorkActions' | 'addTrailer' | 'rebuildCommitIndex' | 'clearCache' | 'stopIndexing'
> {
  return {
    startWork: async (arg?: unknown): Promise<string | undefined> => {
      const found =
        itemArgument(roadmaps, arg) ?? (await pickItem(roadmaps, 'work', 'Start Work on Item', folderArgument(arg)));
      if (!found) return undefined;
      const folderUri = found.folder.uri;
      if (!work.hasRepository(folderUri)) {
        void vscode.window.showWarningMessage(`Roadmap Lens: ${work.gitOffMessage(found.folder.uri)}`);
        return undefined;
      }
      const template = readSetting('branchTemplate', found.folder).trim() || settingDefault('branchTemplate');
      const proposal = renderBranchName(template, found.item);
      const given = record(arg)['branchName'];
      const name =
        typeof given === 'string'
          ? given
          : await vscode.window.showInputBox({
              title: `Start Work on ${found.item.id}: ${found.item.title}`,
              prompt: 'Name of the new branch (created from the current HEAD and checked out)',
              value: proposal,
              validateInput: (value) => work.actions.branchNameProblem(folderUri, value),
            });
      if (name === undefined) return undefined;
      const problem = await work.actions.branchNameProblem(folderUri, name);
      if (problem !== undefined) {
        void vscode.window.showErrorMessage(`Roadmap Lens: cannot create the branch: ${problem}`);
        return undefined;
      }
      try {
        await work.actions.createBranch(folderUri, name);
      } catch (e) {
        void vscode.window.showErrorMessage(
          `Roadmap Lens: git could not create and check out "${name}": ${e instanceof Error ? e.message : String(e)}`,
        );
        return undefined;
      }
      return name;
    },

    currentWorkActions: async (arg?: unknown) => {
      const folderUri = folderArgument(arg) ?? work.activeFolder()?.uri;
      if (!folderUri) return;
      const status = work.status(folderUri);
      if (status.kind !== 'ready') {
        void vscode.window.showInformationMessage(`Roadmap Lens: ${work.gitOffMessage(folderUri)}`);
        return;
      }
      const branch = status.head.branch;
      const actions = [
        ...(branch !== undefined
          ? [
              {
                label: '$(tag) Tag this branch…',
                detail: `Add ${branch} to an item's branches in the roadmap`,
                run: () =>
                  vscode.commands.executeCommand(Commands.tagBranch, { folderUri: folderUri.toString(), branch }),
              },
            ]
          : []),
        {
          label: '$(git-branch) Start work…',
          detail: 'Create a branch for a roadmap item and check it out',
          run: () => vscode.commands.executeCommand(Commands.startWork, { folderUri: folderUri.toString() }),
        },
      ];
      const picked = await vscode.window.showQuickPick(actions, {
        title: branch !== undefined ? `${branch} references no roadmap item` : 'No roadmap item for this HEAD',
      });
      await picked?.run();
    },

    addTrailer: async (arg?: unknown): Promise<string | undefined> => {
      const rootUri = record(arg)['rootUri'];
      const folderUri = folderArgument(arg) ?? work.activeFolder()?.uri;
      if (!folderUri) return undefined;
      const status = work.status(folderUri);
      const explicit = itemArgument(roadmaps, arg);
      const id = explicit?.item.id ?? (status.kind === 'ready' ? status.current?.item.id : undefined);
      if (id === undefined) {
        const choice = await vscode.window.showWarningMessage(
          status.kind === 'off'
            ? `Roadmap Lens: ${status.message}`
            : 'Roadmap Lens: this branch is not linked to a roadmap item yet.',
          ...(status.kind === 'ready' ? ['Link Branch…'] : []),
        );
        if (choice)
          await vscode.commands.executeCommand(Commands.currentWorkActions, { folderUri: folderUri.toString() });
        return undefined;
      }
      const keys = readWorkSettings(roadmaps.find(id)?.folder ?? folderUri).trailerKeys;
      const message = work.actions.addTrailerToCommitMessage(
        rootUri instanceof vscode.Uri ? rootUri : folderUri,
        id,
        keys,
      );
      if (message === undefined)
        void vscode.window.showWarningMessage(
          'Roadmap Lens: the Source Control view has no git repository for this folder (is the built-in Git extension enabled?).',
        );
      return message;
    },

    rebuildCommitIndex: () => work.rebuildIndex(),
    // Removes `.git/roadmap-lens/` (shared with the CLI) and rebuilds: for a cache a user distrusts.
    clearCache: async (): Promise<void> => {
      await work.clearCache();
      void vscode.window.showInformationMessage('Roadmap Lens: cache cleared; the commit index is being rebuilt.');
    },
    // The Window progress has no cancel button: this command (palette and tree title, shown while
    // `roadmapLens.indexing`) is how a user stops a long build. Returns how many folders it stopped.
    stopIndexing: async (): Promise<number> => {
      const stopped = await work.stopIndexing();
      if (stopped === 0) void vscode.window.showInformationMessage('Roadmap Lens: no commit indexing is running.');
      return stopped;
    },
  };
}
