// Parses the `git for-each-ref` format used to list branches. Pure, fed one line at a time,
// so 100k branches stream through without holding the whole output.

export interface BranchRef {
  /** `refs/heads/x` or `refs/remotes/origin/x`. */
  readonly fullName: string;
  /** `x` or `origin/x`, as git shows it. */
  readonly name: string;
  /** The remote for a remote-tracking branch; `name` without it is `branch`. */
  readonly remote?: string;
  /** The branch name without the remote (`x` for both `x` and `origin/x`). */
  readonly branch: string;
  readonly sha: string;
  /** Last commit's committer time (seconds) and author. */
  readonly time: number;
  readonly author: string;
  readonly subject: string;
  readonly isHead: boolean;
}

export const REF_LIST_FORMAT =
  '--format=%(refname)%00%(objectname)%00%(committerdate:unix)%00%(authorname)%00%(HEAD)%00%(symref)%00%(contents:subject)';

/** `remotes` resolves remote names containing `/`; longest first wins. */
export function parseRefLine(line: string, remotes: readonly string[] = []): BranchRef | undefined {
  const f = line.split('\0');
  if (f.length !== 7) return undefined;
  const [fullName = '', sha = '', time = '', author = '', head = '', symref = '', subject = ''] = f;
  if (symref.length > 0) return undefined; // origin/HEAD and other aliases are not branches
  if (fullName.startsWith('refs/heads/')) {
    const name = fullName.slice('refs/heads/'.length);
    return { fullName, name, branch: name, sha, time: Number(time) || 0, author, subject, isHead: head === '*' };
  }
  if (fullName.startsWith('refs/remotes/')) {
    const name = fullName.slice('refs/remotes/'.length);
    const remote =
      [...remotes].sort((a, b) => b.length - a.length).find((r) => name.startsWith(`${r}/`)) ??
      name.split('/')[0] ??
      '';
    const branch = name.slice(remote.length + 1);
    if (branch.length === 0) return undefined;
    return { fullName, name, remote, branch, sha, time: Number(time) || 0, author, subject, isHead: false };
  }
  return undefined;
}
