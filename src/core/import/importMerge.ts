// Merges a tracker import into a roadmap file's text as minimal edits: untouched bytes stay
// exactly as written (comments, order, quoting, line endings). Re-import never clobbers: the
// tracker's fields (title, status, owner, target, links, parent) update; what people wrote (a why
// once edited, metrics, paths, branches, refs, comments, order) stays. A why the import wrote
// carries `# imported <hash>`: while the text still matches the hash it follows the tracker.

import { parseDocument, isMap } from 'yaml';
import { parseRoadmapFile } from '../roadmap/parseRoadmap';
import { idKey } from '../roadmap/roadmapTypes';
import { ExistingIndex, existingItems, type ExistingItem } from './existingItems';
import { applyOffsetEdits, type OffsetEdit } from './textEdits';
import { IMPORT_ID_PATTERN, type ImportedItem, type TrackerImport } from './trackerRecord';
import { appendItems, itemSource } from './importAppend';
import { updateItem } from './importItemUpdate';
import { pruneItems } from './importPrune';

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

/** `PAY-881` → `PAY-`, `GH-M3` → `GH-M`: ids of the same tracker project share it. */
function keyPrefix(id: string): string | undefined {
  const m = /^(.*?\D)\d+$/.exec(id);
  return m?.[1] ? m[1].toUpperCase() : undefined;
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
