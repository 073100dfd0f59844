// Insertions into a roadmap file that keep everything else byte for byte: a `why:` stub inside an
// item, and a new item at the end of the top-level `items:` list. Found with yaml's node ranges;
// refused (undefined) where the layout is not one these edits handle, never guessed.

import { isMap, isScalar, isSeq, parseDocument, parse as parseYaml, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../roadmap/tagEdit';

type AnyPair = Pair<unknown, unknown>;

function keyOf(pair: AnyPair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the line break ending the line on which `end` lies (or the text's end). */
function endOfLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end - 1 - (text[end - 2] === '\r' ? 1 : 0);
  const nl = text.indexOf('\n', end);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A YAML scalar for `value`: plain when it reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  try {
    const read = parseYaml(`k: ${value}`) as { k?: unknown } | null;
    if (value !== '' && read?.k === value && !/[\r\n]/.test(value)) return value;
  } catch {
    // not plain-safe
  }
  return JSON.stringify(value);
}

function itemMapAt(text: string, idOffset: number): YAMLMap | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) stack.push(...node.items);
    if (!isMap(node)) continue;
    for (const pair of node.items as AnyPair[]) {
      if (keyOf(pair) === 'id' && isScalar(pair.value) && pair.value.range?.[0] === idOffset) return node;
      if (isSeq(pair.value) || isMap(pair.value)) stack.push(pair.value);
    }
  }
  return undefined;
}

export interface StubEdit {
  readonly edit: TextEdit;
  /** Where the cursor goes after the edit: inside the stub's value, as an offset in the new text. */
  readonly cursor: number;
}

/**
 * Adds `why: ` to the item whose id value starts at `idOffset`, after its `title` (or `id`) line,
 * at the item's key indentation. Undefined for flow-style items or text yaml cannot read.
 */
export function insertWhyStub(text: string, idOffset: number): StubEdit | undefined {
  const item = itemMapAt(text, idOffset);
  if (!item || item.flow) return undefined;
  const pairs = item.items as AnyPair[];
  if (pairs.some((p) => keyOf(p) === 'why')) return undefined;
  const anchor = pairs.find((p) => keyOf(p) === 'title') ?? pairs.find((p) => keyOf(p) === 'id');
  const keyStart = (anchor?.key as { range?: number[] } | undefined)?.range?.[0];
  const valueEnd = (anchor?.value as { range?: number[] } | undefined)?.range?.[2];
  if (anchor === undefined || keyStart === undefined || valueEnd === undefined) return undefined;
  const column = keyStart - lineStart(text, keyStart);
  const at = endOfLine(text, valueEnd);
  const prefix = `${eol(text)}${' '.repeat(column)}why: `;
  return { edit: { offset: at, length: 0, newText: prefix }, cursor: at + prefix.length };
}

export interface NewItem {
  readonly id: string;
  readonly title: string;
  readonly why?: string;
  readonly kind: string;
  readonly parent?: string;
}

/**
 * Appends `item` to the file's top-level `items:` block list, indented like its last entry.
 * Undefined when the file has no such list (empty, flow style, or not a roadmap).
 */
export function appendItem(text: string, item: NewItem): TextEdit | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = (doc.contents.items as AnyPair[]).find((p) => keyOf(p) === 'items');
  const list = pair?.value;
  if (!isSeq(list) || list.flow || list.items.length === 0) return undefined;
  const last = list.items[list.items.length - 1] as { range?: number[] } | undefined;
  const first = list.items[0] as { range?: number[] } | undefined;
  const end = last?.range?.[2];
  const firstStart = first?.range?.[0];
  if (end === undefined || firstStart === undefined) return undefined;
  const dash = text.lastIndexOf('-', firstStart);
  const indent = text.slice(lineStart(text, dash), dash);
  if (!/^ *$/.test(indent)) return undefined;
  const gap = ' '.repeat(Math.max(1, firstStart - dash - 1));
  const keyIndent = `${indent} ${gap}`;
  const nl = eol(text);
  const lines = [`${indent}-${gap}id: ${yamlScalar(item.id)}`];
  if (item.parent !== undefined) lines.push(`${keyIndent}parent: ${yamlScalar(item.parent)}`);
  lines.push(`${keyIndent}kind: ${yamlScalar(item.kind)}`, `${keyIndent}title: ${yamlScalar(item.title)}`);
  if (item.why !== undefined && item.why.trim() !== '') lines.push(`${keyIndent}why: ${yamlScalar(item.why.trim())}`);
  lines.push(`${keyIndent}status: planned`);
  const at = endOfLine(text, end);
  return { offset: at, length: 0, newText: nl + lines.join(nl) };
}
