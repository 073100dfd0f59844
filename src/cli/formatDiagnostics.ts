// Diagnostics for a terminal (`file:line:col: severity: message`, what editors and CI annotate)
// and for `--json`. Lines and columns are 1-based here; the core keeps them 0-based.
import * as path from 'node:path';
import type { RoadmapDiagnostic } from '../core/roadmap/roadmapTypes';

export interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: RoadmapDiagnostic['severity'];
  readonly code: string;
  readonly message: string;
}

/** Relative to cwd with `/` separators, so output is the same on every platform. */
export function displayPath(file: string, cwd: string): string {
  // A roadmap read from git (`origin/roadmap:roadmap.yaml`) is shown as written.
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return (rel.length === 0 ? file : rel).split(path.sep).join('/');
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

/** By file (in the order given), then position, then severity. */
export function sortDiagnostics(
  diagnostics: readonly RoadmapDiagnostic[],
  fileOrder: readonly string[],
): RoadmapDiagnostic[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return [...diagnostics].sort(
    (a, b) =>
      (rank.get(a.file) ?? fileOrder.length) - (rank.get(b.file) ?? fileOrder.length) ||
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}

/** Messages come from YAML text: keep each diagnostic on one line so tools can parse the output. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

export function formatDiagnostic(d: RoadmapDiagnostic, cwd: string): string {
  const { line, character } = d.range.start;
  return `${displayPath(d.file, cwd)}:${line + 1}:${character + 1}: ${d.severity}: ${oneLine(d.message)} [${d.code}]`;
}

export function diagnosticToJson(d: RoadmapDiagnostic, cwd: string): JsonDiagnostic {
  return {
    file: displayPath(d.file, cwd),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}
