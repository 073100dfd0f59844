// Bytes of a roadmap file → text. Invalid UTF-8 is reported at the first bad byte and decoded
// with U+FFFD, so the rest of the file still loads and nothing is hidden from view.
import type { RoadmapDiagnostic } from './roadmapTypes';

export interface DecodedRoadmap {
  readonly text: string;
  readonly diagnostics: readonly RoadmapDiagnostic[];
}

/** 0-based line and UTF-16 column of the first byte that is not valid UTF-8. */
function firstInvalid(
  bytes: Uint8Array,
  start: number,
): { line: number; character: number; offset: number } | undefined {
  let line = 0;
  let lineStart = start;
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) len = 3;
    else if (b >= 0xf0 && b <= 0xf4) len = 4;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k] ?? 0;
      let lo = 0x80;
      let hi = 0xbf;
      // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
      if (k === 1 && b === 0xe0) lo = 0xa0;
      if (k === 1 && b === 0xed) hi = 0x9f;
      if (k === 1 && b === 0xf0) lo = 0x90;
      if (k === 1 && b === 0xf4) hi = 0x8f;
      ok = c >= lo && c <= hi;
    }
    if (!ok) {
      const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, i));
      return { line, character: before.length, offset: i };
    }
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += len;
  }
  return undefined;
}

function wholeFile(file: string, code: string, message: string): DecodedRoadmap {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { text: '', diagnostics: [{ file, severity: 'error', code, message, range }] };
}

export function decodeRoadmapBytes(file: string, bytes: Uint8Array): DecodedRoadmap {
  // UTF-16/32 (Windows editors' "Unicode"): by BOM, or NUL bytes that no YAML text holds. Read as
  // UTF-8 they would parse as an empty roadmap; say what the file is instead.
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const nul = bytes.subarray(0, 4096).indexOf(0);
  if (utf16 || nul >= 0)
    return wholeFile(
      file,
      'invalid-encoding',
      utf16
        ? 'The file is UTF-16, not UTF-8: save it as UTF-8.'
        : `The file holds NUL bytes (byte ${nul}): it is UTF-16/32 or binary, not UTF-8 text. Save it as UTF-8.`,
    );
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), diagnostics: [] };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
    const at = firstInvalid(body, 0) ?? { line: 0, character: 0, offset: 0 };
    const byte = (body[at.offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const diagnostic: RoadmapDiagnostic = {
      file,
      severity: 'error',
      code: 'invalid-encoding',
      message: `The file is not valid UTF-8 (byte 0x${byte}); bad bytes are shown as \uFFFD. Save it as UTF-8.`,
      range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + 1 } },
    };
    return { text, diagnostics: [diagnostic] };
  }
}
