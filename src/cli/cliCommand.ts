// What every `roadmap-lens <command>` implements, and the small argument parser they share.
// Commands write through `CliIo` (not process.stdout) so tests can run them in-process too.

export interface CliIo {
  readonly cwd: string;
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `roadmap-lens --help`. */
  readonly summary: string;
  /** Full help for `roadmap-lens <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
/** Problems found (validation errors, no roadmap). */
export const EXIT_FAILED = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

/** Thrown for a wrong command line; main prints the message and the command's usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ArgSpec {
  /** `--json` style switches. */
  readonly flags?: readonly string[];
  /** `--since REF` style options taking one value. */
  readonly options?: readonly string[];
  /** `--roadmap A B` style options taking every following word up to the next `--option`. */
  readonly lists?: readonly string[];
  /** Whether bare words are allowed (otherwise a usage error). */
  readonly positionals?: boolean;
}

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

/** Accepts `--name value`, `--name=value`, and `--` to end options. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (onlyPositionals || !arg.startsWith('--') || arg === '-') {
      if (!spec.positionals) throw new UsageError(`Unexpected argument "${arg}".`);
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (spec.flags?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      flags.add(name);
    } else if (spec.options?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value.`);
      options.set(name, value);
    } else if (spec.lists?.includes(name)) {
      const values = lists.get(name) ?? [];
      if (inline !== undefined) values.push(inline);
      else {
        while (i + 1 < args.length && !(args[i + 1] ?? '').startsWith('--')) values.push(args[++i] ?? '');
      }
      if (values.length === 0) throw new UsageError(`--${name} needs at least one value.`);
      lists.set(name, values);
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return { flags, options, lists, positionals };
}
