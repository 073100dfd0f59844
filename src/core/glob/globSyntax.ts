// The glob dialect of roadmap `branches:`/`paths:` and the roadmap-file setting, parsed into a small
// tree that globMatcher.ts evaluates in bounded time. Globs come from files anyone can edit: a
// regex compiled from them (picomatch) backtracks exponentially on nested extglobs, so the dialect
// is ours, with the same meaning as picomatch's `{ dot: true }` for everything users write:
//   *  ?  [abc] [a-z] [!x] [[:alpha:]]  {a,b} {1..3}  **  (a|b) @(a|b) ?(a) *(a) +(a) !(a)  \x  leading !
// Refused (with the reason, shown as a diagnostic): a repeated group inside a repeated or negated
// group (`+(+(a)b)`), patterns over MAX_GLOB_LENGTH characters or with too many parts.

export type GlobNode =
  | { readonly k: 'lit'; readonly c: number }
  | { readonly k: 'any' }
  /** `*`: `plus` when it is a whole path segment (`a/*` does not match `a/`). */
  | { readonly k: 'star'; readonly plus: boolean }
  | { readonly k: 'class'; readonly test: (c: number) => boolean }
  /** `**`: the whole pattern (`all`), `**` then `/` (`dirs`: any number of `seg/`), trailing `/**` (`tail`). */
  | { readonly k: 'globstar'; readonly form: 'all' | 'dirs' | 'tail' }
  | { readonly k: 'alt'; readonly alts: readonly GlobSeq[] }
  | { readonly k: 'rep'; readonly min: 0 | 1; readonly many: boolean; readonly alts: readonly GlobSeq[] }
  | { readonly k: 'neg'; readonly alts: readonly GlobSeq[] };

export type GlobSeq = readonly GlobNode[];

export interface ParsedGlob {
  readonly negated: boolean;
  readonly seq: GlobSeq;
  /** The text it matches when it has no glob syntax at all (escapes resolved), else undefined. */
  readonly literal: string | undefined;
}

export type GlobParse =
  { readonly ok: true; readonly glob: ParsedGlob } | { readonly ok: false; readonly problem: string };

export const MAX_GLOB_LENGTH = 1000;
/** Nodes in one parsed glob, counting brace-range alternatives: bounds the matcher's work per character. */
const MAX_NODES = 2000;

const SLASH = 47;

const POSIX_CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => POSIX_CLASSES['alpha']!(c) || POSIX_CLASSES['digit']!(c),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  word: (c) => POSIX_CLASSES['alnum']!(c) || c === 95,
};

class GlobSyntaxError extends Error {}

class Parser {
  private i = 0;
  private nodes = 0;
  /** How many repeated/negated groups enclose the current position. */
  private repeatDepth = 0;

  constructor(private readonly src: string) {}

  parse(): ParsedGlob {
    let negated = false;
    // Leading `!` negates the whole pattern (`!!` twice); `!(` is a negated group instead.
    while (this.src.charAt(this.i) === '!' && this.src.charAt(this.i + 1) !== '(') {
      negated = !negated;
      this.i++;
    }
    if (this.src.startsWith('./', this.i)) this.i += 2;
    const seq = this.seq('');
    if (this.i < this.src.length) throw new GlobSyntaxError(`unmatched \`${this.src.charAt(this.i)}\``);
    const literal =
      seq.every((n) => n.k === 'lit') && !negated
        ? String.fromCharCode(...seq.map((n) => (n as { c: number }).c))
        : undefined;
    return { negated, seq, literal };
  }

  private push(out: GlobNode[], node: GlobNode): void {
    if (++this.nodes > MAX_NODES) throw new GlobSyntaxError(`more than ${MAX_NODES} parts`);
    out.push(node);
  }

  /** Reads up to (not including) one of `stops` at this nesting level, or the end. */
  private seq(stops: string): GlobNode[] {
    const out: GlobNode[] = [];
    const s = this.src;
    while (this.i < s.length) {
      const ch = s.charAt(this.i);
      if (stops.includes(ch)) break;
      const next = s.charAt(this.i + 1);
      if (ch === '\\') {
        if (this.i + 1 >= s.length) throw new GlobSyntaxError('ends with an escape character');
        this.push(out, { k: 'lit', c: s.charCodeAt(this.i + 1) });
        this.i += 2;
      } else if (next === '(' && '@?*+!'.includes(ch)) {
        this.group(out, ch, 2);
      } else if (ch === '(') {
        // A bare group is an alternation, as in picomatch: `src/(x|y)/z.ts`.
        this.group(out, '@', 1);
      } else if (ch === '*') {
        this.star(out);
      } else if (ch === '?') {
        this.push(out, { k: 'any' });
        this.i++;
      } else if (ch === '[') {
        this.bracket(out);
      } else if (ch === '{') {
        this.brace(out);
      } else {
        this.push(out, { k: 'lit', c: s.charCodeAt(this.i) });
        this.i++;
      }
    }
    return out;
  }

  private star(out: GlobNode[]): void {
    const s = this.src;
    const start = this.i;
    while (s.charAt(this.i) === '*') this.i++;
    const before = start === 0 ? '' : s.charAt(start - 1);
    const after = s.charAt(this.i);
    const segStart = start === 0 || (before === '/' && s.charAt(start - 2) !== '\\');
    const segEnd = this.i === s.length || after === '/';
    if (this.i - start === 2 && segStart && segEnd) {
      if (this.i === s.length) {
        const last = out[out.length - 1];
        if (start > 0 && last?.k === 'lit' && last.c === SLASH) {
          out.pop();
          this.push(out, { k: 'globstar', form: 'tail' });
        } else this.push(out, { k: 'globstar', form: start === 0 ? 'all' : 'tail' });
      } else {
        this.i++; // the `/` after `**` belongs to the globstar: `a/**/b` matches `a/b`
        this.push(out, { k: 'globstar', form: 'dirs' });
      }
      return;
    }
    this.push(out, { k: 'star', plus: segStart && segEnd });
  }

  private alternatives(separator: string, close: string, what: string): GlobSeq[] {
    const alts: GlobSeq[] = [];
    for (;;) {
      alts.push(this.seq(separator + close));
      const ch = this.src.charAt(this.i);
      if (ch === close) {
        this.i++;
        return alts;
      }
      if (ch !== separator) throw new GlobSyntaxError(`unclosed \`${what}\``);
      this.i++;
    }
  }

  private group(out: GlobNode[], kind: string, opener: number): void {
    this.i += opener;
    const repeats = kind !== '@';
    if (repeats && this.repeatDepth > 0)
      throw new GlobSyntaxError(
        `a \`${kind}(…)\` group inside another \`*(…)\`/\`+(…)\`/\`?(…)\`/\`!(…)\` group is not supported`,
      );
    if (repeats) this.repeatDepth++;
    const alts = this.alternatives('|', ')', `${kind}(`);
    if (repeats) this.repeatDepth--;
    if (kind === '@') this.push(out, { k: 'alt', alts });
    else if (kind === '!') this.push(out, { k: 'neg', alts });
    else this.push(out, { k: 'rep', min: kind === '+' ? 1 : 0, many: kind !== '?', alts });
  }

  private bracket(out: GlobNode[]): void {
    const s = this.src;
    let j = this.i + 1;
    const negate = s.charAt(j) === '!' || s.charAt(j) === '^';
    if (negate) j++;
    const tests: ((c: number) => boolean)[] = [];
    let first = true;
    for (;;) {
      if (j >= s.length) throw new GlobSyntaxError('unclosed `[`');
      const ch = s.charAt(j);
      if (ch === ']' && !first) break;
      first = false;
      if (ch === '[' && s.charAt(j + 1) === ':') {
        const end = s.indexOf(':]', j + 2);
        const name = end < 0 ? '' : s.slice(j + 2, end);
        const test = POSIX_CLASSES[name];
        if (!test) throw new GlobSyntaxError(`unknown character class \`[:${name}:]\``);
        tests.push(test);
        j = end + 2;
        continue;
      }
      let lo = s.charCodeAt(j);
      if (ch === '\\' && j + 1 < s.length) lo = s.charCodeAt(++j);
      j++;
      if (s.charAt(j) === '-' && j + 1 < s.length && s.charAt(j + 1) !== ']') {
        let hi = s.charCodeAt(j + 1);
        j += 2;
        if (s.charCodeAt(j - 1) === 92 && j < s.length) hi = s.charCodeAt(j++);
        if (hi < lo)
          throw new GlobSyntaxError(`reversed range \`${String.fromCharCode(lo)}-${String.fromCharCode(hi)}\``);
        tests.push((c) => c >= lo && c <= hi);
      } else {
        const only = lo;
        tests.push((c) => c === only);
      }
    }
    this.i = j + 1;
    // A class never matches `/`, negated or not: it stands for one character of one segment.
    this.push(out, {
      k: 'class',
      test: (c) => c !== SLASH && tests.some((t) => t(c)) !== negate,
    });
  }

  private brace(out: GlobNode[]): void {
    const s = this.src;
    const close = s.indexOf('}', this.i);
    const body = close < 0 ? '' : s.slice(this.i + 1, close);
    const range = /^(-?\d+)\.\.(-?\d+)$|^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
    if (range) {
      const [from, to] =
        range[1] !== undefined
          ? [Number(range[1]), Number(range[2])]
          : [range[3]!.charCodeAt(0), range[4]!.charCodeAt(0)];
      if (Math.abs(to - from) >= MAX_NODES) throw new GlobSyntaxError(`the range {${body}} is too long`);
      const step = from <= to ? 1 : -1;
      const alts: GlobSeq[] = [];
      for (let v = from; v !== to + step; v += step) {
        const text = range[1] !== undefined ? String(v) : String.fromCharCode(v);
        const seq: GlobNode[] = [];
        for (let k = 0; k < text.length; k++) this.push(seq, { k: 'lit', c: text.charCodeAt(k) });
        alts.push(seq);
      }
      this.push(out, { k: 'alt', alts });
      this.i = close + 1;
      return;
    }
    const start = this.i;
    const nodesBefore = this.nodes;
    this.i++;
    const alts = this.alternatives(',', '}', '{');
    if (alts.length === 1) {
      // `{a}` has no alternatives: the braces are literal text, as in picomatch and bash.
      this.i = start + 1;
      this.nodes = nodesBefore;
      this.push(out, { k: 'lit', c: 123 });
      return;
    }
    this.push(out, { k: 'alt', alts });
  }
}

/** Parses a glob of the dialect above; the problem is a short phrase for a diagnostic. */
export function parseGlob(pattern: string): GlobParse {
  if (pattern.length > MAX_GLOB_LENGTH) return { ok: false, problem: `longer than ${MAX_GLOB_LENGTH} characters` };
  try {
    return { ok: true, glob: new Parser(pattern).parse() };
  } catch (e) {
    if (e instanceof GlobSyntaxError) return { ok: false, problem: e.message };
    throw e;
  }
}
