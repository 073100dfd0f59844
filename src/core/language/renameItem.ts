// The text edits that rename an item id inside one roadmap file: the `id:` value, every `parent:`
// that names it, and the old id added to the item's `refs` so branches and commits that use it
// still link. Offsets into the original text (found with yaml's node ranges), so comments, quoting
// and layout stay as written. Mentions in comments are edited by the caller, like any other file.

import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { addBranchTag, applyTextEdits, type TextEdit } from '../roadmap/tagEdit';
import { ID_PATTERN } from '../roadmap/roadmapKeys';
import { idKey } from '../roadmap/roadmapTypes';

export type RenameResult =
  | { readonly ok: true; readonly edits: readonly TextEdit[]; readonly definesItem: boolean }
  | { readonly ok: false; readonly message: string };

type AnyPair = Pair<unknown, unknown>;

function keyOf(pair: AnyPair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** Why `newId` cannot be an id, or undefined when it can. */
export function idProblem(newId: string): string | undefined {
  if (newId.trim() !== newId || newId === '') return 'An id cannot be empty or start or end with spaces.';
  if (!ID_PATTERN.test(newId)) return `"${newId}" is not a valid id: use letters, digits, \`-\`, \`_\` and \`.\`.`;
  return undefined;
}

/** The scalar's source written again with `value`, in the same quoting style. */
function rewrite(node: Node, value: string): string {
  if (isScalar(node) && node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (isScalar(node) && node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return value;
}

/**
 * Renames `oldId` to `newId` in one roadmap file's text. `definesItem` says whether this file holds
 * the item (then the old id joined its `refs`); a file that only has `parent:` references gets those.
 */
export function renameInRoadmapText(text: string, oldId: string, newId: string): RenameResult {
  const problem = idProblem(newId);
  if (problem !== undefined) return { ok: false, message: problem };
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0)
    return {
      ok: false,
      message: `the file has YAML errors (${doc.errors[0]?.message.split('\n')[0] ?? 'syntax error'}); fix them first`,
    };
  const want = idKey(oldId);
  const edits: TextEdit[] = [];
  let definition: YAMLMap | undefined;
  const stack: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isMap(node) || seen.has(node)) continue;
    seen.add(node);
    for (const pair of node.items as AnyPair[]) {
      const key = keyOf(pair);
      const value = pair.value;
      if ((key === 'id' || key === 'parent') && isScalar(value) && idKey(String(value.value)) === want) {
        const r = value.range;
        if (!r) continue;
        edits.push({ offset: r[0], length: r[1] - r[0], newText: rewrite(value, newId) });
        if (key === 'id') definition ??= node;
      }
      if (key === 'items' && isSeq(value)) for (const child of value.items) stack.push(child);
      if (isMap(value)) stack.push(value);
    }
  }
  if (definition === undefined) return { ok: true, edits, definesItem: false };
  // The old id goes into refs, computed on the text after the id edit so both offsets stay valid:
  // the refs edit is mapped back through the id edit below.
  const renamed = applyTextEdits(text, edits);
  const written = definition.items.find((p) => keyOf(p) === 'id')?.value;
  const oldWritten = isScalar(written) ? String(written.value) : oldId;
  const refs = addBranchTag(renamed, newId, oldWritten, 'refs');
  if (!refs.ok) {
    if (refs.reason === 'already-tagged') return { ok: true, edits, definesItem: true };
    return { ok: false, message: refs.message };
  }
  return { ok: true, edits: [...edits, ...refs.edits.map((e) => unshift(e, edits))], definesItem: true };
}

/** Maps an edit made on the edited text back to an offset in the original text. */
function unshift(edit: TextEdit, before: readonly TextEdit[]): TextEdit {
  let shift = 0;
  for (const b of [...before].sort((x, y) => x.offset - y.offset)) {
    if (b.offset + shift + b.newText.length > edit.offset) break;
    shift += b.newText.length - b.length;
  }
  return { ...edit, offset: edit.offset - shift };
}
