// Shared by the extension-host suites: how to reach the extension under test and how to wait
// for asynchronous state without timing assertions (poll with a generous limit).

import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RoadmapLensApi } from '../../../src/extension';

export const EXTENSION_ID = 'roadmap-lens.roadmap-lens';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a value (not undefined/false); fails with the last error seen. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(50);
  }
}

/** The first workspace folder: the sample workspace in the default and restricted runs. */
export function firstFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the sample workspace is open');
  return f;
}

/** Activates the extension and returns the API activate() hands to the tests. */
export async function activateApi(): Promise<RoadmapLensApi> {
  const extension = vscode.extensions.getExtension<RoadmapLensApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  // Not named `exports`: this compiles to CommonJS, where that name is the module's own.
  const api = await extension.activate();
  assert.ok(api, 'activate() returned the test API (undefined means activation failed)');
  // activate() returns before the roadmap is read (see extension.ts); tests start from a loaded one.
  await api.activation.roadmapLoaded;
  return api;
}

/** Undoes MarkdownString escaping so assertions can read the text a user sees. */
export function plain(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
