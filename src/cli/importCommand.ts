// `roadmap-lens import github|jira|linear|aha FILE`: merges a tracker export into the roadmap
// file (creating roadmap.yaml when there is none). Offline: reads only the export file.
import { FileReadError, READ_LIMITS, readFileBounded } from '../fs/boundedRead';
import { jsonText } from './terminalSafe';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeExportBytes } from '../core/import/decodeExportBytes';
import { mergeImport, type MergeSummary } from '../core/import/importMerge';
import { parseTrackerExport } from '../core/import/parseTrackerExport';
import { parseStatusMap } from '../core/import/statusMapping';
import { unifiedDiff } from '../core/import/textEdits';
import { TRACKERS, type TrackerImport, type TrackerName } from '../core/import/trackerRecord';
import { parseRoadmapBytes } from '../core/roadmap/parseRoadmap';
import { idKey } from '../core/roadmap/roadmapTypes';
import { EXIT_FAILED, EXIT_OK, parseArgs, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { displayPath } from './formatDiagnostics';
import { discoverRoadmap, findRoadmapFiles, isDirectory, readRoadmapFile } from './loadRoadmap';
import { editRoadmapFile } from '../fs/roadmapFileEdit';
import { writeFileAtomic } from './tagCommand';

/** Exports above this are refused before reading (a 10,000-issue Jira export is ~20 MB). */
const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

/** The one place import writes the roadmap: swapping in a safer writer is one line. */
async function writeRoadmap(file: string, text: string): Promise<void> {
  // An existing file keeps its identity (symlink target, mode, owner) and is written under the lock.
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (exists) await editRoadmapFile(file, file, () => ({ text }));
  else await writeFileAtomic(file, text);
}

async function readText(file: string): Promise<string | undefined> {
  try {
    const bytes = await readFileBounded(file, { maxBytes: READ_LIMITS.roadmap, what: 'roadmap files' });
    return bytes.toString('utf8');
  } catch (e) {
    if (e instanceof FileReadError && e.problem === 'missing') return undefined;
    throw e;
  }
}

/** The file to merge into, and the roadmap's other files (their ids can be parents). */
function targetFile(cwd: string, roadmap: string | undefined): { file: string; others: string[] } {
  if (roadmap !== undefined) {
    const full = path.resolve(cwd, roadmap);
    if (isDirectory(full)) {
      const found = findRoadmapFiles(full);
      return { file: found[0] ?? path.join(full, 'roadmap.yaml'), others: found.slice(1) };
    }
    if (!isDirectory(path.dirname(full))) throw new UsageError(`--roadmap ${roadmap}: no such folder.`);
    return { file: full, others: [] };
  }
  const found = discoverRoadmap(cwd);
  if (!found) return { file: path.join(path.resolve(cwd), 'roadmap.yaml'), others: [] };
  return { file: found.files[0] ?? path.join(found.root, 'roadmap.yaml'), others: found.files.slice(1) };
}

function summaryLines(s: MergeSummary, imported: TrackerImport, where: string, dryRun: boolean): string[] {
  const verb = dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} ${imported.items.length} item${imported.items.length === 1 ? '' : 's'} into ${where}: ${s.added.length} added, ${s.updated.length} updated, ${s.unchanged} unchanged${s.pruned.length > 0 ? `, ${s.pruned.length} removed` : ''}.`,
  ];
  if (s.whyKept.length > 0)
    lines.push(
      `Kept the why people wrote for ${s.whyKept.length}: ${s.whyKept.slice(0, 20).join(', ')}${s.whyKept.length > 20 ? ', …' : ''}.`,
    );
  const gone = s.gone.filter((g) => !s.pruned.includes(g));
  if (gone.length > 0)
    lines.push(
      `Gone from the export, still in the roadmap (--prune removes them): ${gone.slice(0, 20).join(', ')}${gone.length > 20 ? ', …' : ''}.`,
    );
  return lines;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Merge a GitHub / Jira / Linear / Aha! export into the roadmap file.',
  usage: [
    'Usage: roadmap-lens import github|jira|linear|aha FILE [--roadmap PATH] [--dry-run] [--prune]',
    '                           [--status-map NAME=STATUS...] [--base-url URL] [--json]',
    '',
    'Reads a tracker export (offline; docs/import.md shows how to make each one) and merges it into',
    'the roadmap file: new items are added, tracker fields (title, status, owner, target, links,',
    'parent) update, and what people wrote (a why once edited, metrics, paths, branches, comments,',
    'order) stays. Creates roadmap.yaml when there is none. Rows that cannot be read are reported with',
    'their line number and skipped.',
    '',
    '  github FILE.json   gh issue list --state all --limit 1000 \\',
    '                       --json number,title,body,labels,milestone,state,assignees,url > FILE.json',
    '  jira FILE.csv      Jira: Filters → Export → Export Excel CSV (all fields)',
    '  linear FILE.csv    Linear: Settings → Import / export → Export CSV',
    '  aha FILE.csv       Aha!: a features list report → Export → CSV',
    '',
    'Options:',
    '  --roadmap PATH       the roadmap file or folder to merge into (default: discovered; else ./roadmap.yaml)',
    '  --dry-run            print the change as a diff; write nothing',
    '  --prune              remove items of this tracker that are gone from the export',
    '  --status-map M...    custom workflow states, e.g. "Ready for QA=in-progress" "Parked=dropped"',
    '  --base-url URL       tracker URL for links when the export has none (Jira, Linear)',
    '  --json               print one JSON object',
    '',
    'Exit status: 0 merged (or would merge), 1 refused or nothing to import, 2 usage error.',
  ].join('\n'),

  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      flags: ['dry-run', 'prune', 'json'],
      options: ['roadmap', 'base-url'],
      lists: ['status-map'],
      positionals: true,
    });
    const [trackerArg, fileArg, ...extra] = parsed.positionals;
    if (trackerArg === undefined || fileArg === undefined || extra.length > 0)
      throw new UsageError('Expected a tracker (github, jira, linear, aha) and an export FILE.');
    const tracker = trackerArg.toLowerCase() as TrackerName;
    if (!TRACKERS.includes(tracker))
      throw new UsageError(`Unknown tracker "${trackerArg}": use ${TRACKERS.join(', ')}.`);
    const statusMap = parseStatusMap(parsed.lists.get('status-map') ?? []);
    if (statusMap.errors.length > 0) throw new UsageError(`--status-map ${statusMap.errors.join('; ')}.`);
    const baseUrl = parsed.options.get('base-url');
    if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(baseUrl))
      throw new UsageError('--base-url must be an http(s) URL.');
    const json = parsed.flags.has('json');
    const dryRun = parsed.flags.has('dry-run');
    const fail = (message: string): number => {
      if (json) io.out(jsonText({ version: 1, ok: false, message }));
      else io.err(`roadmap-lens import: ${message}`);
      return EXIT_FAILED;
    };

    const exportPath = path.resolve(io.cwd, fileArg);
    const stat = await fs.stat(exportPath).catch(() => undefined);
    if (!stat?.isFile()) return fail(`${fileArg}: no such file.`);
    if (stat.size > MAX_EXPORT_BYTES) return fail(`${fileArg} is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB.`);
    const decoded = decodeExportBytes(
      await readFileBounded(exportPath, {
        maxBytes: MAX_EXPORT_BYTES,
        displayName: exportPath,
        what: 'tracker exports',
      }),
    );
    if ('error' in decoded) return fail(`${fileArg}: ${decoded.error}.`);
    const imported = parseTrackerExport(tracker, decoded.text, {
      statusMap: statusMap.map,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
    });
    const exportName = displayPath(exportPath, io.cwd);
    const problems = imported.problems.map((p) => `${exportName}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`);
    if (imported.items.length === 0) {
      for (const p of problems) io.err(p);
      return fail(`no items could be read from ${exportName}.`);
    }

    const { file, others } = targetFile(io.cwd, parsed.options.get('roadmap'));
    const otherIds = new Set<string>();
    for (const other of others)
      for (const item of parseRoadmapBytes(other, readRoadmapFile(other, io.cwd)).items) otherIds.add(idKey(item.id));
    const before = (await readText(file)) ?? '';
    const result = mergeImport(before, imported, { file, prune: parsed.flags.has('prune'), otherIds });
    const where = displayPath(file, io.cwd);
    if (!result.ok) return fail(`${where}: ${result.message}.`);
    if (!dryRun && result.edits.length > 0) {
      // Refuse to write over a change made while this import ran (an editor save, another import).
      if (((await readText(file)) ?? '') !== before)
        return fail(`${where} changed while importing; nothing was written.`);
      await writeRoadmap(file, result.text);
    }
    const summary = result.summary;
    if (json) {
      io.out(
        jsonText({
          version: 1,
          ok: true,
          dryRun,
          tracker,
          file: where,
          ...summary,
          problems: imported.problems,
          notes: [...imported.notes, ...summary.notes],
          ...(dryRun ? { diff: unifiedDiff(where, before, result.edits) } : {}),
        }),
      );
      return EXIT_OK;
    }
    if (dryRun) {
      const diff = unifiedDiff(where, before, result.edits);
      if (diff) io.out(diff);
    }
    for (const line of summaryLines(summary, imported, where, dryRun)) io.out(line);
    for (const note of [...imported.notes, ...summary.notes]) io.err(`note: ${note}`);
    for (const p of problems) io.err(`skipped: ${p}`);
    return EXIT_OK;
  },
};
