// `roadmap-lens check [--range A..B]`: a CI gate. Every non-merge commit in the range must
// reference a roadmap item (in its message or trailers, or through a merge of a linked branch
// inside the range); exit 1 listing the ones that do not.
import { CommitIndex } from '../core/commitIndex/commitIndex';
import { consumeLog } from '../core/commitIndex/commitIndexBuilder';
import { jsonText } from './terminalSafe';
import { EXIT_FAILED, EXIT_OK, parseArgs, UsageError, type CliCommand, type CliIo } from './cliCommand';
import {
  COMMON_OPTIONS_HELP,
  isoDate,
  openContext,
  openRepository,
  reportingFailures,
  shortSha,
  withCommonOptions,
} from './gitCommandContext';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Fail when commits in a range reference no roadmap item (a CI gate).',
  usage: [
    'Usage: roadmap-lens check [--range A..B] [--base BRANCH] [--repo PATH] [--roadmap PATH...] [--json]',
    '',
    'Lists the commits in the range that reference no roadmap item. Merge commits are not checked',
    'themselves; a commit counts as linked when its message or trailers name an item, or a merge in',
    'the range brought it in from a linked branch.',
    '',
    'Options:',
    '  --range RANGE        commits to check, e.g. origin/main..HEAD (default: BASE..HEAD)',
    '  --base BRANCH        base for the default range (default: origin/HEAD, main, master)',
    ...COMMON_OPTIONS_HELP,
    '',
    'Exit status: 0 all linked, 1 unlinked commits (or an error), 2 usage error.',
  ].join('\n'),

  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, withCommonOptions({ options: ['range', 'base'] }));
    return reportingFailures(io, 'check', async () => {
      const ctx = await openContext(parsed, io);
      const repo = await openRepository(ctx);
      let range = parsed.options.get('range');
      if (range === undefined) {
        const base = await repo.baseBranch(parsed.options.get('base'));
        if (base === undefined)
          throw new UsageError('No base branch found (origin/HEAD, main, master); pass --range A..B or --base BRANCH.');
        range = `${base}..HEAD`;
      }
      const index = new CommitIndex();
      const { nonce, batches } = repo.log([range]);
      await consumeLog(batches, nonce, (commits) => index.add(commits, ctx.linker));
      const tips = index.tips();
      index.finish(tips[0], ctx.linker, tips.slice(1));
      const unlinked = index.unlinked();
      const total = [...index.itemCounts().values()].length;
      if (ctx.json) {
        io.out(
          jsonText({
            version: 1,
            range,
            commits: index.size,
            linkedItems: total,
            unlinked: unlinked.map((c) => ({
              sha: c.sha,
              subject: c.subject,
              author: c.author,
              date: isoDate(c.time),
            })),
          }),
        );
      } else if (unlinked.length === 0) {
        io.out(`All ${index.size} commit${index.size === 1 ? '' : 's'} in ${range} reference a roadmap item.`);
      } else {
        io.out(`${unlinked.length} commit${unlinked.length === 1 ? '' : 's'} in ${range} reference no roadmap item:`);
        for (const c of unlinked) io.out(`  ${shortSha(c.sha)}  ${c.subject}  (${c.author})`);
        io.out('Add an item id to the message or a trailer such as `Roadmap: <id>`.');
      }
      return unlinked.length === 0 ? EXIT_OK : EXIT_FAILED;
    });
  },
};
