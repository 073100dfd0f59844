// Helpers for roadmap tests: exact expected positions computed from the test's own YAML text.
import * as assert from 'node:assert/strict';
import type { ParsedRoadmapFile, RoadmapDiagnostic, SourceRange } from '../../src/core/roadmap/roadmapTypes';

/** 0-based range of the `nth` occurrence (0-based) of `needle` in `text`; fails if absent. */
export function rangeOf(text: string, needle: string, nth = 0): SourceRange {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" (#${nth}) not in test text`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

export function codes(diagnostics: readonly RoadmapDiagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** The only diagnostic with `code`; fails when there are none or several. */
export function only(parsed: Pick<ParsedRoadmapFile, 'diagnostics'>, code: string): RoadmapDiagnostic {
  const found = parsed.diagnostics.filter((d) => d.code === code);
  assert.equal(
    found.length,
    1,
    `expected one ${code}, got: ${JSON.stringify(parsed.diagnostics.map((d) => [d.code, d.message]))}`,
  );
  return found[0] as RoadmapDiagnostic;
}

export function ids(parsed: { items: readonly { id: string }[] }): string[] {
  return parsed.items.map((i) => i.id);
}

/** Joins lines with `\n`, so tests can write YAML without template-literal indentation trouble. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
