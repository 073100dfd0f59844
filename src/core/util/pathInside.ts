// "Is this path inside that folder?" for file-system paths. A prefix test gets it wrong: `repo-2`
// starts with `repo`, and a file named `..notes` inside a folder starts with `..`.

import * as path from 'node:path';

/** Whether `child` is `parent` itself or inside it (`paths` = path.win32 on Windows, compares case-insensitively). */
export function isPathInside(parent: string, child: string, paths: path.PlatformPath = path): boolean {
  const rel = paths.relative(parent, child);
  if (rel === '') return true;
  if (paths.isAbsolute(rel)) return false; // another drive on Windows
  return rel !== '..' && !rel.startsWith(`..${paths.sep}`);
}
