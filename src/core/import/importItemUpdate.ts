// Updates one roadmap item the import matched: the tracker-owned fields (title, status, owner,
// target, parent, links) as minimal edits, and the why only while it is still the one the import
// wrote (its `# imported <hash>` comment matches its text); a why people edited is kept.

import { isScalar } from 'yaml';
import { idKey } from '../roadmap/roadmapTypes';
import { appendToList, endOfLine, findPair, insertPair, lineStart, range, scalarText } from '../roadmap/tagEdit';
import type { ExistingItem } from './existingItems';
import type { OffsetEdit } from './textEdits';
import type { ImportedItem } from './trackerRecord';
import { pairSource, scalarSource, textHash } from './yamlScalarText';

const SCALAR_FIELDS = ['title', 'status', 'owner', 'target'] as const;
const MARKER = /^\s*imported ([0-9a-f]{8})\s*$/;

/** Edits for the tracker-owned fields of one matched item; returns the names of changed fields. */
export function updateItem(
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
