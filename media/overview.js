// Roadmap overview webview script. Clicks become messages for the extension (which validates
// them). For PNG export the extension sends the SVG it generated; the page rasterises it on a
// canvas (the SVG holds no foreign content, so the canvas stays readable) and sends back the PNG.
// @ts-check
/* global acquireVsCodeApi, document, window, Element, Image */
(function () {
  const vscode = acquireVsCodeApi();

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action],[data-item]') : null;
    if (!target) return;
    event.preventDefault();
    const action = target.getAttribute('data-action') || 'openItem';
    vscode.postMessage({ type: action, id: target.getAttribute('data-item') || '', mode: target.getAttribute('data-mode') || '' });
  });

  vscode.postMessage({ type: 'ready' });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'rasterize' || typeof message.svg !== 'string') return;
    const scale = typeof message.scale === 'number' ? message.scale : 2;
    const image = new Image();
    image.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(image.naturalWidth * scale);
        canvas.height = Math.ceil(image.naturalHeight * scale);
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d canvas');
        context.scale(scale, scale);
        context.drawImage(image, 0, 0);
        vscode.postMessage({ type: 'png', requestId: message.requestId, dataUrl: canvas.toDataURL('image/png') });
      } catch (error) {
        vscode.postMessage({ type: 'png', requestId: message.requestId, error: String(error) });
      }
    };
    image.onerror = () => vscode.postMessage({ type: 'png', requestId: message.requestId, error: 'the SVG could not be loaded' });
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(message.svg);
  });
})();
