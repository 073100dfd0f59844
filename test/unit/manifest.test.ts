// package.json and src/commands/commandIds.ts must agree: a command id typed wrong in either place fails
// silently in VS Code (a menu entry that never shows, a command "not found").
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, Views } from '../../src/commands/commandIds';
import { DEFAULT_ROADMAP_GLOBS } from '../../src/core/roadmap/roadmapDiscovery';

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command?: string }[]>;
    views: Record<string, { id: string; icon?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    viewsWelcome: { view: string; contents: string }[];
    configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string }> };
  };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const commandIds = new Set<string>(Object.values(Commands));

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
