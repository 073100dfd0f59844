// Matches the glob dialect of globSyntax.ts without backtracking: the pattern is applied to the SET
// of positions reachable so far, one node at a time (a Thompson-style simulation), so a node costs
// one pass over the input whatever came before it. Repeated groups iterate only over positions not
// seen yet (at most input-length rounds) and a negated group evaluates its inside once per start.
// On top of that every match has a budget of position visits: a pattern and input that would cost
// more answer "no match" and count in `budgetExceeded`, so no roadmap can stall the caller.
import { parseGlob, type GlobNode, type GlobSeq, type ParsedGlob } from './globSyntax';

/** Position visits one match may cost: 1 M is tens of ms at worst, far above any real pattern's need. */
export const GLOB_MATCH_BUDGET = 1_000_000;
/** Longer inputs never match: no path or ref git prints is this long. */
export const MAX_GLOB_INPUT = 8192;

const SLASH = 47;

class BudgetExceeded extends Error {}

let exceeded = 0;

/** How many matches in this process gave up on their budget (tests and diagnostics read it). */
export function globBudgetExceeded(): number {
  return exceeded;
}

/** Reachable input positions, ascending, without duplicates. */
type Positions = readonly number[];

function union(lists: readonly Positions[]): Positions {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const all = nonEmpty.flat().sort((a, b) => a - b);
  return all.filter((v, i) => i === 0 || all[i - 1] !== v);
}

class Evaluation {
  private spent = 0;
  private readonly n: number;

  constructor(
    private readonly s: string,
    private readonly budget: number,
  ) {
    this.n = s.length;
  }

  private charge(work: number): void {
    this.spent += work + 1;
    if (this.spent > this.budget) throw new BudgetExceeded();
  }

  /** The next `/` at or after `i`, or the input length. */
  private segmentEnd(i: number): number {
    const slash = this.s.indexOf('/', i);
    return slash < 0 ? this.n : slash;
  }

  seq(seq: GlobSeq, from: Positions): Positions {
    let p = from;
    for (const node of seq) {
      if (p.length === 0) return p;
      p = this.node(node, p);
    }
    return p;
  }

  private alts(alts: readonly GlobSeq[], from: Positions): Positions {
    const out = union(alts.map((alt) => this.seq(alt, from)));
    this.charge(out.length);
    return out;
  }

  private step(p: Positions, test: (c: number) => boolean): Positions {
    this.charge(p.length);
    const out: number[] = [];
    for (const i of p) if (i < this.n && test(this.s.charCodeAt(i))) out.push(i + 1);
    return out;
  }

  private node(node: GlobNode, p: Positions): Positions {
    const { s, n } = this;
    switch (node.k) {
      case 'lit':
        return this.step(p, (c) => c === node.c);
      case 'any':
        return this.step(p, (c) => c !== SLASH);
      case 'class':
        return this.step(p, node.test);
      case 'star': {
        // Each start reaches the rest of its segment; sorted starts share one sweep.
        const out: number[] = [];
        let next = 0;
        for (const i of p) {
          const end = this.segmentEnd(i);
          const from = Math.max(node.plus ? i + 1 : i, next);
          this.charge(end - from);
          for (let j = from; j <= end; j++) out.push(j);
          next = Math.max(next, end + 1);
        }
        return out;
      }
      case 'globstar': {
        const first = p[0] ?? n;
        if (node.form === 'all') return this.range(first, n);
        if (node.form === 'tail') {
          const slash = p.find((i) => s.charCodeAt(i) === SLASH);
          return slash === undefined ? p : union([p, this.range(slash + 1, n)]);
        }
        // `dirs`: zero or more `segment/` from any reached position.
        const after: number[] = [];
        this.charge(n - first);
        for (let i = s.indexOf('/', first); i >= 0; i = s.indexOf('/', i + 1)) after.push(i + 1);
        return union([p, after]);
      }
      case 'alt':
        return this.alts(node.alts, p);
      case 'rep': {
        const seen = new Uint8Array(n + 1);
        const out: number[] = [];
        const add = (i: number, fresh?: number[]): void => {
          if (seen[i]) return;
          seen[i] = 1;
          out.push(i);
          fresh?.push(i);
        };
        if (node.min === 0) for (const i of p) add(i);
        let frontier = p;
        for (;;) {
          const fresh: number[] = [];
          for (const i of this.alts(node.alts, frontier)) add(i, fresh);
          if (!node.many || fresh.length === 0) return out.sort((a, b) => a - b);
          frontier = fresh;
          this.charge(fresh.length);
        }
      }
      case 'neg': {
        // `!(x)` from a start: every end in the same segment where `x` does NOT match in full.
        const lists: Positions[] = [];
        for (const i of p) {
          const inside = new Set(this.alts(node.alts, [i]));
          const end = this.segmentEnd(i);
          this.charge(end - i);
          const ends: number[] = [];
          for (let j = i; j <= end; j++) if (!inside.has(j)) ends.push(j);
          lists.push(ends);
        }
        return union(lists);
      }
    }
  }

  private range(from: number, to: number): Positions {
    this.charge(to - from);
    const out: number[] = [];
    for (let i = from; i <= to; i++) out.push(i);
    return out;
  }
}

export interface GlobMatcher {
  (input: string): boolean;
  readonly glob: ParsedGlob;
}

/** Matches `input` against a parsed glob within `budget`; over budget or input length: false. */
export function matchParsedGlob(glob: ParsedGlob, input: string, budget = GLOB_MATCH_BUDGET): boolean {
  if (glob.literal !== undefined) return input === glob.literal;
  if (input.length > MAX_GLOB_INPUT) return false;
  try {
    const ends = new Evaluation(input, budget).seq(glob.seq, [0]);
    return (ends[ends.length - 1] === input.length) !== glob.negated;
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    exceeded++;
    return false;
  }
}

/**
 * A matcher for one glob, or undefined when the glob is not usable (the roadmap parser reports why:
 * see globProblem). Input: a `/`-separated path or ref name; a leading `./` is ignored.
 */
export function compileGlob(pattern: string): GlobMatcher | undefined {
  const parsed = parseGlob(pattern);
  if (!parsed.ok) return undefined;
  const glob = parsed.glob;
  const matcher = (input: string): boolean => matchParsedGlob(glob, input.startsWith('./') ? input.slice(2) : input);
  return Object.assign(matcher, { glob });
}

/** True when the pattern has glob syntax (not just a name that matches itself). */
export function isGlobPattern(pattern: string): boolean {
  const parsed = parseGlob(pattern);
  return !parsed.ok || parsed.glob.literal === undefined;
}
