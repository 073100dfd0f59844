// Reads and parses one roadmap file for the roadmap model: its text (readRoadmapText), whether it
// can be written (writeProblem), and its parse, through the user-level parsed-roadmap cache the CLI uses
// (fs/parsedRoadmapCache.ts): a window reload, a restart or a fresh clone of a roadmap this machine
// parsed once (in the editor or with the CLI) skips the YAML parse and its worker thread, which on
// a busy machine are most of the first load (issue #13: ~2.2 s of a 4.7 s first lens on commons-lang).
//
// Only text read from disk is looked up or stored: it has bytes to key by, and it is what starts a
// window. An open editor's text changes with every keystroke; caching each would write a file per
// pause in typing for nothing. The key is the file's path in its folder and its bytes, a set of one
// file, as the CLI keys a single-file roadmap, so the two share entries. A cache file is untrusted
// input: the codec checks it whole, and anything wrong is a miss (one debug line) and a parse. The
// cache holds parsed bytes, not anything of the repository, so trust does not matter to it; Clear
// Cache removes the folder, and the next load parses again.
import * as vscode from 'vscode';
import type { DecodedRoadmap } from '../../core/roadmap/decodeRoadmapBytes';
import type { ParsedRoadmapFile } from '../../core/roadmap/roadmapTypes';
import type { GitObjectRoadmaps } from './gitObjectRoadmaps';
import { readRoadmapText } from './readRoadmapText';
import { writeProblem } from './workspaceFiles';
import {
  openParsedRoadmapCache,
  parsedRoadmapKey,
  readParsedRoadmap,
  writeParsedRoadmap,
  type ParsedRoadmapCache,
} from '../../fs/parsedRoadmapCache';

/** Where a file's parse came from: the parsed-roadmap cache, or the parser. */
export type ParseSource = 'cache' | 'parser';

interface CachedParseRequest {
  /** The file as the roadmap names it (its URI string): every location in the result is in it. */
  readonly file: string;
  /** Its path relative to its workspace folder (the key's name, as the CLI names a file in its folder). */
  readonly name: string;
  readonly decoded: DecodedRoadmap;
  /** The bytes `decoded` came from; absent for an open editor's text (not cached). */
  readonly bytes: Uint8Array | undefined;
}

export class RoadmapFileReader {
  /** Where each file's last parse came from. */
  private readonly sources = new Map<string, ParseSource>();
  /** Roadmap files on disk that cannot be written, with why (see RoadmapModel.readOnlyReason). */
  private readonly readOnly = new Map<string, string | undefined>();
  /** How many reads were answered by the cache and by the parser (tests, and the log's counts). */
  readonly counts: Record<ParseSource, number> = { cache: 0, parser: 0 };
  /** Cache writes under way (not awaited by a load). */
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly parse: (file: string, text: string) => Promise<ParsedRoadmapFile>,
    private readonly gitObjects: GitObjectRoadmaps,
    private readonly log: vscode.LogOutputChannel,
    /** undefined: no cache (a build that cannot name its parser, e.g. the compiled unit tests). */
    private readonly cache: ParsedRoadmapCache | undefined = openParsedRoadmapCache(),
  ) {}

  /** The file's parse; undefined when it is gone or unreadable (the reason is logged). */
  async read(uri: vscode.Uri): Promise<ParsedRoadmapFile | undefined> {
    const key = uri.toString();
    const decoded = await readRoadmapText(uri, this.gitObjects, this.log);
    if (decoded === undefined) {
      this.sources.delete(key);
      return undefined;
    }
    if (uri.scheme === 'file') this.readOnly.set(key, await writeProblem(uri));
    const name = vscode.workspace.asRelativePath(uri, false);
    const { file, from } = await this.parseFile({ file: key, name, decoded, bytes: decoded.bytes });
    this.sources.set(key, from);
    this.counts[from]++;
    return file;
  }

  /** Where the file's last parse came from: the parsed-roadmap cache, or the parser. */
  parseSource(uri: vscode.Uri): ParseSource | undefined {
    return this.sources.get(uri.toString());
  }

  /** Resolves when the cache writes started so far have ended (tests: a reload after it reads the cache). */
  async cacheWritten(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  /** Why the file on disk cannot be written, as last read (undefined: it can). */
  writeProblem(file: string): string | undefined {
    return this.readOnly.get(file);
  }

  /** The parse of one file, as parseRoadmapBytes makes it: the decoding's problems first. */
  private async parseFile(request: CachedParseRequest): Promise<{ file: ParsedRoadmapFile; from: ParseSource }> {
    const { cache } = this;
    const { file, decoded, bytes } = request;
    const key = cache && bytes ? parsedRoadmapKey(cache, [{ name: request.name, bytes }]) : undefined;
    if (cache && key) {
      const got = await readParsedRoadmap(cache, key, [file]).catch(() => ({ kind: 'miss' }) as const);
      if (got.kind === 'hit' && got.files.length === 1 && got.files[0]) return { file: got.files[0], from: 'cache' };
      if (got.kind === 'ignored') this.log.debug(got.note);
    }
    const parsed = await this.parse(file, decoded.text);
    const whole =
      decoded.diagnostics.length === 0
        ? parsed
        : { ...parsed, diagnostics: [...decoded.diagnostics, ...parsed.diagnostics] };
    if (cache && key) {
      // Not awaited: the roadmap shows now; a failed write is only a slower next start.
      const write = writeParsedRoadmap(cache, key, [whole]).then((problem) => {
        if (problem !== undefined) this.log.debug(problem);
      });
      this.writes.add(write);
      void write.finally(() => this.writes.delete(write));
    }
    return { file: whole, from: 'parser' };
  }
}
