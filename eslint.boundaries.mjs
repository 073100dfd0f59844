// The architecture's arrows, as lint rules (docs/architecture.md draws the same picture).
// Kept in its own module so test/unit/lintBoundaries.test.ts can show that each rule fires.
//
//   core/      pure: no vscode, no node I/O, no processes, nothing outside core/
//   git/       the only code that starts processes: no vscode, no models, no UI
//   cli/       core + git only
//   */model/   models own state: no UI files of any feature
//   UI         (feature folders outside model/, commands/): never git/, never child processes

const FEATURES = '(roadmap|work|attribution|language|commands)';
const NODE_IO = [
  'fs',
  'fs/promises',
  'child_process',
  'worker_threads',
  'net',
  'http',
  'https',
  'dgram',
  'cluster',
  'os',
  'readline',
];
const nodeIo = NODE_IO.flatMap((m) => [m, `node:${m}`]).map((name) => ({
  name,
  message: 'Core is pure: pass data in, do I/O in git/ or a model.',
}));
const vscode = (who) => ({ name: 'vscode', message: `${who} must stay free of vscode (docs/architecture.md).` });

export const boundaries = [
  // Core is a tree of sub-folders: a file N folders below src/core/ leaves it with N + 1 `../`, so
  // the rule is per depth (core/attribution/symbols/ may import core/language/, never src/git/).
  ...[
    ['src/core/*.ts', 1],
    ['src/core/*/*.ts', 2],
    ['src/core/*/*/*.ts', 3],
    ['src/core/*/*/*/*.ts', 4],
  ].map(([files, depth]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscode('The core'), ...nodeIo],
          patterns: [
            {
              regex: `^(\\.\\./){${depth},}`,
              message: 'Core imports nothing outside src/core/ (no git, no models, no UI).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/git/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscode('The git layer')],
          patterns: [{ regex: `^\\.\\./${FEATURES}/|^\\.\\./cli/`, message: 'The git layer imports only core/.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscode('The CLI')],
          patterns: [{ regex: `^\\.\\./${FEATURES}/`, message: 'The CLI uses only core/ and git/.' }],
        },
      ],
    },
  },
  {
    files: ['src/*/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./[^./][^/]*$|^\\.\\./\\.\\./${FEATURES}/(?!model/)|^\\.\\./\\.\\./commands/`,
              message: 'Models never draw UI: import only models, core/ and git/ (progress goes through an interface).',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/roadmap/**/*.ts',
      'src/work/**/*.ts',
      'src/attribution/**/*.ts',
      'src/language/**/*.ts',
      'src/commands/**/*.ts',
      'src/settings/**/*.ts',
    ],
    ignores: ['src/*/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'child_process', message: 'Views, providers and commands never start processes: ask a model.' },
            {
              name: 'node:child_process',
              message: 'Views, providers and commands never start processes: ask a model.',
            },
          ],
          patterns: [
            { regex: '^(\\.\\./)+git/', message: 'Views, providers and commands never run git: ask a model.' },
          ],
        },
      ],
    },
  },
];
