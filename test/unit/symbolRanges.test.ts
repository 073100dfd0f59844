import * as assert from 'node:assert/strict';
import { symbolRanges } from '../../src/core/attribution/symbolRanges';

type Row = [string, string, number, number];
const rows = (path: string, lines: string[]): Row[] =>
  symbolRanges(path, lines).map((s) => [s.kind, s.name, s.startLine, s.endLine]);

describe('symbolRanges (heuristic)', () => {
  it('TypeScript: functions, classes, methods, arrow consts, interfaces; strings and comments with braces', () => {
    const lines = [
      'import x from "y";', // 0
      'export async function load(a: string,', // 1
      '    b: number): Promise<void> {', // 2
      '  const s = "}";  // }', // 3
      '}', // 4
      'export class Cart extends Base {', // 5
      '  private items: Item[] = [];', // 6
      '  constructor() { super(); }', // 7
      '  async reorder(id: string): Promise<void> {', // 8
      '    if (id) {', // 9
      '      return;', // 10
      '    }', // 11
      '  }', // 12
      '  get size(): number {', // 13
      '    return `${this.items.length}}`.length;', // 14
      '  }', // 15
      '}', // 16
      'export const total = (xs: number[]): number => {', // 17
      '  return xs.length;', // 18
      '};', // 19
      'interface Item { id: string }', // 20
      'declare function ambient(): void;', // 21
      'const value = (1 + 2);', // 22
    ];
    assert.deepEqual(rows('a.ts', lines), [
      ['function', 'load', 1, 4],
      ['class', 'Cart', 5, 16],
      ['method', 'constructor', 7, 7],
      ['method', 'reorder', 8, 12],
      ['method', 'size', 13, 15],
      ['function', 'total', 17, 19],
      ['interface', 'Item', 20, 20],
    ]);
  });

  it('Python: def and class by indentation, decorators outside, trailing blank lines trimmed', () => {
    const lines = [
      'import os', // 0
      '@dataclass', // 1
      'class Cart:', // 2
      '    def add(self):', // 3
      '        x = 1', // 4
      '', // 5
      '        # still in add', // 6
      '        return x', // 7
      '', // 8
      '    async def pay(self):', // 9
      '        pass', // 10
      '', // 11
      'def main():', // 12
      '    Cart()', // 13
    ];
    assert.deepEqual(rows('a.py', lines), [
      ['class', 'Cart', 2, 10],
      ['method', 'add', 3, 7],
      ['method', 'pay', 9, 10],
      ['function', 'main', 12, 13],
    ]);
  });

  it('Go and Rust', () => {
    assert.deepEqual(
      rows('a.go', [
        'package a',
        'func (c *Cart) Add(x int) {',
        '\tif x > 0 { return }',
        '}',
        'type Cart struct {',
        '\tn int',
        '}',
      ]),
      [
        ['method', 'Add', 1, 3],
        ['struct', 'Cart', 4, 6],
      ],
    );
    assert.deepEqual(
      rows('a.rs', [
        "impl<'a> Cart<'a> {",
        "    pub fn add(&mut self, s: &'a str) -> char {",
        "        '{'",
        '    }',
        '}',
      ]),
      [
        ['class', 'Cart', 0, 4],
        ['method', 'add', 1, 3],
      ],
    );
  });

  it('Java-like methods need a modifier; control statements are not methods', () => {
    assert.deepEqual(
      rows('A.java', [
        'public class A {',
        '  public int size() {',
        '    if (x) {',
        '    }',
        '    return 1;',
        '  }',
        '}',
      ]),
      [
        ['class', 'A', 0, 6],
        ['method', 'size', 1, 5],
      ],
    );
  });

  it('falls back to the whole file for unknown languages or when nothing is found', () => {
    assert.deepEqual(rows('notes/readme.md', ['# Title', 'text']), [['file', 'readme.md', 0, 1]]);
    assert.deepEqual(rows('a.ts', ['const x = 1;']), [['file', 'a.ts', 0, 0]]);
    assert.deepEqual(rows('a.ts', []), []);
  });
});
