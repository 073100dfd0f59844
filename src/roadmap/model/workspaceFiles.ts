// Reading roadmap files during activation. `vscode.workspace.fs` answers through the workbench,
// which at startup is busy loading everything else: in the real-VS-Code run, two small files took
// 200–300 ms that way and 50–90 ms through node:fs (bench row `vscode-activation`). So `file:` URIs
// are read directly; every other scheme (virtual and remote workspaces) goes through the API.
import { constants as fsConstants } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileReadError, formatBytes, READ_LIMITS, readFileBounded } from '../../fs/boundedRead';

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

function isMissing(err: unknown): boolean {
  if (err instanceof vscode.FileSystemError) return err.code === 'FileNotFound' || err.code === 'FileNotADirectory';
  return typeof err === 'object' && err !== null && MISSING.has(String((err as NodeJS.ErrnoException).code));
}

/**
 * The file's bytes, or undefined when it does not exist. A FIFO, a device, a link to one, or a file
 * over the roadmap size limit throws FileReadError (one line, shown as the file's diagnostic):
 * roadmap files are anyone's and must never stall the extension host (see fs/boundedRead.ts).
 */
export async function readFileBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    const name = vscode.workspace.asRelativePath(uri, false);
    if (uri.scheme === 'file')
      return await readFileBounded(uri.fsPath, {
        maxBytes: READ_LIMITS.roadmap,
        displayName: name,
        what: 'roadmap files',
      });
    // Other file systems (virtual, remote) answer stat without reading: check kind and size first.
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0)
      throw new FileReadError(
        uri.toString(),
        'not-a-file',
        `${name} is not a regular file; Roadmap Lens reads only regular files.`,
      );
    if (stat.size > READ_LIMITS.roadmap)
      throw new FileReadError(
        uri.toString(),
        'too-large',
        `${name} is ${formatBytes(stat.size)}, over the ${formatBytes(READ_LIMITS.roadmap)} Roadmap Lens reads for roadmap files; split or shorten it.`,
      );
    return await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    if (err instanceof FileReadError && err.problem === 'missing') return undefined;
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/** True for a file (or a link to one); false when missing or not a file. */
export async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    if (uri.scheme === 'file') return (await fs.stat(uri.fsPath)).isFile();
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

/** True for a folder (or a link to one); false when missing or not a folder. */
export async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  try {
    if (uri.scheme === 'file') return (await fs.stat(uri.fsPath)).isDirectory();
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

/** Names of the files (and links to files) directly in a folder; empty when it does not exist. */
export async function filesIn(dir: vscode.Uri): Promise<string[]> {
  try {
    if (dir.scheme === 'file') {
      const entries = await fs.readdir(dir.fsPath, { withFileTypes: true });
      const names = await Promise.all(
        entries.map(async (e) =>
          e.isFile() || (e.isSymbolicLink() && (await isFile(vscode.Uri.joinPath(dir, e.name)))) ? e.name : undefined,
        ),
      );
      return names.filter((n): n is string => n !== undefined);
    }
    return (await vscode.workspace.fs.readDirectory(dir))
      .filter(([, type]) => (type & vscode.FileType.File) !== 0)
      .map(([name]) => name);
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

/**
 * Why a roadmap file on disk cannot be edited (one line naming it), or undefined: no write
 * permission on the file, or on its folder (an edit is written next to it, then renamed).
 */
export async function writeProblem(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const name = vscode.workspace.asRelativePath(uri, false);
  const denied = async (p: string): Promise<boolean> =>
    fs.access(p, fsConstants.W_OK).then(
      () => false,
      (err: unknown) => !isMissing(err),
    );
  if (await denied(uri.fsPath))
    return `${name} is read-only (no write permission on the file); Roadmap Lens cannot edit it. Nothing was changed.`;
  if (await denied(path.dirname(uri.fsPath)))
    return `${name} cannot be edited: its folder ${path.dirname(uri.fsPath)} is not writable. Nothing was changed.`;
  return undefined;
}
