// VS Code logs a warning on every read of a window-scoped setting for a resource (and of a
// resource-scoped one without a resource). test/unit/settings.test.ts checks the code statically;
// this checks what the real VS Code logged while the suites ran.
import * as fs from 'node:fs';
import * as path from 'node:path';

const WARNING = /Accessing a (?:window|resource) scoped configuration .*'roadmapLens\./;

/** Lines in any log file under `dir` warning about a roadmapLens setting read with the wrong scope. */
export function configurationScopeWarnings(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.log')) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (WARNING.test(line)) found.push(line.trim());
  }
  return found;
}
