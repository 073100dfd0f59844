// What every Roadmap Lens webview shares: scripts on, resources only from media/, a fresh
// nonce per render, and the URIs of its stylesheet and script.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WebviewResources } from './itemCardHtml';

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** `page` is the base name of the script in media/ (`itemCard` → media/itemCard.js). */
export function webviewResources(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: 'itemCard' | 'overview',
): WebviewResources {
  const media = (file: string): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
  return {
    cspSource: webview.cspSource,
    nonce: createNonce(),
    styleUri: media('itemCard.css'),
    extraStyleUris: page === 'overview' ? [media('overview.css')] : [],
    scriptUri: media(`${page}.js`),
  };
}
