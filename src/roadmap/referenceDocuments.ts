// Where ids and refs can appear: any text document on disk, unsaved, in a virtual workspace, or
// an older version shown by git. Not output channels or other internal documents.

import type * as vscode from 'vscode';

export const REFERENCE_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-vfs' },
  { scheme: 'vscode-remote' },
  { scheme: 'git' },
];
