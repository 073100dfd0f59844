// Which files are roadmap files. Globs are relative to a workspace folder (or the CLI's cwd),
// always with `/` separators, matched the same way in the extension and the CLI.
import picomatch from 'picomatch';

export const DEFAULT_ROADMAP_GLOBS: readonly string[] = ['roadmap.yaml', 'roadmap.yml', '.roadmap.yaml', 'roadmap/*.yaml'];

const cache = new Map<string, (path: string) => boolean>();

function matcherFor(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\n');
  let matcher = cache.get(key);
  if (matcher === undefined) {
    const usable = globs.filter((g) => g.trim().length > 0);
    // `dot: true`: `.roadmap.yaml` and folders like `.github/roadmap.yaml` are ordinary choices here.
    matcher = usable.length === 0 ? () => false : picomatch(usable, { dot: true });
    if (cache.size > 32) cache.clear();
    cache.set(key, matcher);
  }
  return matcher;
}

/** True when `relPath` (relative to the folder, `/` or `\` separated) is a roadmap file. */
export function matchesRoadmapGlob(relPath: string, globs: readonly string[] = DEFAULT_ROADMAP_GLOBS): boolean {
  const normalized = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  return matcherFor(globs)(normalized);
}
