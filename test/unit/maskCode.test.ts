// Table and property tests of maskCode, the blanking the symbol finders read. The table rows were
// written by hand (what survives of each line, `·` for a blanked column); they cover the paths that
// skip ahead at native speed: plain code up to the next possible opener, runs of string text up to
// a closer, backslash or interpolation, runs of comment text up to a closer or a nested opener.

import * as assert from 'node:assert/strict';
import { languageSpec } from '../../src/core/attribution/symbols/languages';
import { maskCode } from '../../src/core/attribution/symbols/maskCode';
import { symbolRanges } from '../../src/core/attribution/symbolRanges';

/** maskCode of `lines` for the language of `path`, with blanks shown as `·` where the input had none. */
function masked(path: string, lines: string[]): string[] {
  const spec = languageSpec(path);
  assert.ok(spec, path);
  return maskCode(lines, spec.lexicon).map((m, l) =>
    [...m].map((ch, i) => (ch === ' ' && lines[l]?.[i] !== ' ' ? '·' : ch)).join(''),
  );
}

describe('maskCode', () => {
  // An opener's first character stays (`x = "…"` still reads as a finished value), so does a closing quote.
  it('Go: code between strings, escapes, runes, raw strings over lines, comments; non-ASCII code', () => {
    assert.deepEqual(
      masked('a.go', ['x := "a\\"}" + `{', "}` + f('{') // }", 'é := "ü{" /* { */ + y', 'if a { return "" }']),
      ['x := "····" + `·', "·` + f('·') ·· ·", 'é := "··" ·· · ·· + y', 'if a { return "" }'],
    );
  });

  it('Kotlin: nested block comments and string templates with braces inside', () => {
    assert.deepEqual(
      masked('a.kt', ['val s = "a${ m("}") }b" /* x /* { */ } */ + 1', 'fun f() {}']),
      // Code inside an interpolation is part of the string: blanked, its own quotes' closers aside.
      ['val s = "··· ····"· ··" ·· · ·· · ·· · ·· + 1', 'fun f() {}'],
    );
  });

  it('JavaScript: regex literals after operators and keywords, division after names (no skipping there)', () => {
    assert.deepEqual(masked('a.js', ['const r = /[{]/g; const d = a / b / c;', 'return /}/.test(s) ? "{" : `}`;']), [
      'const r = /····g; const d = a / b / c;',
      'return /··.test(s) ? "·" : `·`;',
    ]);
  });

  it('keeps every line its length, and every column the input or a blank, on random mixes of openers', () => {
    const pieces = [
      '"',
      "'",
      '`',
      '/*',
      '*/',
      '//',
      '#',
      '{',
      '}',
      '\\',
      '${',
      '#{',
      '[[',
      ']]',
      '<<EOF',
      'EOF',
      'x',
      ' ',
      'é',
    ];
    for (const path of [
      'a.go',
      'a.java',
      'a.ts',
      'a.kt',
      'a.rs',
      'a.c',
      'a.py',
      'a.rb',
      'a.lua',
      'a.sh',
      'a.php',
      'a.cs',
      'a.swift',
    ]) {
      let seed = 7;
      const next = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      for (let round = 0; round < 40; round++) {
        const lines = Array.from({ length: 6 }, () =>
          Array.from({ length: next(12) }, () => pieces[next(pieces.length)] ?? '').join(''),
        );
        const out = maskCode(lines, languageSpec(path)?.lexicon ?? assert.fail(path));
        assert.equal(out.length, lines.length);
        out.forEach((m, l) => {
          const line = lines[l] ?? '';
          assert.equal(m.length, line.length, `${path} ${JSON.stringify(lines)}`);
          for (let i = 0; i < m.length; i++)
            assert.ok(m[i] === line[i] || m[i] === ' ', `${path} column ${i} of ${JSON.stringify(line)}`);
        });
      }
    }
  });
});

describe('symbol finder: long headers', () => {
  it('a declaration after a header longer than its 4,000-character cap is still found', () => {
    for (const run of [10, 3990, 4500, 9000]) {
      const lines = [`int ${'a'.repeat(run)} class Outer {`, '  void f() {', '  }', '}'];
      assert.deepEqual(
        symbolRanges('a.java', lines).map((s) => [s.kind, s.name, s.startLine, s.endLine]),
        [
          ['class', 'Outer', 0, 3],
          ['method', 'f', 1, 2],
        ],
        `run of ${run}`,
      );
    }
  });
});
