// What `npm run package` puts in the .vsix, asked of vsce itself (`vsce ls`, which applies
// .vscodeignore exactly as packaging does): every file the extension loads at run time, the docs
// README.md links to with the images they show, and none of the development files (sources,
// tests, unused screenshots, bench inputs).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkRelativeLinks, markdownLinks } from './markdownLinks';

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

  it('leaves out sources, tests, source maps and bench files', () => {
    const leaked = files.filter((f) => /^(src|test|bench|out|scripts|\.ci)\//.test(f) || f.endsWith('.map'));
    assert.deepEqual(leaked, []);
  });

  const pages = () => [
    'README.md',
    'CONTRIBUTING.md',
    ...fs
      .readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  it('ships README.md, CONTRIBUTING.md and every page of docs/', () => {
    assert.deepEqual(
      pages().filter((p) => !files.includes(p)),
      [],
    );
  });

  it('every relative link and image in README.md, CONTRIBUTING.md and docs/ resolves to a packaged file', () => {
    const problems = checkRelativeLinks(ROOT, pages(), new Set(files));
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}: ${p.target}: ${p.problem}`),
      [],
    );
  });

  it('ships only the screenshots a page shows', () => {
    const shown = new Set(
      pages().flatMap((page) =>
        markdownLinks(fs.readFileSync(path.join(ROOT, page), 'utf8')).map((l) =>
          path.posix.normalize(path.posix.join(path.posix.dirname(page), l.target)),
        ),
      ),
    );
    assert.deepEqual(
      files.filter((f) => f.startsWith('media/screenshots/') && !shown.has(f)),
      [],
    );
  });

  it('the link check reports a missing file, an unpackaged file, a missing anchor and a path outside', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-links-'));
    try {
      fs.mkdirSync(path.join(dir, 'docs'));
      fs.writeFileSync(path.join(dir, 'docs', 'a.md'), '# A page\n\n## Second `part`\n');
      fs.writeFileSync(path.join(dir, 'extra.png'), '');
      fs.writeFileSync(
        path.join(dir, 'README.md'),
        [
          '[ok](docs/a.md) [ok anchor](docs/a.md#second-part) [web](https://example.com/x) `[code](nope.md)`',
          '[gone](docs/missing.md) ![unpackaged](extra.png) [bad anchor](docs/a.md#third) [outside](../x.md)',
          '<img src="docs/nothing.png">',
        ].join('\n'),
      );
      const problems = checkRelativeLinks(dir, ['README.md'], new Set(['README.md', 'docs/a.md']));
      assert.deepEqual(
        problems.map((p) => `${p.target}: ${p.problem}`),
        [
          'docs/missing.md: docs/missing.md does not exist',
          'extra.png: extra.png is not in the .vsix (see .vscodeignore)',
          'docs/a.md#third: docs/a.md has no heading for #third',
          '../x.md: points outside the repository',
          'docs/nothing.png: docs/nothing.png does not exist',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
