// Table and property tests of maskCode, the blanking the symbol finders read. The table rows were
// written by hand (what survives of each line, `·` for a blanked column); they cover the paths that
// skip ahead at native speed: plain code up to the next possible opener, runs of string text up to
// a closer, backslash or interpolation, runs of comment text up to a closer or a nested opener.

import * as assert from 'node:assert/strict';
import { languageSpec } from '../../src/core/attribution/symbols/languages';
import { maskCode } from '../../src/core/attribution/symbols/maskCode';
import { symbolRanges } from '../../src/core/attribution/symbolRanges';
import { seededRandom } from './seededRandom';

/** maskCode of `lines` for the language of `path`, with blanks shown as `·` where the input had none. */
function masked(path: string, lines: string[]): string[] {
  const spec = languageSpec(path);
  assert.ok(spec, path);
  return maskCode(lines, spec.lexicon).map((m, l) =>
    [...m].map((ch, i) => (ch === ' ' && lines[l]?.[i] !== ' ' ? '·' : ch)).join(''),
  );
}

/**
 * Go's blanking written the plain way, one character at a time, as the oracle of the paths that
 * skip ahead (a whole string closed on its line in one step, runs of text): strings "…" and '…' with
 * backslash escapes end with their line; raw `…` strings and block comments span lines.
 */
function referenceGo(lines: readonly string[]): string[] {
  let open: '"' | "'" | '`' | '*/' | undefined;
  return lines.map((line) => {
    let out = '';
    let i = 0;
    while (i < line.length) {
      const c = line[i] ?? '';
      if (open === '*/') {
        const n = line.startsWith('*/', i) ? 2 : 1;
        if (n === 2) open = undefined;
        out += ' '.repeat(n);
        i += n;
      } else if (open !== undefined) {
        if (open !== '`' && c === '\\') {
          out += i + 1 < line.length ? '  ' : ' ';
          i += 2;
        } else {
          if (c === open) open = undefined;
          out += c === open || open === undefined ? c : ' ';
          i++;
        }
      } else if (line.startsWith('//', i)) {
        out += ' '.repeat(line.length - i);
        i = line.length;
      } else if (line.startsWith('/*', i)) {
        open = '*/';
        out += '  ';
        i += 2;
      } else {
        if (c === '"' || c === "'" || c === '`') open = c;
        // An opener in the last column is blanked (a literal keeps its first character only when it goes on).
        out += open !== undefined && i === line.length - 1 ? ' ' : c;
        i++;
      }
    }
    if (open === '"' || open === "'") open = undefined;
    return out;
  });
}

describe('maskCode', () => {
  // An opener's first character stays (`x = "…"` still reads as a finished value), so does a closing quote.
  it('Go: code between strings, escapes, runes, raw strings over lines, comments; non-ASCII code', () => {
    assert.deepEqual(
      masked('a.go', ['x := "a\\"}" + `{', "}` + f('{') // }", 'é := "ü{" /* { */ + y', 'if a { return "" }']),
      ['x := "····" + `·', "·` + f('·') ·· ·", 'é := "··" ·· · ·· + y', 'if a { return "" }'],
    );
  });

  it('Go: the same as a character-by-character reference on random lines of quotes, escapes and comments', () => {
    const pieces = ['"', "'", '`', '\\', '\\"', '//', '/*', '*/', '{', 'x', ' ', 'é'];
    const next = seededRandom(11);
    const spec = languageSpec('a.go') ?? assert.fail('go');
    for (let round = 0; round < 400; round++) {
      const lines = Array.from({ length: 1 + next(5) }, () =>
        Array.from({ length: next(14) }, () => pieces[next(pieces.length)] ?? '').join(''),
      );
      assert.deepEqual(maskCode(lines, spec.lexicon), referenceGo(lines), JSON.stringify(lines));
    }
  });

  it('strings closed on their line: escapes up to the closer, a backslash in the last column, verbatim C#', () => {
    assert.deepEqual(masked('a.go', ['f("a\\\\", "b\\"c") + "\\', '"" + \'\\\'\' + "x\\"']), [
      'f("···", "····") + "·',
      '"" + \'··\' + "···',
    ]);
    // C# verbatim strings have no escapes: `""` inside one ends it and opens the next (the
    // opener's first character stays, here the `@`).
    assert.deepEqual(masked('a.cs', ['var s = @"a\\" + @"b""c";']), ['var s = @···" + @··""·";']);
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
      const next = seededRandom(7);
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
