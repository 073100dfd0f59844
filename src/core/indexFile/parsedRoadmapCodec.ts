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
  Metric,
  ParsedRoadmapFile,
  RelatedLocation,
  RoadmapDiagnostic,
  RoadmapItem,
  Severity,
  SourceLocation,
  SourceRange,
} from '../roadmap/roadmapTypes';
import { packSectionFile, readSectionFile } from './sectionFile';

export const PARSED_ROADMAP_FORMAT = 'roadmap-lens-parsed-roadmap';
/** Bump when the encoding changes; it is also part of the key (see parsedRoadmapKeyParts). */
export const PARSED_ROADMAP_VERSION = 1;
/** More files than a roadmap set has; the reader refuses a bigger count before looking further. */
const MAX_FILES = 10_000;

/** [start line, start character, end line, end character] */
type RangeJson = [number, number, number, number];
type MetricJson = [string, string | null, string | null, string | null, string | null];
type ItemJson = [
  id: string,
  kind: string,
  title: string,
  metrics: MetricJson[],
  links: string[],
  branches: string[],
  paths: string[],
  aliases: string[],
  location: RangeJson,
  idLocation: RangeJson,
  aliasLocations: RangeJson[] | null,
  why: string | null,
  status: string | null,
  owner: string | null,
  target: string | null,
  parentId: string | null,
  parentLocation: RangeJson | null,
];
type DiagnosticJson = [
  range: RangeJson,
  severity: Severity,
  message: string,
  code: string,
  related: [RangeJson, string][] | null,
];
interface FileJson {
  readonly v: number | null;
  readonly p: string | null;
  readonly i: ItemJson[];
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

/** FNV-1a (32 bits) of the body: catches a torn or damaged file; the key is what names the content. */
function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  return h >>> 0;
}

const rangeJson = (r: SourceRange): RangeJson => [r.start.line, r.start.character, r.end.line, r.end.character];

/**
 * The cache file for `files` under `key`, or undefined when a result points outside its own file
 * (then it is simply not cached: decoding could not put the path back).
 */
export function encodeParsedRoadmap(key: string, files: readonly ParsedRoadmapFile[]): Uint8Array | undefined {
  let foreign = false;
  const loc = (file: string, l: SourceLocation): RangeJson => {
    if (l.file !== file) foreign = true;
    return rangeJson(l.range);
  };
  const body: FileJson[] = files.map((f) => ({
    v: f.version ?? null,
    p: f.product ?? null,
    i: f.items.map((it): ItemJson => [
      it.id,
      it.kind,
      it.title,
      it.metrics.map((m) => [m.name, m.baseline ?? null, m.target ?? null, m.current ?? null, m.unit ?? null]),
      [...it.links],
      [...it.branches],
      [...it.paths],
      [...it.aliases],
      loc(f.file, it.location),
      loc(f.file, it.idLocation),
      it.aliasLocations ? it.aliasLocations.map((a) => loc(f.file, a)) : null,
      it.why ?? null,
      it.status ?? null,
      it.owner ?? null,
      it.target ?? null,
      it.parentId ?? null,
      it.parentLocation ? loc(f.file, it.parentLocation) : null,
    ]),
    d: f.diagnostics.map((d): DiagnosticJson => {
      if (d.file !== f.file) foreign = true;
      return [
        rangeJson(d.range),
        d.severity,
        d.message,
        d.code,
        d.related ? d.related.map((r) => [loc(f.file, r.location), r.message]) : null,
      ];
    }),
  }));
  if (foreign) return undefined;
  const json = new TextEncoder().encode(JSON.stringify(body));
  return packSectionFile(
    {
      format: PARSED_ROADMAP_FORMAT,
      version: PARSED_ROADMAP_VERSION,
      key,
      files: files.length,
      checksum: checksum(json),
    },
    new Map([['body', json]]),
  );
}

export type DecodedParsedRoadmap = { ok: true; files: readonly ParsedRoadmapFile[] } | { ok: false; reason: string };

/** Thrown inside decode only, caught there: the first field that is not what the encoder writes. */
class Malformed extends Error {}

/**
 * The cached results for the files named `paths` (in that order), if `bytes` is a well-formed file
 * of this version written under `key` for that many files. Never throws.
 */
export function decodeParsedRoadmap(bytes: Uint8Array, key: string, paths: readonly string[]): DecodedParsedRoadmap {
  const file = readSectionFile(bytes, { body: 1 }, (h) => {
    if (h['format'] !== PARSED_ROADMAP_FORMAT) return 'not a parsed roadmap file';
    if (h['version'] !== PARSED_ROADMAP_VERSION)
      return `version ${String(h['version'])}, expected ${PARSED_ROADMAP_VERSION}`;
    if (h['key'] !== key) return 'written for other roadmap files';
    if (h['files'] !== paths.length || paths.length > MAX_FILES) return 'written for another number of files';
    return undefined;
  });
  if (typeof file === 'string') return { ok: false, reason: file };
  const body = file.bytes('body');
  if (file.header['checksum'] !== checksum(body)) return { ok: false, reason: 'checksum mismatch' };
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

function array(v: unknown, length?: number): unknown[] {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) throw new Malformed();
  return v;
}
function str(v: unknown): string {
  if (typeof v !== 'string') throw new Malformed();
  return v;
}
function optStr(v: unknown): string | undefined {
  return v === null ? undefined : str(v);
}
function count(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Malformed();
  return v;
}
function strings(v: unknown): string[] {
  const list = array(v);
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') throw new Malformed();
  // The parsed JSON's own array: nothing else holds it.
  return list as string[];
}
// Decoding a 10k-item roadmap runs once per process, in V8's interpreter: indexed reads instead of
// array destructuring (the iterator protocol, and a copy per `slice`/`map`) took it from ~200 to
// ~100 ms and made far less garbage (issue #13, warm `why` on the bench's 10,000-item roadmap).
function range(v: unknown): SourceRange {
  const r = array(v, 4);
  return {
    start: { line: count(r[0]), character: count(r[1]) },
    end: { line: count(r[2]), character: count(r[3]) },
  };
}
const SEVERITIES: ReadonlySet<unknown> = new Set<Severity>(['error', 'warning', 'information']);

function readFile(v: unknown, path: string): ParsedRoadmapFile {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Malformed();
  const f = v as Record<string, unknown>;
  const location = (r: unknown): SourceLocation => ({ file: path, range: range(r) });
  const items = array(f['i']).map((raw) => readItem(array(raw, 17), location));
  const diagnostics = array(f['d']).map((raw): RoadmapDiagnostic => {
    const [r, severity, message, code, related] = array(raw, 5);
    if (!SEVERITIES.has(severity)) throw new Malformed();
    const d = { file: path, range: range(r), severity: severity as Severity, code: str(code), message: str(message) };
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
  const product = optStr(f['p']);
  if (product !== undefined) out.product = product;
  return out;
}

const OPTIONAL_FIELDS = ['why', 'status', 'owner', 'target', 'parentId'] as const;

function readItem(a: unknown[], location: (r: unknown) => SourceLocation): RoadmapItem {
  // The parser's own key order, so anything printing an item prints it alike, cached or not.
  const item: { -readonly [K in keyof RoadmapItem]: RoadmapItem[K] } = {
    id: str(a[0]),
    kind: str(a[1]),
    title: str(a[2]),
    metrics: readMetrics(a[3]),
    links: strings(a[4]),
    branches: strings(a[5]),
    paths: strings(a[6]),
    aliases: strings(a[7]),
    location: location(a[8]),
    idLocation: location(a[9]),
  };
  const aliasLocs = a[10];
  if (aliasLocs !== null) item.aliasLocations = array(aliasLocs).map(location);
  for (let k = 0; k < OPTIONAL_FIELDS.length; k++) {
    const value = a[11 + k];
    if (value !== null) item[OPTIONAL_FIELDS[k] ?? 'why'] = str(value);
  }
  const parentLoc = a[16];
  if (parentLoc !== null) item.parentLocation = location(parentLoc);
  return item;
}

const METRIC_FIELDS = ['baseline', 'target', 'current', 'unit'] as const;

function readMetrics(v: unknown): Metric[] {
  const list = array(v);
  // Most items have none: no array made through map.
  if (list.length === 0) return [];
  const out: Metric[] = [];
  for (let m = 0; m < list.length; m++) {
    const raw = array(list[m], 5);
    const metric: { -readonly [K in keyof Metric]: Metric[K] } = { name: str(raw[0]) };
    for (let k = 0; k < METRIC_FIELDS.length; k++) {
      const value = raw[1 + k];
      if (value !== null) metric[METRIC_FIELDS[k] ?? 'unit'] = str(value);
    }
    out.push(metric);
  }
  return out;
}
