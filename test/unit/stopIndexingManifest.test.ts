// Stop Indexing Commits is only useful if a user can find it while a build runs: a `when` clause
// naming a context key nobody sets hides it silently, so the manifest is checked against the code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Views } from '../../src/commands/commandIds';

interface MenuEntry {
  command?: string;
  when?: string;
  group?: string;
}

interface Manifest {
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus: Record<string, MenuEntry[] | undefined>;
  };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const entries = (menu: string): MenuEntry[] =>
  (manifest.contributes.menus[menu] ?? []).filter((e) => e.command === Commands.stopIndexing);

describe('Stop Indexing Commits in the manifest', () => {
  it('is a command with a stop icon', () => {
    const command = manifest.contributes.commands.find((c) => c.command === Commands.stopIndexing);
    assert.equal(command?.title, 'Stop Indexing Commits');
    assert.equal(command.icon, '$(debug-stop)');
  });

  it('shows in the Command Palette and on the Roadmap view only while indexing', () => {
    assert.deepEqual(
      entries('commandPalette').map((e) => e.when),
      [ContextKeys.indexing],
    );
    const title = entries('view/title');
    assert.equal(title.length, 1);
    assert.equal(title[0]?.when, `view == ${Views.tree} && ${ContextKeys.indexing}`);
    assert.match(title[0]?.group ?? '', /^navigation/, 'an icon in the title bar, not hidden in the ... menu');
  });

  it('is listed in the commands reference (docs/commands.md)', () => {
    const reference = fs.readFileSync(path.join(root, 'docs', 'commands.md'), 'utf8');
    assert.match(
      reference,
      /^\| Roadmap Lens: Stop Indexing Commits \| `roadmapLens\.stopIndexing` \| .*Roadmap view title bar/m,
    );
  });
});
