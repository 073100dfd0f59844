// VS Code logs a warning on every read of a window-scoped setting for a resource (and of a
// resource-scoped one without a resource), and on registering a provider whose document selector
// names no scheme (it would also match output channels and internal documents).
// test/unit/settings.test.ts checks the settings statically; this checks what the real VS Code
// logged while the suites ran.
import * as fs from 'node:fs';
import * as path from 'node:path';

const WARNINGS = [
  /Accessing a (?:window|resource) scoped configuration .*'roadmapLens\./,
  /Extension 'roadmap-lens\.roadmap-lens' uses a document selector without scheme/,
];

/** Lines in any log file under `dir` with one of those warnings about Roadmap Lens. */
export function configurationScopeWarnings(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.log')) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const line of fs.readFileSync(file, 'utf8').split('\n'))
      if (WARNINGS.some((w) => w.test(line))) found.push(line.trim());
  }
  return found;
}
