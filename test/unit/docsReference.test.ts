// docs/settings.md and docs/commands.md are generated from package.json (scripts/docsReference.mjs):
// a setting or command added, renamed or re-described without `npm run generate:docs` fails here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../..');

interface Generator {
  generatedDocs: (manifest: unknown) => Record<string, string>;
  renderSettings: (manifest: unknown) => string;
  renderCommands: (manifest: unknown) => string;
}

async function generator(): Promise<Generator> {
  return (await import(pathToFileURL(path.join(root, 'scripts', 'docsReference.mjs')).href)) as Generator;
}

function manifest(): { contributes: { configuration: { properties: Record<string, unknown> } } } {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as ReturnType<typeof manifest>;
}

describe('generated reference docs', () => {
  it('docs/settings.md and docs/commands.md match package.json (run `npm run generate:docs`)', async () => {
    const { generatedDocs } = await generator();
    for (const [file, expected] of Object.entries(generatedDocs(manifest()))) {
      const actual = fs.readFileSync(path.join(root, file), 'utf8');
      assert.equal(actual, expected, `${file} is out of date with package.json: run \`npm run docs\``);
    }
  });

  it('lists every setting with its default, and notices a changed description', async () => {
    const { renderSettings } = await generator();
    const m = manifest();
    const text = renderSettings(m);
    for (const key of Object.keys(m.contributes.configuration.properties))
      assert.ok(text.includes(`| \`${key}\` |`), key);
    const changed = structuredClone(m);
    const first = Object.values(changed.contributes.configuration.properties)[0] as { markdownDescription: string };
    first.markdownDescription = 'Something else | with a pipe\nand a newline.';
    const other = renderSettings(changed);
    assert.notEqual(other, text);
    assert.ok(other.includes('Something else \\| with a pipe and a newline.'), 'cells stay on one row');
  });

  it('lists every command with where to find it', async () => {
    const { renderCommands } = await generator();
    const text = renderCommands(manifest());
    assert.match(
      text,
      /^\| Roadmap Lens: Find Roadmap Item… \| `roadmapLens\.findItem` \| palette, Roadmap view title bar \|$/m,
    );
    assert.match(text, /^\| Roadmap Lens: Copy Id \| `roadmapLens\.copyId` \| tree item menu \|$/m);
  });
});
