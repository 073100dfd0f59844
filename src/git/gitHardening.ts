// The policy every git call runs under: settings and switches that stop a read-only call from
// running a program named in the repository's own config (fsmonitor, hooks, pager, external diff,
// textconv, signature checks) or reading a file it names (mailmap, attributes, excludes, order
// file, ignore-revs file, signature key lists: a FIFO or /dev/zero there blocks git or feeds it
// without end), an environment that cannot point git elsewhere, and the check that keeps refs from
// being read as options. Config includes cannot be overridden this way (configIncludes.ts). Kept apart from the process lifecycle so the whole
// policy can be audited on one screen.

import { InvalidRefError } from './gitErrors';

/**
 * Settings passed before the subcommand on every call. `-c` wins over every config file,
 * so a hostile `.git/config` cannot name a program for us to run.
 */
function hardeningArgs(): string[] {
  // A path under /dev/null can never hold a hook; Windows has no such path, so there we point at
  // a directory name that cannot exist (NUL is a reserved device name).
  const noHooks = process.platform === 'win32' ? 'NUL\\no-hooks' : '/dev/null';
  // An empty file to read instead of any file the repository names.
  const empty = process.platform === 'win32' ? 'NUL' : '/dev/null';
  return [
    '-c',
    'core.fsmonitor=false',
    '-c',
    `core.hooksPath=${noHooks}`,
    '-c',
    'core.pager=cat',
    '-c',
    'diff.external=',
    '-c',
    'log.showSignature=false',
    '-c',
    'color.ui=false',
    '-c',
    'core.quotePath=false',
    // Files git reads on a config's say (git-config(1), git 2.39). An empty mailmap value means
    // "none"; the others read the empty file. Our calls never sign, commit or use the network;
    // those keys are set anyway so a new call cannot pick them up unnoticed.
    '-c',
    'mailmap.file=',
    '-c',
    'mailmap.blob=',
    '-c',
    `core.attributesFile=${empty}`,
    '-c',
    `core.excludesFile=${empty}`,
    '-c',
    `diff.orderFile=${empty}`,
    '-c',
    `commit.template=${empty}`,
    '-c',
    `gpg.ssh.allowedSignersFile=${empty}`,
    '-c',
    `gpg.ssh.revocationFile=${empty}`,
    '-c',
    'gpg.program=',
    '-c',
    'gpg.ssh.defaultKeyCommand=',
    '-c',
    'credential.helper=',
    '-c',
    'core.askPass=',
    '-c',
    'core.sshCommand=',
    '--no-pager',
    '--no-optional-locks',
  ];
}

/**
 * Textconv filters and external diff drivers are named per path in `.gitattributes` + config,
 * so no global `-c` can switch them all off; these subcommands get the switches that do.
 */
const SUBCOMMAND_HARDENING: Readonly<Record<string, readonly string[]>> = {
  diff: ['--no-textconv', '--no-ext-diff'],
  show: ['--no-textconv', '--no-ext-diff'],
  log: ['--no-textconv', '--no-ext-diff'],
  // blame.ignoreRevsFile is a list a `-c` cannot empty (git reads each entry as it parses config);
  // the option clears it after config is read, before any file is opened.
  blame: ['--no-textconv', '--no-ignore-revs-file'],
  grep: ['--no-textconv'],
};

function withSubcommandHardening(args: readonly string[]): string[] {
  const [sub, ...rest] = args;
  if (sub === undefined) return [];
  const extra = SUBCOMMAND_HARDENING[sub] ?? [];
  return [sub, ...extra.filter((a) => !rest.includes(a)), ...rest];
}

/** The full argv for a git call: global hardening, the subcommand, its own hardening, its args. */
export function hardenedArgv(args: readonly string[]): string[] {
  return [...hardeningArgs(), ...withSubcommandHardening(args)];
}

/** Variables that would point git at another repository or at a program to run. */
const STRIPPED_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_EXTERNAL_DIFF',
  'GIT_PAGER',
  'PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_TRACE',
  'GIT_TRACE2',
  'GIT_TRACE2_EVENT',
  'GIT_TRACE2_PERF',
];

/** This process's environment minus STRIPPED_ENV, with prompts off and untranslated messages. */
export function hardenedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of STRIPPED_ENV) delete env[key];
  env['GIT_TERMINAL_PROMPT'] = '0';
  env['GIT_OPTIONAL_LOCKS'] = '0';
  env['LC_ALL'] = 'C';
  env['LANGUAGE'] = 'C';
  return env;
}

/**
 * Refs coming from users, roadmap files or branch lists must never be read as options.
 * Also refuses control characters, which no valid ref contains.
 */
export function assertSafeRef(ref: string): string {
  if (ref.length === 0) throw new InvalidRefError(ref, 'empty');
  if (ref.startsWith('-')) throw new InvalidRefError(ref, 'must not start with "-"');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(ref)) throw new InvalidRefError(ref, 'contains control characters');
  return ref;
}
