// Item card webview script. It only turns clicks into messages for the extension, which
// validates them: the page itself never navigates, runs commands or opens links.
// @ts-check
/* global acquireVsCodeApi, document, Element */
(function () {
  const vscode = acquireVsCodeApi();

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action],[data-item],[data-external]') : null;
    if (!target) return;
    event.preventDefault();
    const external = target.getAttribute('data-external');
    if (external !== null) {
      vscode.postMessage({ type: 'openExternal', url: external });
      return;
    }
    const action = target.getAttribute('data-action') || 'openItem';
    vscode.postMessage({ type: action, id: target.getAttribute('data-item') || '' });
  });
})();
