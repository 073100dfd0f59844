// The UI side of IndexProgress: a cold build of the commit index shows as Window progress (the
// status bar's spinner and message), cancellable from there.

import * as vscode from 'vscode';
import type { IndexProgress } from './model/indexProgress';

export const windowIndexProgress: IndexProgress = {
  show: (title, cancel, task) =>
    Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(cancel);
          return task((message) => progress.report({ message }));
        },
      ),
    ),
};
