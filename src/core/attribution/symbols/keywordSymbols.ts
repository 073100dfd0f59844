// Symbols of languages whose blocks close with `end`, from their blanked code (maskCode).
// Ruby: `class`/`module`/`def` plus every other opener (`do`, `if`/`unless`/`while`/`until`/`case`/
// `begin`/`for` where a statement starts: `return x if y` opens nothing) is matched with its `end`;
// one-line and endless defs (`def a = 1`) open nothing. Lua: `function`, `if`, `do` and `repeat`
// open (`for`/`while` open through their `do`), `end` and `until` close.
// Only declarations outside method bodies are symbols, as for brace languages.

import type { SymbolKindName, SymbolRange } from '../symbolRanges';

// Blocks and symbols are object literals with every field (no spread, no field left out), as in
// braceSymbols.ts: a shape only per-call objects keep alive lets a major GC throw away the finder's
// optimized code ("weak objects", docs/performance.md, Symbol finder).
interface Block {
  readonly symbol: { readonly name: string; readonly kind: SymbolKindName; readonly startLine: number } | undefined;
  /** A method or function body: declarations inside it are not symbols. */
  readonly body: boolean;
}

function walk(
  masked: readonly string[],
  onLine: (line: string, l: number, open: (b: Block) => void, closeOne: (l: number) => void, inBody: boolean) => void,
): SymbolRange[] {
  const out: SymbolRange[] = [];
  const stack: Block[] = [];
  let depth = 0;
  const open = (b: Block): void => {
    stack.push(b);
    if (b.symbol) depth++;
  };
  const closeOne = (l: number): void => {
    const b = stack.pop();
    if (!b?.symbol) return;
    depth--;
    out.push({ name: b.symbol.name, kind: b.symbol.kind, startLine: b.symbol.startLine, endLine: l, depth });
  };
  for (let l = 0; l < masked.length; l++) {
    onLine(
      masked[l] ?? '',
      l,
      (b) => open(b),
      closeOne,
      stack.some((b) => b.body),
    );
  }
  let last = masked.length - 1;
  while (last > 0 && (masked[last] ?? '').trim() === '') last--;
  while (stack.length > 0) closeOne(Math.max(0, last));
  return out.sort((a, b) => a.startLine - b.startLine || a.depth - b.depth);
}

const RUBY_WORD = /(?<![\w.:@$?!])(def|class|module|if|unless|while|until|case|begin|for|do|end)(?![\w?!:])/g;
/** Where a statement starts: line start, `;`, `=`, `(`, `||`, `&&`, `?`/`:` of a ternary… (`return if x` is a modifier). */
const RUBY_STATEMENT_START = /(?:^|[;=(|&,?:!{[]|\bthen|\belse)\s*$/;

export function rubySymbols(masked: readonly string[]): SymbolRange[] {
  return walk(masked, (line, l, open, closeOne, inBody) => {
    let loopDo = false;
    for (const m of line.matchAll(RUBY_WORD)) {
      const word = m[1] ?? '';
      const before = line.slice(0, m.index);
      if (word === 'end') {
        closeOne(l);
        continue;
      }
      if (word === 'def') {
        const d = /^def\s+(?:self\.)?([\w?!=<>+\-*/%[\]~^&|]+)\s*(\([^)]*\))?\s*(=(?!=))?/.exec(line.slice(m.index));
        if (d?.[3] !== undefined) continue; // endless def: no end
        open({ body: true, symbol: !inBody ? { name: d?.[1] ?? 'def', kind: 'method', startLine: l } : undefined });
        continue;
      }
      if (word === 'class' || word === 'module') {
        const c = /^(?:class|module)\s+(<<\s*\w+|[\w:]+)/.exec(line.slice(m.index));
        if (!c) continue; // `Foo.class`, a symbol :class, or a keyword argument
        const name = c[1] ?? '';
        const named = !inBody && !name.startsWith('<<');
        open({
          body: false,
          symbol: named ? { name, kind: word === 'class' ? 'class' : 'module', startLine: l } : undefined,
        });
        continue;
      }
      if (word === 'do') {
        if (!loopDo) open({ body: false, symbol: undefined });
        loopDo = false;
        continue;
      }
      // if/unless/while/until/case/begin/for: only where a statement starts (not `x if y`).
      if (!RUBY_STATEMENT_START.test(before)) continue;
      open({ body: false, symbol: undefined });
      if (word === 'while' || word === 'until' || word === 'for') loopDo = true;
    }
  }).map((s) =>
    s.kind === 'method' && s.depth === 0
      ? { name: s.name, kind: 'function' as const, startLine: s.startLine, endLine: s.endLine, depth: s.depth }
      : s,
  );
}

const LUA_WORD = /(?<![\w.:])(function|if|do|repeat|end|until)(?![\w])/g;

export function luaSymbols(masked: readonly string[]): SymbolRange[] {
  return walk(masked, (line, l, open, closeOne, inBody) => {
    for (const m of line.matchAll(LUA_WORD)) {
      const word = m[1] ?? '';
      if (word === 'end' || word === 'until') {
        closeOne(l);
        continue;
      }
      if (word !== 'function') {
        open({ body: false, symbol: undefined });
        continue;
      }
      const before = line.slice(0, m.index);
      const named = /^function\s+([\w.:]+)\s*\(/.exec(line.slice(m.index));
      const assigned = /([\w.:]+)\s*=\s*$/.exec(before);
      const name = named?.[1] ?? assigned?.[1];
      const isMethod = name !== undefined && /[.:]/.test(name);
      open({
        body: true,
        symbol:
          name !== undefined && !inBody ? { name, kind: isMethod ? 'method' : 'function', startLine: l } : undefined,
      });
    }
  });
}
