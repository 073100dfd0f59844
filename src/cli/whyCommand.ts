// `roadmap-lens why FILE[:LINE]`: the roadmap items behind a line or a whole file, with evidence.
// Text output and the `--json` shape are documented in docs/cli.md ("CLI: why").

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { LineEvidence, ItemShare } from '../core/attribution/attributionTypes';
import { describeEvidence, shortSha } from '../core/attribution/evidenceText';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import { jsonText } from './terminalSafe';
import { EXIT_FAILED, EXIT_OK, parseArgs, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { analyzeWhy, type WhyAnalysis, type WhyState } from './whyAnalysis';

interface JsonShare {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly why: string | null;
  readonly lines: number;
  readonly share: number;
  /** Latest author time of its history or uncommitted lines (seconds), or null. */
  readonly lastTime: number | null;
  readonly bySource: ItemShare['bySource'];
}

/** The `--json` output. `version` changes only when a field changes meaning or disappears. */
export interface WhyJson {
  readonly version: 1;
  readonly file: string;
  readonly repo: string | null;
  readonly head: string | null;
  readonly state: WhyState;
  readonly message: string | null;
  readonly lineCount: number;
  readonly currentItem: string | null;
  readonly items: readonly JsonShare[];
  /** Lines are 1-based and inclusive. `heuristic` symbols come from symbolRanges (no language server). */
  readonly symbols: readonly {
    name: string;
    kind: string;
    startLine: number;
    endLine: number;
    lines: number;
    items: readonly { id: string; lines: number; share: number }[];
  }[];
  /** Present when a line was asked. */
  readonly line?: {
    readonly line: number;
    readonly text: string;
    readonly commit: { sha: string; summary: string; author: string; time: number; uncommitted: boolean } | null;
    readonly items: readonly {
      id: string;
      title: string;
      kind: string;
      why: string | null;
      evidence: readonly LineEvidence[];
    }[];
  };
  /** Present with --lines: every line's commit and items (for scripts and tests). */
  readonly perLine?: readonly {
    line: number;
    commit: string | null;
    items: readonly { id: string; sources: readonly LineEvidence['kind'][] }[];
  }[];
}

/** `a.ts:12` → file and line, unless a file is literally named so (colons are legal in names). */
export function splitFileLine(arg: string, cwd: string): { file: string; line: number | undefined } {
  const m = /^(.*):(\d+)$/.exec(arg);
  if (!m || existsSync(path.resolve(cwd, arg))) return { file: arg, line: undefined };
  return { file: m[1] ?? arg, line: Number(m[2]) };
}

function share(index: RoadmapIndex, s: ItemShare): JsonShare {
  const item = index.get(s.itemId);
  return {
    id: s.itemId,
    title: item?.title ?? s.itemId,
    kind: item?.kind ?? '',
    why: item?.why ?? null,
    lines: s.lines,
    share: Math.round(s.share * 1000) / 1000,
    lastTime: s.lastTime > 0 ? s.lastTime : null,
    bySource: s.bySource,
  };
}

function toJson(a: WhyAnalysis, line: number | undefined, perLine: boolean): WhyJson {
  const f = a.attribution;
  const base: WhyJson = {
    version: 1,
    file: a.relPath,
    repo: a.repoRoot ?? null,
    head: a.head ?? null,
    state: a.state,
    message: a.message ?? null,
    lineCount: a.lines.length,
    currentItem: a.currentItemId ?? null,
    items: (f?.items ?? []).map((s) => share(a.index, s)),
    symbols: (f?.symbols ?? [])
      .filter((s) => s.symbol.kind !== 'file')
      .map((s) => ({
        name: s.symbol.name,
        kind: s.symbol.kind,
        startLine: s.symbol.startLine + 1,
        endLine: s.symbol.endLine + 1,
        lines: s.lines,
        items: s.items.map((i) => ({ id: i.itemId, lines: i.lines, share: Math.round(i.share * 1000) / 1000 })),
      })),
  };
  const extra: { line?: NonNullable<WhyJson['line']>; perLine?: NonNullable<WhyJson['perLine']> } = {};
  if (line !== undefined && f) {
    const commit = f.commitAt(line - 1);
    extra.line = {
      line,
      text: a.lines[line - 1] ?? '',
      commit: commit ?? null,
      items: f.itemsAt(line - 1).map((i) => {
        const item = a.index.get(i.itemId);
        // Lines in the JSON are 1-based, like the rest of the CLI's output.
        const evidence = i.evidence.map((e) => (e.kind === 'annotation' ? { ...e, line: e.line + 1 } : e));
        return {
          id: i.itemId,
          title: item?.title ?? i.itemId,
          kind: item?.kind ?? '',
          why: item?.why ?? null,
          evidence,
        };
      }),
    };
  }
  if (perLine && f) {
    extra.perLine = a.lines.map((_, l) => ({
      line: l + 1,
      commit: f.commitAt(l)?.sha ?? null,
      items: f.itemsAt(l).map((i) => ({ id: i.itemId, sources: i.evidence.map((e) => e.kind) })),
    }));
  }
  return { ...base, ...extra };
}

function itemLabel(index: RoadmapIndex, id: string): string {
  const item = index.get(id);
  return item ? `${id}  ${item.title}${item.kind ? ` (${item.kind})` : ''}` : id;
}

function printLine(a: WhyAnalysis, line: number, io: CliIo, now: number): void {
  const f = a.attribution;
  const symbol = [...a.symbols]
    .reverse()
    .find((s) => s.kind !== 'file' && s.startLine <= line - 1 && line - 1 <= s.endLine);
  io.out(`${a.relPath}:${line}${symbol ? `  (${symbol.kind} ${symbol.name})` : ''}`);
  io.out(`  ${(a.lines[line - 1] ?? '').trim().slice(0, 100)}`);
  const items = f?.itemsAt(line - 1) ?? [];
  if (items.length === 0) {
    io.out('  No roadmap item for this line.');
    const c = f?.commitAt(line - 1);
    if (c && !c.uncommitted)
      io.out(`  last changed in ${shortSha(c.sha)} "${c.summary}" by ${c.author} (references no item)`);
    else if (c?.uncommitted || a.state === 'untracked')
      io.out('  not committed yet, and no current work item (branch, tag or commits) was found');
    return;
  }
  for (const i of items) {
    const item = a.index.get(i.itemId);
    io.out(`  ${itemLabel(a.index, i.itemId)}`);
    if (item?.why) io.out(`      ${item.why}`);
    for (const e of i.evidence) io.out(`      - ${describeEvidence(e, now)}`);
  }
}

function sourcesText(s: ItemShare): string {
  return Object.entries(s.bySource)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function printFile(a: WhyAnalysis, io: CliIo): void {
  const f = a.attribution;
  const items = f?.items ?? [];
  io.out(
    `${a.relPath}: ${a.lines.length} lines, ${items.length === 0 ? 'no roadmap items' : `${items.length} item${items.length === 1 ? '' : 's'}`}`,
  );
  const width = Math.max(0, ...items.map((s) => s.itemId.length));
  for (const s of items) {
    const item = a.index.get(s.itemId);
    io.out(
      `  ${s.itemId.padEnd(width)}  ${String(s.lines).padStart(6)} lines ${`${Math.round(s.share * 100)}%`.padStart(4)}  ${item?.title ?? ''}  [${sourcesText(s)}]`,
    );
  }
  const symbols = (f?.symbols ?? []).filter((s) => s.symbol.kind !== 'file');
  if (symbols.length === 0) return;
  io.out('');
  io.out('Symbols (found by a line-based heuristic):');
  for (const s of symbols) {
    const indent = '  '.repeat(s.symbol.depth + 1);
    const top = s.items
      .slice(0, 3)
      .map((i) => `${i.itemId} ${i.lines}/${s.lines}`)
      .join(', ');
    const more = s.items.length > 3 ? ` +${s.items.length - 3} more` : '';
    io.out(
      `${indent}${s.symbol.kind} ${s.symbol.name}  L${s.symbol.startLine + 1}-${s.symbol.endLine + 1}  ${top || 'no items'}${more}`,
    );
  }
}

export const whyCommand: CliCommand = {
  name: 'why',
  summary: 'Show the roadmap items (and the evidence) behind a line or a whole file.',
  usage: [
    'Usage: roadmap-lens why FILE[:LINE] [--json] [--lines] [--no-history] [--no-cache] [--repo DIR] [--roadmap PATH...] [--trailer-key KEY...]',
    '',
    "For a line: the items it serves and why we think so (a comment naming the item, the item's",
    '`paths`, the commit that last changed the line and how that commit names the item, or',
    '"not committed yet" for new lines, which serve the current work item).',
    'For a whole file: its items with line counts, then each function/class with its items.',
    '',
    'Options:',
    '  --json             print one JSON object (see docs/cli.md, "CLI: why")',
    "  --lines            with --json: every line's commit and items",
    '  --no-history       skip git blame and the commit index',
    '  --no-cache         neither read nor write the caches (.git/roadmap-lens/, ~/.cache/roadmap-lens/)',
    '  --repo DIR         the repository (default: the one containing FILE)',
    "  --roadmap PATH...  roadmap files or folders (default: discovered from FILE's folder upwards)",
    '  --trailer-key KEY... commit trailer keys that link to items (default: Roadmap Refs Implements)',
    '',
    'Exit status: 0 answered (even with no items), 1 file missing or no roadmap, 2 usage error.',
  ].join('\n'),

  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      flags: ['json', 'lines', 'no-history', 'no-cache'],
      options: ['repo'],
      lists: ['roadmap', 'trailer-key'],
      positionals: true,
    });
    if (parsed.positionals.length !== 1) throw new UsageError('Give exactly one FILE or FILE:LINE.');
    const { file, line } = splitFileLine(parsed.positionals[0] ?? '', io.cwd);
    const repo = parsed.options.get('repo');
    const analysis: WhyAnalysis = await analyzeWhy({
      cwd: io.cwd,
      file,
      roadmap: parsed.lists.get('roadmap') ?? [],
      noHistory: parsed.flags.has('no-history'),
      noCache: parsed.flags.has('no-cache'),
      ...(repo !== undefined ? { repo } : {}),
      ...(parsed.lists.has('trailer-key') ? { trailerKeys: parsed.lists.get('trailer-key') ?? [] } : {}),
    });
    if (line !== undefined && (line < 1 || line > analysis.lines.length) && analysis.attribution) {
      throw new UsageError(`${file} has ${analysis.lines.length} lines; line ${line} does not exist.`);
    }
    // Notes (a cache file ignored) go to stderr, so --json output stays one object.
    for (const note of analysis.notes) io.err(`roadmap-lens: note: ${note}`);
    if (parsed.flags.has('json')) {
      io.out(jsonText(toJson(analysis, line, parsed.flags.has('lines'))));
      return analysis.state === 'missing' || analysis.state === 'unreadable' ? EXIT_FAILED : EXIT_OK;
    }
    if (analysis.message) {
      if (analysis.state === 'missing' || analysis.state === 'unreadable') io.err(`roadmap-lens: ${analysis.message}`);
      else io.out(`note: ${analysis.message}`);
    }
    if (!analysis.attribution)
      return analysis.state === 'missing' || analysis.state === 'unreadable' ? EXIT_FAILED : EXIT_OK;
    if (line !== undefined) printLine(analysis, line, io, Date.now());
    else printFile(analysis, io);
    return EXIT_OK;
  },
};
