#!/usr/bin/env node
// docs/settings.md and docs/commands.md are generated from package.json, so the reference a user
// reads can never drift from what VS Code shows. `npm run generate:docs` writes them; `npm run generate:docs -- --check`
// (and test/unit/docsReference.test.ts) fails when a file is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATED = '<!-- Generated from package.json by `npm run generate:docs`: edit package.json, not this file. -->';

/** One table cell: no line breaks, and `|` would end the cell. */
function cell(text) {
  return String(text)
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function code(value) {
  const text = JSON.stringify(value);
  // A backtick inside an inline code span needs a longer fence.
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function typeOf(schema) {
  if (schema.type === 'array') {
    if (schema.items?.enum) return 'list of names (below)';
    const item = schema.items?.type ?? 'value';
    return `list of ${item === 'string' ? 'texts' : `${item}s`}`;
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const bounds = [
      schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
      schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    ].filter(Boolean);
    return bounds.length > 0 ? `number (${bounds.join(', ')})` : 'number';
  }
  if (schema.type === 'string') return schema.enum ? `one of ${schema.enum.map((v) => `\`${v}\``).join(', ')}` : 'text';
  return String(schema.type ?? 'value');
}

// What "scope" means to a user: where the setting may be set.
const SCOPES = {
  application: 'user settings only',
  machine: 'user settings only (per machine)',
  window: 'user or workspace',
  resource: 'user, workspace or folder',
  'language-overridable': 'user, workspace, folder or language',
  'machine-overridable': 'user, workspace or folder',
};

/** @param {any} manifest package.json */
export function renderSettings(manifest) {
  const properties = manifest.contributes?.configuration?.properties ?? {};
  const lines = [
    '# Settings',
    '',
    GENERATED,
    '',
    'Every setting of Roadmap Lens, as VS Code shows it in **Settings** (search for `roadmapLens`). Changes',
    'apply at once, without a reload. "Where" says in which settings files a value counts: folder settings',
    'apply per workspace folder of a multi-root workspace.',
    '',
    '| Setting | Type | Default | Where | Meaning |',
    '|---|---|---|---|---|',
  ];
  for (const [key, schema] of Object.entries(properties)) {
    const description = schema.markdownDescription ?? schema.description ?? '';
    const scope = SCOPES[schema.scope ?? 'window'] ?? schema.scope;
    lines.push(
      `| \`${key}\` | ${cell(typeOf(schema))} | ${code(schema.default)} | ${cell(scope)} | ${cell(description)} |`,
    );
  }
  if (Object.values(properties).some((s) => s.items?.enum)) {
    lines.push('');
    for (const [key, schema] of Object.entries(properties)) {
      if (!schema.items?.enum) continue;
      lines.push(`\`${key}\` accepts: ${schema.items.enum.map((v) => `\`${v}\``).join(', ')}.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const MENU_NAMES = {
  'view/title': 'Roadmap view title bar',
  'view/item/context': 'tree item menu',
  'scm/title': 'Source Control title bar',
  'editor/context': 'editor context menu',
  'editor/title': 'editor title bar',
  'explorer/context': 'Explorer context menu',
};

/** @param {any} manifest package.json */
export function renderCommands(manifest) {
  const commands = manifest.contributes?.commands ?? [];
  const menus = manifest.contributes?.menus ?? {};
  const hiddenFromPalette = new Set(
    (menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
  );
  const lines = [
    '# Commands',
    '',
    GENERATED,
    '',
    'Every command of Roadmap Lens. Those marked "palette" are in the Command Palette',
    '(<kbd>Ctrl</kbd>/<kbd>Cmd</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd>, then type `Roadmap Lens`) when they apply;',
    'the others run from the places listed. What each one does is in [Features](features.md).',
    '',
    '| Command | Id | Where |',
    '|---|---|---|',
  ];
  for (const command of commands) {
    const title = `${command.category ? `${command.category}: ` : ''}${command.title}`;
    const where = [];
    if (!hiddenFromPalette.has(command.command)) where.push('palette');
    for (const [menu, entries] of Object.entries(menus)) {
      if (menu === 'commandPalette') continue;
      if (entries.some((e) => e.command === command.command)) where.push(MENU_NAMES[menu] ?? menu);
    }
    if (where.length === 0) where.push('run by Roadmap Lens itself (status bar, CodeLens, links)');
    if (command.enablement === 'isWorkspaceTrusted') where.push('trusted workspaces only');
    lines.push(`| ${cell(title)} | \`${command.command}\` | ${cell(where.join(', '))} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The generated files, relative to the repository root, with their expected text. */
export function generatedDocs(manifest) {
  return { 'docs/settings.md': renderSettings(manifest), 'docs/commands.md': renderCommands(manifest) };
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(generatedDocs(manifest))) {
    const target = path.join(root, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      console.error(`docs: ${file} is out of date with package.json: run \`npm run docs\``);
      stale++;
    } else {
      fs.writeFileSync(target, text);
      console.log(`docs: wrote ${file}`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
