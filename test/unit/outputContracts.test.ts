// Output contracts (issue #16, classes 8-10): JSON stays JSON whatever the text holds, every failure
// is one line that names the file and what to do, and a roadmap that does not parse is
// "unreadable", not empty.
import * as assert from 'node:assert/strict';
import { describeFailure } from '../../src/cli/failureMessage';
import { NoRoadmapError, UnreadableRoadmapError } from '../../src/cli/loadRoadmap';
import { jsonText, terminalSafe } from '../../src/cli/terminalSafe';
import { decodeRoadmapBytes } from '../../src/core/roadmap/decodeRoadmapBytes';
import { parseRoadmapBytes, parseRoadmapFile, unreadableReason } from '../../src/core/roadmap/parseRoadmap';
import { FileReadError } from '../../src/fs/boundedRead';
import { GitError, NotARepositoryError } from '../../src/git/gitErrors';

// Every character class that terminal escaping touches, inside keys and values.
const HOSTILE_TEXT = [
  'x \u007f',
  '\u0080\u0085\u009b[31m',
  '\u202e reversed \u202c',
  '\u2066isolate\u2069',
  '\u001b]52;c;ZXZpbA==\u0007',
  'line\u2028separator\u2029',
  '"quotes" and \\backslash\\',
  'lone \ud800 surrogate',
  '\u0000 nul',
];

describe('output contracts', () => {
  it(`--json: ${HOSTILE_TEXT.length} hostile strings stay valid JSON after terminal escaping, and round-trip`, () => {
    for (const text of HOSTILE_TEXT) {
      const value = { version: 1, subject: text, [text]: [text] };
      const printed = terminalSafe(jsonText(value));
      assert.equal(printed, jsonText(value), `${JSON.stringify(text)}: already terminal-safe`);
      const back = JSON.parse(printed) as Record<string, unknown>;
      assert.equal(back['subject'], text);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(printed, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    // The issue's reproduction: terminal escaping after JSON.stringify produced `\x7f` (invalid JSON).
    assert.doesNotThrow(() => JSON.parse(terminalSafe(jsonText({ s: 'x \u007f' }))));
    assert.throws(() => JSON.parse(terminalSafe(JSON.stringify({ s: 'x \u007f' }))));
  });

  it('failures are one line with a code, naming the file and what to do', () => {
    const errno = (code: string, p: string): Error =>
      Object.assign(new Error(`${code}: x, open '${p}'`), { code, path: p });
    const cases: [unknown, string, RegExp][] = [
      [errno('EACCES', 'roadmap.yaml'), 'permission-denied', /^roadmap\.yaml: permission denied; check/],
      [errno('EROFS', '/ro/roadmap.yaml'), 'read-only', /read-only file system; nothing was changed/],
      [errno('ENOSPC', 'roadmap.yaml'), 'disk-full', /no space left.*not changed/],
      [errno('EDQUOT', 'roadmap.yaml'), 'disk-full', /no space left/],
      [errno('ENOTDIR', 'a/b'), 'not-a-folder', /a\/b: a part of this path is a file/],
      [new FileReadError('f', 'not-a-file', 'f is a FIFO (named pipe), not a regular file'), 'file-not-a-file', /FIFO/],
      [new UnreadableRoadmapError('roadmap.yaml is unreadable (line 2: x)'), 'roadmap-unreadable', /unreadable/],
      [new NoRoadmapError('No roadmap found'), 'no-roadmap', /No roadmap/],
      [
        new GitError(
          'git rev-parse failed (exit 128)',
          [],
          128,
          "fatal: detected dubious ownership in repository at '/srv/r'\nTo add an exception…",
        ),
        'dubious-ownership',
        /git refuses the repository at \/srv\/r: it is owned by another user\. If you trust it, run: git config --global --add safe\.directory '\/srv\/r'/,
      ],
      [
        new NotARepositoryError('m', [], 128, 'fatal: not a git repository (or any parent)'),
        'not-a-repository',
        /^not a git repository/,
      ],
      [new RangeError('Invalid string length'), 'too-large', /too large to hold in memory/],
      [
        new RangeError('Maximum call stack size exceeded'),
        'too-deep',
        /nested deeper than the JavaScript stack allows/,
      ],
      [
        new TypeError('x is undefined\n    at foo (bar.js:1:1)'),
        'internal-error',
        /^internal error: x is undefined \(a bug/,
      ],
    ];
    for (const [error, code, message] of cases) {
      const f = describeFailure(error);
      assert.equal(f.code, code, String(error));
      assert.match(f.message, message);
      assert.equal(f.message.includes('\n'), false, `${code}: one line`);
      assert.doesNotMatch(f.message, /\bat .*:\d+:\d+/, 'no stack frames');
    }
  });

  it('unreadable roadmaps: syntax errors, UTF-16 (with and without BOM), NUL bytes, too deep, a list at the top', () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\nitems: []\n', 'utf16le')]);
    const utf16be = Buffer.from([0xfe, 0xff, 0, 0x76]);
    const noBom = Buffer.from('version: 1\nitems: []\n', 'utf16le');
    const members: [string, Buffer, RegExp][] = [
      ['syntax', Buffer.from('version: 1\nitems:\n  - id: A\n    title: [x\n'), /line \d+: /],
      ['utf-16le', utf16le, /UTF-16/],
      ['utf-16be', utf16be, /UTF-16/],
      ['utf-16 without BOM', noBom, /NUL bytes/],
      [
        'deep flow',
        Buffer.from(`version: 1\nitems: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
        /deeper than the parser's stack allows/,
      ],
      [
        'deep block',
        Buffer.from(
          `version: 1\nx:\n${Array.from({ length: 4000 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')}\n`,
        ),
        /deeper than the parser's stack allows/,
      ],
      ['root is a list', Buffer.from('- id: A\n'), /mapping/],
      ['two documents', Buffer.from('version: 1\n---\nversion: 1\n'), /one YAML document/],
    ];
    for (const [what, bytes, reason] of members) {
      const parsed = parseRoadmapBytes('r.yaml', bytes);
      assert.match(unreadableReason(parsed) ?? 'readable', reason, what);
    }
    assert.equal(unreadableReason(parseRoadmapFile('r.yaml', 'version: 1\nitems: []\n')), undefined);
    const deep = parseRoadmapBytes('r.yaml', Buffer.from(`version: 1\nx: ${'['.repeat(20000)}${']'.repeat(20000)}\n`));
    for (const d of deep.diagnostics) assert.doesNotMatch(d.message, /Maximum call stack|RangeError/);
    assert.equal(decodeRoadmapBytes('r', Buffer.from('version: 1\n')).diagnostics.length, 0);
  });
});
