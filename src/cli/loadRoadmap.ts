// Finds, reads and parses the roadmap for a CLI command: the same core as the extension, with
// node:fs in place of vscode.workspace.fs. Shared by every command (`validate`, `why`, `check`, …).
import { readdirSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { parseGitObjectSpec } from '../core/roadmap/gitObjectSpec';
import { parseRoadmapBytes, unreadableReason } from '../core/roadmap/parseRoadmap';
import { GitObjectNotFoundError, readGitObjectFile } from '../git/gitObjectFile';
import { GitRunner } from '../git/gitRunner';
import { READ_LIMITS, readFileBoundedSync } from '../fs/boundedRead';
import { isGlobPattern } from '../core/glob/globMatcher';
import { DEFAULT_ROADMAP_GLOBS, globLiteralDir, matchesRoadmapGlob } from '../core/roadmap/roadmapDiscovery';
import { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import type { ParsedRoadmapFile } from '../core/roadmap/roadmapTypes';
import {
  parsedRoadmapKey,
  readParsedRoadmap,
  writeParsedRoadmap,
  type ParsedRoadmapCache,
} from '../fs/parsedRoadmapCache';
import { UsageError } from './cliCommand';
import { parseRoadmapsOffThread } from './parseOffThread';
import { trace } from './trace';

export interface LoadedRoadmap {
  /** The folder the roadmap was found in (globs are relative to it). */
  readonly root: string;
  /** Absolute paths, in merge order. */
  readonly files: readonly string[];
  readonly index: RoadmapIndex;
  /** Files that did not parse (only with allowUnreadable): absolute path and why. */
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
}

export interface LoadRoadmapOptions {
  readonly cwd: string;
  /** `--roadmap` values: files or folders, relative to cwd. Empty or absent: discover. */
  readonly roadmap?: readonly string[];
  readonly globs?: readonly string[];
  /** `validate` lists the problems of unreadable files; every other command refuses them. */
  readonly allowUnreadable?: boolean;
  /** The user-level parsed-roadmap cache; absent: parse, and read or write no cache (`--no-cache`). */
  readonly parsedCache?: ParsedRoadmapCache | undefined;
  /**
   * Parse on a worker thread when the cache misses and the roadmap has at least this many bytes
   * (`why`: its git pipes keep flowing meanwhile; see parseOffThread.ts). Absent: never.
   */
  readonly offThreadFrom?: number;
  /** One-line notes for stderr (a cache file ignored or not written); never part of the answer. */
  readonly note?: (line: string) => void;
  /**
   * Called when the roadmap is to be parsed (a cache miss): once the worker thread has it, or just
   * before an inline parse, which waits for what it returns (so git the caller starts can be
   * spawned before the parse holds the thread). Work that needs no roadmap can go on meanwhile
   * (git on the other core).
   */
  readonly whileParsing?: () => void | Promise<void>;
}

/** No roadmap file where one was looked for (or one it cannot read); commands print the message and exit 1. */
export class NoRoadmapError extends Error {
  override readonly name: string = 'NoRoadmapError';
}

/** A roadmap file that does not parse (YAML syntax, encoding, nesting): never read as empty. */
export class UnreadableRoadmapError extends NoRoadmapError {
  override readonly name = 'UnreadableRoadmapError';
}

const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);
const MAX_GLOBSTAR_DEPTH = 16;

// Discovery and reading use the synchronous calls: a CLI command has nothing else for its thread
// to do until the roadmap is in, and each asynchronous call is a thread-pool round trip (finding
// and reading 25 roadmap files took ~17 ms of a warm `why` that way; issue #13). None of them can
// block: stat and readdir do not open files, and reads go through readFileBoundedSync.

/** Undefined for anything stat refuses (missing, a file on the way, no permission, a link loop). */
function statOf(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

export function isDirectory(p: string): boolean {
  return statOf(p)?.isDirectory() ?? false;
}

/**
 * Anything but a folder: a FIFO or device named like a roadmap is found, so reading it fails with
 * a message that says what it is, rather than "no roadmap found".
 */
function isFile(p: string): boolean {
  const stat = statOf(p);
  return stat !== undefined && !stat.isDirectory();
}

/** Walks only below each glob's literal prefix, and only as deep as the glob can reach. */
function filesForGlob(folder: string, glob: string): string[] {
  if (!isGlobPattern(glob)) return isFile(path.join(folder, glob)) ? [path.join(folder, glob)] : [];
  const dir = globLiteralDir(glob);
  const base = path.join(folder, dir);
  const rest = glob.slice(dir.length);
  const maxDepth = rest.includes('**') ? MAX_GLOBSTAR_DEPTH : rest.split('/').length;
  const out: string[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: base, depth: 1 }];
  while (queue.length > 0) {
    const { dir, depth } = queue.shift() ?? { dir: base, depth: 1 };
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth && !SKIP_DIRS.has(entry.name)) queue.push({ dir: full, depth: depth + 1 });
      } else if (matchesRoadmapGlob(path.relative(folder, full), [glob])) {
        out.push(full);
      }
    }
  }
  return out.sort();
}

/** Roadmap files directly in `folder`, in glob order then path order, without duplicates. */
export function findRoadmapFiles(folder: string, globs: readonly string[] = DEFAULT_ROADMAP_GLOBS): string[] {
  const seen = new Set<string>();
  for (const glob of globs) {
    if (glob.trim().length === 0) continue;
    for (const file of filesForGlob(folder, glob)) seen.add(file);
  }
  return [...seen];
}

/**
 * Whether `dir` is where a repository ends (#16 class 11): a work tree's root (`.git` as a folder,
 * or as a file, as in linked worktrees and submodules), or a git dir itself (a bare repository,
 * or `.git/`: HEAD, objects/ and refs/, git's own test), so discovery never walks above it.
 */
function isRepositoryBoundary(dir: string): boolean {
  const dotGit = path.join(dir, '.git');
  if (isDirectory(dotGit) || isFile(dotGit)) return true;
  return (
    isFile(path.join(dir, 'HEAD')) && isDirectory(path.join(dir, 'objects')) && isDirectory(path.join(dir, 'refs'))
  );
}

/**
 * From `cwd` upwards, the first folder with roadmap files; the search stops at a repository's
 * boundary (see isRepositoryBoundary), so a roadmap outside the repository is never picked up.
 */
export function discoverRoadmap(
  cwd: string,
  globs: readonly string[] = DEFAULT_ROADMAP_GLOBS,
): { root: string; files: string[] } | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const files = findRoadmapFiles(dir, globs);
    if (files.length > 0) return { root: dir, files };
    const parent = path.dirname(dir);
    if (parent === dir || isRepositoryBoundary(dir)) return undefined;
    dir = parent;
  }
}

async function resolveExplicit(
  cwd: string,
  args: readonly string[],
  globs: readonly string[],
): Promise<{ root: string; files: string[]; gitObjects: Map<string, string> }> {
  const files: string[] = [];
  const gitObjects = new Map<string, string>();
  let root: string | undefined;
  for (const arg of args) {
    const full = path.resolve(cwd, arg);
    // `origin/roadmap:roadmap.yaml`: a roadmap kept on a branch of its own (read-only, from git).
    const spec = parseGitObjectSpec(arg);
    if (spec && !isFile(full) && !isDirectory(full)) {
      try {
        gitObjects.set(arg, await readGitObjectFile(new GitRunner({ cwd, isTrusted: () => true }), spec));
      } catch (e) {
        if (e instanceof GitObjectNotFoundError) throw new UsageError(`--roadmap ${e.message}`);
        throw e;
      }
      files.push(arg);
      root ??= path.resolve(cwd);
      continue;
    }
    if (isDirectory(full)) {
      const found = findRoadmapFiles(full, globs);
      if (found.length === 0) throw new NoRoadmapError(`No roadmap file in ${arg} (looked for ${globs.join(', ')}).`);
      files.push(...found);
      root ??= full;
    } else if (isFile(full)) {
      files.push(full);
      root ??= path.dirname(full);
    } else {
      throw new UsageError(`--roadmap ${arg}: no such file or folder.`);
    }
  }
  return { root: root ?? path.resolve(cwd), files: [...new Set(files)], gitObjects };
}

/** A roadmap file's bytes: a regular file within READ_LIMITS.roadmap, or a one-line FileReadError. */
export function readRoadmapFile(file: string, cwd: string): Buffer {
  const shown = path.relative(cwd, file);
  return readFileBoundedSync(file, {
    maxBytes: READ_LIMITS.roadmap,
    displayName: shown === '' || shown.startsWith('..') ? file : shown,
    what: 'roadmap files',
  });
}

/**
 * Each file's parse: from the user-level parsed-roadmap cache when it holds this exact set (same
 * names relative to the roadmap folder, same bytes, same parser build), else parsed here and
 * written there. The cache never changes a result, only its cost (test/unit/parsedRoadmapCodec).
 */
async function parsedRoadmapFiles(
  found: { root: string; files: readonly string[] },
  bytes: readonly Buffer[],
  fromGit: ReadonlyMap<string, string>,
  options: LoadRoadmapOptions,
): Promise<ParsedRoadmapFile[]> {
  const cache = options.parsedCache;
  const key =
    cache &&
    parsedRoadmapKey(
      cache,
      found.files.map((file, i) => ({
        name: fromGit.has(file) ? `git:${file}` : path.relative(found.root, file).split(path.sep).join('/'),
        bytes: bytes[i] ?? Buffer.alloc(0),
      })),
    );
  if (cache && key) {
    const got = await readParsedRoadmap(cache, key, found.files);
    trace(`parsed roadmap cache: ${got.kind}`);
    if (got.kind === 'hit') return [...got.files];
    if (got.kind === 'ignored') options.note?.(got.note);
  }
  const total = bytes.reduce((n, b) => n + b.length, 0);
  const parsed: ParsedRoadmapFile[] = [];
  if (options.offThreadFrom !== undefined && total >= options.offThreadFrom) {
    const onThread = parseRoadmapsOffThread(
      found.files.map((file, i) => ({ file, bytes: bytes[i] ?? Buffer.alloc(0) })),
    );
    void options.whileParsing?.();
    parsed.push(...(await onThread));
  } else {
    await options.whileParsing?.();
    // One file at a time, yielding between them: git read through a pipe meanwhile (current work's
    // for `why`, whose blame and graph are spooled) would fill it and stall in a long synchronous
    // stretch (measured before spooling: ~1 s on 10k items).
    for (let i = 0; i < found.files.length; i++) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      parsed.push(parseRoadmapBytes(found.files[i] ?? '', bytes[i] ?? Buffer.alloc(0)));
    }
  }
  if (cache && key) {
    const problem = await writeParsedRoadmap(cache, key, parsed);
    trace(problem === undefined ? 'parsed roadmap cache: written' : 'parsed roadmap cache: not written');
    if (problem !== undefined) options.note?.(problem);
  }
  return parsed;
}

export async function loadRoadmap(options: LoadRoadmapOptions): Promise<LoadedRoadmap> {
  const globs = options.globs ?? DEFAULT_ROADMAP_GLOBS;
  let found: { root: string; files: string[]; gitObjects?: Map<string, string> } | undefined;
  if (options.roadmap && options.roadmap.length > 0) {
    found = await resolveExplicit(options.cwd, options.roadmap, globs);
  } else {
    found = discoverRoadmap(options.cwd, globs);
    if (found === undefined) {
      throw new NoRoadmapError(
        `No roadmap found in ${options.cwd} or its parent folders (looked for ${globs.join(', ')}). Create roadmap.yaml or pass --roadmap PATH.`,
      );
    }
  }
  const fromGit = found.gitObjects ?? new Map<string, string>();
  const bytes = found.files.map((file) => {
    const text = fromGit.get(file);
    return text !== undefined ? Buffer.from(text, 'utf8') : readRoadmapFile(file, options.cwd);
  });
  const parsed = await parsedRoadmapFiles(found, bytes, fromGit, options);
  const unreadable: { file: string; reason: string }[] = [];
  for (const file of parsed) {
    const reason = unreadableReason(file);
    if (reason === undefined) continue;
    unreadable.push({ file: file.file, reason });
    // A file that did not parse is not an empty roadmap: "0 of 0 items" would hide it.
    if (!options.allowUnreadable) {
      const shown = path.relative(options.cwd, file.file) || file.file;
      throw new UnreadableRoadmapError(
        `${shown.startsWith('..') ? file.file : shown} is unreadable (${reason}). Fix it first; \`roadmap-lens validate\` lists every problem.`,
      );
    }
  }
  return { root: found.root, files: found.files, index: RoadmapIndex.build(parsed), unreadable };
}
