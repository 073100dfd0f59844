import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isPathInside } from '../../src/core/util/pathInside';

describe('isPathInside', () => {
  it('is true for the folder itself and anything below it', () => {
    assert.equal(isPathInside('/w/repo', '/w/repo', path.posix), true);
    assert.equal(isPathInside('/w/repo', '/w/repo/', path.posix), true);
    assert.equal(isPathInside('/w/repo/', '/w/repo/src/a.ts', path.posix), true);
    assert.equal(isPathInside('/w/repo', '/w/repo/..notes/a.md', path.posix), true);
  });

  it('is false for a sibling whose name starts with the folder name (repo-2 is not in repo)', () => {
    assert.equal(isPathInside('/w/repo', '/w/repo-2', path.posix), false);
    assert.equal(isPathInside('/w/repo', '/w/repo-2/src', path.posix), false);
    assert.equal(isPathInside('/w/repo', '/w/repository', path.posix), false);
    // The prefix test it replaces said yes to both:
    assert.equal('/w/repo-2'.startsWith('/w/repo'), true);
  });

  it('is false for parents and unrelated paths', () => {
    assert.equal(isPathInside('/w/repo', '/w', path.posix), false);
    assert.equal(isPathInside('/w/repo', '/other/repo', path.posix), false);
    assert.equal(isPathInside('/w/repo', '/w/repo/../repo-2', path.posix), false);
  });

  it('follows Windows rules with path.win32: either separator, any case, other drives', () => {
    assert.equal(isPathInside('C:\\w\\repo', 'c:\\W\\Repo\\src', path.win32), true);
    assert.equal(isPathInside('C:/w/repo', 'C:\\w\\repo\\src', path.win32), true);
    assert.equal(isPathInside('C:\\w\\repo', 'C:\\w\\repo-2', path.win32), false);
    assert.equal(isPathInside('C:\\w\\repo', 'D:\\w\\repo\\src', path.win32), false);
  });
});
