// What every Roadmap Lens webview shares: scripts on, resources only from media/, a fresh
// nonce per render, and the URIs of its stylesheet and script.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WebviewResources } from './itemCardHtml';

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** `roots` are the extension's folders the page may load from (the overview also loads dist/overviewCore.js). */
export function webviewOptions(
  extensionUri: vscode.Uri,
  roots: readonly string[] = ['media'],
): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: roots.map((r) => vscode.Uri.joinPath(extensionUri, r)),
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
    extraScriptUris:
      page === 'overview'
        ? [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'overviewCore.js')).toString()]
        : [],
    scriptUri: media(`${page}.js`),
  };
}
