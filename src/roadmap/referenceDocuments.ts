// Where ids and refs can appear: any text document on disk, unsaved, in a virtual workspace, or
// an older version shown by git. Not output channels or other internal documents.

import type * as vscode from 'vscode';
import { GIT_ROADMAP_SCHEME } from './model/gitObjectRoadmaps';

export const REFERENCE_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-vfs' },
  { scheme: 'vscode-remote' },
  { scheme: 'git' },
];

/**
 * Roadmap YAML files (by language, or by name when another extension claimed the language): on
 * disk, unsaved, in a virtual or remote workspace, or kept in git (`REV:PATH`, read-only). Every
 * filter names its scheme: one without would also match output channels and other internal
 * documents (VS Code logs a warning for such selectors).
 */
export const ROADMAP_DOCUMENTS: vscode.DocumentSelector = [
  'file',
  'untitled',
  'vscode-vfs',
  'vscode-remote',
  GIT_ROADMAP_SCHEME,
].flatMap((scheme) => [
  { scheme, language: 'yaml' },
  { scheme, pattern: '**/*.{yaml,yml}' },
]);
