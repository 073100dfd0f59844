// `roadmap-lens tag BRANCH ITEM`: add (or with --remove, drop) a branch in the item's `branches`,
// as the same minimal, comment-preserving edit the editor command makes. Written by
// editRoadmapFile (lock, compare-before-rename, symlinks/mode/owner kept) and only after the edited
// text re-parses with the tag in place and no errors.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseRoadmapFile } from '../core/roadmap/parseRoadmap';
import { idKey } from '../core/roadmap/roadmapTypes';
import { addBranchTag, applyTextEdits, removeBranchTag } from '../core/roadmap/tagEdit';
import { jsonText } from './terminalSafe';
import { EXIT_FAILED, EXIT_OK, parseArgs, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { displayPath } from './formatDiagnostics';
import { editRoadmapFile } from './roadmapFileEdit';
import { COMMON_OPTIONS_HELP, openRoadmap, reportingFailures, withCommonOptions } from './gitCommandContext';

/** An edit `tag` declines; printed as `{ ok: false, reason }` with --json. */
class TagRefusal extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Creates a NEW file next to its final name and renames it in (a crash or full disk never leaves
 * half a file). Existing roadmap files are edited with editRoadmapFile (lock, compare, identity).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = (await fs.stat(file).catch(() => undefined))?.mode;
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx', ...(mode !== undefined ? { mode } : {}) });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export const tagCommand: CliCommand = {
  name: 'tag',
  summary: 'Tag a branch (name or glob) to a roadmap item in the roadmap file.',
  usage: [
    'Usage: roadmap-lens tag BRANCH ITEM [--remove] [--roadmap PATH...] [--json]',
    '',
    "Appends BRANCH to ITEM's `branches:` list in the file that defines ITEM, keeping comments,",
    'order, quoting and blank lines. With --remove, takes it out again. Refuses (file untouched)',
    'when the roadmap has YAML errors, ITEM is unknown, or the branch is already (not) there.',
    '',
    'Options:',
    '  --remove             untag instead of tag',
    ...COMMON_OPTIONS_HELP,
    '',
    'Exit status: 0 edited, 1 refused or failed, 2 usage error.',
  ].join('\n'),

  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, withCommonOptions({ flags: ['remove'], positionals: true }));
    const [branch, idOrAlias, ...extra] = parsed.positionals;
    if (branch === undefined || idOrAlias === undefined || extra.length > 0)
      throw new UsageError('Expected BRANCH and ITEM.');
    const remove = parsed.flags.has('remove');
    const json = parsed.flags.has('json');
    return reportingFailures(io, 'tag', async () => {
      const { roadmap } = await openRoadmap(parsed, io);
      const item = roadmap.index.get(idOrAlias);
      const refuse = (reason: string, message: string): number => {
        if (json) io.out(jsonText({ version: 1, ok: false, reason, message }));
        else io.err(`roadmap-lens tag: ${message}`);
        return EXIT_FAILED;
      };
      if (!item) return refuse('item-not-found', `No roadmap item "${idOrAlias}".`);
      const file = item.location.file;
      if (!path.isAbsolute(file))
        return refuse(
          'read-only',
          `${idOrAlias} is defined in ${file}, read from git: commit the tag on that branch instead (check it out, or pass --roadmap with a file path).`,
        );
      const shown = displayPath(file, io.cwd);
      let check: { branches: readonly string[] } | undefined;
      try {
        // Decided again on the text read under the lock (editRoadmapFile), so a concurrent edit is kept.
        await editRoadmapFile(file, shown, (text, bytes) => {
          if (!Buffer.from(text, 'utf8').equals(bytes))
            return { refuse: new TagRefusal('not-utf8', `${shown} is not valid UTF-8; not editing it.`) };
          // Validate before writing: a file with errors (duplicate keys, invalid ids…) is not edited.
          const error = parseRoadmapFile(file, text).diagnostics.find((d) => d.severity === 'error');
          if (error)
            return {
              refuse: new TagRefusal(
                'roadmap-invalid',
                `${shown} has errors (line ${error.range.start.line + 1}: ${error.message}); fix them first. Nothing was changed.`,
              ),
            };
          const result = remove ? removeBranchTag(text, item.id, branch) : addBranchTag(text, item.id, branch);
          if (!result.ok) return { refuse: new TagRefusal(result.reason, result.message) };
          const next = applyTextEdits(text, result.edits);
          const edited = parseRoadmapFile(file, next);
          check = edited.items.find((i) => idKey(i.id) === idKey(item.id));
          if (
            !check ||
            check.branches.includes(branch) === remove ||
            edited.diagnostics.some((d) => d.severity === 'error')
          )
            return {
              refuse: new TagRefusal(
                'edit-check-failed',
                'The edited roadmap did not read back as expected; not writing it.',
              ),
            };
          return { text: next };
        });
      } catch (e) {
        if (e instanceof TagRefusal) return refuse(e.reason, e.message);
        throw e;
      }
      if (!check) return refuse('edit-check-failed', 'The edited roadmap did not read back as expected.');
      const where = displayPath(file, io.cwd);
      if (json)
        io.out(
          jsonText({
            version: 1,
            ok: true,
            file: where,
            item: item.id,
            branch,
            removed: remove,
            branches: check.branches,
          }),
        );
      else io.out(`${remove ? 'Untagged' : 'Tagged'} ${branch} ${remove ? 'from' : 'to'} ${item.id} in ${where}.`);
      return EXIT_OK;
    });
  },
};
