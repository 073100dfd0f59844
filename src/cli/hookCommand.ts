// `roadmap-lens hook install|uninstall|run`: the `prepare-commit-msg` hook that adds a
// `Roadmap: <item>` trailer for the current item when a commit message names no item yet.
// `run` is what the installed hook calls; it never fails a commit (the hook ignores its status).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { prepareMessage } from '../core/hook/commitHook';
import { installCommitHook, uninstallCommitHook } from '../git/commitHookFiles';
import { detectCurrentWork } from '../git/currentWorkService';
import { GitRunner } from '../git/gitRunner';
import { EXIT_FAILED, EXIT_OK, parseArgs, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { COMMON_OPTIONS_HELP, openContext, reportingFailures, withCommonOptions } from './gitCommandContext';

/** Commit messages are small; a larger file is not one we touch. */
const MAX_MESSAGE_BYTES = 1_000_000;

export const hookCommand: CliCommand = {
  name: 'hook',
  summary: 'Install or uninstall the prepare-commit-msg hook that adds the current item trailer.',
  usage: [
    'Usage: roadmap-lens hook install|uninstall [--repo PATH]',
    '       roadmap-lens hook run MESSAGE_FILE [SOURCE [SHA]]   (called by the installed hook)',
    '',
    'install    writes .git/hooks/prepare-commit-msg (or into core.hooksPath). A hook already there',
    '           is kept as prepare-commit-msg.roadmap-lens-previous and runs first.',
    'uninstall  removes the hook and restores the one that was there before.',
    'run        adds `Roadmap: <current item>` to MESSAGE_FILE when the message names no roadmap item',
    '           (never twice; merges and amends that name an item are left alone).',
    '',
    'Options:',
    ...COMMON_OPTIONS_HELP,
  ].join('\n'),

  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { ...withCommonOptions({}), positionals: true });
    const [action, ...rest] = parsed.positionals;
    return reportingFailures(io, 'hook', async () => {
      const repoDir = path.resolve(io.cwd, parsed.options.get('repo') ?? '.');
      const git = new GitRunner({ cwd: repoDir, isTrusted: () => true });
      switch (action) {
        case 'install': {
          const outcome = await installCommitHook(git, repoDir, process.execPath, path.resolve(__filename));
          if (outcome.kind === 'refused') {
            io.err(`roadmap-lens hook: ${outcome.message}`);
            return EXIT_FAILED;
          }
          if (outcome.kind === 'updated') io.out(`Updated the Roadmap Lens hook at ${outcome.path}.`);
          else
            io.out(
              `Installed the Roadmap Lens hook at ${outcome.path}${outcome.kind === 'installed' && outcome.chained ? ' (the hook that was there runs first)' : ''}.`,
            );
          return EXIT_OK;
        }
        case 'uninstall': {
          const outcome = await uninstallCommitHook(git, repoDir);
          if (outcome.kind === 'refused') {
            io.err(`roadmap-lens hook: ${outcome.message}`);
            return EXIT_FAILED;
          }
          io.out(
            `Removed the Roadmap Lens hook from ${outcome.path}${outcome.kind === 'uninstalled' && outcome.restored ? '; the previous hook is back' : ''}.`,
          );
          return EXIT_OK;
        }
        case 'run':
          return runHook(parsed, rest, io);
        default:
          throw new UsageError(action === undefined ? 'Say install, uninstall or run.' : `Unknown action "${action}".`);
      }
    });
  },
};

async function runHook(parsed: ReturnType<typeof parseArgs>, rest: readonly string[], io: CliIo): Promise<number> {
  const [file] = rest;
  if (file === undefined) throw new UsageError('hook run needs the commit message file.');
  const messageFile = path.resolve(io.cwd, file);
  const stat = await fs.stat(messageFile);
  if (stat.size > MAX_MESSAGE_BYTES) return EXIT_OK;
  const message = await fs.readFile(messageFile, 'utf8');
  const ctx = await openContext(parsed, io);
  const matcher = ctx.roadmap.index.matcher;
  const namesItem = (text: string): boolean => matcher.findAll(text).length > 0;
  // Cheap check first: a message that names an item needs no git at all.
  if (
    namesItem(
      message
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
    )
  )
    return EXIT_OK;
  const { work } = await detectCurrentWork(ctx.git, ctx.linker);
  const decision = prepareMessage(message, work.kind === 'item' ? work.itemId : undefined, namesItem);
  if (decision.kind === 'changed') await fs.writeFile(messageFile, decision.message);
  return EXIT_OK;
}
