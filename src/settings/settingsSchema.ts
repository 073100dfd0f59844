// GENERATED from package.json `contributes.configuration` by scripts/generateSettings.mjs: do not edit.
// Run `npm run generate:settings` after changing a setting in package.json.

export const SETTINGS_SECTION = 'roadmapLens';

export const SETTINGS_SCHEMA = {
  'badges.enabled': { type: 'boolean', default: true, scope: 'window' },
  files: {
    type: 'array',
    default: ['roadmap.yaml', 'roadmap.yml', '.roadmap.yaml', 'roadmap/*.yaml'],
    scope: 'resource',
    items: 'string',
  },
  'hovers.enabled': { type: 'boolean', default: true, scope: 'resource' },
  'links.enabled': { type: 'boolean', default: true, scope: 'resource' },
  'links.maxFileSize': { type: 'integer', default: 1000000, scope: 'resource', minimum: 0 },
  baseBranch: { type: 'string', default: 'auto', scope: 'resource' },
  branchTemplate: { type: 'string', default: '{kind}/{id}-{slug}', scope: 'resource' },
  trailerKeys: { type: 'array', default: ['Roadmap', 'Refs', 'Implements'], scope: 'resource', items: 'string' },
  'history.maxCommits': { type: 'integer', default: 20000, scope: 'resource', minimum: 100, maximum: 10000000 },
  'work.recentCommits': { type: 'integer', default: 10, scope: 'resource', minimum: 0, maximum: 200 },
  'drift.staleDays': { type: 'integer', default: 30, scope: 'resource', minimum: 1, maximum: 3650 },
  'drift.maxDiagnostics': { type: 'integer', default: 100, scope: 'window', minimum: 0, maximum: 100000 },
  'statusBar.enabled': { type: 'boolean', default: true, scope: 'window' },
  'codeLens.enabled': { type: 'boolean', default: true, scope: 'resource' },
  'codeLens.symbolKinds': {
    type: 'array',
    default: ['Function', 'Method', 'Class', 'Constructor', 'Interface', 'Enum', 'Struct', 'Module'],
    scope: 'resource',
    items: 'string',
  },
  'codeLens.minLines': { type: 'integer', default: 3, scope: 'resource', minimum: 1 },
  'codeLens.useHistory': { type: 'boolean', default: true, scope: 'resource' },
  'lineHover.enabled': { type: 'boolean', default: true, scope: 'resource' },
  maxFileSize: { type: 'integer', default: 1000000, scope: 'resource', minimum: 0 },
  'completion.enabled': { type: 'boolean', default: true, scope: 'resource' },
  'todo.triggers': { type: 'array', default: ['TODO', 'FIXME', 'HACK'], scope: 'resource', items: 'string' },
  'todo.codeLens': { type: 'boolean', default: false, scope: 'resource' },
  'currentLine.enabled': { type: 'boolean', default: true, scope: 'window' },
} as const;
