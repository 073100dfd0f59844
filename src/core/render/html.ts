// Safe HTML building for webviews. Every value from a roadmap file or from git is somebody else's
// text: the `html` template escapes each interpolation unless it is already `SafeHtml` built by
// this module, so forgetting to escape is impossible rather than merely unlikely.

/** HTML that this module built or escaped. Only `html`, `raw` and `join` create it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

export type HtmlValue = SafeHtml | string | number | boolean | undefined | null | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: literal parts are trusted markup written in our source, interpolations are
 * escaped (arrays are concatenated, `undefined`/`null`/`false` render as nothing).
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Marks markup as trusted. Only for constants and for output of our own renderers. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(parts.map(render).join(sep));
}

/**
 * Returns the URL, normalised, when it is http or https; anything else (`javascript:`, `data:`,
 * `command:`, `file:`, relative paths, garbage) is undefined and must be shown as plain text.
 */
export function safeExternalUrl(text: string): string | undefined {
  const trimmed = text.trim();
  // Control characters and whitespace inside a URL are how scheme filters get bypassed.
  if (trimmed === '' || hasSpaceOrControl(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f) || /\s/.test(text.charAt(i))) return true;
  }
  return false;
}

/** A Content-Security-Policy for a webview: no remote content, scripts only with the nonce. */
export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** Nonces are base64url of random bytes; anything else must not reach the CSP header. */
export function isValidNonce(nonce: string): boolean {
  return /^[A-Za-z0-9_-]{16,128}$/.test(nonce);
}
