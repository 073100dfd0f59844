// Commit messages with the trailers git itself reports for them (`git interpret-trailers --parse`).
// The unit test checks parseTrailers against `expected`; the git test checks `expected` against
// git, so a wrong expectation cannot hide.

export interface TrailerCase {
  readonly name: string;
  readonly message: string;
  /** `key: value` lines as `git interpret-trailers --parse` prints them. */
  readonly expected: readonly string[];
}

export const TRAILER_CASES: readonly TrailerCase[] = [
  { name: 'simple trailer', message: 'Add reorder\n\nRoadmap: CHK-12\n', expected: ['Roadmap: CHK-12'] },
  { name: 'subject only', message: 'Roadmap: CHK-12\n', expected: [] },
  { name: 'title paragraph is never trailers', message: 'Fix\nRoadmap: CHK-12\n', expected: [] },
  {
    name: 'several trailers',
    message: 'Fix\n\nBody text.\n\nRoadmap: CHK-12\nRefs: PAY-881, #1234\nImplements: CHK\n',
    expected: ['Roadmap: CHK-12', 'Refs: PAY-881, #1234', 'Implements: CHK'],
  },
  {
    name: 'trailer block must be the last paragraph',
    message: 'Fix\n\nRoadmap: CHK-12\n\nMore text after.\n',
    expected: [],
  },
  { name: 'key with spaces is not a trailer', message: 'Fix\n\nFixes bug: CHK-12\n', expected: [] },
  { name: 'space before the colon is allowed', message: 'Fix\n\nRoadmap : CHK-12\n', expected: ['Roadmap: CHK-12'] },
  {
    name: 'continuation lines unfold',
    message: 'Fix\n\nRoadmap: CHK-12,\n  CHK-13\nSigned-off-by: A <a@b>\n',
    expected: ['Roadmap: CHK-12, CHK-13', 'Signed-off-by: A <a@b>'],
  },
  {
    name: 'Signed-off-by makes a mixed block count (25% rule)',
    message: 'Fix\n\nsome words here\nRoadmap: CHK-12\nSigned-off-by: A <a@b>\n',
    expected: ['Roadmap: CHK-12', 'Signed-off-by: A <a@b>'],
  },
  {
    name: 'mixed block without a git-generated trailer does not count',
    message: 'Fix\n\nsome words here\nRoadmap: CHK-12\n',
    expected: [],
  },
  {
    name: 'too few trailers even with Signed-off-by',
    message: 'Fix\n\none\ntwo\nthree\nfour\nSigned-off-by: A <a@b>\n',
    expected: [],
  },
  { name: 'trailing blank lines are ignored', message: 'Fix\n\nRoadmap: CHK-12\n\n\n', expected: ['Roadmap: CHK-12'] },
  {
    name: 'trailing comment lines are ignored',
    message: 'Fix\n\nRoadmap: CHK-12\n# a comment\n',
    expected: ['Roadmap: CHK-12'],
  },
  {
    name: 'patch divider ends the message',
    message: 'Fix\n\nRoadmap: CHK-12\n---\n a/file | 2 +-\n',
    expected: ['Roadmap: CHK-12'],
  },
  { name: 'empty value', message: 'Fix\n\nRoadmap:\n', expected: ['Roadmap: '] },
  {
    name: 'url values keep their colons',
    message: 'Fix\n\nLink: https://example.com/a:b\n',
    expected: ['Link: https://example.com/a:b'],
  },
  {
    name: 'cherry-pick line counts but is not printed',
    message: 'Fix\n\nRoadmap: CHK-12\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
    expected: ['Roadmap: CHK-12'],
  },
  { name: 'no trailing newline', message: 'Fix\n\nRefs: CHK-12', expected: ['Refs: CHK-12'] },
  { name: 'leading whitespace line without a trailer above', message: 'Fix\n\n  indented: x\n', expected: [] },
  { name: 'CRLF line ends', message: 'Fix\r\n\r\nRoadmap: CHK-12\r\n', expected: ['Roadmap: CHK-12'] },
  { name: 'unicode value', message: 'Fix\n\nRoadmap: CHK-12 — café\n', expected: ['Roadmap: CHK-12 — café'] },
  { name: 'key with underscore is not a token', message: 'Fix\n\nRoad_map: CHK-12\n', expected: [] },
];
