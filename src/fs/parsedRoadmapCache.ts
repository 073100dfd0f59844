// The user-level cache of parsed roadmaps: `$XDG_CACHE_HOME/roadmap-lens/parsed/` (else
// `~/.cache/roadmap-lens/parsed/`), one file per roadmap set, named by a SHA-256 of the set's file
// names and bytes, the file format's version and the parser's build id. Keyed by content, not by
// repository: a fresh clone of a roadmap this machine has parsed once starts warm, and an edited
// roadmap is simply a new key (issue #13, "no fixed tax").
//
// Shared by every process of the user: writes are atomic (writeFileAtomic: a racing writer wins
// whole), reads bounded and decoded as untrusted input (parsedRoadmapCodec: a bad file is a miss
// with one note), hits touch the file and every write evicts the least recently used files beyond
// PARSED_CACHE_LIMITS (cacheEviction), so the folder never grows without end.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeParsedRoadmap, encodeParsedRoadmap, parsedRoadmapKeyParts } from '../core/indexFile/parsedRoadmapCodec';
import type { ParsedRoadmapFile } from '../core/roadmap/roadmapTypes';
import { evictLeastRecentlyUsed, touchCacheFile, type CacheLimits } from './cacheEviction';
import { readCacheFile, userCacheRoot, writeFileAtomic } from './repoCache';

/**
 * A hash of the parser's bundled code, defined by esbuild.mjs. Unbundled code (the compiled tests
 * calling the CLI in-process) has none, so it neither reads nor writes this cache: a parser whose
 * build cannot be named must never read another build's results.
 */
declare const __ROADMAP_LENS_PARSER_BUILD__: string | undefined;
export const PARSER_BUILD: string | undefined =
  typeof __ROADMAP_LENS_PARSER_BUILD__ === 'string' && __ROADMAP_LENS_PARSER_BUILD__ !== ''
    ? __ROADMAP_LENS_PARSER_BUILD__
    : undefined;

/** A 1,000-item roadmap encodes to ~1 MB; a user's few roadmaps and their recent edits fit many times over. */
export const PARSED_CACHE_LIMITS: CacheLimits = { maxBytes: 128 * 1024 * 1024, maxFiles: 64 };
/** A cache file bigger than this is not ours (and one that would be is not written). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export interface ParsedRoadmapCache {
  /** The folder (created on first write). */
  readonly dir: string;
  /** The parser's build id: part of every key. */
  readonly build: string;
}

/** The cache for this process, or undefined when this build cannot name its parser. */
export function openParsedRoadmapCache(
  env: NodeJS.ProcessEnv = process.env,
  build: string | undefined = PARSER_BUILD,
): ParsedRoadmapCache | undefined {
  return build === undefined ? undefined : { dir: parsedCacheDir(env), build };
}

export function parsedCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userCacheRoot(env), 'parsed');
}

/** The key of a roadmap set: `name` as the set names its files (relative to its folder), and their bytes. */
export function parsedRoadmapKey(
  cache: ParsedRoadmapCache,
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
): string {
  const hash = createHash('sha256');
  for (const part of parsedRoadmapKeyParts(files, cache.build)) hash.update(part);
  return hash.digest('hex');
}

const fileOf = (cache: ParsedRoadmapCache, key: string): string => path.join(cache.dir, `${key}.bin`);

export type ParsedCacheRead =
  | { readonly kind: 'hit'; readonly files: readonly ParsedRoadmapFile[] }
  | { readonly kind: 'miss' }
  /** A file was there but is not used: `note` says why, in one line. */
  | { readonly kind: 'ignored'; readonly note: string };

/** The cached parse of the set `key` names, with `paths` put back in (same order as when written). */
export async function readParsedRoadmap(
  cache: ParsedRoadmapCache,
  key: string,
  paths: readonly string[],
): Promise<ParsedCacheRead> {
  const file = fileOf(cache, key);
  const read = await readCacheFile(file, MAX_ENTRY_BYTES);
  if (read.kind === 'missing') return { kind: 'miss' };
  if (read.kind === 'unreadable')
    return { kind: 'ignored', note: `the parsed roadmap cache file ${file} is ignored (${read.reason})` };
  const decoded = decodeParsedRoadmap(read.bytes, key, paths);
  if (!decoded.ok)
    return { kind: 'ignored', note: `the parsed roadmap cache file ${file} is ignored (${decoded.reason}); parsing` };
  await touchCacheFile(file);
  return { kind: 'hit', files: decoded.files };
}

/**
 * Writes the set's parse under `key`, then evicts beyond the limits. Returns a one-line note when it
 * could not (never throws: not being able to cache never fails a command).
 */
export async function writeParsedRoadmap(
  cache: ParsedRoadmapCache,
  key: string,
  files: readonly ParsedRoadmapFile[],
): Promise<string | undefined> {
  const bytes = encodeParsedRoadmap(key, files);
  if (bytes === undefined || bytes.length > MAX_ENTRY_BYTES) return undefined;
  try {
    await fs.mkdir(cache.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(fileOf(cache, key), bytes);
    await evictLeastRecentlyUsed(cache.dir, PARSED_CACHE_LIMITS);
    return undefined;
  } catch (e) {
    return `could not write the parsed roadmap cache (${message(e)})`;
  }
}

/** Clear Cache: every parsed roadmap of this user (the folder is shared by all repositories). */
export async function clearParsedRoadmapCache(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await fs.rm(parsedCacheDir(env), { recursive: true, force: true });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
