// `npm test` and `npm run demo` install the real VS Code themselves: ensureCodeServer() runs
// scripts/setup-vscode.sh when code-server is missing from the cache, and not when it is there.
// A stand-in setup script (same path under a temporary "repository") records each run and
// installs a fake entry point, so this checks the decision without a minute-long npm install.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './gitFixture';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface CodeServerLib {
  ensureCodeServer: (repoRoot: string, opts?: { log?: (line: string) => void }) => string;
  codeServerEntry: () => string;
  CHROMIUM_PATH: string;
  CODE_SERVER_VERSION: string;
}

describe('ensureCodeServer (npm test and npm run demo set up the real VS Code)', () => {
  let lib: CodeServerLib;
  let dir: string;
  let savedCache: string | undefined;

  before(async function () {
    lib = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'lib', 'codeServer.mjs')).href)) as CodeServerLib;
    // The browser check is the same on every path below; without a browser it would also run setup.
    if (!fs.existsSync(lib.CHROMIUM_PATH)) this.skip();
  });

  beforeEach(() => {
    dir = tempDir('rl-setup-');
    savedCache = process.env['ROADMAP_LENS_CACHE'];
    process.env['ROADMAP_LENS_CACHE'] = path.join(dir, 'cache');
    fs.mkdirSync(path.join(dir, 'repo', 'scripts'), { recursive: true });
  });

  afterEach(() => {
    if (savedCache === undefined) delete process.env['ROADMAP_LENS_CACHE'];
    else process.env['ROADMAP_LENS_CACHE'] = savedCache;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function setupScript(body: string): void {
    fs.writeFileSync(
      path.join(dir, 'repo', 'scripts', 'setup-vscode.sh'),
      `set -eu\necho run >> "${dir}/runs"\n${body}\n`,
    );
  }
  const runs = () =>
    fs.existsSync(path.join(dir, 'runs'))
      ? fs.readFileSync(path.join(dir, 'runs'), 'utf8').split('\n').filter(Boolean).length
      : 0;

  it('runs the setup once when code-server is missing, then finds it installed', () => {
    const entry = lib.codeServerEntry();
    assert.ok(entry.startsWith(path.join(dir, 'cache')), entry);
    setupScript(
      `mkdir -p "${path.dirname(entry)}"\ntouch "${entry}"\ntouch "${path.join(dir, 'cache', `code-server-${lib.CODE_SERVER_VERSION}`, '.installed')}"`,
    );
    const lines: string[] = [];
    assert.equal(lib.ensureCodeServer(path.join(dir, 'repo'), { log: (l) => lines.push(l) }), entry);
    assert.equal(runs(), 1);
    assert.match(lines.join('\n'), /is not installed in .*: running scripts\/setup-vscode\.sh/);
    assert.equal(lib.ensureCodeServer(path.join(dir, 'repo'), { log: (l) => lines.push(l) }), entry);
    assert.equal(runs(), 1, 'an installed code-server is not set up again');
  });

  it('says what failed when the setup fails, or installs nothing', () => {
    setupScript('exit 3');
    assert.throws(
      () => lib.ensureCodeServer(path.join(dir, 'repo'), { log: () => {} }),
      /setup-vscode\.sh exited with 3/,
    );
    setupScript('true');
    assert.throws(
      () => lib.ensureCodeServer(path.join(dir, 'repo'), { log: () => {} }),
      /finished but .* is still missing/,
    );
    assert.equal(runs(), 2);
  });
});
