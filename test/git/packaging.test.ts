// What `npm run package` puts in the .vsix, asked of vsce itself (`vsce ls`, which applies
// .vscodeignore exactly as packaging does): every file the extension loads at run time, and none
// of the development files (sources, tests, screenshots, bench inputs).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('packaging (vsce ls)', function () {
  this.timeout(120_000);
  let files: string[];

  before(function () {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const run = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    files = run.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  });

  it('ships the bundles the manifest and the extension load, the CLI and the parser thread', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      bin: Record<string, string>;
    };
    for (const needed of [
      manifest.main,
      ...Object.values(manifest.bin),
      'dist/roadmapParseWorker.js',
      'schemas/roadmap.schema.json',
      'media/icon.png',
    ]) {
      assert.ok(files.includes(needed.replace(/^\.\//, '')), `${needed} is packaged (got: ${files.join(', ')})`);
    }
  });

  it('leaves out sources, tests, screenshots, source maps and bench files', () => {
    const leaked = files.filter(
      (f) => /^(src|test|bench|out|scripts|\.ci)\//.test(f) || f.startsWith('media/screenshots/') || f.endsWith('.map'),
    );
    assert.deepEqual(leaked, []);
  });
});
