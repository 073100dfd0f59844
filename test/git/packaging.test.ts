// What `npm run package` puts in the .vsix, asked of vsce itself (`vsce ls`, which applies
// .vscodeignore exactly as packaging does): every file the extension loads at run time, the docs
// README.md links to with the images they show, and none of the development files (sources,
// tests, unused screenshots, bench inputs).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkRelativeLinks, isExternal, markdownLinks } from './markdownLinks';

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
      // dist/cli.js (bin) only launches it (src/cli/cliLauncher.ts).
      'dist/cliMain.js',
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

  describe('npm run package: README links on the extension page', () => {
    // The extension page (VS Code's and the Marketplace's) loads only https images and opens only
    // http(s) links, so a packaged README must carry absolute URLs (scripts/package.mjs).
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-package-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function pack(args: string[]) {
      const out = path.join(dir, `${args.length}.vsix`);
      const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), ...args, '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      return { out, stdout: run.stdout, stderr: run.stderr };
    }

    it('rewrites every relative link and image to the published repository', async () => {
      const { out } = pack([
        '--baseContentUrl',
        'https://example.com/rl/blob/HEAD/',
        '--baseImagesUrl',
        'https://example.com/rl/raw/HEAD/',
      ]);
      const readme = await zipEntry(out, 'extension/readme.md');
      const links = markdownLinks(readme);
      assert.ok(links.length > 5, `found ${links.length} links`);
      assert.deepEqual(
        links.filter((l) => !l.target.startsWith('#') && !/^https:\/\//.test(l.target)).map((l) => l.target),
        [],
        'nothing relative, nothing but https',
      );
      const targets = links.map((l) => l.target);
      assert.ok(targets.includes('https://example.com/rl/blob/HEAD/docs/features.md'), targets.join(' '));
      assert.ok(targets.includes('https://example.com/rl/raw/HEAD/media/screenshots/codelens.png'), targets.join(' '));
    });

    it('without a published repository, keeps relative links and says why', async () => {
      const { out, stderr } = pack([]);
      assert.match(stderr, /names no GitHub or GitLab repository/);
      const readme = await zipEntry(out, 'extension/readme.md');
      assert.ok(markdownLinks(readme).some((l) => l.target === 'docs/features.md'));
      assert.ok(
        markdownLinks(readme).every(
          (l) => isExternal(l.target) || l.target.startsWith('#') || !l.target.startsWith('/'),
        ),
      );
    });

    it('knows a GitHub or GitLab repository.url as the published location, and a placeholder as none', async () => {
      const { publishedLocation } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'package.mjs')).href)) as {
        publishedLocation: (manifest: object, args: string[]) => unknown;
      };
      assert.deepEqual(publishedLocation({ repository: { url: 'https://github.com/acme/roadmap-lens.git' } }, []), {
        repository: 'https://github.com/acme/roadmap-lens.git',
      });
      assert.deepEqual(publishedLocation({ repository: 'https://gitlab.com/acme/roadmap-lens' }, []), {
        repository: 'https://gitlab.com/acme/roadmap-lens',
      });
      assert.equal(
        publishedLocation({ repository: { url: 'https://example.invalid/roadmap-lens.git' } }, []),
        undefined,
      );
      assert.deepEqual(publishedLocation({}, ['--baseContentUrl=https://x.example/']), {
        content: 'https://x.example/',
        images: 'https://x.example/',
      });
    });
  });
});

/** One file of a .vsix (a zip), read with yauzl (vsce's own zip reader). */
function zipEntry(zipPath: string, name: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yauzl = require('yauzl') as Yauzl;
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      zip.on('entry', (entry: { fileName: string }) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => reject(new Error(`${name} is not in ${zipPath}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

interface YauzlZip {
  on(event: 'entry', listener: (entry: { fileName: string }) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  readEntry(): void;
  close(): void;
  openReadStream(entry: object, cb: (err: Error | null, stream?: NodeJS.ReadableStream) => void): void;
}
interface Yauzl {
  open(path: string, options: object, cb: (err: Error | null, zip?: YauzlZip) => void): void;
}
