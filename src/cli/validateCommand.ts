// `roadmap-lens validate`: load the roadmap, print every diagnostic and a summary, exit 1 on
// errors. `--json` prints one object whose shape is documented in docs/cli.md ("CLI: validate").
import { jsonText } from './terminalSafe';
import { EXIT_FAILED, EXIT_OK, parseArgs, type CliCommand, type CliIo } from './cliCommand';
import {
  diagnosticToJson,
  displayPath,
  formatDiagnostic,
  sortDiagnostics,
  type JsonDiagnostic,
} from './formatDiagnostics';
import { loadRoadmap } from './loadRoadmap';
import { openParsedRoadmapCache } from '../fs/parsedRoadmapCache';

/** The `--json` output. `version` changes only when a field changes meaning or disappears. */
export interface ValidateJson {
  readonly version: 1;
  readonly product: string | null;
  readonly files: readonly string[];
  readonly items: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly JsonDiagnostic[];
  /** Files that could not be read as a roadmap at all (their problems are in `diagnostics`). */
  readonly unreadable: readonly string[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check the roadmap files and print their problems and a summary.',
  usage: [
    'Usage: roadmap-lens validate [--roadmap PATH...] [--json] [--no-cache]',
    '',
    'Checks the roadmap (by default roadmap.yaml, roadmap.yml, .roadmap.yaml and roadmap/*.yaml,',
    'looked for in the current folder and then its parents up to the repository root) and prints',
    'each problem as `file:line:col: severity: message [code]`, then a summary.',
    '',
    'Options:',
    '  --roadmap PATH...  roadmap files or folders to check instead of discovering them',
    '  --json             print one JSON object (see docs/cli.md, "CLI: validate")',
    '  --no-cache         neither read nor write the parsed-roadmap and code caches (~/.cache/roadmap-lens/)',
    '',
    'Exit status: 0 no errors (warnings allowed), 1 errors or no roadmap found, 2 usage error.',
  ].join('\n'),

  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json', 'no-cache'], lists: ['roadmap'] });
    const json = parsed.flags.has('json');
    const loaded = await loadRoadmap({
      cwd: io.cwd,
      roadmap: parsed.lists.get('roadmap') ?? [],
      allowUnreadable: true,
      parsedCache: parsed.flags.has('no-cache') ? undefined : openParsedRoadmapCache(),
      note: (line) => io.err(`roadmap-lens: note: ${line}`),
    });
    const { index } = loaded;
    const diagnostics = sortDiagnostics(index.diagnostics, loaded.files);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const files = loaded.files.map((f) => displayPath(f, io.cwd));

    if (json) {
      const result: ValidateJson = {
        version: 1,
        product: index.product ?? null,
        files,
        items: index.items.length,
        // fromEntries defines own properties: a kind named `__proto__` stays a plain key.
        byKind: Object.fromEntries(index.countByKind()),
        errors,
        warnings,
        diagnostics: diagnostics.map((d) => diagnosticToJson(d, io.cwd)),
        unreadable: loaded.unreadable.map((u) => displayPath(u.file, io.cwd)),
      };
      io.out(jsonText(result));
    } else {
      for (const d of diagnostics) io.out(formatDiagnostic(d, io.cwd));
      const kinds = [...index.countByKind()].map(([kind, n]) => `${kind} ${n}`).join(', ');
      const what = `${plural(index.items.length, 'item')}${kinds.length > 0 ? ` (${kinds})` : ''}`;
      for (const u of loaded.unreadable)
        io.out(`${displayPath(u.file, io.cwd)} is unreadable (${u.reason}); none of its items were read.`);
      const title = index.product === undefined ? '' : `${index.product}: `;
      io.out(
        `${title}${what} in ${plural(files.length, 'file')} (${files.join(', ')}); ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
      );
    }
    return errors > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
