// Symbols of indentation languages from their blanked code (maskCode).
// Python: `def` and `class` blocks end where a line is indented no deeper; lines inside brackets,
// after a `\`, or inside a multi-line string do not count (a docstring at column 0 ends nothing).
// YAML: the keys whose values are blocks, at the top two levels (`jobs:` → `build:`), as sections.

import type { SymbolKindName, SymbolRange } from '../symbolRanges';

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

interface Open {
  readonly name: string;
  readonly kind: SymbolKindName;
  readonly start: number;
  readonly indent: number;
  readonly depth: number;
}

/** Closes open blocks indented at least `indent`, ending at the last non-blank line up to `upTo`. */
function closer(masked: readonly string[], out: SymbolRange[], pending: Open[]) {
  return (upTo: number, indent: number): void => {
    while (pending.length > 0 && (pending[pending.length - 1]?.indent ?? 0) >= indent) {
      const p = pending.pop();
      if (!p) break;
      let end = upTo;
      while (end > p.start && (masked[end] ?? '').trim().length === 0) end--;
      out.push({ name: p.name, kind: p.kind, startLine: p.start, endLine: end, depth: p.depth });
    }
  };
}

export function pythonSymbols(masked: readonly string[]): SymbolRange[] {
  const out: SymbolRange[] = [];
  const pending: Open[] = [];
  const close = closer(masked, out, pending);
  const re = /^(\s*)(?:async\s+)?(def|class)\s+(\w+)/;
  let brackets = 0;
  let continued = false;
  for (let l = 0; l < masked.length; l++) {
    const line = masked[l] ?? '';
    const trimmed = line.trim();
    const logicalStart = brackets === 0 && !continued;
    for (const ch of line) {
      if (ch === '(' || ch === '[' || ch === '{') brackets++;
      else if ((ch === ')' || ch === ']' || ch === '}') && brackets > 0) brackets--;
    }
    continued = trimmed.endsWith('\\');
    if (trimmed.length === 0 || !logicalStart) continue;
    const indent = indentOf(line);
    close(l - 1, indent);
    const m = re.exec(line);
    if (m) {
      const parent = pending[pending.length - 1];
      const kind: SymbolKindName = m[2] === 'class' ? 'class' : parent?.kind === 'class' ? 'method' : 'function';
      pending.push({ name: m[3] ?? '', kind, start: l, indent, depth: pending.length });
    }
  }
  close(masked.length - 1, 0);
  return out.sort((a, b) => a.startLine - b.startLine || a.depth - b.depth);
}

/** YAML: `key:` (or `- key:` in a list) with a nested block below, at the top two nesting levels. */
export function yamlSymbols(masked: readonly string[]): SymbolRange[] {
  const out: SymbolRange[] = [];
  const pending: Open[] = [];
  const close = closer(masked, out, pending);
  const key = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?)\s*:\s*(?:[|>][-+0-9]*\s*)?(?:&\S+\s*)?$/;
  let scalarIndent = -1;
  for (let l = 0; l < masked.length; l++) {
    const line = masked[l] ?? '';
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    const indent = indentOf(line);
    // Inside a block scalar (`key: |`) every more-indented line is text, not structure.
    if (scalarIndent >= 0 && indent > scalarIndent) continue;
    scalarIndent = -1;
    if (trimmed === '---' || trimmed === '...') {
      close(l - 1, 0);
      continue;
    }
    close(l - 1, indent);
    const m = key.exec(line);
    if (!m) continue;
    if (/:\s*[|>]/.test(line)) {
      scalarIndent = indent;
      continue;
    }
    if (pending.length >= 2) continue;
    const name = (m[2] ?? '').trim().replace(/^["']|["']$/g, '');
    pending.push({ name, kind: 'module', start: l, indent, depth: pending.length });
  }
  close(masked.length - 1, 0);
  // A key whose block turned out empty (`key:` then a sibling) is a scalar, not a section.
  return out.filter((s) => s.endLine > s.startLine).sort((a, b) => a.startLine - b.startLine || a.depth - b.depth);
}
