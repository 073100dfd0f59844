// What the blame-store suites share: the CLI run from the extension under test (dist/cli.js), the
// repository's HEAD, and whether the store holds a file's blame for a document's text.
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { blameKeyOf, BlameStore } from '../../../src/fs/blameStore';
import { EXTENSION_ID } from './support';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `roadmap-lens ARGS` in its own process, in `cwd`, with the trace on. */
export function runCli(cwd: string, ...args: string[]): Promise<CliRun> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      // ELECTRON_RUN_AS_NODE: under the Electron runner the host's execPath is Electron.
      { cwd, env: { ...process.env, ROADMAP_LENS_TRACE: '1', ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export function headOf(root: string): string {
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
}

/** The store has the blame of `doc`'s text (as the editor would key it) at HEAD. */
export async function storeHas(root: string, doc: vscode.TextDocument): Promise<boolean> {
  const store = await BlameStore.open(path.join(root, '.git'));
  const rel = path.relative(root, doc.uri.fsPath).split(path.sep).join('/');
  return (await store.read(blameKeyOf(headOf(root), rel, doc.getText()))).kind === 'hit';
}
