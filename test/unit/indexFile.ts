// Reads and rewrites persisted commit index files (format 4) independently of the codec, so tests
// can corrupt one section or header field and still produce a well-formed container around it.

export interface IndexFile {
  header: Record<string, unknown>;
  /** Copies of each section's bytes, in file order. */
  sections: Map<string, Uint8Array>;
}

const PREFIX = 12;
const align8 = (n: number): number => (n + 7) & ~7;

export function unpackIndexFile(bytes: Uint8Array): IndexFile {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLength))) as Record<
    string,
    unknown
  >;
  const dataStart = align8(PREFIX + headerLength);
  const sections = new Map<string, Uint8Array>();
  for (const [name, [offset, length]] of Object.entries(header['sections'] as Record<string, [number, number]>)) {
    sections.set(name, bytes.slice(dataStart + offset, dataStart + offset + length));
  }
  return { header, sections };
}

/** `editLayout` may change the section table after it is computed (to point a section elsewhere). */
export function packIndexFile(f: IndexFile, editLayout?: (layout: Record<string, unknown>) => void): Uint8Array {
  const layout: Record<string, [number, number]> = {};
  let end = 0;
  for (const [name, s] of f.sections) {
    layout[name] = [end, s.length];
    end = align8(end + s.length);
  }
  const header: Record<string, unknown> = { ...f.header, sections: structuredClone(layout) };
  editLayout?.(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align8(PREFIX + json.length);
  const out = new Uint8Array(dataStart + end);
  out.set([0x89, 0x52, 0x4c, 0x43, 0x49, 0x0d, 0x0a, 0x1a]);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, PREFIX);
  for (const [name, s] of f.sections) out.set(s, dataStart + (layout[name]?.[0] ?? 0));
  return out;
}

/** A section as Int32 values (a copy). */
export function ints(f: IndexFile, name: string): number[] {
  const s = f.sections.get(name) ?? new Uint8Array(0);
  return Array.from(new Int32Array(s.slice().buffer));
}

export function setInts(f: IndexFile, name: string, values: readonly number[]): void {
  f.sections.set(name, new Uint8Array(Int32Array.from(values).buffer));
}

/** Unpacks `bytes`, applies `change`, packs again; `editHeader` then sees the final header, section table included. */
export function mutateIndexFile(
  bytes: Uint8Array,
  change: (f: IndexFile) => void,
  editHeader?: (header: Record<string, unknown>) => void,
): Uint8Array {
  const f = unpackIndexFile(bytes);
  change(f);
  return packIndexFile(f, editHeader);
}
