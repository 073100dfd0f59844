// Writes src/settings/settingsSchema.ts from package.json `contributes.configuration`: package.json
// stays the one source of every setting's type, default, bounds and scope, and the code gets them
// as literal types (a key typed wrong, or a window-scoped setting read for a file, fails to compile).
// Run `npm run generate:settings` after editing a setting; test/unit/settings.test.ts fails until then.
//
//   node scripts/generateSettings.mjs          write the file
//   node scripts/generateSettings.mjs --check  exit 1 if the file is out of date

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'src/settings/settingsSchema.ts');
const PREFIX = 'roadmapLens.';

/** The fields the code uses; descriptions stay in package.json (the Settings editor shows them). */
function schemaEntry(key, prop) {
  const entry = { type: prop.type, default: prop.default, scope: prop.scope ?? 'window' };
  if (prop.minimum !== undefined) entry.minimum = prop.minimum;
  if (prop.maximum !== undefined) entry.maximum = prop.maximum;
  if (prop.type === 'array') {
    if (prop.items?.type !== 'string') throw new Error(`${key}: only arrays of strings are supported`);
    entry.items = 'string';
  }
  if (!['boolean', 'number', 'integer', 'string', 'array'].includes(prop.type))
    throw new Error(`${key}: unsupported type ${JSON.stringify(prop.type)}`);
  if (prop.default === undefined) throw new Error(`${key}: needs a default`);
  return entry;
}

export async function generate() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const properties = manifest.contributes?.configuration?.properties ?? {};
  const entries = Object.entries(properties).map(([key, prop]) => {
    if (!key.startsWith(PREFIX)) throw new Error(`${key}: settings must start with ${PREFIX}`);
    return [key.slice(PREFIX.length), schemaEntry(key, prop)];
  });
  const body = entries.map(([key, entry]) => `${JSON.stringify(key)}: ${JSON.stringify(entry)},`).join('\n');
  const source = [
    '// GENERATED from package.json `contributes.configuration` by scripts/generateSettings.mjs: do not edit.',
    '// Run `npm run generate:settings` after changing a setting in package.json.',
    '',
    `export const SETTINGS_SECTION = ${JSON.stringify(PREFIX.slice(0, -1))};`,
    '',
    `export const SETTINGS_SCHEMA = {\n${body}\n} as const;`,
    '',
  ].join('\n');
  const options = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(source, { ...options, filepath: target });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generate();
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(`${path.relative(root, target)} is out of date: run npm run generate:settings`);
      process.exit(1);
    }
  } else if (current !== text) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
