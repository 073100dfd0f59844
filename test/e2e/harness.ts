// Typed access to the plain-JS helpers in scripts/ that the drivers share with `npm run demo`.
// They are ES modules outside the TypeScript project, loaded by absolute path at run time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface CodeServerHandle {
  readonly port: number;
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
  hasExited(): boolean;
  exitInfo(): string;
}

export interface CodeServerLib {
  readonly CHROMIUM_PATH: string;
  readonly CHROMIUM_ARGS: readonly string[];
  ensureCodeServer(repoRoot: string, opts?: { log?: (line: string) => void }): string;
  freePort(preferred?: number): Promise<number>;
  writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): void;
  startCodeServer(opts: {
    entry: string;
    port: number;
    folder: string;
    userDataDir: string;
    extensionsDir: string;
    logFile: string;
    env?: Record<string, string>;
    disableWorkspaceTrust?: boolean;
    startTimeoutMs?: number;
  }): Promise<CodeServerHandle>;
  /** `workspace`: a `.code-workspace` file to open instead of `folder` (a multi-root window). */
  workbenchUrl(opts: {
    port: number;
    folder: string;
    workspace?: string;
    extensionDevelopmentPath?: string;
    extensionTestsPath?: string;
  }): string;
}

export interface SampleWorkspaceLib {
  readonly SAMPLE_PRODUCT: string;
  readonly SAMPLE_ITEM_IDS: readonly string[];
  readonly SAMPLE_CURRENT_BRANCH: string;
  createSampleWorkspace(dir: string): { dir: string; currentBranch: string; commits: number; itemIds: string[] };
}

/** The repository root: the nearest folder above this file whose package.json is roadmap-lens's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'roadmap-lens'
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no roadmap-lens package.json above ${__dirname}`);
    dir = parent;
  }
}

async function importScript<T>(relPath: string): Promise<T> {
  return (await import(pathToFileURL(path.join(repoRoot(), relPath)).href)) as T;
}

export function loadCodeServerLib(): Promise<CodeServerLib> {
  return importScript<CodeServerLib>('scripts/lib/codeServer.mjs');
}

export function loadSampleWorkspaceLib(): Promise<SampleWorkspaceLib> {
  return importScript<SampleWorkspaceLib>('scripts/createSampleWorkspace.mjs');
}
