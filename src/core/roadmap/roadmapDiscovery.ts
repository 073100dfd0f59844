// Which files are roadmap files. Globs are relative to a workspace folder (or the CLI's cwd),
// always with `/` separators, matched the same way in the extension and the CLI.
import { compileGlob } from '../glob/globMatcher';

export const DEFAULT_ROADMAP_GLOBS: readonly string[] = [
  'roadmap.yaml',
  'roadmap.yml',
  '.roadmap.yaml',
  'roadmap/*.yaml',
];

const cache = new Map<string, (path: string) => boolean>();

function matcherFor(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\n');
  let matcher = cache.get(key);
  if (matcher === undefined) {
    // Settings can come from a workspace's own .vscode/settings.json: compiled by the bounded-time
    // matcher like roadmap globs; an unusable one never matches. Dot files match (`.roadmap.yaml`).
    const usable = globs.flatMap((g) => (g.trim().length > 0 ? [compileGlob(g)] : [])).filter((m) => m !== undefined);
    matcher = (path: string): boolean => usable.some((m) => m(path));
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

/**
 * How to find a glob's files without a workspace-wide search: a literal path is one `stat`, and a
 * pattern only in its last segment (`roadmap/*.yaml`) is one directory listing matched with
 * `matchesRoadmapGlob`. Anything else (`**`, a pattern in a folder name) needs the search service,
 * which walks the whole folder: at startup that walk, not the parse, was most of activation.
 */
export type GlobPlan =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'directory'; readonly dir: string; readonly glob: string }
  | { readonly kind: 'search'; readonly glob: string };

const GLOB_CHARS = /[*?[\]{}()!+@\\]/;

/**
 * The folder part of a glob before its first glob character (`src/checkout/` for
 * `src/checkout/**`; '' when it starts with one or is anchored with `./` or `/`): only paths under
 * it can match, so a caller can skip compiling the glob for any other path.
 */
export function globLiteralDir(glob: string): string {
  if (glob.startsWith('./') || glob.startsWith('/')) return '';
  const special = GLOB_CHARS.exec(glob);
  const literal = special ? glob.slice(0, special.index) : glob;
  return literal.slice(0, literal.lastIndexOf('/') + 1);
}

export function planRoadmapGlob(glob: string): GlobPlan {
  const normalized = glob.trim().replace(/^\.\//, '');
  const segments = normalized.split('/');
  // A backslash is an escape or a Windows separator: leave its meaning to the search service.
  const usable =
    normalized !== '' &&
    !normalized.startsWith('/') &&
    !normalized.includes('\\') &&
    segments.every((s) => s !== '' && s !== '.' && s !== '..');
  if (!usable) return { kind: 'search', glob };
  if (!GLOB_CHARS.test(normalized)) return { kind: 'file', path: normalized };
  const last = segments[segments.length - 1] ?? '';
  const dirs = segments.slice(0, -1);
  if (dirs.some((s) => GLOB_CHARS.test(s)) || last.includes('**')) return { kind: 'search', glob };
  return { kind: 'directory', dir: dirs.join('/'), glob: normalized };
}

/**
 * A `roadmapLens.files` entry that names a roadmap outside the workspace folder (a roadmap shared by
 * several repositories): an absolute path, or a relative one that starts by leaving the folder
 * (`../roadmap`, `../roadmap/roadmap.yaml`, `../plans/*.yaml`).
 */
export interface OutsideRoadmapEntry {
  readonly absolute: boolean;
  /** The file or folder as written, without a trailing separator (and without the name pattern). */
  readonly path: string;
  /** A pattern in the last segment (`*.yaml`): the files of `path`'s folder whose names match. */
  readonly namePattern?: string;
}

const NAME_PATTERN = /[*?[\]{}]/;

export function outsideRoadmapEntry(entry: string): OutsideRoadmapEntry | undefined {
  const text = entry.trim().replace(/[\\/]+$/, '');
  const absolute = text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\');
  if (!absolute && text !== '..' && !/^\.\.[\\/]/.test(text)) return undefined;
  const cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  const last = text.slice(cut + 1);
  const dir = text.slice(0, cut);
  // A pattern anywhere but in the last segment would need a walk outside the workspace: refused.
  if (NAME_PATTERN.test(dir)) return undefined;
  if (NAME_PATTERN.test(last)) return { absolute, path: dir === '' ? '/' : dir, namePattern: last };
  return { absolute, path: text === '' ? '/' : text };
}
