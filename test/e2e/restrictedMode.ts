// The Restricted Mode run of `npm run test:e2e`: a second code-server with workspace trust ON and
// the sample folder untrusted, a recording fake `git` first on code-server's PATH (so on the PATH
// of the extension host it spawns), and only the suite in test/e2e/suite/restricted.
// The suite checks the YAML features and that the log of git calls stays empty; then it asks for
// trust (by writing a file), and this driver grants it the way a user does: "Manage Workspace
// Trust" → "Trust". The suite then sees git turn on without a reload.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { GIT_LOG_ENV, MODE_ENV, TRUST_GRANTED_ENV, TRUST_REQUEST_ENV } from './e2eResults';

export interface RestrictedSetup {
  readonly userSettings: Record<string, unknown>;
  readonly env: Record<string, string>;
  readonly gitLog: string;
  readonly trustRequest: string;
  readonly trustGranted: string;
}

/** The real git's absolute path, so the fake can hand over to it (and nothing else named git). */
function realGit(): string {
  const r = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (r.status !== 0 || !path.isAbsolute(found))
    throw new Error('git is not on PATH: the Restricted Mode run needs it');
  return found;
}

/** Writes the fake git and returns the settings and environment of the Restricted Mode run. */
export function prepareRestrictedRun(dir: string): RestrictedSetup {
  const bin = path.join(dir, 'fake-bin');
  fs.mkdirSync(bin, { recursive: true });
  const gitLog = path.join(dir, 'git-calls.log');
  fs.writeFileSync(gitLog, '');
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  // One line per call: the working directory, then the arguments. Then the real git runs as usual.
  fs.writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nprintf '%s\\t%s\\n' "$PWD" "$*" >> ${quote(gitLog)}\nexec ${quote(realGit())} "$@"\n`,
    { mode: 0o755 },
  );
  const trustRequest = path.join(dir, 'trust-request');
  const trustGranted = path.join(dir, 'trust-granted');
  return {
    userSettings: {
      'security.workspace.trust.enabled': true,
      // No modal at startup: the folder opens untrusted (Restricted Mode) until granted below.
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
    },
    env: {
      PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
      // Otherwise the server re-reads PATH from a login shell for the extension host ("resolve
      // shell env"), dropping the fake; VSCODE_CLI=1 is VS Code's own switch to skip that.
      VSCODE_CLI: '1',
      [MODE_ENV]: 'restricted',
      [GIT_LOG_ENV]: gitLog,
      [TRUST_REQUEST_ENV]: trustRequest,
      [TRUST_GRANTED_ENV]: trustGranted,
    },
    gitLog,
    trustRequest,
    trustGranted,
  };
}

/** Grants workspace trust through the UI: F1 → "Workspaces: Manage Workspace Trust" → "Trust". */
export async function grantTrustInUi(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const quickInput = page.locator('.quick-input-widget');
  const input = quickInput.locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Manage Workspace Trust');
  await quickInput
    .locator('.monaco-list-row', { hasText: 'Manage Workspace Trust' })
    .first()
    .waitFor({ state: 'visible' });
  await input.press('Enter');
  const editor = page.locator('.workspace-trust-editor');
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  await editor.getByRole('button', { name: 'Trust', exact: true }).first().click();
}

/**
 * Waits for the suite's trust request and answers it, until `done()` says the suite finished.
 * Returns whether trust was granted (false when the suite never asked).
 */
export async function serveTrustRequest(page: Page, setup: RestrictedSetup, done: () => boolean): Promise<boolean> {
  while (!done()) {
    if (fs.existsSync(setup.trustRequest)) {
      await grantTrustInUi(page);
      fs.writeFileSync(setup.trustGranted, new Date().toISOString());
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
