// Offset edits applied in one pass (10,000 edits on a large file stay linear), and the unified
// diff they make, built from the edits themselves (no line-matching diff needed).

import { lineOf, lineStarts } from '../util/lineStarts';

export interface OffsetEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** Edits sorted by offset; at the same offset, in the order given (so inserts keep their order). */
function sorted(edits: readonly OffsetEdit[]): OffsetEdit[] {
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || a.i - b.i)
    .map((x) => x.e);
}

/** Applies non-overlapping edits; throws on overlap (a bug, never silently mangled text). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted(edits)) {
    if (e.offset < at) throw new Error(`overlapping edits at offset ${e.offset}`);
    parts.push(text.slice(at, e.offset), e.newText);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.replace(/\r$/, ''));
}

/** A unified diff (`---`/`+++`, `@@` hunks with `context` lines) of what the edits change. */
export function unifiedDiff(name: string, text: string, edits: readonly OffsetEdit[], context = 2): string {
  if (edits.length === 0) return '';
  const oldStarts = lineStarts(text);
  const oldLines = splitLines(text);
  // Each edit widened to whole old lines [from, to); edits on the same lines fold together.
  type Change = { from: number; to: number; edits: OffsetEdit[]; lines: string[] };
  const changes: Change[] = [];
  for (const e of sorted(edits)) {
    const from = lineOf(oldStarts, e.offset);
    // An insertion at a line's start (or the end of the text) changes no old line.
    const atLineStart = e.length === 0 && (e.offset >= text.length || oldStarts[from] === e.offset);
    const to = atLineStart
      ? Math.min(from, oldLines.length)
      : Math.min(oldLines.length, lineOf(oldStarts, Math.max(e.offset, e.offset + e.length - 1)) + 1);
    const last = changes[changes.length - 1];
    if (last && from < last.to) {
      last.to = Math.max(last.to, to);
      last.edits.push(e);
      continue;
    }
    changes.push({ from, to, edits: [e], lines: [] });
  }
  for (const c of changes) {
    const start = oldStarts[c.from] ?? text.length;
    const end = c.to < oldStarts.length ? (oldStarts[c.to] ?? text.length) : text.length;
    c.lines = splitLines(
      applyOffsetEdits(
        text.slice(start, end),
        c.edits.map((e) => ({ ...e, offset: e.offset - start })),
      ),
    );
    // Lines the edit left as they were are context, not change.
    while (c.from < c.to && c.lines.length > 0 && c.lines[0] === oldLines[c.from]) {
      c.lines.shift();
      c.from++;
    }
    while (c.from < c.to && c.lines.length > 0 && c.lines[c.lines.length - 1] === oldLines[c.to - 1]) {
      c.lines.pop();
      c.to--;
    }
  }
  const out = [`--- ${name}`, `+++ ${name} (imported)`];
  let i = 0;
  let shift = 0;
  while (i < changes.length) {
    let j = i;
    while (j + 1 < changes.length && (changes[j + 1]?.from ?? 0) - (changes[j]?.to ?? 0) <= 2 * context) j++;
    const first = changes[i] as Change;
    const lastC = changes[j] as Change;
    const hStart = Math.max(0, first.from - context);
    const hEnd = Math.min(oldLines.length, lastC.to + context);
    const body: string[] = [];
    let newCount = 0;
    let cursor = hStart;
    for (let k = i; k <= j; k++) {
      const c = changes[k] as Change;
      for (; cursor < c.from; cursor++, newCount++) body.push(` ${oldLines[cursor] ?? ''}`);
      for (let l = c.from; l < c.to; l++) body.push(`-${oldLines[l] ?? ''}`);
      for (const l of c.lines) body.push(`+${l}`);
      newCount += c.lines.length;
      cursor = c.to;
    }
    for (; cursor < hEnd; cursor++, newCount++) body.push(` ${oldLines[cursor] ?? ''}`);
    const oldCount = hEnd - hStart;
    // Unified diff numbers an empty side by the line before it.
    const oldAt = oldCount === 0 ? hStart : hStart + 1;
    const newAt = newCount === 0 ? hStart + shift : hStart + 1 + shift;
    out.push(`@@ -${oldAt},${oldCount} +${newAt},${newCount} @@`, ...body);
    for (let k = i; k <= j; k++)
      shift += (changes[k] as Change).lines.length - ((changes[k] as Change).to - (changes[k] as Change).from);
    i = j + 1;
  }
  return out.join('\n');
}
