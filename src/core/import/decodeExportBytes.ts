// Bytes of a tracker export → text. UTF-8 (with or without BOM) and UTF-16 with a BOM (what
// spreadsheet tools save as "Unicode text") are read; anything else is refused, not guessed.

export type DecodedExport = { readonly text: string } | { readonly error: string };

export function decodeExportBytes(bytes: Uint8Array): DecodedExport {
  const b0 = bytes[0];
  const b1 = bytes[1];
  try {
    if (b0 === 0xff && b1 === 0xfe)
      return { text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    if (b0 === 0xfe && b1 === 0xff)
      return { text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { error: 'the file is not UTF-8 (or UTF-16 with a byte-order mark); export it again as UTF-8' };
  }
}
