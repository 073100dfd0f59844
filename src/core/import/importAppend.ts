// Adds the items new to the roadmap: their YAML source, appended as one edit at the end of the
// top-level `items:` list (creating the list, or the whole file, when there is none).

import { isMap, isScalar, isSeq } from 'yaml';
import { endOfLine, findPair, lineStart, range } from '../roadmap/tagEdit';
import type { OffsetEdit } from './textEdits';
import { TRACKER_LABELS, type ImportedItem, type TrackerName } from './trackerRecord';
import { flowListSource, pairSource, scalarSource, textHash } from './yamlScalarText';

/** A new item's lines, unindented (`- id: …` then keys at two spaces). */
export function itemSource(item: ImportedItem, parent: string | undefined): string {
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

/** One edit adding the new items at the end of the top-level `items:` list (creating it if needed). */
export function appendItems(
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
