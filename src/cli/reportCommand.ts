// `roadmap-lens report`: per item, the branches and commits linked to it and its last activity,
// plus the work that links to nothing — what an EM asks about in planning.
import type { CommitInfo } from '../core/commitIndex/commitIndex';
import type { BranchRef } from '../core/gitOutput/refListParser';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';
import { idKey } from '../core/roadmap/roadmapTypes';
import * as path from 'node:path';
import type { CommitIndex } from '../core/commitIndex/commitIndex';
import { buildIndexForHeadLinkedLater } from '../git/commitIndexService';
import { GitRepository } from '../git/gitRepository';
import { GitRunner } from '../git/gitRunner';
import type { GitCommandContext } from './gitCommandContext';
import { coverageSteps, coverageText, percent } from '../core/rollup/coverage';
import { progressText, rollUpSteps, type ItemRollup, type RollupBranch } from '../core/rollup/rollup';
import { runToEnd } from '../core/util/timeSlices';
import { markdownInline } from '../core/render/markdownText';
import { jsonText } from './terminalSafe';
import { EXIT_OK, parseArgs, UsageError, type CliCommand, type CliIo, type ParsedArgs } from './cliCommand';
import { DRIFT_OPTIONS_HELP, runDrift } from './driftReport';
import { METRICS_OPTION_HELP, runMetricHistory } from './metricHistoryReport';
import {
  COMMON_OPTIONS_HELP,
  isoDate,
  openContext,
  reportingFailures,
  shortSha,
  withCommonOptions,
} from './gitCommandContext';

interface ItemReport {
  readonly item: RoadmapItem;
  readonly branches: {
    readonly name: string;
    readonly tagged: boolean;
    readonly time: number;
    readonly author: string;
  }[];
  readonly commitCount: number;
  readonly recent: readonly CommitInfo[];
  readonly lastActivity: number;
  /** For parents: own plus descendants' work, each once, and the children's statuses. */
  readonly rollup: ItemRollup | undefined;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Per item: linked branches, commits and last activity; plus unlinked work.',
  usage: [
    'Usage: roadmap-lens report [--markdown | --json] [--limit N] [--drift | --metrics] [--repo PATH] [--roadmap PATH...]',
    '',
    'Indexes the history of HEAD and the local and remote branches, then prints each item with',
    'linked work (tagged or id-named branches, commits, last activity) and the branches and recent',
    'commits that reference no item.',
    '',
    'Options:',
    '  --markdown           print a Markdown report',
    '  --limit N            recent commits shown per item and unlinked commits shown (default 5 / 20)',
    ...DRIFT_OPTIONS_HELP,
    ...METRICS_OPTION_HELP,
    '  --base BRANCH        with --drift: the base branch (default: origin/HEAD, main, master)',
    ...COMMON_OPTIONS_HELP,
  ].join('\n'),

  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(
      args,
      withCommonOptions({ flags: ['markdown', 'drift', 'metrics'], options: ['limit', 'stale-days', 'base'] }),
    );
    if (parsed.flags.has('drift') && parsed.flags.has('metrics'))
      throw new UsageError('Choose one of --drift and --metrics.');
    if (parsed.flags.has('drift')) return reportingFailures(io, 'report', () => runDrift(parsed, io, false));
    if (parsed.flags.has('metrics')) return reportingFailures(io, 'report', () => runMetricHistory(parsed, io));
    const limitText = parsed.options.get('limit');
    const limit = limitText === undefined ? 5 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit needs a whole number.');
    if (parsed.flags.has('markdown') && parsed.flags.has('json'))
      throw new UsageError('Choose one of --markdown and --json.');
    return reportingFailures(io, 'report', async () => {
      const { ctx, index, branches } = await loadWhileGitRuns(parsed, io);
      const roadmap = ctx.roadmap.index;

      const byItem = new Map<string, ItemReport['branches']>();
      const unlinkedBranches: BranchRef[] = [];
      for (const b of branches) {
        const names = b.remote === undefined ? [b.name] : [b.branch, b.name];
        const { itemIds, tagged } = ctx.linker.branch(names);
        if (itemIds.length === 0) unlinkedBranches.push(b);
        for (const id of itemIds) {
          const list = byItem.get(idKey(id)) ?? [];
          list.push({ name: b.name, tagged, time: b.time, author: b.author });
          byItem.set(idKey(id), list);
        }
      }
      const linkedShas = index.linkedShasByItem();
      const linked = new Set<string>();
      for (const shas of linkedShas.values()) for (const sha of shas) linked.add(sha);
      const coverage = runToEnd(coverageSteps(index.commitsNewestFirst(), (sha) => linked.has(sha)));
      const branchTimes = new Map<string, RollupBranch[]>();
      for (const [key, list] of byItem) branchTimes.set(key, list);
      const rollup = runToEnd(
        rollUpSteps({
          roadmap,
          commits: linkedShas,
          commitTime: (sha) => index.commitTime(sha),
          branches: branchTimes,
        }),
      );
      const reports: ItemReport[] = roadmap.items.map((item) => {
        const commits = index.commitsFor(item.id);
        const itemBranches = byItem.get(idKey(item.id)) ?? [];
        const lastActivity = Math.max(0, commits[0]?.time ?? 0, ...itemBranches.map((b) => b.time));
        return {
          item,
          branches: itemBranches,
          commitCount: commits.length,
          recent: commits.slice(0, limit),
          lastActivity,
          rollup: roadmap.children(item.id).length > 0 ? rollup.get(idKey(item.id)) : undefined,
        };
      });
      const activity = (r: ItemReport): number => Math.max(r.lastActivity, r.rollup?.lastActivity ?? 0);
      const active = reports
        .filter(
          (r) => r.branches.length > 0 || r.commitCount > 0 || (r.rollup?.commits ?? 0) + (r.rollup?.branches ?? 0) > 0,
        )
        .sort((a, b) => activity(b) - activity(a));
      const unlinkedCommits = index.unlinked(limitText === undefined ? 20 : limit);

      if (ctx.json) {
        io.out(
          jsonText({
            version: 1,
            head: index.head ?? null,
            commitsIndexed: index.size,
            coverage: {
              commits: coverage.commits,
              linked: coverage.linked,
              percent: percent(coverage.linked, coverage.commits),
              months: coverage.months,
            },
            items: reports.map((r) => ({
              id: r.item.id,
              kind: r.item.kind,
              title: r.item.title,
              branches: r.branches.map((b) => ({
                name: b.name,
                tagged: b.tagged,
                lastCommit: isoDate(b.time),
                author: b.author,
              })),
              commits: r.commitCount,
              recentCommits: r.recent.map((c) => ({
                sha: c.sha,
                subject: c.subject,
                author: c.author,
                date: isoDate(c.time),
                evidence: c.evidence.map((e) => e.kind),
              })),
              lastActivity: r.lastActivity > 0 ? isoDate(r.lastActivity) : null,
              ...(r.rollup
                ? {
                    includingChildren: {
                      commits: r.rollup.commits,
                      branches: r.rollup.branches,
                      lastActivity: r.rollup.lastActivity === undefined ? null : isoDate(r.rollup.lastActivity),
                      children: r.rollup.children,
                      descendants: r.rollup.descendants,
                    },
                  }
                : {}),
            })),
            unlinked: {
              branches: unlinkedBranches.map((b) => ({
                name: b.name,
                lastCommit: isoDate(b.time),
                author: b.author,
              })),
              commits: unlinkedCommits.map((c) => ({
                sha: c.sha,
                subject: c.subject,
                author: c.author,
                date: isoDate(c.time),
              })),
            },
          }),
        );
        return EXIT_OK;
      }
      const md = parsed.flags.has('markdown');
      const esc = md ? markdownInline : (s: string): string => s;
      const day = (t: number): string => (t > 0 ? isoDate(t).slice(0, 10) : '—');
      const rolled = (r: ItemReport): string =>
        r.rollup === undefined
          ? ''
          : [
              `${r.rollup.commits} commit${r.rollup.commits === 1 ? '' : 's'}`,
              `${r.rollup.branches} branch${r.rollup.branches === 1 ? '' : 'es'}`,
              progressText(r.rollup.children),
              `last activity ${day(r.rollup.lastActivity ?? 0)}`,
            ]
              .filter(Boolean)
              .join(', ');
      io.out(md ? `# Roadmap work report\n` : `Roadmap work report (${index.size} commits indexed)`);
      io.out(md ? `${coverageText(coverage)}.\n` : `${coverageText(coverage)}.`);
      if (md) {
        io.out('| Item | Title | Branches | Commits | Last activity | Including children |');
        io.out('|---|---|---|---|---|---|');
        for (const r of active) {
          const names = r.branches.map((b) => `${esc(b.name)}${b.tagged ? ' (tag)' : ''}`).join(', ') || '—';
          io.out(
            `| ${esc(r.item.id)} | ${esc(r.item.title)} | ${names} | ${r.commitCount} | ${day(r.lastActivity)} | ${rolled(r) || '—'} |`,
          );
        }
      } else {
        for (const r of active) {
          io.out(`\n${r.item.id}  ${r.item.title}  [${r.item.kind}]  last activity ${day(r.lastActivity)}`);
          if (r.rollup) io.out(`  including children: ${rolled(r)}`);
          for (const b of r.branches)
            io.out(`  branch ${b.name}${b.tagged ? ' (tagged)' : ''}  ${day(b.time)}  ${b.author}`);
          io.out(`  ${r.commitCount} commit${r.commitCount === 1 ? '' : 's'}`);
          for (const c of r.recent)
            io.out(
              `    ${shortSha(c.sha)}  ${day(c.time)}  ${c.subject}  (${c.author}; ${c.evidence.map((e) => e.kind).join(', ')})`,
            );
        }
      }
      io.out(`${md ? '\n' : '\n'}${reports.length - active.length} of ${reports.length} items have no linked work.`);
      io.out(md ? '\n## Unlinked work\n' : '\nUnlinked work');
      io.out(
        md
          ? `Branches: ${unlinkedBranches.map((b) => `\`${b.name.replace(/`/g, "'")}\``).join(', ') || 'none'}`
          : `  branches: ${unlinkedBranches.map((b) => b.name).join(', ') || 'none'}`,
      );
      io.out(md ? '\nRecent commits:\n' : '  recent commits:');
      for (const c of unlinkedCommits)
        io.out(
          md
            ? `- \`${shortSha(c.sha)}\` ${esc(c.subject)} (${esc(c.author)})`
            : `    ${shortSha(c.sha)}  ${day(c.time)}  ${c.subject}  (${c.author})`,
        );
      if (unlinkedCommits.length === 0) io.out(md ? '- none' : '    none');
      return EXIT_OK;
    });
  },
};

/**
 * The roadmap, the commit index of HEAD and the branches, with git started first: git walks and
 * formats the log while the roadmap is read and parsed (between roadmap files the pipe drains),
 * and commits are linked once the roadmap is in (issue #13: `report --json` on 82k real commits was
 * 2.4 × a raw `git log`). A roadmap that fails stops git and is the error.
 */
async function loadWhileGitRuns(
  parsed: ParsedArgs,
  io: CliIo,
): Promise<{ ctx: GitCommandContext; index: CommitIndex; branches: readonly BranchRef[] }> {
  const ctxP = openContext(parsed, io);
  const abort = new AbortController();
  const repoDir = path.resolve(io.cwd, parsed.options.get('repo') ?? '.');
  const early = GitRepository.open(new GitRunner({ cwd: repoDir, isTrusted: () => true })).then((repo) => {
    const index = buildIndexForHeadLinkedLater(
      repo,
      ctxP.then((c) => c.linker),
      { signal: abort.signal },
    );
    const branches = repo.branches();
    // Awaited below, or dropped when the roadmap failed: never an unhandled rejection meanwhile.
    index.catch(() => undefined);
    branches.catch(() => undefined);
    return { index, branches };
  });
  early.catch(() => undefined);
  let ctx: GitCommandContext;
  try {
    ctx = await ctxP;
  } catch (e) {
    abort.abort();
    throw e;
  }
  const { index, branches } = await early;
  return { ctx, index: await index, branches: await branches };
}
