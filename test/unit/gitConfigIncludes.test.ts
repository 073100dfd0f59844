// configIncludePaths: the include paths of a git config file, as git would read them (issue #16
// class 3: the git layer checks each before any git runs). Rows are git-config(1) syntax.
import { strict as assert } from 'node:assert';
import { configIncludePaths } from '../../src/core/gitOutput/gitConfigIncludes';

const ROWS: readonly [string, string, readonly string[]][] = [
  ['plain include', '[include]\n\tpath = /a/b\n', ['/a/b']],
  ['section and key in any case', '[Include]\n\tPATH = /a\n', ['/a']],
  ['includeIf with a quoted condition', '[includeIf "gitdir:~/work/"]\n\tpath = x.conf\n', ['x.conf']],
  ['quoted value with spaces and escapes', '[include]\n\tpath = "/a b/\\"q\\"\\\\z"\n', ['/a b/"q"\\z']],
  ['comment after the value', '[include]\n\tpath = /a ; note\n\tpath = /b # note\n', ['/a', '/b']],
  ['# and ; inside quotes are text', '[include]\n\tpath = "/a;b#c"\n', ['/a;b#c']],
  ['continued line', '[include]\n\tpath = /a\\\n/b\n', ['/a/b']],
  ['CRLF line ends', '[include]\r\n\tpath = /a\r\n', ['/a']],
  ['key on the header line', '[include] path = /a\n', ['/a']],
  ['other sections ignored', '[core]\n\tpath = /no\n[user]\n\tname = x\n', []],
  ['path in a later section is not an include', '[include]\n[core]\n\tpath = /no\n', []],
  ['commented-out include', '[include]\n#\tpath = /no\n;path = /no\n', []],
  ['empty value ignored', '[include]\n\tpath =\n', []],
  ['key without a value', '[include]\n\tpath\n', []],
  [
    'several, in order',
    '[include]\npath=/1\n[includeIf "onbranch:x"]\npath=/2\n[include]\npath = /3\n',
    ['/1', '/2', '/3'],
  ],
  ['unterminated header stops', '[include\npath = /a\n', []],
];

describe('configIncludePaths (git config includes)', () => {
  for (const [name, text, expected] of ROWS) {
    it(name, () => assert.deepEqual(configIncludePaths(text), expected));
  }

  it('never throws on arbitrary text, and each path comes from an include section', () => {
    const pieces = [
      '[include]',
      '[core]',
      'path',
      ' = ',
      '"',
      '\\',
      '\n',
      ';',
      '#',
      '/x',
      '\r',
      ' ',
      '[includeIf "a"]',
    ];
    let seed = 7;
    for (let run = 0; run < 2000; run++) {
      let text = '';
      for (let i = 0; i < 20; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += pieces[seed % pieces.length];
      }
      const paths = configIncludePaths(text);
      if (!/\[include/i.test(text)) assert.deepEqual(paths, [], JSON.stringify(text));
    }
  });
});
