// `roadmap-lens current`: the roadmap item the checked-out branch is working on, and why.
import { detectCurrentWork } from '../git/currentWorkService';
import { jsonText } from './terminalSafe';
import { EXIT_FAILED, EXIT_OK, parseArgs, type CliCommand, type CliIo } from './cliCommand';
import { COMMON_OPTIONS_HELP, openContext, reportingFailures, shortSha, withCommonOptions } from './gitCommandContext';

const STATE_TEXT: Record<string, string> = {
  untrusted: 'git is disabled in an untrusted workspace',
  'git-missing': 'git was not found on PATH',
  'not-a-repo': 'not a git repository',
  unborn: 'the branch has no commits yet and its name links to no item',
  detached: 'HEAD is detached (no branch to link)',
  'no-link': 'the branch links to no roadmap item (no tag, no id in its name, no references in its commits)',
};

const REASON_TEXT = {
  'branch-tag': 'the branch is tagged',
  'branch-name': 'the branch name',
  commits: 'commits on the branch',
} as const;

export const currentCommand: CliCommand = {
  name: 'current',
  summary: 'Show the roadmap item the current branch works on, and why.',
  usage: [
    'Usage: roadmap-lens current [--base BRANCH] [--repo PATH] [--roadmap PATH...] [--json]',
    '',
    'Decides in this order: a roadmap `branches:` tag matching the branch, an item id or ref in the',
    'branch name, then references in the commits on the branch since it left the base branch.',
    '',
    'Options:',
    '  --base BRANCH        base branch (default: origin/HEAD, main, master)',
    ...COMMON_OPTIONS_HELP,
    '',
    'Exit status: 0 an item was found, 1 none (or an error), 2 usage error.',
  ].join('\n'),

  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, withCommonOptions({ options: ['base'] }));
    return reportingFailures(io, 'current', async () => {
      const ctx = await openContext(parsed, io);
      const base = parsed.options.get('base');
      const result = await detectCurrentWork(ctx.git, ctx.linker, base === undefined ? {} : { baseBranch: base });
      const { work, head } = result;
      const item = work.kind === 'item' ? ctx.roadmap.index.get(work.itemId) : undefined;
      if (ctx.json) {
        io.out(
          jsonText({
            version: 1,
            head,
            base: result.base ?? null,
            current:
              work.kind === 'item' && item
                ? {
                    id: item.id,
                    kind: item.kind,
                    title: item.title,
                    why: item.why ?? null,
                    reason: work.reason,
                    branch: work.branch,
                    pattern: work.pattern ?? null,
                    commitCount: work.commitCount ?? null,
                    commitTotal: work.commitTotal ?? null,
                    others: work.others,
                  }
                : null,
            state: work.kind === 'none' ? work.state : 'linked',
          }),
        );
        return work.kind === 'item' ? EXIT_OK : EXIT_FAILED;
      }
      const where =
        head.kind === 'branch'
          ? `on ${head.branch}${head.operation ? ` (${head.operation} in progress)` : ''}`
          : head.kind === 'detached'
            ? `detached at ${shortSha(head.sha)}${head.operation ? ` (${head.operation} in progress${head.branch ? ` on ${head.branch}` : ''})` : ''}`
            : head.kind === 'unborn'
              ? `on ${head.branch} (no commits yet)`
              : '';
      if (work.kind === 'none') {
        io.out(`No current item${where ? ` ${where}` : ''}: ${STATE_TEXT[work.state] ?? work.state}.`);
        return EXIT_FAILED;
      }
      io.out(`${item?.id ?? work.itemId}  ${item?.title ?? ''}`.trimEnd());
      let because: string = REASON_TEXT[work.reason];
      if (work.reason === 'branch-tag') because += ` by \`${work.pattern ?? ''}\``;
      if (work.reason === 'commits')
        because += ` (${work.commitCount ?? 0} of ${work.commitTotal ?? 0} since ${result.base ?? 'the base'})`;
      io.out(`  via ${because}, ${where}`);
      if (item?.why) io.out(`  why: ${item.why.trim().replace(/\s+/g, ' ')}`);
      if (work.others.length > 0) io.out(`  also matched: ${work.others.join(', ')}`);
      return EXIT_OK;
    });
  },
};
