// The text of one roadmap file as the model parses it: the open editor's (unsaved edits show
// live), else the disk's (bounded, decoded), or git's for a roadmap kept in git.

import * as vscode from 'vscode';
import { decodeRoadmapBytes, type DecodedRoadmap } from '../../core/roadmap/decodeRoadmapBytes';
import { GIT_ROADMAP_SCHEME, type GitObjectRoadmaps } from './gitObjectRoadmaps';
import { readFileBytes } from './workspaceFiles';

/** The text, and the bytes it was decoded from when read from disk (the parsed-roadmap cache's key). */
export type RoadmapText = DecodedRoadmap & { readonly bytes?: Uint8Array };

/** Undefined when the file (or git object) is gone or unreadable; the reason is logged. */
export async function readRoadmapText(
  uri: vscode.Uri,
  gitObjects: GitObjectRoadmaps,
  log: vscode.LogOutputChannel,
): Promise<RoadmapText | undefined> {
  if (uri.scheme === GIT_ROADMAP_SCHEME) {
    // Never from an open document: git, not the editor, has the newest text of a moved ref.
    const shown = gitObjects.specText(uri) ?? uri.toString();
    const text = await gitObjects.read(uri).catch((err: unknown) => {
      log.warn(`Could not read ${shown} from git`, err);
      return undefined;
    });
    if (text === undefined) log.warn(`${shown}: not read from git (no such revision or file, or not trusted).`);
    return text === undefined ? undefined : { text, diagnostics: [] };
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), diagnostics: [] };
  try {
    const bytes = await readFileBytes(uri);
    return bytes === undefined ? undefined : { ...decodeRoadmapBytes(uri.toString(), bytes), bytes };
  } catch (err) {
    log.warn(`Could not read ${uri.toString()}`, err);
    return undefined;
  }
}
