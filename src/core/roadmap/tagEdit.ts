// The minimal text edit that tags (or untags) a branch on a roadmap item: found with yaml's node
// ranges, applied as offsets into the original text, so comments, key order, quoting style and
// blank lines stay exactly as the author wrote them. Pure: the VS Code command turns the result
// into a WorkspaceEdit, the CLI applies it to the file.

import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  parse as parseYaml,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { globProblem } from './globProblem';
import { idKey } from './roadmapTypes';

export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export type TagEditRefusal =
  'roadmap-invalid' | 'item-not-found' | 'already-tagged' | 'not-tagged' | 'unsupported-format' | 'invalid-branch';

export type TagEditResult =
  | { readonly ok: true; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly reason: TagEditRefusal; readonly message: string };

type AnyPair = Pair<unknown, unknown>;

function refuse(reason: TagEditRefusal, message: string): TagEditResult {
  return { ok: false, reason, message };
}

/** Applies non-overlapping edits (any order) to text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

function keyOf(pair: AnyPair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export function findPair(map: YAMLMap, key: string): AnyPair | undefined {
  return (map.items as AnyPair[]).find((p) => keyOf(p) === key);
}

/**
 * A scalar as the roadmap parser reads it: strings as strings, anything else by its source text,
 * so `id: 0x1F`, `id: 1e3` and `id: 1.10` are found as written, not as 31, 1000 and 1.1.
 */
function scalarSource(node: { value: unknown; source?: string }): string {
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

/** Depth-first over `items:` sequences (top level and nested); the first item with this id. */
export function findItem(root: unknown, id: string): YAMLMap | undefined {
  const want = idKey(id);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isMap(node)) continue;
    const idPair = findPair(node, 'id');
    if (idPair && isScalar(idPair.value) && idKey(scalarSource(idPair.value)) === want) return node;
    const items = findPair(node, 'items')?.value;
    if (isSeq(items)) for (let i = items.items.length - 1; i >= 0; i--) stack.push(items.items[i]);
  }
  return undefined;
}

/** The branch as YAML source in a flow or block sequence: plain when that reads back the same. */
function formatScalar(branch: string, style: 'plain' | 'double' | 'single', context: 'flow' | 'block'): string {
  const roundTrips = (src: string): boolean => {
    try {
      const v: unknown = parseYaml(context === 'flow' ? `[${src}]` : `- ${src}`);
      return Array.isArray(v) && v.length === 1 && v[0] === branch;
    } catch {
      return false;
    }
  };
  if (style === 'plain' && roundTrips(branch)) return branch;
  if (style === 'single') {
    const single = `'${branch.replace(/'/g, "''")}'`;
    if (roundTrips(single)) return single;
  }
  return JSON.stringify(branch);
}

function styleOf(node: unknown): 'plain' | 'double' | 'single' {
  if (isScalar(node)) {
    if (node.type === 'QUOTE_DOUBLE') return 'double';
    if (node.type === 'QUOTE_SINGLE') return 'single';
  }
  return 'plain';
}

export function range(node: unknown): [number, number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1], r[2]] : undefined;
}

/** Where to insert "\n…" so it lands at the end of the line on which `end` is (before a CRLF's `\r`). */
export function endOfLine(text: string, end: number): number {
  let nl = end > 0 && text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
  if (nl < 0) nl = text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The file's line ending: CRLF when its first line break is one, so inserted lines match it. */
function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function withEol(result: TagEditResult, text: string): TagEditResult {
  const eol = eolOf(text);
  if (!result.ok || eol === '\n') return result;
  return { ok: true, edits: result.edits.map((e) => ({ ...e, newText: e.newText.replace(/\n/g, eol) })) };
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function indentAt(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), offset);
}

export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? scalarSource(node) : undefined;
}

function seqValues(seq: YAMLSeq): string[] {
  return seq.items.map((i) => scalarText(i) ?? '');
}

/**
 * `key` is `branches` for a tag; the rename of an item adds its old id to `refs` the same way
 * (any list of strings on an item works alike).
 */
export function addBranchTag(
  text: string,
  itemId: string,
  branch: string,
  key: 'branches' | 'refs' = 'branches',
): TagEditResult {
  return withEol(addBranchTagLf(text, itemId, branch, key), text);
}

function addBranchTagLf(text: string, itemId: string, branch: string, key: 'branches' | 'refs'): TagEditResult {
  const problem = key === 'branches' ? globProblem(branch) : undefined;
  if (problem !== undefined)
    return refuse('invalid-branch', `"${branch}" is not a usable branch name or glob (${problem}); not tagging it.`);
  const found = locate(text, itemId, branch);
  if ('ok' in found) return found;
  return appendToList(text, found.item, key, branch, () =>
    refuse('already-tagged', `${itemId} already lists the branch "${branch}".`),
  );
}

/**
 * Appends `branch` (any text) to the item's `key:` list as a minimal edit, in the list's own
 * layout and quoting; adds the key when missing. `present` answers when the value is already there.
 */
export function appendToList(
  text: string,
  item: YAMLMap,
  key: string,
  branch: string,
  present: () => TagEditResult,
): TagEditResult {
  const pair = findPair(item, key);
  if (!pair) return insertBranchesKey(text, item, branch, key);
  const value = pair.value;
  if (isSeq(value)) {
    if (seqValues(value).includes(branch)) return present();
    const last = value.items[value.items.length - 1];
    const r = range(value);
    if (!r) return refuse('unsupported-format', `${key} has no source position.`);
    if (value.flow) {
      const lastR = range(last);
      const newText = formatScalar(branch, styleOf(last ?? null), 'flow');
      if (!lastR) {
        const open = text.indexOf('[', r[0]);
        return { ok: true, edits: [{ offset: open + 1, length: 0, newText }] };
      }
      return { ok: true, edits: [{ offset: lastR[1], length: 0, newText: `, ${newText}` }] };
    }
    const lastR = range(last);
    if (!lastR) return refuse('unsupported-format', `${key} has no source position.`);
    const dash = text.lastIndexOf('-', lastR[0]);
    const indent = indentAt(text, dash);
    if (!/^[ ]*$/.test(indent))
      return refuse('unsupported-format', `${key} list is laid out in a way this edit does not handle.`);
    const entry = formatScalar(branch, styleOf(last), 'block');
    return { ok: true, edits: [{ offset: endOfLine(text, lastR[2]), length: 0, newText: `\n${indent}- ${entry}` }] };
  }
  if (isScalar(value) && value.value !== null) {
    // `branches: checkout/*` (one entry written as a string) becomes a flow list of both.
    if (scalarText(value) === branch) return present();
    const r = range(value);
    if (!r) return refuse('unsupported-format', `${key} has no source position.`);
    const source = text.slice(r[0], r[1]);
    return {
      ok: true,
      edits: [
        { offset: r[0], length: r[1] - r[0], newText: `[${source}, ${formatScalar(branch, styleOf(value), 'flow')}]` },
      ],
    };
  }
  // `branches:` with no value.
  const keyR = range(pair.key);
  if (!keyR) return refuse('unsupported-format', `${key} has no source position.`);
  const colon = text.indexOf(':', keyR[1]);
  return {
    ok: true,
    edits: [{ offset: colon + 1, length: 0, newText: ` [${formatScalar(branch, 'double', 'flow')}]` }],
  };
}

export function removeBranchTag(text: string, itemId: string, branch: string): TagEditResult {
  const found = locate(text, itemId, branch);
  if ('ok' in found) return found;
  const pair = findPair(found.item, 'branches');
  const value = pair?.value;
  const notTagged = refuse('not-tagged', `${itemId} does not list the branch "${branch}".`);
  if (isScalar(value) && value.value !== null) {
    const r = range(value);
    if (scalarText(value) !== branch || !r) return notTagged;
    return { ok: true, edits: [{ offset: r[0], length: r[1] - r[0], newText: '[]' }] };
  }
  if (!isSeq(value)) return notTagged;
  const index = seqValues(value).indexOf(branch);
  const node = value.items[index];
  const r = range(node);
  if (index < 0 || !r) return notTagged;
  if (value.flow) {
    const prev = range(value.items[index - 1]);
    const next = range(value.items[index + 1]);
    if (prev) return { ok: true, edits: [{ offset: prev[1], length: r[1] - prev[1], newText: '' }] };
    if (next) return { ok: true, edits: [{ offset: r[0], length: next[0] - r[0], newText: '' }] };
    return { ok: true, edits: [{ offset: r[0], length: r[1] - r[0], newText: '' }] };
  }
  const dash = text.lastIndexOf('-', r[0]);
  const start = lineStart(text, dash);
  const endNl = text.indexOf('\n', r[2] > 0 && text[r[2] - 1] === '\n' ? r[2] - 1 : r[2]);
  if (value.items.length === 1) {
    // The last entry: leave an empty flow list rather than a `branches:` that reads as null.
    const keyR = range(pair?.key);
    if (!keyR) return notTagged;
    const colon = text.indexOf(':', keyR[1]);
    let lineEnd = endNl < 0 ? text.length : endNl;
    if (lineEnd > 0 && text[lineEnd - 1] === '\r') lineEnd--;
    return { ok: true, edits: [{ offset: colon + 1, length: lineEnd - colon - 1, newText: ' []' }] };
  }
  const end = endNl < 0 ? text.length : endNl + 1;
  return { ok: true, edits: [{ offset: start, length: end - start, newText: '' }] };
}

function locate(text: string, itemId: string, branch: string): { item: YAMLMap } | TagEditResult {
  if (branch.trim().length === 0 || /[\r\n]/.test(branch))
    return refuse('invalid-branch', 'A branch name must be one non-empty line.');
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    return refuse(
      'roadmap-invalid',
      `The roadmap has YAML errors (${doc.errors[0]?.message.split('\n')[0] ?? 'syntax error'}); fix them first.`,
    );
  }
  const item = findItem(doc.contents, itemId);
  if (!item) return refuse('item-not-found', `No item with id ${itemId} in this file.`);
  return { item };
}

/** No `branches:` key: add one after the item's last single-line-or-scalar key, at the item's indentation. */
function insertBranchesKey(text: string, item: YAMLMap, branch: string, key = 'branches'): TagEditResult {
  return insertPair(text, item, `${key}: [${formatScalar(branch, 'double', 'flow')}]`);
}

/** Inserts `entry` (one or more `key: value` lines, unindented) as new keys of the item. */
export function insertPair(text: string, item: YAMLMap, entry: string): TagEditResult {
  const pairs = item.items as AnyPair[];
  if (item.flow) {
    const last = pairs[pairs.length - 1];
    const end = range(last?.value)?.[1] ?? range(last?.key)?.[1];
    if (end === undefined) return refuse('unsupported-format', 'The item has no keys.');
    return { ok: true, edits: [{ offset: end, length: 0, newText: `, ${entry}` }] };
  }
  let anchor: AnyPair | undefined;
  for (const p of pairs)
    if (p.value === null || isScalar(p.value) || (isSeq(p.value) && p.value.flow) || (isMap(p.value) && p.value.flow))
      anchor = p;
  anchor ??= pairs.find((p) => keyOf(p) === 'id');
  const keyR = range(anchor?.key);
  if (!anchor || !keyR) return refuse('unsupported-format', 'The item has no keys to insert after.');
  let indent = indentAt(text, keyR[0]);
  const valueEnd = range(anchor.value)?.[2] ?? keyR[2];
  // `- id: X` on the dash line: the map's column is the key's column.
  if (!/^[ ]*$/.test(indent)) indent = ' '.repeat(keyR[0] - lineStart(text, keyR[0]));
  const lines = entry
    .split('\n')
    .map((l) => (l.length > 0 ? `${indent}${l}` : l))
    .join('\n');
  return { ok: true, edits: [{ offset: endOfLine(text, valueEnd), length: 0, newText: `\n${lines}` }] };
}
