// A roadmap kept in git rather than in the working tree: `REV:PATH`, e.g. `origin/roadmap:roadmap.yaml`
// (a branch of its own) or `HEAD:platform/roadmap.yaml`. Read with `git cat-file` (trusted only);
// never edited in place.

export interface GitObjectSpec {
  readonly rev: string;
  readonly path: string;
}

/** `REV:PATH` when the text has that form (and is not a Windows drive path like `C:\x`). */
export function parseGitObjectSpec(text: string): GitObjectSpec | undefined {
  if (/^[A-Za-z]:[\\/]/.test(text)) return undefined;
  const m = /^([^:\s-][^:\s]*):([^:]+)$/.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const path = m[2].replace(/^\.?\//, '');
  if (path.length === 0 || path.split('/').includes('..')) return undefined;
  return { rev: m[1], path };
}

export function formatGitObjectSpec(spec: GitObjectSpec): string {
  return `${spec.rev}:${spec.path}`;
}
