// The native-speed skips of maskCode. Its first version looked at every character in a JavaScript
// loop; on real files (thousands of lines, called a handful of times, so mostly in code V8 has not
// optimized yet) that loop was most of the finder's time. Each skip here is a global regex over the
// characters that may end a run (`test` with `lastIndex`: no match object, and linear in the line
// however many runs it holds), cached per lexicon, string rule or set of characters.

import type { Lexicon, StringRule } from './languages';

/**
 * First characters at which something other than plain code may start, per lexicon: a table over
 * ASCII (every opener is ASCII), looked up for each character of code, where a Set was the hot spot.
 */
function openers(lex: Lexicon): Uint8Array {
  const set = new Uint8Array(128);
  const add = (text: string): void => {
    const c = text.charCodeAt(0);
    if (c < 128) set[c] = 1;
  };
  for (const lc of lex.lineComments) add(lc);
  for (const [open] of lex.blockComments) add(open);
  for (const rule of lex.strings) add(rule.open);
  if (lex.rawStrings === 'rust') for (const c of 'rb') add(c);
  if (lex.rawStrings === 'cpp') for (const c of 'RuUL') add(c);
  if (lex.rawStrings === 'swift') add('#');
  if (lex.shortQuote) add("'");
  if (lex.regexLiterals) add('/');
  if (lex.heredocs) add('<');
  if (lex.luaLongBrackets) add('[');
  return set;
}

export interface OpenerTables {
  /** 1 for an ASCII character that may open something. */
  readonly first: Uint8Array;
  /**
   * Matches any such character, to jump through plain code to the next one; null for languages
   * with regex literals, whose `/` needs the last code character and word before it (every one).
   */
  readonly skip: RegExp | null;
}

const TABLES = new WeakMap<Lexicon, OpenerTables>();
export function openerTables(lex: Lexicon): OpenerTables {
  let tables = TABLES.get(lex);
  if (tables === undefined) {
    const first = openers(lex);
    let chars = '';
    for (let c = 0; c < 128; c++) if (first[c] === 1) chars += String.fromCharCode(c);
    tables = { first, skip: lex.regexLiterals || chars === '' ? null : stopAt(chars) };
    TABLES.set(lex, tables);
  }
  return tables;
}

const STOPS = new Map<string, RegExp>();
/**
 * Stop regexes kept at most. Keys are the first characters of closers: today those come from the
 * lexicons, or from the file only as Lua's long brackets (always `]`), so a handful; the bound keeps
 * it so if a lexicon ever takes its closer from the file (one key per distinct first character).
 */
const MAX_STOPS = 256;
/** A global regex matching any one of `chars`; `[]` (none) matches nothing: the run goes to the line's end. */
function stopAt(chars: string): RegExp {
  let re = STOPS.get(chars);
  if (re === undefined) {
    if (STOPS.size >= MAX_STOPS) STOPS.clear();
    let cls = '';
    for (let k = 0; k < chars.length; k++) cls += `\\u${chars.charCodeAt(k).toString(16).padStart(4, '0')}`;
    re = new RegExp(`[${cls}]`, 'g');
    STOPS.set(chars, re);
  }
  return re;
}

const RULE_STOPS = new WeakMap<StringRule, RegExp>();
/** What may end a run of a string's text: its closer, its interpolation's opener, a backslash. */
export function stringStop(rule: StringRule, close: string): RegExp {
  const own = close === rule.close;
  let re = own ? RULE_STOPS.get(rule) : undefined;
  if (re === undefined) {
    re = stopAt(close.charAt(0) + (rule.interpolation?.charAt(0) ?? '') + (rule.escape ? '\\' : ''));
    if (own) RULE_STOPS.set(rule, re);
  }
  return re;
}

/** What may end a run of a block comment's text: its closer, or (`nestedOpen`) a nested opener. */
export function commentStop(close: string, nestedOpen: string): RegExp {
  return stopAt(close.charAt(0) + nestedOpen.charAt(0));
}

/** By closer: strings with backslash escapes, and strings without. */
const WHOLE_ESCAPED = new Map<string, RegExp>();
const WHOLE_RAW = new Map<string, RegExp>();
/**
 * The rest of a string up to and including its closer, when that closer is one character and the
 * string has no interpolation (sticky: it matches from `lastIndex` or not at all); null otherwise.
 * With escapes, a backslash takes the next character, as maskCode's string branch does.
 */
export function wholeString(rule: StringRule, close: string): RegExp | null {
  // A backslash closer with escapes never closes (the escape takes it first): not for the regex.
  if (close.length !== 1 || rule.interpolation !== undefined || (rule.escape && close === '\\')) return null;
  const cache = rule.escape ? WHOLE_ESCAPED : WHOLE_RAW;
  let re = cache.get(close);
  if (re === undefined) {
    // Bounded like STOPS: a closer may come from the file.
    if (cache.size >= MAX_STOPS) cache.clear();
    const q = `\\u${close.charCodeAt(0).toString(16).padStart(4, '0')}`;
    re = new RegExp(rule.escape ? `(?:[^${q}\\\\]|\\\\[^])*${q}` : `[^${q}]*${q}`, 'y');
    cache.set(close, re);
  }
  return re;
}

/** Where the first character `stop` matches at or after `from` is, or the line's end. */
export function runEnd(stop: RegExp, line: string, from: number): number {
  stop.lastIndex = from;
  return stop.test(line) ? stop.lastIndex - 1 : line.length;
}

const SPACES = ' '.repeat(256);
/** `n` blanks (a slice of one shared string for the usual short runs). */
const spaces = (n: number): string => (n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));

/**
 * One line being masked: the unmasked runs and the blanks that replace masked ones, concatenated as
 * they come. The result is a rope (V8 cons string) that the first reader flattens once, in place;
 * an array of pieces joined at the end cost ~20% more CPU per call in optimized code (the join, and
 * emptying the array per line), measured on cobra's completions_test.go. One for all of maskCode's
 * calls, reused line after line: no closure or array per line (see MASKED).
 */
export class MaskedLine {
  private line = '';
  /** The masked text before `keep`. */
  private text = '';
  /** Where the current unmasked run started. */
  private keep = 0;

  start(line: string): void {
    this.line = line;
    this.text = '';
    this.keep = 0;
  }

  mask(from: number, to: number): void {
    const end = Math.min(to, this.line.length);
    if (end <= from) return;
    this.text += this.line.slice(this.keep, from) + spaces(end - from);
    this.keep = end;
  }

  finish(): string {
    if (this.keep === 0) return this.line;
    return this.text + this.line.slice(this.keep);
  }
}
