// Settings and the code must agree: a setting nobody reads is a dead switch in the Settings editor,
// a key read but not contributed silently reads undefined, and a read with the wrong scope makes
// VS Code log "Accessing a window scoped configuration for a resource" (282 times on a large
// workspace before settings went through src/settings/settings.ts).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { coerceSetting } from '../../src/settings/coerceSetting';
import { SETTINGS_SCHEMA } from '../../src/settings/settingsSchema';
import { DEFAULT_TRAILER_KEYS } from '../../src/core/gitOutput/trailers';
import { DEFAULT_BRANCH_TEMPLATE } from '../../src/core/linking/branchTemplate';
import { DEFAULT_ROADMAP_GLOBS } from '../../src/core/roadmap/roadmapDiscovery';

interface Property {
  type: string;
  default: unknown;
  scope?: string;
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const properties = manifest.contributes.configuration.properties;
const contributed = new Map(Object.entries(properties).map(([id, p]) => [id.replace(/^roadmapLens\./, ''), p]));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

interface Read {
  readonly key: string;
  readonly withResource: boolean;
  readonly where: string;
}

/** Every `readSetting(...)` call in src/, found in the syntax tree (not by regex). */
function settingReads(): { reads: Read[]; nonLiteral: string[] } {
  const reads: Read[] = [];
  const nonLiteral: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'readSetting') {
        const where = `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const [key] = node.arguments;
        if (key && ts.isStringLiteral(key))
          reads.push({ key: key.text, withResource: node.arguments.length > 1, where });
        else nonLiteral.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { reads, nonLiteral };
}

describe('settings (package.json ↔ src/settings)', () => {
  const { reads, nonLiteral } = settingReads();

  it('src/settings/settingsSchema.ts is generated from the current package.json', () => {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts/generateSettings.mjs'), '--check'], {
        cwd: root,
        stdio: 'pipe',
      });
    } catch (e) {
      assert.fail(String((e as { stderr?: Buffer }).stderr ?? e));
    }
    assert.deepEqual(Object.keys(SETTINGS_SCHEMA).sort(), [...contributed.keys()].sort());
  });

  it('finds the reads (the scan itself works)', () => {
    assert.ok(reads.length >= contributed.size, `only ${reads.length} reads found`);
    assert.deepEqual(nonLiteral, [], 'read settings by a literal key so this test can check them');
  });

  it('every setting in package.json is read somewhere', () => {
    const read = new Set(reads.map((r) => r.key));
    assert.deepEqual(
      [...contributed.keys()].filter((k) => !read.has(k)),
      [],
    );
  });

  it('every setting read is contributed, with the scope the read needs', () => {
    for (const { key, withResource, where } of reads) {
      const prop = contributed.get(key);
      assert.ok(prop, `${where}: roadmapLens.${key} is not in package.json`);
      // VS Code's rules (extHostConfiguration): a window-scoped setting read for a resource and a
      // resource-scoped one read without a resource each log a warning on every read.
      const scope = prop.scope ?? 'window';
      if (withResource)
        assert.ok(
          ['resource', 'language-overridable', 'machine-overridable'].includes(scope),
          `${where}: roadmapLens.${key} is read for a resource but its scope is ${scope}`,
        );
      else assert.notEqual(scope, 'resource', `${where}: roadmapLens.${key} is resource-scoped but read without one`);
    }
  });

  it('no code outside src/settings reads or watches configuration itself', () => {
    const offenders = sourceFiles(path.join(root, 'src'))
      .filter((f) => !f.startsWith(path.join(root, 'src', 'settings') + path.sep))
      .filter((f) => /\bgetConfiguration\s*\(|\bonDidChangeConfiguration\b/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    assert.deepEqual(offenders, []);
  });

  it('the CLI defaults (core constants) match the extension defaults in package.json', () => {
    assert.deepEqual(properties['roadmapLens.files']?.default, [...DEFAULT_ROADMAP_GLOBS]);
    assert.deepEqual(properties['roadmapLens.trailerKeys']?.default, [...DEFAULT_TRAILER_KEYS]);
    assert.equal(properties['roadmapLens.branchTemplate']?.default, DEFAULT_BRANCH_TEMPLATE);
  });

  describe('coerceSetting (hand-edited settings.json)', () => {
    it('keeps values of the right type', () => {
      assert.equal(coerceSetting('codeLens.enabled', false), false);
      assert.equal(coerceSetting('branchTemplate', '{id}'), '{id}');
      assert.deepEqual(coerceSetting('files', ['a.yaml']), ['a.yaml']);
      assert.deepEqual(coerceSetting('files', []), []);
      assert.equal(coerceSetting('work.recentCommits', 25), 25);
    });

    it('reads a wrong type as the package.json default', () => {
      assert.equal(coerceSetting('codeLens.enabled', 'no'), properties['roadmapLens.codeLens.enabled']?.default);
      assert.equal(coerceSetting('branchTemplate', 7), properties['roadmapLens.branchTemplate']?.default);
      assert.deepEqual(coerceSetting('files', 'roadmap.yaml'), properties['roadmapLens.files']?.default);
      assert.equal(coerceSetting('history.maxCommits', '500'), properties['roadmapLens.history.maxCommits']?.default);
      assert.equal(coerceSetting('history.maxCommits', NaN), properties['roadmapLens.history.maxCommits']?.default);
      assert.equal(coerceSetting('history.maxCommits', undefined), 20000);
    });

    it('clamps numbers to the manifest bounds and makes integers whole', () => {
      assert.equal(coerceSetting('work.recentCommits', 5000), 200);
      assert.equal(coerceSetting('work.recentCommits', -3), 0);
      assert.equal(coerceSetting('work.recentCommits', 7.9), 7);
      assert.equal(coerceSetting('history.maxCommits', 1), 100);
      assert.equal(coerceSetting('history.maxCommits', 1e12), 10_000_000);
      assert.equal(coerceSetting('codeLens.minLines', 0), 1);
    });

    it('keeps only the strings of a list', () => {
      assert.deepEqual(coerceSetting('trailerKeys', ['Roadmap', 3, null, 'Refs']), ['Roadmap', 'Refs']);
    });
  });
});
