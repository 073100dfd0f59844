// A binary file of named sections behind a small JSON header, read in place: each section is a
// typed-array view over the file's own bytes (copied only when the buffer is misaligned in memory),
// so reading costs the checks the caller makes on the columns, not a parse.
//
//   bytes 0–7   magic "\x89RLCI\r\n\x1a" (like PNG's: text-mode transfers and UTF-8 round trips break it)
//   bytes 8–11  header length H, uint32 little-endian
//   bytes 12…   header: UTF-8 JSON, the caller's fields plus sections: {name: [offset, byteLength]}
//   then        each section at an 8-byte aligned offset, counted from the end of the header
//               rounded up to 8; multi-byte elements in the writer's byte order (`littleEndian`)

const MAGIC = [0x89, 0x52, 0x4c, 0x43, 0x49, 0x0d, 0x0a, 0x1a];
const PREFIX = 12;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** [offset in the file, byteLength] */
type Span = readonly [number, number];

export interface SectionFile {
  readonly header: Readonly<Record<string, unknown>>;
  bytes(name: string): Uint8Array;
  int32(name: string): Int32Array;
  uint32(name: string): Uint32Array;
  float64(name: string): Float64Array;
}

export function isSectionFile(bytes: Uint8Array): boolean {
  return bytes.length >= PREFIX && MAGIC.every((b, i) => bytes[i] === b);
}

export function packSectionFile(
  header: Readonly<Record<string, unknown>>,
  sections: ReadonlyMap<string, ArrayBufferView>,
): Uint8Array {
  const layout: Record<string, Span> = {};
  let end = 0;
  for (const [name, s] of sections) {
    layout[name] = [end, s.byteLength];
    end = align8(end + s.byteLength);
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, littleEndian: LITTLE_ENDIAN, sections: layout }));
  const dataStart = align8(PREFIX + json.length);
  const out = new Uint8Array(dataStart + end);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, PREFIX);
  for (const [name, s] of sections)
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), dataStart + (layout[name]?.[0] ?? 0));
  return out;
}

/**
 * Checks the container: the header (first with `checkHeader`, so a foreign or old file says so
 * before anything else), the byte order, and that every section in `elementSizes` is present,
 * aligned, a whole number of elements and inside the file. A reason string when not; never throws.
 */
export function readSectionFile(
  bytes: Uint8Array,
  elementSizes: Readonly<Record<string, 1 | 4 | 8>>,
  checkHeader: (header: Readonly<Record<string, unknown>>) => string | undefined,
): SectionFile | string {
  if (!isSectionFile(bytes)) return 'not a section file';
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, PREFIX).getUint32(8, true);
  if (PREFIX + headerLength > bytes.length) return 'truncated header';
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headerLength)),
    );
  } catch {
    return 'malformed header';
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return 'malformed header';
  const h = header as Record<string, unknown>;
  const problem = checkHeader(h);
  if (problem !== undefined) return problem;
  if (h['littleEndian'] !== LITTLE_ENDIAN) return 'written with another byte order';
  const table = h['sections'];
  if (typeof table !== 'object' || table === null) return 'malformed section table';
  const dataStart = align8(PREFIX + headerLength);
  const spans = new Map<string, Span>();
  for (const [name, size] of Object.entries(elementSizes)) {
    const s: unknown = (table as Record<string, unknown>)[name];
    if (!Array.isArray(s) || s.length !== 2) return 'malformed section table';
    const [offset, byteLength] = s as unknown[];
    if (
      typeof offset !== 'number' ||
      typeof byteLength !== 'number' ||
      !Number.isSafeInteger(offset) ||
      !Number.isSafeInteger(byteLength)
    )
      return 'malformed section table';
    if (offset < 0 || byteLength < 0 || offset % 8 !== 0 || byteLength % size !== 0) return 'malformed section table';
    if (dataStart + offset + byteLength > bytes.length) return 'truncated';
    spans.set(name, [dataStart + offset, byteLength]);
  }
  const span = (name: string): Span => spans.get(name) ?? [0, 0];
  return {
    header: h,
    bytes: (name) => bytes.subarray(span(name)[0], span(name)[0] + span(name)[1]),
    int32: (name) => typed(Int32Array, bytes, span(name)),
    uint32: (name) => typed(Uint32Array, bytes, span(name)),
    float64: (name) => typed(Float64Array, bytes, span(name)),
  };
}

const align8 = (n: number): number => (n + 7) & ~7;

interface TypedArrayType<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

function typed<T>(type: TypedArrayType<T>, bytes: Uint8Array, [at, byteLength]: Span): T {
  const size = type.BYTES_PER_ELEMENT;
  if ((bytes.byteOffset + at) % size === 0) return new type(bytes.buffer, bytes.byteOffset + at, byteLength / size);
  return new type(bytes.slice(at, at + byteLength).buffer, 0, byteLength / size);
}
