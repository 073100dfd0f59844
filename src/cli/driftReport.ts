// `report --drift` and `check --drift`: where the roadmap and the code disagree (see
// core/drift/driftFindings.ts for the kinds). Shared by both commands: report prints, check gates.
import { driftFindings, lastCommitTimes, type DriftFinding } from '../core/drift/driftFindings';
import { idKey } from '../core/roadmap/roadmapTypes';
import { buildIndexForHead } from '../git/commitIndexService';
import { closingCommits, commitsAhead, deadPathGlobs } from '../git/driftFacts';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type ParsedArgs } from './cliCommand';
import { displayPath } from './formatDiagnostics';
import { openContext, openRepository } from './gitCommandContext';

/** `roadmapLens.drift.staleDays`' default: an in-progress item with no commit for this long is stale. */
export const DEFAULT_STALE_DAYS = 30;
const MAX_BASE_COMMITS = 20_000;

export const DRIFT_OPTIONS_HELP = [
  '  --drift              report drift between the roadmap and the code instead',
  '  --stale-days N       with --drift: in-progress with no linked commit for N days is stale (default 30)',
];

export function staleDaysOption(parsed: ParsedArgs): number {
  const text = parsed.options.get('stale-days');
  const n = text === undefined ? DEFAULT_STALE_DAYS : Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--stale-days needs a whole number of days (1 or more).');
  return n;
}

export async function runDrift(parsed: ParsedArgs, io: CliIo, gate: boolean): Promise<number> {
  const staleDays = staleDaysOption(parsed);
  const ctx = await openContext(parsed, io);
  const repo = await openRepository(ctx);
  const base = await repo.baseBranch(parsed.options.get('base'));
  if (base === undefined) {
    io.err('roadmap-lens: no base branch (origin/HEAD, main, master); pass --base BRANCH.');
    return EXIT_FAILED;
  }
  const roadmap = ctx.roadmap.index;
  const closing = await closingCommits(ctx.git, base, roadmap, MAX_BASE_COMMITS);
  const index = await buildIndexForHead(repo, ctx.linker);
  const lastCommit = lastCommitTimes(roadmap, index);
  // Only shipped items' tagged branches can drift this way: ask git about those alone.
  const unmergedBranches = new Map<string, { branch: string; ahead: number }[]>();
  for (const b of await repo.branches()) {
    if (b.remote !== undefined) continue;
    const { itemIds, tagged } = ctx.linker.branch([b.name]);
    if (!tagged) continue;
    for (const id of itemIds) {
      if ((roadmap.get(id)?.status ?? '').toLowerCase() !== 'shipped') continue;
      const ahead = await commitsAhead(ctx.git, base, b.name);
      if (ahead > 0)
        unmergedBranches.set(idKey(id), [...(unmergedBranches.get(idKey(id)) ?? []), { branch: b.name, ahead }]);
    }
  }
  const deadGlobs = await deadPathGlobs(
    ctx.git,
    roadmap.items.flatMap((i) => i.paths),
  );
  const findings = driftFindings({
    items: roadmap.items,
    closing,
    lastCommit,
    unmergedBranches,
    deadGlobs,
    base,
    now: Math.floor(Date.now() / 1000),
    staleDays,
  });
  print(findings, base, io, ctx.json);
  return gate && findings.length > 0 ? EXIT_FAILED : EXIT_OK;
}

function print(findings: readonly DriftFinding[], base: string, io: CliIo, json: boolean): void {
  if (json) {
    io.out(
      JSON.stringify(
        {
          version: 1,
          base,
          findings: findings.map((f) => ({
            kind: f.kind,
            id: f.item.id,
            file: displayPath(f.item.location.file, io.cwd),
            line: f.item.idLocation.range.start.line + 1,
            message: f.message,
            suggestedStatus: f.suggestedStatus ?? null,
            evidence: f.evidence,
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  for (const f of findings) {
    const where = `${displayPath(f.item.location.file, io.cwd)}:${f.item.idLocation.range.start.line + 1}`;
    io.out(`${where}: drift: ${f.message} [${f.kind}]`);
  }
  io.out(
    findings.length === 0
      ? `No drift against ${base}.`
      : `${findings.length} drift finding${findings.length === 1 ? '' : 's'} against ${base}.`,
  );
}
