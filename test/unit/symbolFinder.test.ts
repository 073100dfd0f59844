// Table tests of the symbol finder, one fixture per language, each checked by hand: the rows are
// [kind, name, first line, last line] (0-based, as the fixture's trailing comments number them).
// Every fixture has the traps its language sets: braces in strings, chars, comments and templates,
// nested and anonymous types, lambdas, and (where marked) a missing `}` from a half-typed edit.

import * as assert from 'node:assert/strict';
import { findSymbols, symbolRanges } from '../../src/core/attribution/symbolRanges';

type Row = [string, string, number, number];
const rows = (path: string, lines: string[], languageId?: string): Row[] =>
  symbolRanges(path, lines, languageId).map((s) => [s.kind, s.name, s.startLine, s.endLine]);

describe('symbol finder: brace languages', () => {
  it('Java: nested and anonymous classes, lambdas, annotations, text blocks, chars and comments with braces', () => {
    const lines = [
      'package a;', // 0
      '/** A { doc */', // 1
      'public final class Outer<T> implements Comparable<T> {', // 2
      '    private static final String S = "}{";', // 3
      "    private final char c = '{';", // 4
      '    private final Runnable r = () -> {', // 5
      '        run();', // 6
      '    };', // 7
      '    @Override', // 8
      '    @SuppressWarnings({"unchecked", "x"})', // 9
      '    public int compareTo(final T other) {', // 10
      '        String t = """', // 11
      '            } not code {', // 12
      '            """;', // 13
      '        list.forEach(x -> { if (x) { count++; } });', // 14
      '        new Thread(new Runnable() { public void run() { } }).start();', // 15
      '        return 0; // }', // 16
      '    }', // 17
      '', // 18
      '    public static <K extends Comparable<? super K>> K max(', // 19
      '            final K a, final K b)', // 20
      '            throws IllegalStateException {', // 21
      '        return a;', // 22
      '    }', // 23
      '    static {', // 24
      '        init();', // 25
      '    }', // 26
      '    private static final Comparator<String> CMP = new Comparator<String>() {', // 27
      '        @Override', // 28
      '        public int compare(String a, String b) {', // 29
      '            return 0;', // 30
      '        }', // 31
      '    };', // 32
      '    public static class Inner {', // 33
      '        Inner() {', // 34
      '        }', // 35
      '        enum Mode { A, B; int code() { return 1; } }', // 36
      '    }', // 37
      '    interface Shape { double area(); }', // 38
      '}', // 39
    ];
    assert.deepEqual(rows('Outer.java', lines), [
      ['class', 'Outer', 2, 39],
      ['method', 'compareTo', 8, 17],
      ['method', 'max', 19, 23],
      ['method', 'compare', 28, 31],
      ['class', 'Inner', 33, 37],
      ['method', 'Inner', 34, 35],
      ['enum', 'Mode', 36, 36],
      ['method', 'code', 36, 36],
      ['interface', 'Shape', 38, 38],
    ]);
  });

  it('Java: a missing `}` (mid-edit) ends the method at the next declaration, not at the end of the file', () => {
    const lines = [
      'class A {', // 0
      '    void f() {', // 1
      '        if (x) {', // 2
      '            y();', // 3
      '    }', // 4  (closes the if; f is left open)
      '', // 5
      '    public void g() {', // 6
      '        z();', // 7
      '    }', // 8
      '    private int h() { return 1; }', // 9
      '}', // 10
    ];
    assert.deepEqual(rows('A.java', lines), [
      ['class', 'A', 0, 10],
      ['method', 'f', 1, 4],
      ['method', 'g', 6, 8],
      ['method', 'h', 9, 9],
    ]);
    // An extra `}` closes the class early; the methods after it are still found.
    assert.deepEqual(rows('B.java', ['class B {', '  }', '  }', '  public void g() {', '  }', '}']), [
      ['class', 'B', 0, 1],
      ['function', 'g', 3, 4],
    ]);
  });

  it('Java: enum constants with bodies are not methods', () => {
    const lines = [
      'enum Op {', // 0
      '    PLUS("+") {', // 1
      '        int apply(int a, int b) { return a + b; }', // 2
      '    },', // 3
      '    MINUS("-") {', // 4
      '        int apply(int a, int b) { return a - b; }', // 5
      '    };', // 6
      '    Op(String s) { }', // 7
      '    abstract int apply(int a, int b);', // 8
      '}', // 9
    ];
    assert.deepEqual(rows('Op.java', lines), [
      ['enum', 'Op', 0, 9],
      ['method', 'Op', 7, 7],
    ]);
  });

  it('C#: namespaces, attributes, properties, verbatim and interpolated strings, constructors with base()', () => {
    const lines = [
      'namespace Shop.Cart', // 0
      '{', // 1
      '    [Serializable]', // 2
      '    public class Cart : Base', // 3
      '    {', // 4
      '        public int Count { get { return n; } set { n = value; } }', // 5
      '        public Cart(int n) : base(n)', // 6
      '        {', // 7
      '            var s = $"{n} }} {{";', // 8
      '            var p = @"C:\\{dir}\\";', // 9
      '        }', // 10
      '        [Test]', // 11
      '        public async Task<int> LoadAsync<T>(T x) where T : class', // 12
      '        {', // 13
      '            Func<int, int> f = y => { return y; };', // 14
      '            return 1;', // 15
      '        }', // 16
      '    }', // 17
      '    public record Point(int X, int Y);', // 18
      '    public struct Size { public int W; }', // 19
      '}', // 20
    ];
    assert.deepEqual(rows('Cart.cs', lines), [
      ['module', 'Shop.Cart', 0, 20],
      ['class', 'Cart', 2, 17],
      ['method', 'Cart', 6, 10],
      ['method', 'LoadAsync', 11, 16],
      ['struct', 'Size', 19, 19],
    ]);
  });

  it('Go: methods with receivers, generics, raw strings and runes with braces, func literals', () => {
    const lines = [
      'package cart', // 0
      '', // 1
      'type Cart struct {', // 2
      '\titems []Item', // 3
      '}', // 4
      'type Store interface {', // 5
      '\tLoad(id string) (*Cart, error)', // 6
      '}', // 7
      'func (c *Cart) Add(x Item) {', // 8
      '\ts := `}{`', // 9
      "\tr := '{'", // 10
      '\tgo func() {', // 11
      '\t\tdone <- true', // 12
      '\t}()', // 13
      '}', // 14
      'func Map[T, U any](xs []T, f func(T) U) []U {', // 15
      '\treturn nil', // 16
      '}', // 17
      'var handler = func(w Writer) {', // 18
      '}', // 19
    ];
    assert.deepEqual(rows('cart.go', lines), [
      ['struct', 'Cart', 2, 4],
      ['interface', 'Store', 5, 7],
      ['method', 'Add', 8, 14],
      ['function', 'Map', 15, 17],
    ]);
  });

  it('Rust: impl blocks, traits, modules, lifetimes vs chars, raw strings, attributes, closures', () => {
    const lines = [
      '#[derive(Debug)]', // 0
      "pub struct Cart<'a> { items: Vec<&'a str> }", // 1
      "impl<'a> Cart<'a> {", // 2
      "    pub fn add(&mut self, s: &'a str) -> char {", // 3
      '        let r = r#"}{"#;', // 4
      "        let c = '}';", // 5
      '        self.items.iter().for_each(|x| { println!("{}", x); });', // 6
      "        '{'", // 7
      '    }', // 8
      '}', // 9
      "impl fmt::Display for Cart<'_> {", // 10
      '    fn fmt(&self, f: &mut Formatter) -> Result { Ok(()) }', // 11
      '}', // 12
      'pub(crate) trait Store {', // 13
      '    fn load(&self) -> u8 { 0 }', // 14
      '}', // 15
      '#[cfg(test)]', // 16
      'mod tests {', // 17
      '    #[test]', // 18
      '    fn works() {', // 19
      '    }', // 20
      '}', // 21
    ];
    assert.deepEqual(rows('cart.rs', lines), [
      ['struct', 'Cart', 0, 1],
      ['class', 'Cart', 2, 9],
      ['method', 'add', 3, 8],
      ['class', 'Cart', 10, 12],
      ['method', 'fmt', 11, 11],
      ['interface', 'Store', 13, 15],
      ['method', 'load', 14, 14],
      ['module', 'tests', 16, 21],
      ['function', 'works', 18, 20],
    ]);
  });

  it('JavaScript: template literals with nested braces and templates, regex literals, object-literal methods, callbacks', () => {
    const lines = [
      'const re = /[{]+/g;', // 0
      'function render(items) {', // 1
      '  return `${items.map((i) => `<li>${i.name + "}"}</li>`).join("")} }`;', // 2
      '}', // 3
      'const api = {', // 4
      '  load(id) {', // 5
      "    return fetch('/x/' + id);", // 6
      '  },', // 7
      '  save: async (cart) => {', // 8
      '  },', // 9
      '  remove: function (id) {', // 10
      '  },', // 11
      '};', // 12
      "describe('cart', () => {", // 13
      "  it('adds', () => {});", // 14
      '});', // 15
      'export default class {', // 16
      '  #secret() {', // 17
      '  }', // 18
      '}', // 19
    ];
    assert.deepEqual(rows('a.js', lines), [
      ['function', 'render', 1, 3],
      ['method', 'load', 5, 7],
      ['method', 'save', 8, 9],
      ['method', 'remove', 10, 11],
      ['method', 'secret', 17, 18],
    ]);
  });

  it('TypeScript: object types in signatures, generics, decorators, overloads, namespaces, no semicolons', () => {
    const lines = [
      'export function pick(o: { a: number; b: string }, k: keyof typeof o): { v: number } {', // 0
      '  return { v: 1 }', // 1
      '}', // 2
      '@Component({ selector: "x-{y}" })', // 3
      'export class View<T extends { id: string }> {', // 4
      '  @Input() name = ""', // 5
      '  render(): void;', // 6
      '  render(x?: number): void {', // 7
      '    const f = () => { return 1 }', // 8
      '  }', // 9
      '  private onClick = async (e: Event): Promise<void> => {', // 10
      '  }', // 11
      '}', // 12
      'export namespace Util {', // 13
      '  export const twice = <T,>(x: T) => {', // 14
      '    return [x, x]', // 15
      '  }', // 16
      '}', // 17
      'type Handler = {', // 18
      '  (e: Event): void', // 19
      '}', // 20
    ];
    assert.deepEqual(rows('a.ts', lines), [
      ['function', 'pick', 0, 2],
      ['class', 'View', 3, 12],
      ['method', 'render', 7, 9],
      ['method', 'onClick', 10, 11],
      ['module', 'Util', 13, 17],
      ['function', 'twice', 14, 16],
    ]);
  });

  it('C and C++: preprocessor lines, raw strings, classes, out-of-line methods, initializer lists, templates', () => {
    const c = [
      '#include <stdio.h>', // 0
      '#define OPEN {', // 1
      'struct point {', // 2
      '    int x, y;', // 3
      '};', // 4
      'static int parse(const char *s) {', // 5
      "    char c = '}';", // 6
      "    return s[0] == '{';", // 7
      '}', // 8
      'int main(int argc, char **argv)', // 9
      '{', // 10
      '    if (argc) { return 1; }', // 11
      '    return 0;', // 12
      '}', // 13
    ];
    assert.deepEqual(rows('a.c', c), [
      ['struct', 'point', 2, 4],
      ['function', 'parse', 5, 8],
      ['function', 'main', 9, 13],
    ]);
    const cpp = [
      'namespace shop {', // 0
      'template <class T>', // 1
      'class Cart : public Base<T> {', // 2
      ' public:', // 3
      '  Cart() : n_(0), items_{} {', // 4
      '  }', // 5
      '  ~Cart() {}', // 6
      '  int size() const { return n_; }', // 7
      '};', // 8
      'auto s = R"x(}{)x";', // 9
      'void Cart::clear() noexcept {', // 10
      '  auto f = [this](int i) { return i; };', // 11
      '}', // 12
      '}  // namespace shop', // 13
      'extern "C" {', // 14
      'int c_api(void) { return 0; }', // 15
      '}', // 16
    ];
    assert.deepEqual(rows('a.cpp', cpp), [
      ['module', 'shop', 0, 13],
      ['class', 'Cart', 1, 8],
      ['method', 'Cart', 4, 5],
      ['method', '~Cart', 6, 6],
      ['method', 'size', 7, 7],
      ['method', 'Cart::clear', 10, 12],
      ['function', 'c_api', 15, 15],
    ]);
  });

  it('Kotlin: data classes, companion objects, string templates with braces, lambdas, no semicolons', () => {
    const lines = [
      'package a', // 0
      'data class User(val name: String) {', // 1
      '    val greeting = "hi ${name.map { it }} }"', // 2
      '    fun greet(): String {', // 3
      '        return listOf(1).map { x -> x + 1 }.toString()', // 4
      '    }', // 5
      '    companion object {', // 6
      '        fun of(s: String) = User(s)', // 7
      '        fun parse(s: String): User {', // 8
      '            return User("""{$s}""")', // 9
      '        }', // 10
      '    }', // 11
      '}', // 12
      'fun <T> List<T>.second(): T {', // 13
      '    return this[1]', // 14
      '}', // 15
    ];
    assert.deepEqual(rows('User.kt', lines), [
      ['class', 'User', 1, 12],
      ['method', 'greet', 3, 5],
      ['class', 'companion object', 6, 11],
      ['method', 'parse', 8, 10],
      ['function', 'second', 13, 15],
    ]);
  });

  it('Swift: structs, extensions, init, computed properties, interpolation with parentheses', () => {
    const lines = [
      'struct Cart: View {', // 0
      '    var body: some View {', // 1
      '        Text("\\(items.count) }")', // 2
      '    }', // 3
      '    init(items: [Item]) {', // 4
      '        self.items = items', // 5
      '    }', // 6
      '    func total() -> Int {', // 7
      '        items.reduce(0) { $0 + $1.price }', // 8
      '    }', // 9
      '}', // 10
      'extension Cart: Equatable {', // 11
      '    static func == (a: Cart, b: Cart) -> Bool { true }', // 12
      '}', // 13
      'protocol Store {', // 14
      '    func load() -> Cart', // 15
      '}', // 16
    ];
    assert.deepEqual(rows('Cart.swift', lines), [
      ['struct', 'Cart', 0, 10],
      ['method', 'init', 4, 6],
      ['method', 'total', 7, 9],
      ['class', 'Cart', 11, 13],
      ['interface', 'Store', 14, 16],
    ]);
  });

  it('PHP: namespaces, classes, functions, # and // comments, heredocs with braces', () => {
    const lines = [
      '<?php', // 0
      'namespace App\\Cart;', // 1
      'class Cart extends Base implements Countable', // 2
      '{', // 3
      '    # a comment {', // 4
      '    public function count(): int', // 5
      '    {', // 6
      '        $s = <<<EOT', // 7
      '        } {', // 8
      '        EOT;', // 9
      '        $f = function ($x) use ($s) { return $x; };', // 10
      '        return 1;', // 11
      '    }', // 12
      '}', // 13
      'function helper($a) {', // 14
      '    return "{$a}}";', // 15
      '}', // 16
    ];
    assert.deepEqual(rows('Cart.php', lines), [
      ['class', 'Cart', 2, 13],
      ['method', 'count', 5, 12],
      ['function', 'helper', 14, 16],
    ]);
  });

  it('shell: both function forms, parameter expansions and here-documents with braces, # inside words', () => {
    const lines = [
      '#!/bin/sh', // 0
      'usage() {', // 1
      '  cat <<EOF', // 2
      '}  not code', // 3
      'EOF', // 4
      '}', // 5
      'function build {', // 6
      '  echo "${1:-}" ${#args[@]} "}"', // 7
      "  echo '{'", // 8
      '}', // 9
      'if [ -n "$x" ]; then { echo; }; fi', // 10
    ];
    assert.deepEqual(rows('build.sh', lines), [
      ['function', 'usage', 1, 5],
      ['function', 'build', 6, 9],
    ]);
  });
});

describe('symbol finder: indentation and keyword languages', () => {
  it('Python: docstrings at column 0, bracket continuations, nested classes', () => {
    const lines = [
      'class Cart:', // 0
      '    """Doc', // 1
      'def not_a_function():', // 2  (inside the docstring)
      '    """', // 3
      '    def add(self, a,', // 4
      'b):', // 5  (a continuation line at column 0)
      '        return {', // 6
      '"k": 1}', // 7
      '    class Line:', // 8
      '        def total(self):', // 9
      '            pass', // 10
      'def main():', // 11
      '    Cart()', // 12
    ];
    assert.deepEqual(rows('cart.py', lines), [
      ['class', 'Cart', 0, 10],
      ['method', 'add', 4, 7],
      ['class', 'Line', 8, 10],
      ['method', 'total', 9, 10],
      ['function', 'main', 11, 12],
    ]);
  });

  it('YAML: block keys at the top two levels; block scalars and deeper keys are not sections', () => {
    const lines = [
      'name: ci', // 0
      'on:', // 1
      '  push:', // 2
      '    branches: [main]', // 3
      'jobs:', // 4
      '  build:', // 5
      '    runs-on: ubuntu', // 6
      '    steps:', // 7
      '      - run: |', // 8
      '          jobs:', // 9
      '            x: 1', // 10
      '  test:', // 11
      '    script: "a: b"  # jobs:', // 12
      '---', // 13
      'other:', // 14
      '  key: 1', // 15
    ];
    assert.deepEqual(rows('ci.yaml', lines), [
      ['module', 'on', 1, 3],
      ['module', 'push', 2, 3],
      ['module', 'jobs', 4, 12],
      ['module', 'build', 5, 10],
      ['module', 'test', 11, 12],
      ['module', 'other', 14, 15],
    ]);
  });

  it('Ruby: modules, classes, defs, blocks, modifiers, one-liners, endless defs, heredocs and strings with `end`', () => {
    const lines = [
      'module Shop', // 0
      '  class Cart < Base', // 1
      '    def add(item)', // 2
      '      return if item.nil?', // 3
      '      items.each do |i|', // 4
      '        puts "end"', // 5
      '      end', // 6
      '      x = if a then 1 else 2 end', // 7
      '    end', // 8
      '    def size = items.size', // 9
      '    def empty?; items.empty?; end', // 10
      '    def text', // 11
      '      <<~EOS', // 12
      '        end', // 13
      '      EOS', // 14
      '    end', // 15
      '  end', // 16
      'end', // 17
      'def helper', // 18
      '  while x do y end', // 19
      'end', // 20
    ];
    assert.deepEqual(rows('cart.rb', lines), [
      ['module', 'Shop', 0, 17],
      ['class', 'Cart', 1, 16],
      ['method', 'add', 2, 8],
      ['method', 'empty?', 10, 10],
      ['method', 'text', 11, 15],
      ['function', 'helper', 18, 20],
    ]);
  });

  it('Lua: functions of all forms, blocks closed by end and until, long strings and comments', () => {
    const lines = [
      'local M = {}', // 0
      'function M.add(a, b)', // 1
      '  for i = 1, 10 do', // 2
      '    if i then print("end") end', // 3
      '  end', // 4
      '  return a + b', // 5
      'end', // 6
      '--[[ function fake()', // 7
      'end ]]', // 8
      'local function helper()', // 9
      '  local s = [[ end ]]', // 10
      '  repeat x() until done', // 11
      '  local inner = function() end', // 12
      'end', // 13
      'M.run = function(self)', // 14
      'end', // 15
      'return M', // 16
    ];
    assert.deepEqual(rows('m.lua', lines), [
      ['method', 'M.add', 1, 6],
      ['function', 'helper', 9, 13],
      ['method', 'M.run', 14, 15],
    ]);
  });
});

describe('symbol finder: languages and limits', () => {
  it('VS Code language ids win over extensions; unknown languages get the whole file', () => {
    assert.deepEqual(rows('script', ['deploy() {', '  :', '}'], 'shellscript'), [['function', 'deploy', 0, 2]]);
    assert.equal(findSymbols('notes.txt', ['a']), undefined);
    assert.deepEqual(rows('query.sql', ['select 1;', 'select 2;']), [['file', 'query.sql', 0, 1]]);
  });

  it('never throws, and keeps ranges inside the file, on unbalanced and hostile input', () => {
    const hostile = ['}}}}', '{{{{', '"unterminated {', '/* open comment {', "'", '`${', 'class', 'def', 'end end end'];
    for (const path of [
      'a.java',
      'a.ts',
      'a.go',
      'a.rs',
      'a.c',
      'a.py',
      'a.rb',
      'a.lua',
      'a.sh',
      'a.yaml',
      'a.kt',
      'a.swift',
      'a.php',
      'a.cs',
    ]) {
      for (let n = 0; n < 30; n++) {
        const lines = Array.from({ length: 12 }, (_, i) => hostile[(i * 7 + n) % hostile.length] ?? '');
        for (const s of symbolRanges(path, lines)) {
          assert.ok(
            s.startLine >= 0 && s.startLine <= s.endLine && s.endLine < lines.length,
            `${path} ${JSON.stringify(s)}`,
          );
        }
      }
    }
  });
});
