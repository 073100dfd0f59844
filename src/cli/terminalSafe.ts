// Roadmap titles, whys and commit subjects are other people's text. Printed raw, an escape
// sequence in them drives the user's terminal: clear the screen, set the window title, or write
// the clipboard (OSC 52). Every line the CLI prints passes through here; control characters
// (except tab) and bidirectional overrides ("Trojan Source") are shown as visible `\xNN`/`\u{…}`.
// JSON output goes through jsonText instead: escaped inside its strings, as JSON escapes, so it
// stays valid JSON and is already terminal-safe when this runs over it.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `line` with every terminal control character made visible; newlines are kept. */
export function terminalSafe(line: string): string {
  return line.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

// After JSON.stringify only these can remain raw (it escapes U+0000–U+001F itself); U+2028/9 too,
// for JavaScript consumers. Each becomes a JSON `\uXXXX` escape: same string, valid JSON.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** `value` as indented JSON whose text holds no terminal control character. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
