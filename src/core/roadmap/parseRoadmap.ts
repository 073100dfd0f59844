// Parses one roadmap file (format version 1) into flat items plus diagnostics at exact ranges.
// Never throws: whatever yaml could recover is read, and every bad item is skipped on its own,
// so one typo never blanks the roadmap.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { decodeRoadmapBytes } from './decodeRoadmapBytes';
import { ROADMAP_FORMAT_VERSION, ROOT_KEYS } from './roadmapKeys';
import { readItems } from './parseRoadmapItems';
import type { ParsedRoadmapFile, RoadmapItem } from './roadmapTypes';
import { walkNodes } from './yamlAnchors';
import { YamlFileContext } from './yamlFileContext';

/** yaml's error codes that deserve their own stable code; the rest are `yaml-syntax`. */
const YAML_CODES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'duplicate-key',
  RESOURCE_EXHAUSTION: 'too-deep',
  MULTIPLE_DOCS: 'multiple-documents',
};

/** Start of the quoted scalar an unterminated-quote error at `end` belongs to. */
function unterminatedQuoteStart(doc: Document.Parsed, end: number): number | undefined {
  let best: number | undefined;
  walkNodes(doc.contents, (node) => {
    if (!isScalar(node) || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || !node.range) return;
    const [start, valueEnd] = node.range;
    if (start <= end && valueEnd >= end - 1 && (best === undefined || start > best)) best = start;
  });
  return best;
}

function parseYaml(file: string, text: string): { doc: Document.Parsed; ctx: YamlFileContext } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const ctx = new YamlFileContext(file, text, lines, doc);
  for (const error of doc.errors) {
    // A stack overflow can surface under another yaml code, depending on where the stack ran out.
    const overflow = error.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(error.message);
    const code = overflow ? 'too-deep' : (YAML_CODES[error.code] ?? 'yaml-syntax');
    const opening = error.code === 'MISSING_CHAR' ? unterminatedQuoteStart(doc, error.pos[0]) : undefined;
    if (opening !== undefined) {
      // yaml reports the end of the file; the mistake is where the string starts.
      ctx.report('error', code, `${error.message}: the string that starts here never ends.`, ctx.lineFrom(opening));
      continue;
    }
    let message = error.message;
    if (overflow)
      // yaml stops where its recursion ran out of stack: that is the limit hit, said in words
      // instead of the engine's RangeError text; what came before stays read.
      message =
        "YAML nested deeper than the parser's stack allows, from here on; flatten the structure (items can name their `parent:` instead of nesting).";
    if (error.code === 'MULTIPLE_DOCS')
      message =
        'A roadmap file holds one YAML document: remove the `---` separator, or split the roadmap into roadmap/*.yaml files.';
    ctx.report('error', code, message, ctx.range(error.pos[0], error.pos[1]));
  }
  for (const warning of doc.warnings) {
    ctx.report('warning', 'yaml-warning', warning.message, ctx.range(warning.pos[0], warning.pos[1]));
  }
  return { doc, ctx };
}

function checkVersion(
  ctx: YamlFileContext,
  entry: { key: Node; value: unknown } | undefined,
  docStart: number,
): number | undefined {
  if (entry === undefined) {
    ctx.report(
      'error',
      'missing-version',
      `Missing \`version: ${ROADMAP_FORMAT_VERSION}\` at the top of the roadmap file.`,
      ctx.lineFrom(docStart),
    );
    return undefined;
  }
  const node = ctx.deref(entry.value);
  const value = isScalar(node) ? node.value : undefined;
  if (value === ROADMAP_FORMAT_VERSION) return ROADMAP_FORMAT_VERSION;
  const shown = isScalar(node) ? (node.source ?? String(value)) : 'nothing';
  const range = node === undefined ? ctx.nodeRange(entry.key) : ctx.nodeRange(node);
  ctx.report(
    'error',
    'invalid-version',
    `Unsupported \`version\` ${shown}: this Roadmap Lens reads format version ${ROADMAP_FORMAT_VERSION}.`,
    range,
  );
  return typeof value === 'number' ? value : undefined;
}

export function parseRoadmapFile(file: string, text: string): ParsedRoadmapFile {
  try {
    return parseUnsafe(file, text);
  } catch (error) {
    // Defence in depth: a bug here must not take the extension or the CLI down.
    const overflow = error instanceof RangeError && /call stack/i.test(error.message);
    const message = overflow
      ? "the YAML is nested deeper than the parser's stack allows; flatten the structure"
      : error instanceof Error
        ? error.message
        : String(error);
    return {
      file,
      items: [],
      diagnostics: [
        {
          file,
          severity: 'error',
          code: overflow ? 'too-deep' : 'internal-error',
          message: `Roadmap Lens could not read this file: ${message}`,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    };
  }
}

function parseUnsafe(file: string, text: string): ParsedRoadmapFile {
  const { doc, ctx } = parseYaml(file, text);
  const root = ctx.deref(doc.contents);
  const items: RoadmapItem[] = [];
  let version: number | undefined;
  let product: string | undefined;

  if (root === undefined) {
    if (doc.errors.length === 0)
      ctx.report(
        'warning',
        'empty-file',
        `The roadmap file is empty. Start with \`version: ${ROADMAP_FORMAT_VERSION}\` and \`items:\`.`,
        ctx.range(0, 0),
      );
  } else if (!isMap(root)) {
    ctx.report(
      'error',
      'invalid-root',
      'A roadmap file is a mapping with `version`, `product` and `items`.',
      ctx.lineFrom(root.range?.[0] ?? 0),
    );
  } else {
    const entries = ctx.entries(root, ROOT_KEYS, 'at the top level');
    version = checkVersion(ctx, entries.get('version'), root.range?.[0] ?? 0);
    const productEntry = entries.get('product');
    if (productEntry !== undefined) product = ctx.text(ctx.deref(productEntry.value), 'product')?.trim();
    const itemsEntry = entries.get('items');
    if (itemsEntry !== undefined) {
      const list = ctx.deref(itemsEntry.value);
      if (list !== undefined && !isSeq(list)) {
        ctx.report(
          'error',
          'invalid-type',
          '`items` must be a list of items (each starting with `- id:`).',
          ctx.nodeRange(list),
        );
      } else if (list !== undefined) {
        readItems(ctx, list, items);
      }
    }
  }

  const result: { -readonly [K in keyof ParsedRoadmapFile]: ParsedRoadmapFile[K] } = {
    file,
    items,
    diagnostics: ctx.diagnostics(),
  };
  if (version !== undefined) result.version = version;
  if (product !== undefined && product.length > 0) result.product = product;
  return result;
}

/** For callers holding raw bytes (the CLI, the file watcher): decoding problems join the rest. */
export function parseRoadmapBytes(file: string, bytes: Uint8Array): ParsedRoadmapFile {
  const decoded = decodeRoadmapBytes(file, bytes);
  const parsed = parseRoadmapFile(file, decoded.text);
  if (decoded.diagnostics.length === 0) return parsed;
  return { ...parsed, diagnostics: [...decoded.diagnostics, ...parsed.diagnostics] };
}

/** Diagnostics that mean nothing (or not all) of the file could be read as a roadmap. */
const UNREADABLE_CODES: ReadonlySet<string> = new Set([
  'yaml-syntax',
  'too-deep',
  'invalid-encoding',
  'invalid-root',
  'internal-error',
  'multiple-documents',
]);

/** Why a parsed file is unreadable (first such problem, `line N: message`), or undefined. */
export function unreadableReason(parsed: ParsedRoadmapFile): string | undefined {
  const d = parsed.diagnostics.find((x) => x.severity === 'error' && UNREADABLE_CODES.has(x.code));
  return d && `line ${d.range.start.line + 1}: ${d.message.replace(/\.$/, '')}`;
}
