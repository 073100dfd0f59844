// The parsed-roadmap cache's file format (`$XDG_CACHE_HOME/roadmap-lens/parsed/<key>.bin`): what
// parsing a roadmap set produced (items, their positions, the per-file problems), so a second
// process, or a fresh clone of a roadmap this machine has parsed once, skips the YAML parse and the
// validation (issue #13: ~0.45 s of a cold `why` on a 1,000-item roadmap). The cross-file checks
// (duplicate ids, parents, cycles) are cheap and stay in RoadmapIndex.build, run on every load.
//
// A cache file is untrusted input (a truncated write, a disk error, a file copied under another
// name, an older or newer Roadmap Lens): decoding checks the format, the version, the key, a
// checksum of the body and the type of every field, and returns a one-line reason instead of
// throwing, so the caller parses as if there were no cache. Paths are not stored: every location in
// a file's result is that file, so decoding puts back the caller's paths (a fresh clone lives
// elsewhere).
import type {
  ParsedRoadmapFile,
  RelatedLocation,
  RoadmapDiagnostic,
  Severity,
  SourceLocation,
} from '../roadmap/roadmapTypes';
import {
  array,
  decodeItemColumns,
  encodeItemColumns,
  Malformed,
  rangeNumbers,
  rangeOf,
  str,
  type ItemColumns,
} from './parsedRoadmapColumns';
import { packSectionFile, readSectionFile } from './sectionFile';

export const PARSED_ROADMAP_FORMAT = 'roadmap-lens-parsed-roadmap';
/**
 * Bump when the encoding changes; it is also part of the key (see parsedRoadmapKeyParts).
 * 2: items as columns (parsedRoadmapColumns.ts), a checksum over 32-bit words.
 */
export const PARSED_ROADMAP_VERSION = 2;
/** More files than a roadmap set has; the reader refuses a bigger count before looking further. */
const MAX_FILES = 10_000;

/** [start line, start character, end line, end character] */
type RangeJson = [number, number, number, number];
type DiagnosticJson = [
  range: RangeJson,
  severity: Severity,
  message: string,
  code: string,
  related: [RangeJson, string][] | null,
];
interface FileJson extends ItemColumns {
  readonly v: number | null;
  readonly p: string | null;
  readonly d: DiagnosticJson[];
}

/**
 * What the key is made of, in order, as byte strings the caller hashes (core has no hash): the
 * format and its version, the parser's build id (a new parser never reads an old result), then
 * each file's name and bytes, each preceded by its length so no two sets frame alike.
 */
export function parsedRoadmapKeyParts(
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  parserBuild: string,
): Uint8Array[] {
  const enc = new TextEncoder();
  const framed = (bytes: Uint8Array): Uint8Array[] => [enc.encode(`${bytes.length}:`), bytes];
  const parts = [
    ...framed(enc.encode(`${PARSED_ROADMAP_FORMAT}/${PARSED_ROADMAP_VERSION}`)),
    ...framed(enc.encode(parserBuild)),
    enc.encode(`${files.length}:`),
  ];
  for (const f of files) parts.push(...framed(enc.encode(f.name)), ...framed(f.bytes));
  return parts;
}

/**
 * FNV-1a's step over the body's 32-bit words (the body is padded with spaces to a whole number of
 * words, and a file from a machine of the other byte order is refused before this): catches a torn
 * or damaged file at a quarter of a byte loop's cost in a fresh process; the key names the content.
 */
export function bodyChecksum(words: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] ?? 0), 0x01000193);
  return h >>> 0;
}

/** JSON text as UTF-8, padded with spaces (which JSON ignores) to a whole number of 32-bit words. */
function paddedJson(value: unknown): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  if (bytes.length % 4 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 4 - (bytes.length % 4)).fill(0x20);
  padded.set(bytes);
  return padded;
}

/**
 * The cache file for `files` under `key`, or undefined when a result points outside its own file
 * (then it is simply not cached: decoding could not put the path back).
 */
export function encodeParsedRoadmap(key: string, files: readonly ParsedRoadmapFile[]): Uint8Array | undefined {
  let foreign = false;
  const loc = (file: string, l: SourceLocation): RangeJson => {
    if (l.file !== file) foreign = true;
    return rangeNumbers(l.range);
  };
  const body: FileJson[] = files.map((f) => ({
    v: f.version ?? null,
    p: f.product ?? null,
    ...encodeItemColumns(f.items, (file) => {
      if (file !== f.file) foreign = true;
    }),
    d: f.diagnostics.map((d): DiagnosticJson => {
      if (d.file !== f.file) foreign = true;
      return [
        rangeNumbers(d.range),
        d.severity,
        d.message,
        d.code,
        d.related ? d.related.map((r) => [loc(f.file, r.location), r.message]) : null,
      ];
    }),
  }));
  if (foreign) return undefined;
  const json = paddedJson(body);
  return packSectionFile(
    {
      format: PARSED_ROADMAP_FORMAT,
      version: PARSED_ROADMAP_VERSION,
      key,
      files: files.length,
      checksum: bodyChecksum(new Uint32Array(json.buffer, json.byteOffset, json.byteLength / 4)),
    },
    new Map([['body', json]]),
  );
}

export type DecodedParsedRoadmap = { ok: true; files: readonly ParsedRoadmapFile[] } | { ok: false; reason: string };

/**
 * The cached results for the files named `paths` (in that order), if `bytes` is a well-formed file
 * of this version written under `key` for that many files. Never throws.
 */
export function decodeParsedRoadmap(bytes: Uint8Array, key: string, paths: readonly string[]): DecodedParsedRoadmap {
  const file = readSectionFile(bytes, { body: 4 }, (h) => {
    if (h['format'] !== PARSED_ROADMAP_FORMAT) return 'not a parsed roadmap file';
    if (h['version'] !== PARSED_ROADMAP_VERSION)
      return `version ${String(h['version'])}, expected ${PARSED_ROADMAP_VERSION}`;
    if (h['key'] !== key) return 'written for other roadmap files';
    if (h['files'] !== paths.length || paths.length > MAX_FILES) return 'written for another number of files';
    return undefined;
  });
  if (typeof file === 'string') return { ok: false, reason: file };
  const body = file.bytes('body');
  if (file.header['checksum'] !== bodyChecksum(file.uint32('body'))) return { ok: false, reason: 'checksum mismatch' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { ok: false, reason: 'malformed body' };
  }
  try {
    const list = array(json);
    if (list.length !== paths.length) throw new Malformed();
    return { ok: true, files: list.map((f, i) => readFile(f, paths[i] ?? '')) };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, reason: 'malformed body' };
    // Anything else is a bug of ours: still a miss, never a crash of the caller.
    return { ok: false, reason: `could not decode (${e instanceof Error ? e.message : String(e)})` };
  }
}

const SEVERITIES: ReadonlySet<unknown> = new Set<Severity>(['error', 'warning', 'information']);

function readFile(v: unknown, path: string): ParsedRoadmapFile {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Malformed();
  const f = v as Record<string, unknown>;
  const location = (r: unknown): SourceLocation => ({ file: path, range: rangeOf(r) });
  const items = decodeItemColumns(f, path);
  const diagnostics = array(f['d']).map((raw): RoadmapDiagnostic => {
    const [r, severity, message, code, related] = array(raw, 5);
    if (!SEVERITIES.has(severity)) throw new Malformed();
    const d = { file: path, range: rangeOf(r), severity: severity as Severity, code: str(code), message: str(message) };
    if (related === null) return d;
    const rel = array(related).map((x): RelatedLocation => {
      const [at, text] = array(x, 2);
      return { location: location(at), message: str(text) };
    });
    return { ...d, related: rel };
  });
  const out: { -readonly [K in keyof ParsedRoadmapFile]: ParsedRoadmapFile[K] } = { file: path, items, diagnostics };
  if (f['v'] !== null) {
    if (typeof f['v'] !== 'number' || !Number.isFinite(f['v'])) throw new Malformed();
    out.version = f['v'];
  }
  if (f['p'] !== null) out.product = str(f['p']);
  return out;
}
