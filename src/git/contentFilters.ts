// Content filters (`filter.<driver>.clean`, `.smudge`, `.process`) are programs named in a
// repository's config and switched on per path by `.gitattributes`. `git blame` runs the clean
// filter on the file (and on `--contents -`), `checkout` runs smudge: a cloned repository with a
// hostile `.git/config` would make a read-only blame run its program. No `-c` switches all drivers
// off, so the runner asks git which drivers are configured and blanks each of them by name.
//
// The overrides travel in GIT_CONFIG_COUNT/KEY/VALUE (git >= 2.31) rather than `-c`, because a
// driver name may contain `=`, which `-c key=value` cannot express.

/** Subcommands that pass work-tree content through filters. */
export const FILTERING_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'blame',
  'checkout',
  'switch',
  'diff',
  'status',
  'add',
  'stash',
  'restore',
  'reset',
]);

/** The argv (after the hardening options) that lists every configured filter key, NUL-separated. */
export const LIST_FILTER_KEYS_ARGS: readonly string[] = ['config', '-z', '--name-only', '--get-regexp', '^filter\\.'];

/** Driver names from `git config -z --name-only --get-regexp ^filter\.` output (`filter.<name>.<key>`). */
export function parseFilterDrivers(output: string): string[] {
  const names = new Set<string>();
  for (const key of output.split('\0')) {
    const trimmed = key.replace(/\n$/, '');
    if (!trimmed.toLowerCase().startsWith('filter.')) continue;
    const lastDot = trimmed.lastIndexOf('.');
    if (lastDot <= 'filter.'.length) continue;
    names.add(trimmed.slice('filter.'.length, lastDot));
  }
  return [...names];
}

/**
 * Environment that blanks every named driver: an empty command is "no filter" to git, and
 * `required=false` keeps a required driver from failing the call instead.
 */
export function filterOverrideEnv(drivers: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  let n = 0;
  for (const name of drivers) {
    for (const [key, value] of [
      ['clean', ''],
      ['smudge', ''],
      ['process', ''],
      ['required', 'false'],
    ] as const) {
      env[`GIT_CONFIG_KEY_${n}`] = `filter.${name}.${key}`;
      env[`GIT_CONFIG_VALUE_${n}`] = value;
      n++;
    }
  }
  if (n > 0) env['GIT_CONFIG_COUNT'] = String(n);
  return env;
}

/**
 * The extra environment a call needs: for subcommands that pass work-tree content through
 * filters (blame, checkout…) every configured driver blanked by name, else nothing. Costs one
 * `git config` process (`listFilterKeys` runs LIST_FILTER_KEYS_ARGS), only for those subcommands.
 */
export async function contentFilterEnv(
  args: readonly string[],
  listFilterKeys: () => Promise<string>,
): Promise<Record<string, string>> {
  let i = 0;
  while (args[i] === '-c') i += 2;
  const sub = args[i];
  if (sub === undefined || !FILTERING_SUBCOMMANDS.has(sub)) return {};
  return filterOverrideEnv(parseFilterDrivers(await listFilterKeys()));
}
