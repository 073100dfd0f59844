// The layer arrows are lint rules (eslint.boundaries.mjs). A rule whose pattern never matches would
// pass every file and enforce nothing, so each one is run here, through ESLint's own API, on a file
// that breaks it (it must fire) and on an import it allows (it must stay quiet).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';

const root = path.resolve(__dirname, '../../..');

let eslint: ESLint;

before(async () => {
  const { boundaries } = (await import(pathToFileURL(path.join(root, 'eslint.boundaries.mjs')).href)) as {
    boundaries: Linter.Config[];
  };
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    // Syntax only (no type information): the boundary rules look at import strings.
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, ...boundaries],
  });
});

/** The messages of the boundary rule for `code` placed at `file` (relative to the repository). */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, `no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${file} did not parse`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const violations: readonly (readonly [file: string, code: string, message: RegExp])[] = [
  // core/ is pure
  ['src/core/roadmap/x.ts', "import * as vscode from 'vscode';", /free of vscode/],
  ['src/core/roadmap/x.ts', "import { readFileSync } from 'node:fs';", /Core is pure/],
  ['src/core/roadmap/x.ts', "import { readFile } from 'fs/promises';", /Core is pure/],
  ['src/core/roadmap/x.ts', "import { spawn } from 'child_process';", /Core is pure/],
  ['src/core/roadmap/x.ts', "import { GitRunner } from '../../git/gitRunner';", /nothing outside src\/core/],
  [
    'src/core/attribution/symbols/x.ts',
    "import { GitRunner } from '../../../git/gitRunner';",
    /nothing outside src\/core/,
  ],
  ['src/core/x.ts', "import { WorkModel } from '../work/model/workModel';", /nothing outside src\/core/],
  [
    'src/core/roadmap/x.ts',
    "import type { WorkModel } from '../../work/model/workModel';",
    /nothing outside src\/core/,
  ],
  // git/ is below every feature
  ['src/git/x.ts', "import * as vscode from 'vscode';", /free of vscode/],
  ['src/git/x.ts', "import { RoadmapModel } from '../roadmap/model/roadmapModel';", /imports only core/],
  ['src/git/x.ts', "import { main } from '../cli/main';", /imports only core/],
  // cli/ uses core and git only
  ['src/cli/x.ts', "import * as vscode from 'vscode';", /free of vscode/],
  ['src/cli/x.ts', "import { WorkModel } from '../work/model/workModel';", /only core\/ and git\//],
  // models never draw UI
  ['src/work/model/x.ts', "import { CurrentItemStatusBar } from '../currentItemStatusBar';", /Models never draw UI/],
  ['src/work/model/x.ts', "import { ItemCardPanels } from '../../roadmap/card/itemCardPanel';", /Models never draw UI/],
  ['src/roadmap/model/x.ts', "import { Commands } from '../../commands/commandIds';", /Models never draw UI/],
  // UI files never run git or start processes
  ['src/roadmap/x.ts', "import { GitRunner } from '../git/gitRunner';", /never run git/],
  ['src/roadmap/card/x.ts', "import { GitRunner } from '../../git/gitRunner';", /never run git/],
  ['src/work/x.ts', "import { spawn } from 'node:child_process';", /never start processes/],
  ['src/attribution/x.ts', "import { execFile } from 'child_process';", /never start processes/],
  ['src/commands/x.ts', "import { GitRepository } from '../git/gitRepository';", /never run git/],
  ['src/settings/x.ts', "import { GitRunner } from '../git/gitRunner';", /never run git/],
];

const allowed: readonly (readonly [file: string, code: string])[] = [
  ['src/core/roadmap/x.ts', "import { idKey } from './roadmapTypes';"],
  ['src/core/roadmap/x.ts', "import { parseTrailers } from '../gitOutput/trailers';"],
  ['src/core/attribution/symbols/x.ts', "import { languageIdForPath } from '../../language/languageIds';"],
  ['src/core/roadmap/x.ts', "import * as path from 'node:path';"],
  ['src/git/x.ts', "import { parseGitLog } from '../core/gitOutput/gitLogParser';"],
  ['src/git/x.ts', "import { spawn } from 'node:child_process';"],
  ['src/cli/x.ts', "import { GitRepository } from '../git/gitRepository';"],
  ['src/cli/x.ts', "import { parseRoadmapFile } from '../core/roadmap/parseRoadmap';"],
  ['src/work/model/x.ts', "import { GitRepository } from '../../git/gitRepository';"],
  ['src/work/model/x.ts', "import type { RoadmapModel } from '../../roadmap/model/roadmapModel';"],
  ['src/work/model/x.ts', "import { readSetting } from '../../settings/settings';"],
  ['src/work/model/x.ts', "import * as vscode from 'vscode';"],
  ['src/roadmap/x.ts', "import type { WorkModel } from '../work/model/workModel';"],
  ['src/roadmap/x.ts', "import { Commands } from '../commands/commandIds';"],
  ['src/roadmap/x.ts', "import * as vscode from 'vscode';"],
  ['src/attribution/x.ts', "import { readSetting } from '../settings/settings';"],
];

describe('lint boundaries (eslint.boundaries.mjs)', function () {
  this.timeout(60_000);

  for (const [file, code, message] of violations) {
    it(`fires on ${file}: ${code}`, async () => {
      const messages = await boundaryMessages(file, code);
      assert.equal(messages.length, 1, `expected one boundary error, got ${JSON.stringify(messages)}`);
      assert.match(messages[0] ?? '', message);
    });
  }

  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code}`, async () => {
      assert.deepEqual(await boundaryMessages(file, code), []);
    });
  }

  it('leaves files outside src/ alone (tests may import anything)', async () => {
    assert.deepEqual(await boundaryMessages('test/unit/x.test.ts', "import { spawn } from 'node:child_process';"), []);
  });
});
