// Finds roadmap ids written in comments (`// Roadmap: CHK-12`, `# see CHK-12`, `<!-- CHK-12 -->`).
// Language-agnostic on purpose: a small scanner that knows the common comment markers and skips
// string literals is right for nearly every file, needs no grammar, and runs in one pass.

import type { ReferenceMatch } from '../linking/referenceMatcher';
import { ContentMemo, linesHash } from './symbolMemo';

export interface AnnotationMatcher {
  findAll(text: string): readonly ReferenceMatch[];
  /** False when `text` certainly holds no reference (a cheap check before findAll); optional. */
  mayMatch?(text: string): boolean;
}

export interface LineAnnotation {
  /** 0-based line. */
  readonly line: number;
  readonly itemId: string;
  /** The comment's text, trimmed (what the user wrote, shown as evidence). */
  readonly comment: string;
  /** Introduced by a key such as `Roadmap:` rather than mentioned in passing. */
  readonly explicit: boolean;
}

/** Per-line classification, used to find the comment block heading a symbol. */
export const LineKind = {
  Code: 0,
  Comment: 1,
  /** `@decorator` or `#[attribute]` lines, which may sit between a comment and its symbol. */
  Attribute: 2,
  Blank: 3,
} as const;

export interface CommentScan {
  readonly annotations: readonly LineAnnotation[];
  readonly kinds: Uint8Array;
}

const EXPLICIT_KEY = /(?:roadmap|refs?|implements|why|item)\s*[:=]\s*(?:[\w.-]+\s*,\s*)*$/i;
const MAX_COMMENT = 160;
const MAY_HAVE_COMMENT = /\/[/*]|#|--|<!--|^\s*;/;
const ATTRIBUTE = /^\s*(?:@[\w.]+|#\[)/;

type Block = '*/' | '-->' | undefined;

interface LineComments {
  text: string;
  code: boolean;
  block: Block;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/**
 * Splits one line into its comment text and whether it has code, carrying an open block comment
 * to the next line. With `quotes` off, quote characters are ordinary text: used to re-scan lines
 * whose quotes do not pair up (`it's`, Rust's `'a`), which would otherwise hide the comment.
 */
function splitLine(line: string, open: Block, quotes: boolean): LineComments & { unbalanced: boolean } {
  let text = '';
  let code = false;
  let i = 0;
  const n = line.length;
  let block = open;
  let quote = 0;
  while (i < n) {
    if (block) {
      const end = line.indexOf(block, i);
      text += (text ? ' ' : '') + line.slice(i, end < 0 ? n : end);
      if (end < 0) return { text, code, block, unbalanced: false };
      i = end + block.length;
      block = undefined;
      continue;
    }
    const c = line.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92) i += 2;
      else {
        if (c === quote) quote = 0;
        i++;
      }
      continue;
    }
    if (quotes && (c === 34 || c === 39 || c === 96)) {
      quote = c;
      code = true;
      i++;
      continue;
    }
    // Only `/ < # - ;` can start a comment: everything else is code or space.
    if (c !== 47 && c !== 60 && c !== 35 && c !== 45 && c !== 59) {
      if (!code && !isSpace(c)) code = true;
      i++;
      continue;
    }
    const next = line.charCodeAt(i + 1);
    const prevSpace = i === 0 || isSpace(line.charCodeAt(i - 1));
    if (c === 47 && next === 42) {
      block = '*/';
      i += 2;
      continue;
    }
    if (c === 60 && line.startsWith('<!--', i)) {
      block = '-->';
      i += 4;
      continue;
    }
    const restOfLine =
      (c === 47 && next === 47) ||
      (c === 35 && prevSpace && next !== 91 && next !== 123) ||
      (c === 45 &&
        next === 45 &&
        prevSpace &&
        (i + 2 >= n || isSpace(line.charCodeAt(i + 2)) || line.charCodeAt(i + 2) === 91)) ||
      (c === 59 && !code);
    if (restOfLine) {
      text += (text ? ' ' : '') + line.slice(i).replace(/^(?:\/\/+|#+|--+|;+)/, '');
      return { text, code, block: undefined, unbalanced: false };
    }
    if (!isSpace(c)) code = true;
    i++;
  }
  return { text, code, block, unbalanced: quote !== 0 };
}

/** Strips the decoration of comment continuation lines (` * text`, `!`, `/`). */
function cleanComment(text: string): string {
  return text.replace(/^[\s*!/]+/, '').trim();
}

/** Scans `lines` (without line terminators) for comments and the roadmap ids mentioned in them. */
export function scanAnnotations(lines: readonly string[], matcher: AnnotationMatcher): CommentScan {
  const kinds = new Uint8Array(lines.length);
  const annotations: LineAnnotation[] = [];
  let block: Block;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] ?? '';
    // Most lines of code hold no comment marker at all: skip the character scan for them.
    if (block === undefined && !MAY_HAVE_COMMENT.test(line)) {
      kinds[l] = line.trim().length === 0 ? LineKind.Blank : ATTRIBUTE.test(line) ? LineKind.Attribute : LineKind.Code;
      continue;
    }
    let split = splitLine(line, block, true);
    if (split.unbalanced) split = splitLine(line, block, false);
    block = split.block;
    const trimmed = line.trim();
    if (trimmed.length === 0) kinds[l] = LineKind.Blank;
    else if (!split.code) kinds[l] = LineKind.Comment;
    else if (ATTRIBUTE.test(line)) kinds[l] = LineKind.Attribute;
    else kinds[l] = LineKind.Code;
    if (split.text.length === 0) continue;
    if (matcher.mayMatch?.(split.text) === false) continue;
    const matches = matcher.findAll(split.text);
    if (matches.length === 0) continue;
    const comment = cleanComment(split.text).slice(0, MAX_COMMENT);
    const seen = new Set<string>();
    for (const m of matches) {
      const explicit = EXPLICIT_KEY.test(split.text.slice(0, m.start));
      for (const itemId of m.sharedWith ? [m.itemId, ...m.sharedWith] : [m.itemId]) {
        if (seen.has(itemId)) continue;
        seen.add(itemId);
        annotations.push({ line: l, itemId, comment, explicit });
      }
    }
  }
  return { annotations, kinds };
}

/**
 * The lines whose annotations head a symbol starting at `startLine`: that line, plus the comment
 * block directly above it (attribute lines may sit in between; a blank line ends the block).
 */
export function headingStart(kinds: Uint8Array, startLine: number): number {
  let l = startLine - 1;
  while (l >= 0 && (kinds[l] === LineKind.Comment || kinds[l] === LineKind.Attribute)) l--;
  return l + 1;
}

/**
 * scanAnnotations, remembered for the last few texts (see symbolMemo.ts): the editor attributes the
 * same text again whenever HEAD, the index or the current item move. For one matcher at a time: a
 * roadmap edit makes a new matcher and starts a new memo, so an old roadmap's matcher (a trie of all
 * its keys) is not kept alive here.
 */
let scans = new ContentMemo<AnnotationMatcher, CommentScan>();
let scansMatcher: AnnotationMatcher | undefined;

export function scanAnnotationsOnce(lines: readonly string[], matcher: AnnotationMatcher): CommentScan {
  if (matcher !== scansMatcher) {
    scans = new ContentMemo<AnnotationMatcher, CommentScan>();
    scansMatcher = matcher;
  }
  if (!scans.worthKeying()) return scanAnnotations(lines, matcher);
  const key = linesHash(lines);
  const known = scans.get(key, matcher, lines.length);
  if (known) return known;
  const scan = scanAnnotations(lines, matcher);
  scans.set(key, matcher, lines.length, scan);
  return scan;
}
