// The attribution before it was counted over runs of like lines (2026-12-07): the oracle the
// property test compares the current one with. Kept as it was; do not optimise.
// For each line of a file, the roadmap items it serves and why we think so; per symbol, those
// items ranked. Four sources: annotations in comments, `paths` ownership, history (blame → commit
// → the commit index's references) and uncommitted lines (→ the current work item).
// Built for 10k-line files on every keystroke-debounced refresh: per-line state lives in typed
// arrays and per-commit tables; evidence objects are only made for the lines someone asks about.

import { scanAnnotations, type LineAnnotation } from '../../../src/core/attribution/annotations';
import { AnnotationSets } from '../../../src/core/attribution/annotationSets';
import type {
  AttributionInput,
  LineEvidence,
  ItemShare,
  LineItem,
  SymbolAttribution,
} from '../../../src/core/attribution/attributionTypes';
import { ownersOf } from '../../../src/core/attribution/pathOwnership';

const NONE: readonly number[] = [];

interface CommitItems {
  readonly items: readonly number[];
  readonly how: readonly string[];
}

export class OracleFileAttribution {
  readonly lineCount: number;
  readonly relPath: string;
  /** Whole-file ranking, and per symbol (in symbol order). */
  readonly items: readonly ItemShare[];
  readonly symbols: readonly SymbolAttribution[];
  readonly annotations: readonly LineAnnotation[];

  private readonly itemIds: string[] = [];
  private readonly itemIndex = new Map<string, number>();
  private readonly owned: { item: number; glob: string }[] = [];
  private readonly commitItems: (CommitItems | undefined)[] = [];
  private readonly uncommittedItem: number;
  private readonly annSets: AnnotationSets;
  private readonly now: number;
  /** Per annotation: its item index. Per blame commit: uncommitted flag and author time. */
  private readonly annItem: Int32Array;
  private readonly commitUncommitted: Uint8Array;
  private readonly commitTime: Float64Array;

  constructor(private readonly input: AttributionInput) {
    const { lines, roadmap } = input;
    this.lineCount = lines.length;
    this.relPath = input.relPath;
    this.now = input.now ?? Math.floor(Date.now() / 1000);

    for (const owner of ownersOf(roadmap.items, input.relPath))
      this.owned.push({ item: this.indexOf(owner.id), glob: owner.glob });
    const current = input.currentItemId === undefined ? undefined : roadmap.get(input.currentItemId);
    this.uncommittedItem = current ? this.indexOf(current.id) : -1;

    const scan = scanAnnotations(lines, roadmap.matcher);
    this.annotations = scan.annotations;
    this.annSets = new AnnotationSets(this.annotations, scan.kinds, input.symbols ?? [], lines.length);

    this.annItem = Int32Array.from(this.annotations, (a) => this.indexOf(a.itemId));
    const commitCount = input.blame?.commits.length ?? 0;
    this.commitUncommitted = new Uint8Array(commitCount);
    this.commitTime = new Float64Array(commitCount);
    for (let c = 0; c < commitCount; c++) {
      const info = input.blame?.commits[c];
      this.commitUncommitted[c] = info?.uncommitted ? 1 : 0;
      this.commitTime[c] = info?.authorTime ?? 0;
      this.itemsOfCommit(c);
    }

    this.items = this.rank(0, lines.length - 1);
    this.symbols = (input.symbols ?? []).map((symbol) => {
      const end = Math.min(symbol.endLine, lines.length - 1);
      return { symbol, lines: Math.max(0, end - symbol.startLine + 1), items: this.rank(symbol.startLine, end) };
    });
  }

  private indexOf(id: string): number {
    let index = this.itemIndex.get(id);
    if (index === undefined) {
      index = this.itemIds.length;
      this.itemIds.push(id);
      this.itemIndex.set(id, index);
    }
    return index;
  }

  /** The commit's items, resolved once per commit (known items only, canonical ids). */
  private itemsOfCommit(commit: number): CommitItems {
    const cached = this.commitItems[commit];
    if (cached) return cached;
    const info = this.input.blame?.commits[commit];
    const links = info && !info.uncommitted ? (this.input.commits?.linksFor(info.sha) ?? []) : [];
    const items: number[] = [];
    const how: string[] = [];
    for (const link of links) {
      const item = this.input.roadmap.get(link.itemId);
      if (!item) continue;
      const index = this.indexOf(item.id);
      if (items.includes(index)) continue;
      items.push(index);
      how.push(link.evidence);
    }
    const result = { items, how };
    this.commitItems[commit] = result;
    return result;
  }

  private isUncommitted(line: number): boolean {
    if (this.input.allUncommitted) return true;
    const blame = this.input.blame;
    if (!blame || line >= blame.lineCount) return false;
    const commit = blame.lineCommit[line] ?? -1;
    return commit >= 0 && (blame.commits[commit]?.uncommitted ?? false);
  }

  /** Counts lines per item over [start, end] with one stamp array: no allocation per line. */
  private rank(start: number, end: number): ItemShare[] {
    const total = Math.max(0, end - start + 1);
    if (total === 0) return [];
    // Every item index exists by now (the constructor resolved all commits and annotations),
    // so the counters are sized once.
    const size = this.itemIds.length;
    const stamp = new Int32Array(size).fill(-1);
    const lines = new Int32Array(size);
    const last = new Float64Array(size);
    const sources = new Int32Array(size * 4);
    const count = (item: number, line: number, source: number, time: number): void => {
      if (stamp[item] !== line) {
        stamp[item] = line;
        lines[item] = (lines[item] ?? 0) + 1;
      }
      const at = item * 4 + source;
      sources[at] = (sources[at] ?? 0) + 1;
      if (time > (last[item] ?? 0)) last[item] = time;
    };
    const blame = this.input.blame;
    const blameLines = blame?.lineCount ?? 0;
    const all = this.input.allUncommitted === true;
    for (let line = start; line <= end; line++) {
      const commit = !all && line < blameLines ? (blame?.lineCommit[line] ?? -1) : -1;
      const uncommitted = all || (commit >= 0 && this.commitUncommitted[commit] === 1);
      const time = uncommitted ? this.now : commit >= 0 ? (this.commitTime[commit] ?? 0) : 0;
      const set = this.annSets.at(line);
      for (let i = 0; i < set.length; i++) count(this.annItem[set[i] ?? 0] ?? 0, line, 0, 0);
      for (let i = 0; i < this.owned.length; i++) count(this.owned[i]?.item ?? 0, line, 1, 0);
      if (uncommitted) {
        if (this.uncommittedItem >= 0) count(this.uncommittedItem, line, 3, time);
      } else if (commit >= 0) {
        const items = this.commitItems[commit]?.items ?? NONE;
        for (let i = 0; i < items.length; i++) count(items[i] ?? 0, line, 2, time);
      }
    }
    const out: ItemShare[] = [];
    for (let item = 0; item < size; item++) {
      const n = lines[item] ?? 0;
      if (n === 0) continue;
      const s = (k: number): number => sources[item * 4 + k] ?? 0;
      out.push({
        itemId: this.itemIds[item] ?? '',
        lines: n,
        share: n / total,
        lastTime: last[item] ?? 0,
        bySource: { annotation: s(0), ownership: s(1), history: s(2), uncommitted: s(3) },
      });
    }
    return out.sort((a, b) => b.lines - a.lines || b.lastTime - a.lastTime || a.itemId.localeCompare(b.itemId));
  }

  /** The items of one 0-based line with their evidence, strongest source first. */
  itemsAt(line: number): LineItem[] {
    if (line < 0 || line >= this.lineCount) return [];
    const byItem = new Map<string, LineEvidence[]>();
    const add = (id: string, evidence: LineEvidence): void => {
      const list = byItem.get(id);
      if (list) list.push(evidence);
      else byItem.set(id, [evidence]);
    };
    this.annSets.at(line).forEach((a, i) => {
      const ann = this.annotations[a];
      if (ann)
        add(ann.itemId, {
          kind: 'annotation',
          line: ann.line,
          comment: ann.comment,
          explicit: ann.explicit,
          scope: this.annSets.scopeAt(line, i),
        });
    });
    for (const own of this.owned) add(this.itemIds[own.item] ?? '', { kind: 'ownership', glob: own.glob });
    const blame = this.input.blame;
    if (this.isUncommitted(line)) {
      if (this.uncommittedItem >= 0) add(this.itemIds[this.uncommittedItem] ?? '', { kind: 'uncommitted' });
    } else if (blame && line < blame.lineCount) {
      const commit = blame.lineCommit[line] ?? -1;
      const info = blame.commits[commit];
      if (info) {
        const { items, how } = this.itemsOfCommit(commit);
        items.forEach((item, i) =>
          add(this.itemIds[item] ?? '', {
            kind: 'history',
            sha: info.sha,
            summary: info.summary,
            author: info.author,
            time: info.authorTime,
            how: how[i] ?? '',
            boundary: info.boundary,
          }),
        );
      }
    }
    return [...byItem].map(([itemId, evidence]) => ({ itemId, evidence }));
  }

  /** Blame of one line, whatever items it has (for "last changed in …" even when unlinked). */
  commitAt(
    line: number,
  ): { sha: string; summary: string; author: string; time: number; uncommitted: boolean } | undefined {
    const blame = this.input.blame;
    if (this.input.allUncommitted) return undefined;
    if (!blame || line < 0 || line >= blame.lineCount) return undefined;
    const info = blame.commits[blame.lineCommit[line] ?? -1];
    return info
      ? {
          sha: info.sha,
          summary: info.summary,
          author: info.author,
          time: info.authorTime,
          uncommitted: info.uncommitted,
        }
      : undefined;
  }

  /** Ranking over any line range (0-based, inclusive), e.g. a symbol VS Code reported. */
  rankRange(startLine: number, endLine: number): ItemShare[] {
    return this.rank(Math.max(0, startLine), Math.min(endLine, this.lineCount - 1));
  }
}

/** Computes the attribution of a file: see FileAttribution. */
export function oracleAttributeFile(input: AttributionInput): OracleFileAttribution {
  return new OracleFileAttribution(input);
}
