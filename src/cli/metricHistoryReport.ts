// `report --metrics`: each metric's `current` over the roadmap files' own commits, as the item
// card's sparkline shows it (core/drift/metricHistory.ts), for people who are not in the editor.
// Same bounds as the editor: one `git log -p` per roadmap file, its newest 40 commits, 16 MB.
import { metricHistory, revisionMetrics, type RevisionMetrics } from '../core/drift/metricHistory';
import { parseRoadmapFile } from '../core/roadmap/parseRoadmap';
import { idKey } from '../core/roadmap/roadmapTypes';
import { fileRevisions, repoRelativePath } from '../git/fileRevisions';
import { EXIT_OK, type CliIo, type ParsedArgs } from './cliCommand';
import { displayPath } from './formatDiagnostics';
import { openContext, openRepository } from './gitCommandContext';
import { jsonText } from './terminalSafe';

export const METRICS_OPTION_HELP = [
  "  --metrics            each metric's current value over the roadmap file's commits instead",
];

const MAX_REVISIONS = 40;
const MAX_BYTES = 16 * 1024 * 1024;

function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

export async function runMetricHistory(parsed: ParsedArgs, io: CliIo): Promise<number> {
  const ctx = await openContext(parsed, io);
  const repo = await openRepository(ctx);
  const rows: { id: string; file: string; name: string; points: { date: string; sha: string; value: string }[] }[] = [];
  let skipped = 0;
  for (const file of ctx.roadmap.files) {
    const rel = await repoRelativePath(repo.info.root, file);
    if (rel === undefined) continue;
    const read: RevisionMetrics[] = [];
    for (const rev of await fileRevisions(ctx.git, rel, { maxCount: MAX_REVISIONS, maxBytes: MAX_BYTES })) {
      if (rev.text === undefined) continue;
      const metrics = revisionMetrics(rev.sha, rev.time, parseRoadmapFile(file, rev.text));
      if (metrics) read.push(metrics);
      else skipped++;
    }
    const history = metricHistory(read);
    // Items as the roadmap has them now, in its order; an item gone from it has no row.
    for (const item of ctx.roadmap.index.items) {
      for (const series of history.get(idKey(item.id)) ?? []) {
        if (!item.metrics.some((m) => m.name === series.name)) continue;
        rows.push({
          id: item.id,
          file: displayPath(file, io.cwd),
          name: series.name,
          points: series.points.map((p) => ({ date: day(p.time), sha: p.sha, value: p.value })),
        });
      }
    }
  }
  if (ctx.json) {
    io.out(jsonText({ version: 1, skippedRevisions: skipped, metrics: rows }));
    return EXIT_OK;
  }
  for (const r of rows)
    io.out(`${r.id} ${r.name}: ${r.points.map((p) => `${p.value} (${p.date} ${p.sha.slice(0, 7)})`).join(' → ')}`);
  io.out(
    rows.length === 0
      ? "No metric history: no commit of the roadmap set a metric's current value."
      : `${rows.length} metric${rows.length === 1 ? '' : 's'} with history${skipped > 0 ? `; ${skipped} revision${skipped === 1 ? ' that was' : 's that were'} not valid YAML skipped` : ''}.`,
  );
  return EXIT_OK;
}
