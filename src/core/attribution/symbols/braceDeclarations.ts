// What a `{` opens, judged from its header: the code (strings and comments already blanked) between
// the previous statement boundary and the brace. `class Cart extends Base`, `public static String
// join(final Object[] a)`, `func (c *Cart) Add(x int)`, `impl<'a> Cart<'a>`, `const total = (xs) =>`
// open declarations; `if (x)`, `x -> `, `new Runnable()` and `static` open bodies or blocks whose
// insides are not declarations (lambdas and local classes get no lens: one per method).

import type { BraceDialect } from './languages';
import type { SymbolKindName } from '../symbolRanges';

export type ScopeKind = 'ns' | 'type' | 'container' | 'body' | 'block';

export interface Decision {
  readonly scope: ScopeKind;
  /** Set when the brace opens a declaration worth a symbol. */
  readonly symbol?: { readonly name: string; readonly kind: SymbolKindName };
}

export interface HeaderContext {
  readonly dialect: BraceDialect;
  /** The scope the header sits in: file/namespace level, a type's body, or an object literal. */
  readonly parent: 'ns' | 'type' | 'container';
  /** The enclosing type's name (constructors are named after it). */
  readonly typeName?: string | undefined;
}

/** Statements, whatever follows them. */
const CONTROL = new Set(
  'if else for foreach while do switch try catch finally return throw await yield when guard defer loop match select elif until unless then'.split(
    ' ',
  ),
);
/** Blocks when alone (`static {`, `get {`, `unsafe {`); otherwise declaration modifiers or names. */
const BARE_CONTROL = new Set(
  'static init deinit get set willSet didSet lazy unsafe begin end go with new extern'.split(' '),
);
/** Blocks when followed by `(…)`: `synchronized (x) {`, `using (var r = …) {`. */
const GUARD_CONTROL = new Set('synchronized using lock fixed checked unchecked'.split(' '));

const NOT_A_NAME = new Set(
  'if for while switch catch return function new typeof await do else with super this throw case delete void yield sizeof'.split(
    ' ',
  ),
);

const TYPE_WORDS: Partial<Record<BraceDialect, RegExp>> = {
  ts: /(?:^|\s)(class|interface|enum|namespace|module)(?:\s+([\w$.]+)|\s*$)/,
  java: /(?:^|\s)@?(class|interface|enum|record)\s+(\w+)/,
  csharp: /(?:^|\s)(class|interface|enum|record|struct|namespace)\s+([\w.]+)/,
  kotlin: /(?:^|\s)(class|interface|object)(?:\s+(\w+)|\s*(?=:|$))/,
  swift: /(?:^|\s)(class|struct|enum|protocol|extension|actor)\s+([\w.]+)/,
  scala: /(?:^|\s)(class|trait|object)\s+(\w+)/,
  dart: /(?:^|\s)(class|mixin|extension|enum)\s+(\w+)/,
  php: /(?:^|\s)(class|interface|trait|enum|namespace)\s+([\w\\]+)/,
  c: /(?:^|\s)(class|struct|union|enum|namespace)(?:\s+(?:class\s+|struct\s+)?([\w:]+(?:\s+[\w:]+)*?))?\s*(?:final\s*)?(?::(?!:).*)?$/,
  rust: /(?:^|\s)(struct|enum|trait|union|mod)\s+(\w+)/,
};

const KIND_OF_WORD: Record<string, SymbolKindName> = {
  class: 'class',
  record: 'class',
  object: 'class',
  actor: 'class',
  mixin: 'class',
  extension: 'class',
  impl: 'class',
  interface: 'interface',
  protocol: 'interface',
  trait: 'interface',
  enum: 'enum',
  struct: 'struct',
  union: 'struct',
  namespace: 'module',
  module: 'module',
  mod: 'module',
};

/** Removes leading annotations, attributes and decorators: `@Override`, `[Test]`, `#[test]`, `@Input()`. */
function stripDecorations(text: string, dialect: BraceDialect): string {
  let s = text.replace(/^[\s,]+/, '');
  for (let guard = 0; guard < 50; guard++) {
    const m = /^(?:@(?!interface\b)[\w.$]+|#!?\[|\[)/.exec(s);
    if (!m || (m[0] === '[' && dialect !== 'csharp')) break;
    let i = m[0].length;
    const bracket = m[0].endsWith('[') ? 1 : 0;
    let depth = bracket;
    if (!bracket) {
      while (s[i] === ' ') i++;
      if (s[i] !== '(') {
        s = s.slice(i).trimStart();
        continue;
      }
    }
    for (; i < s.length; i++) {
      const ch = s[i];
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    s = s.slice(i).trimStart();
  }
  if (dialect === 'c') s = s.replace(/^template\s*<(?:[^<>]|<[^<>]*>)*>\s*/, '');
  if (dialect === 'rust') s = s.replace(/\bpub\s*\([^)]*\)/g, 'pub');
  return s;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function closeParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** An assignment `=` (not `==`, `=>`, `<=`, `>=`, `!=`) in the text. */
const hasAssignment = (s: string): boolean => /(?:^|[^=!<>+\-*/%&|^])=(?![=>])/.test(s);

const FUNCTION_WORD =
  /(?:^|[\s;])(function|func|fun|fn|def|sub)\b\s*\*?\s*(?:<(?:[^<>]|<[^<>]*>)*>\s*)?(\([^()]*\)\s*)?((?:[\w$]+(?:<(?:[^<>]|<[^<>]*>)*>)?[.:]?)*)/;

function keywordFunction(s: string, ctx: HeaderContext): Decision | undefined {
  const m = FUNCTION_WORD.exec(s);
  if (!m) return undefined;
  const before = s.slice(0, m.index);
  // `x = function (` / `x: function (`: the name is the property's.
  if (before.includes('(') || (hasAssignment(before) && ctx.dialect !== 'ts')) return undefined;
  let name =
    (m[3] ?? '')
      .replace(/<(?:[^<>]|<[^<>]*>)*>/g, '')
      .split(/[.:]/)
      .filter(Boolean)
      .pop() ?? '';
  if (!name) {
    const prop = /([\w$]+)\s*[:=]\s*(?:async\s+)?$/.exec(before);
    name = prop?.[1] ?? '';
  }
  if (!name && /\bexport\s+default\s*$/.test(before)) name = 'default';
  if (!name || NOT_A_NAME.has(name)) return { scope: 'body' };
  const method = ctx.parent !== 'ns' || (ctx.dialect === 'go' && m[2] !== undefined);
  return { scope: 'body', symbol: { name, kind: method ? 'method' : 'function' } };
}

function typeDeclaration(s: string, ctx: HeaderContext): Decision | undefined {
  const { dialect } = ctx;
  if (dialect === 'go') {
    const m = /^type\s+(\w+)(?:\[[^\]]*\])?\s+(struct|interface)\b/.exec(s);
    return m
      ? { scope: 'type', symbol: { name: m[1] ?? '', kind: m[2] === 'struct' ? 'struct' : 'interface' } }
      : undefined;
  }
  if (dialect === 'rust') {
    const impl = /^(?:unsafe\s+)?impl\b(?:\s*<(?:[^<>]|<[^<>]*>)*>)?\s*(?:!?[\w:]+(?:<.*?>)?\s+for\s+)?([\w:]+)/.exec(
      s,
    );
    if (impl) return { scope: 'type', symbol: { name: impl[1] ?? 'impl', kind: 'class' } };
  }
  const re = TYPE_WORDS[dialect];
  const paren = s.indexOf('(');
  const head = paren < 0 ? s : s.slice(0, paren);
  const m = re?.exec(dialect === 'kotlin' || dialect === 'ts' ? head.trimEnd() : head);
  if (!m || hasAssignment(head)) return undefined;
  const word = m[1] ?? '';
  let name = (m[2] ?? '').trim();
  if (dialect === 'c') name = name.split(/\s+/).pop() ?? '';
  if (dialect === 'kotlin' && word === 'object' && !name)
    name = /\bcompanion\s+object/.test(head) ? 'companion object' : '';
  const kind = KIND_OF_WORD[word] ?? 'class';
  if (!name) return { scope: kind === 'module' ? 'ns' : 'container' };
  return { scope: kind === 'module' ? 'ns' : 'type', symbol: { name, kind } };
}

/** `name(params) …` declarations: methods, constructors, C/C++ functions, JS class members. */
function parenDeclaration(s: string, ctx: HeaderContext): Decision | undefined {
  const { dialect, parent } = ctx;
  const open = s.indexOf('(');
  if (open < 0) return undefined;
  const pre = s.slice(0, open).trimEnd();
  const close = closeParen(s, open);
  const post = close < 0 ? '' : s.slice(close + 1);
  if (hasAssignment(pre)) return undefined;
  if (close >= 0 && hasAssignment(post) && !/=>\s*$/.test(post)) return undefined;
  const m = /((?:operator\s*\S+?)|~?[\w$#]+(?:::~?[\w$]+)*)\s*(?:<(?:[^<>]|<[^<>]*>)*>)?$/.exec(pre);
  const name = m?.[1] ?? '';
  if (!name || NOT_A_NAME.has(name) || /^\d/.test(name)) return undefined;
  const tokens = pre
    .replace(/<(?:[^<>]|<[^<>]*>)*>/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const single = tokens.length <= 1;
  const jsLike = dialect === 'ts' || dialect === 'swift' || dialect === 'kotlin' || dialect === 'dart';
  if (single) {
    const ctor =
      name === ctx.typeName ||
      name === `~${ctx.typeName ?? ''}` ||
      (dialect === 'c' && name.includes('::')) ||
      ['init', 'subscript', 'constructor'].includes(name);
    if (!ctor && !(jsLike && parent !== 'ns')) return undefined;
  }
  if (dialect === 'ts' && parent === 'ns') return undefined; // a call like describe(…) at top level
  const kind: SymbolKindName = parent === 'ns' && !name.includes('::') ? 'function' : 'method';
  return { scope: 'body', symbol: { name: name.replace(/^#/, ''), kind } };
}

/** JS/TS: `const f = (…) =>`, `f = async (…) =>` in a class, `f: (…) =>` in an object literal. */
function arrowDeclaration(s: string, ctx: HeaderContext): Decision | undefined {
  const re =
    ctx.parent === 'ns'
      ? /^(?:export\s+)?(?:default\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:\(|[\w$]+\s*=>|<)/
      : /^(?:(?:public|private|protected|static|readonly|override)\s+)*#?([\w$]+)\s*[?!]?\s*(?::[^=]+)?[=:]\s*(?:async\s+)?(?:\(|[\w$]+\s*=>|<)/;
  const m = re.exec(s);
  if (!m || !/=>\s*$/.test(s)) return undefined;
  return { scope: 'body', symbol: { name: m[1] ?? '', kind: ctx.parent === 'ns' ? 'function' : 'method' } };
}

export function classifyHeader(header: string, ctx: HeaderContext): Decision {
  const s = stripDecorations(header.replace(/\s+/g, ' ').trim(), ctx.dialect);
  const first = /^[\w$@]+/.exec(s)?.[0] ?? '';
  if (ctx.dialect === 'c' && /^extern\s*(?:"\s*")?$/.test(s)) return { scope: 'ns' }; // extern "C" {
  if (s === '' || CONTROL.has(first) || s.endsWith('->')) return { scope: 'block' };
  if (BARE_CONTROL.has(first) && s === first) return { scope: 'block' };
  if (GUARD_CONTROL.has(first) && /^\w+\s*\(.*\)$/.test(s)) return { scope: 'block' };
  if (ctx.dialect === 'shell') {
    const m = /^(?:function\s+([\w.:-]+)(?:\s*\(\s*\))?|([\w.:-]+)\s*\(\s*\))$/.exec(s);
    return m ? { scope: 'body', symbol: { name: m[1] ?? m[2] ?? '', kind: 'function' } } : { scope: 'block' };
  }
  if (ctx.dialect === 'ts') {
    const arrow = arrowDeclaration(s, ctx);
    if (arrow) return arrow;
  }
  const typed = typeDeclaration(s, ctx);
  if (typed) return typed;
  const keyword = keywordFunction(s, ctx);
  if (keyword) return keyword;
  if (ctx.dialect !== 'go' && ctx.dialect !== 'rust' && ctx.dialect !== 'perl' && ctx.dialect !== 'php') {
    const paren = parenDeclaration(s, ctx);
    if (paren) return paren;
  }
  // An anonymous class or object literal whose members are declarations: `= new Comparator<T>() {`, `= {`.
  if (ctx.parent !== 'container' && /(?:=|\breturn)\s*(?:new\s+[\w$.<>, ?]+\s*\([^()]*\)\s*)?$/.test(s))
    return { scope: /\bnew\b/.test(s) || ctx.dialect === 'ts' ? 'container' : 'block' };
  if (/^(?:export\s+default|module\.exports\s*=)/.test(s)) return { scope: 'container' };
  return { scope: 'block' };
}
