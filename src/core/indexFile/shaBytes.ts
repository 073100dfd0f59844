// Object names as raw bytes (20 for sha-1, 32 for sha-256): half the size of hex on disk, and a
// persisted index needs no hex validation on load because every byte string is a valid name.
// Lowercase hex only, as git prints it: an uppercase query is not the same key.

const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) NIBBLE[97 + c] = 10 + c;

const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Writes `hex` as bytes at `out[at…]`; false (with `out` partly written) when it is not lowercase hex of the right length. */
export function writeShaBytes(hex: string, out: Uint8Array, at: number, byteLength: number): boolean {
  if (hex.length !== 2 * byteLength) return false;
  for (let k = 0; k < byteLength; k++) {
    const hi = NIBBLE[hex.charCodeAt(2 * k)] ?? -1;
    const lo = NIBBLE[hex.charCodeAt(2 * k + 1)] ?? -1;
    if (hi < 0 || lo < 0) return false;
    out[at + k] = (hi << 4) | lo;
  }
  return true;
}

const HEX_CODES = new Uint16Array(512);
HEX_PAIRS.forEach((pair, b) => {
  HEX_CODES[2 * b] = pair.charCodeAt(0);
  HEX_CODES[2 * b + 1] = pair.charCodeAt(1);
});
const scratch = new Uint16Array(64);

/** One name as hex. Built from char codes, not by concatenation, so it is a flat string (cheap to hash as a map key). */
export function readShaHex(bytes: Uint8Array, at: number, byteLength: number): string {
  for (let k = 0; k < byteLength; k++) {
    const b = bytes[at + k] ?? 0;
    scratch[2 * k] = HEX_CODES[2 * b] ?? 48;
    scratch[2 * k + 1] = HEX_CODES[2 * b + 1] ?? 48;
  }
  return String.fromCharCode(...scratch.subarray(0, 2 * byteLength));
}

/** All names as one hex string, in one pass: a reader slices it (as cheap as a version-3 file's own sha string). */
export function allShasHex(bytes: Uint8Array): string {
  const out = new Uint8Array(2 * bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out[2 * i] = HEX_CODES[2 * b] ?? 48;
    out[2 * i + 1] = HEX_CODES[2 * b + 1] ?? 48;
  }
  return new TextDecoder('latin1').decode(out);
}

/** Byte order of two names (which is also their hex order): negative, zero or positive. */
export function compareShaBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, byteLength: number): number {
  for (let k = 0; k < byteLength; k++) {
    const d = (a[aAt + k] ?? 0) - (b[bAt + k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
