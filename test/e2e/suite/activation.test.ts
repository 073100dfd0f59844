import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support';

describe('activation', () => {
  it('runs inside a real VS Code', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major === 1 && (minor ?? 0) >= 90, `VS Code ${vscode.version} is older than engines.vscode ^1.90.0`);
  });

  it('opens the sample workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(folders[0]?.uri.scheme, 'file');
  });

  it(`finds and activates ${EXTENSION_ID}`, async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded as a development extension`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
