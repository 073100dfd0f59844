// Merges a tracker import into a roadmap file's text as minimal edits: untouched bytes stay
// exactly as written (comments, order, quoting, line endings). Re-import never clobbers: the
// tracker's fields (title, status, owner, target, links, parent) update; what people wrote (a why
// once edited, metrics, paths, branches, refs, comments, order) stays. A why the import wrote
// carries `# imported <hash>`: while the text still matches the hash it follows the tracker.

import { parseDocument, isMap, isScalar, isSeq } from 'yaml';
import { parseRoadmapFile } from '../roadmap/parseRoadmap';
import { idKey } from '../roadmap/roadmapTypes';
import { appendToList, endOfLine, findPair, insertPair, lineStart, range, scalarText } from '../roadmap/tagEdit';
import { ExistingIndex, existingItems, type ExistingItem } from './existingItems';
import { applyOffsetEdits, type OffsetEdit } from './textEdits';
import {
  IMPORT_ID_PATTERN,
  TRACKER_LABELS,
  type ImportedItem,
  type TrackerImport,
  type TrackerName,
} from './trackerRecord';
import { flowListSource, pairSource, scalarSource, textHash } from './yamlScalarText';

export interface MergeOptions {
  /** The roadmap file (for validation messages). */
  readonly file: string;
  readonly prune?: boolean;
  /** Ids (any case) defined in the roadmap's other files: parents may live there. */
  readonly otherIds?: ReadonlySet<string>;
}

export interface MergeSummary {
  readonly added: string[];
  readonly updated: { id: string; fields: string[] }[];
  readonly unchanged: number;
  /** Items whose why people edited: kept although the tracker's description differs. */
  readonly whyKept: string[];
  /** Items of this tracker (same key prefix) in the file but not in the export. */
  readonly gone: string[];
  readonly pruned: string[];
  readonly notes: string[];
}

export type MergeResult =
  | { readonly ok: true; readonly text: string; readonly edits: readonly OffsetEdit[]; readonly summary: MergeSummary }
  | { readonly ok: false; readonly message: string };

const SCALAR_FIELDS = ['title', 'status', 'owner', 'target'] as const;
const MARKER = /^\s*imported ([0-9a-f]{8})\s*$/;

/** `PAY-881` → `PAY-`, `GH-M3` → `GH-M`: ids of the same tracker project share it. */
function keyPrefix(id: string): string | undefined {
  const m = /^(.*?\D)\d+$/.exec(id);
  return m?.[1] ? m[1].toUpperCase() : undefined;
}

/** A new item's lines, unindented (`- id: …` then keys at two spaces). */
function itemSource(item: ImportedItem, parent: string | undefined): string {
  const lines = [
    `- id: ${scalarSource(item.id)}`,
    `  kind: ${scalarSource(item.kind)}`,
    `  title: ${scalarSource(item.title)}`,
  ];
  if (item.why) lines.push(pairSource('why', item.why, '  ', `imported ${textHash(item.why)}`));
  for (const key of ['status', 'owner', 'target'] as const) {
    const v = item[key];
    if (v) lines.push(`  ${key}: ${scalarSource(v)}`);
  }
  if (parent) lines.push(`  parent: ${scalarSource(parent)}`);
  if (item.links.length > 0) lines.push(`  links: ${flowListSource(item.links)}`);
  if (item.refs.length > 0) lines.push(`  refs: ${flowListSource(item.refs)}`);
  return lines.join('\n');
}

function indentLines(source: string, indent: string): string {
  return source
    .split('\n')
    .map((l) => (l.length > 0 ? indent + l : l))
    .join('\n');
}

function freshFile(tracker: TrackerName, items: string): string {
  return [
    `# Roadmap imported from ${TRACKER_LABELS[tracker]} by Roadmap Lens (\`roadmap-lens import\`).`,
    '# Re-importing merges: tracker fields (title, status, owner, target, links, parent) update;',
    '# what you write here (a why once edited, metrics, paths, branches, comments, order) stays.',
    'version: 1',
    '',
    'items:',
    items,
    '',
  ].join('\n');
}

export function mergeImport(text: string, imported: TrackerImport, options: MergeOptions): MergeResult {
  const notes: string[] = [];
  // One item per id: a repeated key in the export is a tracker oddity, the first wins.
  const items: ImportedItem[] = [];
  const importKeys = new Set<string>();
  for (const item of imported.items) {
    if (importKeys.has(idKey(item.id))) {
      notes.push(`${item.id} appears more than once in the export (line ${item.line}); the first is used.`);
      continue;
    }
    importKeys.add(idKey(item.id));
    items.push(item);
  }

  const blank = text.trim().length === 0;
  const doc = parseDocument(blank ? '{}' : text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return {
      ok: false,
      message: `the roadmap has YAML errors (${e?.message.split('\n')[0] ?? 'syntax error'}); fix them first`,
    };
  }
  if (doc.contents !== null && !isMap(doc.contents))
    return { ok: false, message: 'the roadmap file is not a mapping with `version` and `items`' };
  const index = new ExistingIndex(blank ? [] : existingItems(doc));

  // Which existing item each import matches (by id, then ref); one import per existing item.
  const matchOf = new Map<string, ExistingItem>();
  const claimed = new Set<ExistingItem>();
  for (const item of items) {
    const hit = index.match(item.id, item.refs);
    if (!hit) continue;
    if (claimed.has(hit)) {
      notes.push(
        `${item.id} matches ${hit.id}, which another item of the export already updates; ${item.id} is skipped.`,
      );
      continue;
    }
    claimed.add(hit);
    matchOf.set(idKey(item.id), hit);
  }
  const yamlId = (id: string): string => matchOf.get(idKey(id))?.id ?? id;

  // Each item's parent as a roadmap id; parents neither imported nor in the roadmap are dropped.
  const parentOf = new Map<string, string | undefined>();
  for (const item of items) {
    let parent: string | undefined;
    if (item.parentId !== undefined) {
      if (importKeys.has(idKey(item.parentId))) parent = yamlId(item.parentId);
      else parent = index.match(item.parentId, [])?.id;
      if (parent === undefined && options.otherIds?.has(idKey(item.parentId))) parent = item.parentId;
      if (parent === undefined)
        notes.push(
          `${item.id}: its parent ${item.parentId} is neither in the export nor in the roadmap; imported without a parent.`,
        );
    }
    parentOf.set(idKey(item.id), parent);
  }
  // A cycle in the tracker's parent links would make the roadmap invalid: cut it at the item found.
  const importByYamlKey = new Map(items.map((i) => [idKey(yamlId(i.id)), i]));
  for (const item of items) {
    const seen = new Set<string>([idKey(yamlId(item.id))]);
    let at = parentOf.get(idKey(item.id));
    for (let steps = 0; at !== undefined && steps <= items.length; steps++) {
      if (seen.has(idKey(at))) {
        notes.push(`${item.id}: its parent chain loops back; imported without a parent.`);
        parentOf.set(idKey(item.id), undefined);
        break;
      }
      seen.add(idKey(at));
      const next = importByYamlKey.get(idKey(at));
      at = next ? parentOf.get(idKey(next.id)) : undefined;
    }
  }

  const edits: OffsetEdit[] = [];
  const added: string[] = [];
  const updated: { id: string; fields: string[] }[] = [];
  const whyKept: string[] = [];
  let unchanged = 0;
  const newSources: string[] = [];
  for (const item of items) {
    const existing = matchOf.get(idKey(item.id));
    const parent = parentOf.get(idKey(item.id));
    if (!existing) {
      if (!IMPORT_ID_PATTERN.test(item.id)) {
        notes.push(`${item.id} is not a valid roadmap id; skipped.`);
        continue;
      }
      if (!index.match(item.id, item.refs)) {
        added.push(item.id);
        newSources.push(itemSource(item, parent));
      }
      continue;
    }
    const fields = updateItem(text, existing, item, parent, edits, notes, whyKept);
    if (fields.length > 0) updated.push({ id: existing.id, fields });
    else unchanged++;
  }

  // Items of this tracker that the export no longer has.
  const prefixes = new Set(items.map((i) => keyPrefix(i.id)).filter((p): p is string => p !== undefined));
  const goneItems = index.items.filter((e) => !claimed.has(e) && prefixes.has(keyPrefix(e.id) ?? '\u0000'));
  const pruned = options.prune ? pruneItems(text, goneItems, index, parentOf, edits, notes) : [];

  if (newSources.length > 0) {
    const add = appendItems(text, doc.contents, newSources, imported.tracker, blank);
    if (typeof add === 'string') return { ok: false, message: add };
    edits.push(add);
  }

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const final = eol === '\n' ? edits : edits.map((e) => ({ ...e, newText: e.newText.replace(/\n/g, eol) }));
  const next = applyOffsetEdits(text, final);
  // A merge into existing text is re-read in full: edits landed among what people wrote. A new
  // file is valid by construction (ids checked, parents resolved, cycles cut, scalars written by
  // the property-tested yamlScalarText): re-reading 10,000 items would double the import's cost.
  const after =
    blank || final.length === 0
      ? []
      : parseRoadmapFile(options.file, next).diagnostics.filter((d) => d.severity === 'error');
  // Errors the file already had are not the import's; only new ones refuse it.
  if (after.length > 0 && after.length > errorCount(options.file, text)) {
    const first = after[0];
    return {
      ok: false,
      message: `the merged roadmap would not validate (line ${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? 'error'}); nothing was written`,
    };
  }
  return {
    ok: true,
    text: next,
    edits: final,
    summary: { added, updated, unchanged, whyKept, gone: goneItems.map((g) => g.id), pruned, notes },
  };
}

function errorCount(file: string, text: string): number {
  return parseRoadmapFile(file, text).diagnostics.filter((d) => d.severity === 'error').length;
}

/** Edits for the tracker-owned fields of one matched item; returns the names of changed fields. */
function updateItem(
  text: string,
  existing: ExistingItem,
  item: ImportedItem,
  parent: string | undefined,
  edits: OffsetEdit[],
  notes: string[],
  whyKept: string[],
): string[] {
  const map = existing.map;
  if (map.flow) {
    notes.push(`${existing.id} is written as a flow mapping ({…}); its fields were not updated.`);
    return [];
  }
  const fields: string[] = [];
  const inserts: string[] = [];
  const set = (key: string, value: string): void => {
    const pair = findPair(map, key);
    const node = pair?.value;
    if (!pair) {
      inserts.push(`${key}: ${scalarSource(value)}`);
      fields.push(key);
      return;
    }
    if (isScalar(node) && node.value !== null) {
      if (scalarText(node)?.trim() === value) return;
      const r = range(node);
      if (!r) return;
      let end = r[1];
      while (end > r[0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
      edits.push({ offset: r[0], length: end - r[0], newText: scalarSource(value) });
      fields.push(key);
      return;
    }
    if (node === null || (isScalar(node) && node.value === null)) {
      const keyR = range(pair.key);
      if (!keyR) return;
      const colon = text.indexOf(':', keyR[1]);
      const r = range(node);
      edits.push({
        offset: colon + 1,
        length: r ? Math.max(0, r[1] - colon - 1) : 0,
        newText: ` ${scalarSource(value)}`,
      });
      fields.push(key);
      return;
    }
    notes.push(`${existing.id}: \`${key}\` is not a single value in the roadmap; left as written.`);
  };
  for (const key of SCALAR_FIELDS) {
    const v = item[key];
    if (v) set(key, v);
  }
  if (parent !== undefined) {
    if (existing.enclosingId !== undefined) {
      if (idKey(existing.enclosingId) !== idKey(parent))
        notes.push(
          `${existing.id}: the tracker puts it under ${parent}, the roadmap nests it under ${existing.enclosingId}; the nesting was kept.`,
        );
    } else set('parent', parent);
  }
  updateWhy(text, existing, item, edits, inserts, fields, whyKept);
  const insertEdit = inserts.length > 0 ? insertPair(text, map, inserts.join('\n')) : undefined;
  if (insertEdit?.ok) edits.push(...insertEdit.edits);
  for (const url of item.links) {
    const r = appendToList(text, map, 'links', url, () => ({ ok: true, edits: [] }));
    if (r.ok && r.edits.length > 0) {
      edits.push(...r.edits);
      if (!fields.includes('links')) fields.push('links');
    }
  }
  return fields;
}

function updateWhy(
  text: string,
  existing: ExistingItem,
  item: ImportedItem,
  edits: OffsetEdit[],
  inserts: string[],
  fields: string[],
  whyKept: string[],
): void {
  const why = item.why;
  if (!why) return;
  const pair = findPair(existing.map, 'why');
  const node = pair?.value;
  const current = isScalar(node) ? scalarText(node)?.trim() : undefined;
  const comment = `imported ${textHash(why)}`;
  if (!pair || !current) {
    if (pair) {
      // `why:` with nothing: replace the whole pair.
      const keyR = range(pair.key);
      if (!keyR) return;
      const end = endOfLine(text, range(node)?.[2] ?? keyR[2]);
      edits.push({ offset: keyR[0], length: end - keyR[0], newText: pairSourceAt(text, keyR[0], why, comment) });
    } else inserts.push(pairSource('why', why, '', comment));
    fields.push('why');
    return;
  }
  if (current === why) return;
  const marker = isScalar(node) ? MARKER.exec(node.comment ?? '') : null;
  if (!marker || marker[1] !== textHash(current)) {
    whyKept.push(existing.id);
    return;
  }
  const keyR = range(pair.key);
  const r = range(node);
  if (!keyR || !r) return;
  // The pair runs to the value's end (a block's last line) or its trailing comment.
  let end = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? r[1] : r[2];
  while (end > keyR[0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  edits.push({ offset: keyR[0], length: end - keyR[0], newText: pairSourceAt(text, keyR[0], why, comment) });
  fields.push('why');
}

/** `why: …` for a pair whose key starts at `offset` (its column is the indentation of later lines). */
function pairSourceAt(text: string, offset: number, why: string, comment: string): string {
  const indent = ' '.repeat(offset - lineStart(text, offset));
  return pairSource('why', why, indent, comment).slice(indent.length);
}

/** Removes gone items (whole lines), unless something still hangs under them. */
function pruneItems(
  text: string,
  gone: readonly ExistingItem[],
  index: ExistingIndex,
  parentOf: ReadonlyMap<string, string | undefined>,
  edits: OffsetEdit[],
  notes: string[],
): string[] {
  const goneKeys = new Set(gone.map((g) => idKey(g.id)));
  const stillPointing = new Set<string>();
  for (const e of index.items) if (!goneKeys.has(idKey(e.id)) && e.parent) stillPointing.add(idKey(e.parent));
  for (const p of parentOf.values()) if (p) stillPointing.add(idKey(p));
  const removable = gone.filter((g) => {
    const keptBelow = g.descendants.find((d) => !goneKeys.has(idKey(d)));
    if (keptBelow || stillPointing.has(idKey(g.id))) {
      notes.push(`${g.id} is gone from the export but kept: ${keptBelow ?? 'another item'} still hangs under it.`);
      return false;
    }
    if (g.list.flow) {
      notes.push(`${g.id} is gone from the export but kept: its list is written in flow style ([…]).`);
      return false;
    }
    return true;
  });
  // Only outermost removals: a nested gone item goes with its gone ancestor.
  const removeKeys = new Set(removable.map((g) => idKey(g.id)));
  const outermost = removable.filter((g) => !g.enclosingId || !removeKeys.has(idKey(g.enclosingId)));
  const byList = new Map<unknown, ExistingItem[]>();
  for (const g of outermost) byList.set(g.list, [...(byList.get(g.list) ?? []), g]);
  for (const [, group] of byList) {
    const first = group[0] as ExistingItem;
    if (group.length === first.list.items.length) {
      // The whole list goes: leave `items: []` rather than a key that reads as null.
      const keyR = range(findPair(first.listOwner, 'items')?.key);
      const r = range(first.list);
      if (!keyR || !r) continue;
      const colon = text.indexOf(':', keyR[1]);
      let end = r[1];
      while (end > colon && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
      edits.push({ offset: colon + 1, length: end - colon - 1, newText: ' []' });
      continue;
    }
    for (const g of group) {
      const r = range(g.map);
      if (!r) continue;
      const start = lineStart(text, text.lastIndexOf('-', r[0]));
      let end = r[2];
      if (end < text.length && text[end - 1] !== '\n') {
        const nl = text.indexOf('\n', end);
        end = nl < 0 ? text.length : nl + 1;
      }
      edits.push({ offset: start, length: end - start, newText: '' });
    }
  }
  return removable.map((g) => g.id);
}

/** One edit adding the new items at the end of the top-level `items:` list (creating it if needed). */
function appendItems(
  text: string,
  root: unknown,
  sources: readonly string[],
  tracker: TrackerName,
  blank: boolean,
): OffsetEdit | string {
  if (blank)
    return { offset: 0, length: text.length, newText: freshFile(tracker, indentLines(sources.join('\n'), '  ')) };
  const block = (indent: string): string => indentLines(sources.join('\n'), indent);
  const tail = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  if (!isMap(root)) return { offset: text.length, length: 0, newText: `${tail}version: 1\nitems:\n${block('  ')}\n` };
  const pair = findPair(root, 'items');
  if (!pair) return { offset: text.length, length: 0, newText: `${tail}items:\n${block('  ')}\n` };
  const list = pair.value;
  const keyR = range(pair.key);
  if (!keyR) return 'the roadmap has no source positions';
  const keyIndent = ' '.repeat(keyR[0] - lineStart(text, keyR[0]));
  if (
    list === null ||
    (isScalar(list) && list.value === null) ||
    (isSeq(list) && list.flow && list.items.length === 0)
  ) {
    const colon = text.indexOf(':', keyR[1]);
    const r = range(list);
    const end = r ? r[1] : colon + 1;
    return { offset: colon + 1, length: end - colon - 1, newText: `\n${block(`${keyIndent}  `)}` };
  }
  if (!isSeq(list)) return '`items` is not a list';
  if (list.flow)
    return '`items` is written as a flow list ([…]); write it as a block list (one `- id:` per item) to import into it';
  const first = range(list.items[0]);
  const dash = first ? text.lastIndexOf('-', first[0]) : -1;
  const indent = dash >= 0 ? ' '.repeat(dash - lineStart(text, dash)) : `${keyIndent}  `;
  const r = range(list);
  if (!r) return 'the roadmap has no source positions';
  const end = r[2];
  if (end > 0 && text[end - 1] === '\n') return { offset: end, length: 0, newText: `${block(indent)}\n` };
  return { offset: endOfLine(text, end), length: 0, newText: `\n${block(indent)}` };
}
