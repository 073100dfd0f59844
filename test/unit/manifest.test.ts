// package.json and the code must agree in both directions: a command id typed wrong fails silently in
// VS Code (a menu entry that never shows, a command "not found"), a `when` clause naming a context
// key nobody sets hides its entry forever, and a contributed view nobody creates stays empty.
// Settings are checked the same way in settings.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Views } from '../../src/commands/commandIds';
import { DEFAULT_ROADMAP_GLOBS } from '../../src/core/roadmap/roadmapDiscovery';

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string; enablement?: string }[];
    menus: Record<string, { command?: string; when?: string }[]>;
    views: Record<string, { id: string; icon?: string; when?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    viewsWelcome: { view: string; contents: string; when?: string }[];
    colors: { id: string }[];
    walkthroughs: { steps: { description: string; completionEvents?: string[]; when?: string }[] }[];
    configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string }> };
  };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const commandIds = new Set<string>(Object.values(Commands));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}
const sources = sourceFiles(path.join(root, 'src')).map((file) => ({
  file: path.relative(root, file),
  text: fs.readFileSync(file, 'utf8'),
}));

/** Every `when`-like clause of the manifest, where context keys are read. */
function whenClauses(): string[] {
  const c = manifest.contributes;
  return [
    ...Object.values(c.menus).flatMap((entries) => entries.map((e) => e.when)),
    ...c.viewsWelcome.map((w) => w.when),
    ...Object.values(c.views)
      .flat()
      .map((v) => v.when),
    ...c.commands.map((cmd) => cmd.enablement),
    ...c.walkthroughs.flatMap((w) => w.steps.map((st) => st.when)),
  ].filter((w): w is string => w !== undefined);
}

describe('package.json manifest', () => {
  it('contributes only command ids from src/commands/commandIds.ts, all under the Roadmap Lens category', () => {
    assert.deepEqual(
      [...contributed].filter((c) => !commandIds.has(c)),
      [],
    );
    assert.deepEqual(
      manifest.contributes.commands.filter((c) => c.category !== 'Roadmap Lens').map((c) => c.command),
      [],
    );
  });

  it('contributes every command id the code has (both directions)', () => {
    assert.deepEqual(
      [...commandIds].filter((c) => !contributed.has(c)),
      [],
    );
  });

  it('registers commands only through the command registry (whose type demands a handler for each id)', () => {
    const registering = sources.filter((s) => /\.registerCommand\s*\(/.test(s.text)).map((s) => s.file);
    assert.deepEqual(registering, [path.join('src', 'commands', 'commandRegistry.ts')]);
    const calls = sources.filter((s) => /\bregisterCommands\s*\(\s*context\s*,/.test(s.text)).map((s) => s.file);
    assert.deepEqual(calls, [path.join('src', 'extension.ts')]);
  });

  it('links commands from walkthroughs and welcome views only to contributed commands', () => {
    const texts = [
      ...manifest.contributes.viewsWelcome.map((w) => w.contents),
      ...manifest.contributes.walkthroughs.flatMap((w) =>
        w.steps.flatMap((st) => [st.description, ...(st.completionEvents ?? [])]),
      ),
    ];
    for (const text of texts)
      for (const [, id] of text.matchAll(/(?:command:|onCommand:)(roadmapLens\.[\w.]+)/g))
        assert.ok(contributed.has(id ?? ''), `links to ${id}`);
  });

  it('contributes exactly the views the code creates (both directions)', () => {
    const contributedViews = Object.values(manifest.contributes.views)
      .flat()
      .map((v) => v.id)
      .sort();
    const codeViews = Object.entries(Views)
      .filter(([name]) => name !== 'container')
      .map(([, id]) => id)
      .sort();
    assert.deepEqual(contributedViews, codeViews);
    for (const [name, id] of Object.entries(Views)) {
      if (name === 'container') continue;
      assert.ok(
        sources.some((s) => s.text.includes(`createTreeView(Views.${name},`)),
        `${id} is contributed but no code creates it`,
      );
    }
  });

  it('uses in when clauses exactly the context keys the code sets (both directions)', () => {
    const viewIds = new Set<string>(Object.values(Views));
    const keys = new Set<string>(Object.values(ContextKeys));
    const used = new Set(whenClauses().flatMap((w) => [...w.matchAll(/\broadmapLens\.[\w.]+/g)].map((m) => m[0])));
    for (const key of used)
      assert.ok(keys.has(key) || viewIds.has(key), `when clause reads ${key}, which no code sets`);
    for (const [name, key] of Object.entries(ContextKeys)) {
      assert.ok(used.has(key), `${key} is set but no when clause reads it`);
      assert.ok(
        sources.some((s) => new RegExp(`'setContext',\\s*ContextKeys\\.${name}\\b`).test(s.text)),
        `${key} is read in a when clause but no code sets it`,
      );
    }
  });

  it('contributes the colours the code uses', () => {
    for (const { id } of manifest.contributes.colors)
      assert.ok(
        sources.some((s) => s.text.includes(`'${id}'`)),
        `colour ${id} is contributed but unused`,
      );
  });

  it('has menus, welcome views and views that point at things that exist', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries)
        if (entry.command !== undefined) assert.ok(contributed.has(entry.command), `${menu}: ${entry.command}`);
    }
    const viewIds = Object.values(manifest.contributes.views)
      .flat()
      .map((v) => v.id);
    for (const id of viewIds) assert.ok((Object.values(Views) as string[]).includes(id), `view ${id} is in Views`);
    assert.ok(viewIds.includes(Views.tree));
    assert.deepEqual(Object.keys(manifest.contributes.views), [Views.container]);
    assert.equal(manifest.contributes.viewsContainers.activitybar[0]?.id, Views.container);
    for (const welcome of manifest.contributes.viewsWelcome) {
      assert.ok(viewIds.includes(welcome.view));
      for (const [, id] of welcome.contents.matchAll(/\(command:(roadmapLens\.[\w.]+)/g))
        assert.ok(contributed.has(id ?? ''), `welcome link ${id}`);
    }
    const icons = [
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...Object.values(manifest.contributes.views)
        .flat()
        .flatMap((v) => (v.icon ? [v.icon] : [])),
    ];
    for (const icon of icons) assert.ok(fs.existsSync(path.join(root, icon)), icon);
  });

  it('activates on the default roadmap files, never on "*"', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*'));
    for (const glob of DEFAULT_ROADMAP_GLOBS) assert.ok(events.includes(`workspaceContains:${glob}`), glob);
  });

  it('documents every setting and defaults roadmapLens.files to the discovery globs', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(props['roadmapLens.files']?.default, [...DEFAULT_ROADMAP_GLOBS]);
    for (const [key, prop] of Object.entries(props))
      assert.ok((prop.markdownDescription ?? '').length > 20, `${key} has a markdownDescription`);
  });
});
