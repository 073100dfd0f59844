// What the git-backed CLI commands (`current`, `tag`, `check`, `report`) share: the common
// options, opening the roadmap and the repository, and turning git-layer errors into a message
// and exit code. The CLI is run deliberately, so the workspace counts as trusted.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseGitObjectSpec } from '../core/roadmap/gitObjectSpec';
import { CommitLinker } from '../core/linking/commitLinks';
import { DEFAULT_TRAILER_KEYS } from '../core/gitOutput/trailers';
import { GitRepository } from '../git/gitRepository';
import { GitRunner } from '../git/gitRunner';
import { type ArgSpec, type CliIo, type ParsedArgs } from './cliCommand';
import { CliFailure } from './failureMessage';
import { isDirectory, loadRoadmap, type LoadedRoadmap } from './loadRoadmap';
import { openParsedRoadmapCache } from '../fs/parsedRoadmapCache';

export const COMMON_OPTIONS_HELP = [
  '  --repo PATH          the repository (default: the current folder)',
  '  --roadmap PATH...    roadmap files or folders (default: discovered from the repository folder)',
  '  --trailer-key KEY... commit trailer keys that link to items (default: Roadmap Refs Implements)',
  '  --json               print one JSON object',
  '  --no-cache           neither read nor write the parsed-roadmap and code caches (~/.cache/roadmap-lens/)',
];

/** Adds the common options to a command's own. */
export function withCommonOptions(spec: ArgSpec): ArgSpec {
  return {
    ...spec,
    flags: [...(spec.flags ?? []), 'json', 'no-cache'],
    options: [...(spec.options ?? []), 'repo'],
    lists: [...(spec.lists ?? []), 'roadmap', 'trailer-key'],
  };
}

export interface GitCommandContext {
  readonly repoDir: string;
  readonly roadmap: LoadedRoadmap;
  readonly linker: CommitLinker;
  readonly git: GitRunner;
  readonly json: boolean;
}

export async function openRoadmap(parsed: ParsedArgs, io: CliIo): Promise<{ repoDir: string; roadmap: LoadedRoadmap }> {
  const repoDir = path.resolve(io.cwd, parsed.options.get('repo') ?? '.');
  if (!isDirectory(repoDir))
    throw new CliFailure(
      'repo-not-a-folder',
      `--repo ${parsed.options.get('repo') ?? '.'}: not a folder; pass the repository's folder.`,
    );
  // `REV:PATH` (a roadmap read from git) stays as written unless such a file exists.
  const explicit = (parsed.lists.get('roadmap') ?? []).map((p) =>
    parseGitObjectSpec(p) && !existsSync(path.resolve(io.cwd, p)) ? p : path.resolve(io.cwd, p),
  );
  const roadmap = await loadRoadmap({
    cwd: repoDir,
    roadmap: explicit,
    parsedCache: parsed.flags.has('no-cache') ? undefined : openParsedRoadmapCache(),
    note: (line) => io.err(`roadmap-lens: note: ${line}`),
  });
  return { repoDir, roadmap };
}

export async function openContext(parsed: ParsedArgs, io: CliIo): Promise<GitCommandContext> {
  const { repoDir, roadmap } = await openRoadmap(parsed, io);
  const trailerKeys = parsed.lists.get('trailer-key') ?? DEFAULT_TRAILER_KEYS;
  return {
    repoDir,
    roadmap,
    linker: new CommitLinker(roadmap.index, { trailerKeys }),
    git: new GitRunner({ cwd: repoDir, isTrusted: () => true }),
    json: parsed.flags.has('json'),
  };
}

export async function openRepository(ctx: GitCommandContext): Promise<GitRepository> {
  return GitRepository.open(ctx.git);
}

/**
 * Runs a command body. Failures propagate to main, which prints each as one line (and a JSON
 * object with --json; see failureMessage.ts): kept as the seam commands already call.
 */
export async function reportingFailures(_io: CliIo, _name: string, body: () => Promise<number>): Promise<number> {
  return body();
}

export function shortSha(sha: string): string {
  return sha.slice(0, 8);
}

export function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
