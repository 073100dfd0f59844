// Which annotations apply to each line of a file: a line's own, and those heading a symbol it is in.

import { headingStart, type LineAnnotation } from './annotations';
import type { SymbolRange } from './symbolRanges';

const NONE: readonly number[] = [];

export class AnnotationSets {
  /** Per line: index into `sets` of the annotations that apply (its own and its symbols'). */
  private readonly lineSet: Int32Array;
  /** Annotation indices, and for each whether it applies as a line or a symbol annotation. */
  private readonly sets: (readonly number[])[] = [NONE];
  private readonly scopes: ('line' | 'symbol')[][] = [[]];

  /**
   * Line annotations apply to their line; annotations heading a symbol (its first line and the
   * comment block above it) apply to all its lines. Sets are shared between lines, so a 10k-line
   * class annotated once costs one set, not 10k arrays.
   */
  constructor(
    annotations: readonly LineAnnotation[],
    kinds: Uint8Array,
    symbols: readonly SymbolRange[],
    lineCount: number,
  ) {
    this.lineSet = new Int32Array(lineCount);
    const byLine = new Map<number, number[]>();
    annotations.forEach((a, i) => {
      const list = byLine.get(a.line);
      if (list) list.push(i);
      else byLine.set(a.line, [i]);
    });
    // The whole-file fallback is not a declaration: a comment at the top of a file stays a line annotation.
    const ordered = symbols
      .filter((s) => s.kind !== 'file')
      .sort((a, b) => a.startLine - b.startLine || a.depth - b.depth);
    for (const symbol of ordered) {
      const own: number[] = [];
      for (let l = headingStart(kinds, symbol.startLine); l <= symbol.startLine; l++)
        own.push(...(byLine.get(l) ?? []));
      if (own.length === 0) continue;
      const remap = new Map<number, number>();
      const end = Math.min(symbol.endLine, lineCount - 1);
      for (let l = symbol.startLine; l <= end; l++) {
        const old = this.lineSet[l] ?? 0;
        let next = remap.get(old);
        if (next === undefined) {
          next = this.sets.length;
          const base = this.sets[old] ?? NONE;
          const baseScope = this.scopes[old] ?? [];
          const added = own.filter((a) => !base.includes(a));
          this.sets.push([...base, ...added]);
          this.scopes.push([...baseScope, ...added.map((): 'symbol' => 'symbol')]);
          remap.set(old, next);
        }
        this.lineSet[l] = next;
      }
    }
    // Then each annotated line's own annotations, on top of its symbols'.
    for (const [line, own] of byLine) {
      if (line >= lineCount) continue;
      const old = this.lineSet[line] ?? 0;
      const base = this.sets[old] ?? NONE;
      const baseScope = this.scopes[old] ?? [];
      const scope = [...baseScope];
      const set = [...base];
      for (const a of own) {
        const at = set.indexOf(a);
        if (at >= 0) scope[at] = 'line';
        else {
          set.push(a);
          scope.push('line');
        }
      }
      this.lineSet[line] = this.sets.length;
      this.sets.push(set);
      this.scopes.push(scope);
    }
  }

  /** Which set applies to a line: lines with the same index have the same annotations, scoped alike. */
  setIndexAt(line: number): number {
    return this.lineSet[line] ?? 0;
  }

  /** The annotation indices of set `index` (see setIndexAt). */
  set(index: number): readonly number[] {
    return this.sets[index] ?? NONE;
  }

  /** Indices (into the file's annotations) of those that apply to a line. */
  at(line: number): readonly number[] {
    return this.sets[this.lineSet[line] ?? 0] ?? NONE;
  }

  /** How the `i`th annotation of `at(line)` applies there. */
  scopeAt(line: number, i: number): 'line' | 'symbol' {
    return this.scopes[this.lineSet[line] ?? 0]?.[i] ?? 'line';
  }
}
