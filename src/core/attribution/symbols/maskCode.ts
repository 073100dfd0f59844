// The code of a file with every string, character literal and comment blanked out (same line
// lengths, same columns), so the structure finders see only code: a `}` inside "}", `/* } */`, a
// template literal `${ "}" }` or a Lua `[[ end ]]` can never close a scope. One linear pass with a
// small state that carries across lines (multi-line strings, block comments, here-documents).

import type { Lexicon, StringRule } from './languages';
import { MaskedLine, commentStop, openerTables, runEnd, stringStop, wholeString } from './maskSkips';

type Frame =
  | { readonly t: 'string'; readonly rule: StringRule; readonly close: string }
  /** Code inside a string's interpolation; `depth` counts nested openers of the same bracket. */
  | { readonly t: 'interp'; readonly open: number; readonly close: number; depth: number }
  | { readonly t: 'comment'; readonly open: string; readonly close: string; depth: number };

const isWord = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/** Characters after which `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set('(,=:[!&|?{};+-*%~^<>'.split('').map((c) => c.charCodeAt(0)));
const REGEX_AFTER_WORD = /\b(?:return|typeof|case|in|of|delete|void|throw|new|yield|await|else|do)$/;

const SHELL_HEREDOC = /^<<(-?)\s*(['"]?)([A-Za-z_][\w]*)\2/;
const RUBY_HEREDOC = /^<<([~-]?)(['"`]?)([A-Z_][A-Z0-9_]*)\2/;
const PHP_HEREDOC = /^<<<\s*(['"]?)([A-Za-z_]\w*)\1/;

/** The end of a JS regular expression literal starting at `i`, or -1 when it is not one on this line. */
function regexEnd(line: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) return j;
  }
  return -1;
}

/** A string frame never changes: one per rule serves every string the rule opens. */
const FRAMES = new WeakMap<StringRule, Frame>();
function stringFrame(rule: StringRule): Frame {
  let frame = FRAMES.get(rule);
  if (frame === undefined) {
    frame = { t: 'string', rule, close: rule.close };
    FRAMES.set(rule, frame);
  }
  return frame;
}

function startsLineComment(line: string, i: number, lex: Lexicon): boolean {
  for (let k = 0; k < lex.lineComments.length; k++) if (line.startsWith(lex.lineComments[k] ?? '', i)) return true;
  return false;
}

interface LineState {
  readonly stack: Frame[];
  /** The frame of each of the lexicon's string rules, by index (looked up once per call, not per string). */
  readonly frames: readonly Frame[];
  readonly heredocs: { tag: string; indented: boolean }[];
  lastCode: number;
  lastWord: string;
}

/** What starts at `i` in code: a comment, string, raw string, char literal, regex or here-document. Returns its end of opening, or -1. */
function openAt(line: string, i: number, lex: Lexicon, st: LineState): number {
  const c = line.charCodeAt(i);
  // Indexed loops: `for…of` goes through an iterator, which costs in code not yet optimized.
  for (let k = 0; k < lex.lineComments.length; k++) {
    const lc = lex.lineComments[k] ?? '';
    if (!line.startsWith(lc, i)) continue;
    if (lex.commentAtWordStart && i > 0 && !/[\s;|&(]/.test(line[i - 1] ?? '')) continue;
    const long = lex.luaLongBrackets ? /^\[(=*)\[/.exec(line.slice(i + lc.length, i + lc.length + 20)) : null;
    if (long) {
      st.stack.push({ t: 'comment', open: '\0', close: `]${long[1] ?? ''}]`, depth: 0 });
      return i + lc.length + long[0].length;
    }
    return line.length;
  }
  for (let k = 0; k < lex.blockComments.length; k++) {
    // Indexed, not `const [open, close] =`: array destructuring runs the iterator protocol, which
    // unoptimized code (every `"` of a file goes through here) pays for in full.
    const pair = lex.blockComments[k];
    const open = pair?.[0] ?? '';
    if (!line.startsWith(open, i)) continue;
    st.stack.push({ t: 'comment', open, close: pair?.[1] ?? '', depth: 0 });
    return i + open.length;
  }
  const prevWord = i > 0 && isWord(line.charCodeAt(i - 1));
  if (lex.luaLongBrackets && c === 91) {
    const long = /^\[(=*)\[/.exec(line.slice(i, i + 20));
    if (long) {
      st.stack.push({ t: 'string', rule: RAW, close: `]${long[1] ?? ''}]` });
      return i + long[0].length;
    }
  }
  if (lex.rawStrings !== undefined && !prevWord) {
    const rest = line.slice(i, i + 40);
    const raw =
      lex.rawStrings === 'rust'
        ? /^b?r(#*)"/.exec(rest)
        : lex.rawStrings === 'cpp'
          ? /^(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(/.exec(rest)
          : /^(#+)(?:"""|")/.exec(rest);
    if (raw) {
      const tag = raw[1] ?? '';
      const close = lex.rawStrings === 'cpp' ? `)${tag}"` : `${raw[0].endsWith('"""') ? '"""' : '"'}${tag}`;
      st.stack.push({ t: 'string', rule: RAW, close });
      return i + raw[0].length;
    }
  }
  if (lex.shortQuote && c === 39) {
    const ch = /^'(?:\\[^']{1,10}|[^'\\])'/.exec(line.slice(i, i + 14));
    return ch ? i + ch[0].length : -1; // else a Rust lifetime or a Scala symbol: code
  }
  for (let k = 0; k < lex.strings.length; k++) {
    const rule = lex.strings[k];
    if (rule === undefined || !line.startsWith(rule.open, i)) continue;
    st.stack.push(st.frames[k] ?? stringFrame(rule));
    return i + rule.open.length;
  }
  if (lex.regexLiterals && c === 47 && (REGEX_AFTER.has(st.lastCode) || REGEX_AFTER_WORD.test(st.lastWord))) {
    const end = regexEnd(line, i);
    if (end > i) return end + 1;
  }
  if (lex.heredocs !== undefined && c === 60 && line.charCodeAt(i + 1) === 60) {
    const rest = line.slice(i, i + 80);
    const m =
      lex.heredocs === 'php'
        ? PHP_HEREDOC.exec(rest)
        : (lex.heredocs === 'ruby' ? RUBY_HEREDOC : SHELL_HEREDOC).exec(rest);
    if (m) {
      const tag = (lex.heredocs === 'php' ? m[2] : m[3]) ?? '';
      st.heredocs.push({ tag, indented: lex.heredocs === 'php' || (m[1] ?? '') !== '' });
      return i + m[0].length;
    }
  }
  return -1;
}

/**
 * One MaskedLine for every call (maskCode is synchronous and never re-entered), emptied at the end
 * so it holds no text. A MaskedLine per call died with the call, and with the last one the map (V8's
 * hidden class) its fields had added: the next major GC then threw away maskCode's optimized code,
 * which checks for that map ("weak objects"), and the next calls ran unoptimized again.
 */
const MASKED = new MaskedLine();

export function maskCode(lines: readonly string[], lex: Lexicon): string[] {
  const out: string[] = new Array<string>(lines.length);
  const { first, skip } = openerTables(lex);
  const masked = MASKED;
  const st: LineState = { stack: [], frames: lex.strings.map(stringFrame), heredocs: [], lastCode: 59, lastWord: '' };
  const { stack } = st;
  let preprocessorContinues = false;
  let rubyComment = false;

  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] ?? '';
    // Whole-line states: here-document bodies, Ruby =begin blocks, C preprocessor directives.
    const here = st.heredocs[0];
    if (here !== undefined && stack.length === 0) {
      const end = here.indented ? line.trim() : line;
      if (end === here.tag || (lex.heredocs === 'php' && new RegExp(`^${here.tag}\\b`).test(end))) st.heredocs.shift();
      out[l] = ' '.repeat(line.length);
      continue;
    }
    if (lex.rubyBlockComments && (rubyComment || line.startsWith('=begin'))) {
      rubyComment = !line.startsWith('=end');
      out[l] = ' '.repeat(line.length);
      continue;
    }
    if (lex.preprocessor && stack.length === 0 && (preprocessorContinues || line.trimStart().startsWith('#'))) {
      preprocessorContinues = line.endsWith('\\');
      out[l] = ' '.repeat(line.length);
      continue;
    }

    masked.start(line);
    let strings = 0;
    for (let k = 0; k < stack.length; k++) if (stack[k]?.t === 'string') strings++;
    let i = 0;
    while (i < line.length) {
      // Not `stack[stack.length - 1]` on an empty stack: index -1 is a property lookup up the
      // prototype chain in V8, and it made this loop ~4× slower (most characters are plain code).
      const top = stack.length === 0 ? undefined : stack[stack.length - 1];
      if (top === undefined && skip !== null) {
        // Plain code with nothing open: straight to the next character that may open something.
        skip.lastIndex = i;
        if (!skip.test(line)) break;
        i = skip.lastIndex - 1;
      }
      const c = line.charCodeAt(i);
      if (top?.t === 'string') {
        if (top.rule.escape && c === 92) {
          masked.mask(i, i + 2);
          i += 2;
        } else if (line.startsWith(top.close, i)) {
          // The closing quote stays: `x = "…"` must still read as a finished value.
          masked.mask(i, i + top.close.length - 1);
          i += top.close.length;
          stack.pop();
          strings--;
        } else if (top.rule.interpolation !== undefined && line.startsWith(top.rule.interpolation, i)) {
          const n = top.rule.interpolation.length;
          const open = top.rule.interpolation.charCodeAt(n - 1);
          stack.push({ t: 'interp', open, close: open === 40 ? 41 : 125, depth: 0 });
          masked.mask(i, i + n);
          i += n;
        } else {
          // A run of plain string text in one step.
          const j = runEnd(stringStop(top.rule, top.close), line, i + 1);
          masked.mask(i, j);
          i = j;
        }
        continue;
      }
      if (top?.t === 'comment') {
        if (lex.nestedBlockComments && line.startsWith(top.open, i)) {
          top.depth++;
          masked.mask(i, i + top.open.length);
          i += top.open.length;
        } else if (line.startsWith(top.close, i)) {
          masked.mask(i, i + top.close.length);
          i += top.close.length;
          if (top.depth > 0) top.depth--;
          else stack.pop();
        } else {
          const j = runEnd(commentStop(top.close, lex.nestedBlockComments ? top.open : ''), line, i + 1);
          masked.mask(i, j);
          i = j;
        }
        continue;
      }
      // Code: the file's own, or inside an interpolation (then still masked: it is part of a string).
      if (top?.t === 'interp') {
        if (c === top.open) top.depth++;
        else if (c === top.close) {
          if (top.depth === 0) {
            stack.pop();
            masked.mask(i, i + 1);
            i++;
            continue;
          }
          top.depth--;
        }
      }
      if (c < 128 && first[c] === 1) {
        const depth = stack.length;
        const end = openAt(line, i, lex, st);
        if (end >= 0) {
          // A string, char or regex literal keeps its first character (comments vanish whole).
          const comment = stack[stack.length - 1]?.t === 'comment' && stack.length > depth;
          const literal = !comment && end < line.length && !startsLineComment(line, i, lex);
          masked.mask(literal && strings === 0 ? i + 1 : i, end);
          i = end;
          const opened = stack.length > depth ? stack[stack.length - 1] : undefined;
          if (opened?.t !== 'string') continue;
          // A string opened in plain code that closes on this line (most do): its text and escapes
          // masked in one native step, as the string branch below would, character run by run.
          const whole = depth === 0 ? wholeString(opened.rule, opened.close) : null;
          if (whole !== null) {
            whole.lastIndex = i;
            if (whole.test(line)) {
              masked.mask(i, whole.lastIndex - 1);
              i = whole.lastIndex;
              stack.pop();
              continue;
            }
          }
          strings++;
          continue;
        }
      }
      if (strings > 0) masked.mask(i, i + 1);
      else if (lex.regexLiterals && c !== 32 && c !== 9) {
        st.lastCode = c;
        if (isWord(c)) {
          let j = i;
          while (j < line.length && isWord(line.charCodeAt(j))) j++;
          st.lastWord = line.slice(i, j);
          i = j;
          continue;
        }
        st.lastWord = '';
      }
      i++;
    }
    out[l] = masked.finish();
    // A single-line string left open is an error in the code: it ends with its line.
    while (stack.length > 0) {
      const f = stack[stack.length - 1];
      if (f?.t === 'string' && !f.rule.multiline) stack.pop();
      else if (f?.t === 'interp' && stack.some((g) => g.t === 'string' && !g.rule.multiline)) stack.pop();
      else break;
    }
  }
  masked.start('');
  return out;
}

const RAW: StringRule = { open: '', close: '', escape: false, multiline: true };
