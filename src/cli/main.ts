// `roadmap-lens` entry point: dispatches to one command per file (`src/cli/<name>Command.ts`).
// To add a command, import it and add one line to COMMANDS.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { validateCommand } from './validateCommand';
import { checkCommand } from './checkCommand';
import { importCommand } from './importCommand';
import { currentCommand } from './currentCommand';
import { hookCommand } from './hookCommand';
import { reportCommand } from './reportCommand';
import { tagCommand } from './tagCommand';
import { describeFailure } from './failureMessage';
import { killRunningGitProcesses } from '../git/gitProcessGroups';
import { jsonText, terminalSafe } from './terminalSafe';
import { whyCommand } from './whyCommand';
import { trace } from './trace';
import { gitProcessesStarted } from '../git/gitProcessCounter';

export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  currentCommand,
  tagCommand,
  checkCommand,
  reportCommand,
  whyCommand,
  importCommand,
  hookCommand,
];

/** From package.json next to the bundle (dist/cli.js) or the compiled sources (out/src/cli). */
function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'roadmap-lens' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one folder up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: roadmap-lens <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `roadmap-lens <command> --help` for a command's options.",
    'Options: --help, --version',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) io.err(usage());
    else io.out(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out(packageVersion());
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`roadmap-lens: unknown command "${name}".\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return EXIT_OK;
  }
  const json = rest.includes('--json');
  try {
    return await command.run(rest, io);
  } catch (error) {
    // With --json, stdout always carries one JSON object, a failure included; stderr has the line.
    if (error instanceof UsageError) {
      if (json) io.out(jsonText({ version: 1, ok: false, error: { code: 'usage', message: error.message } }));
      io.err(`roadmap-lens ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    const failure = describeFailure(error);
    if (json) io.out(jsonText({ version: 1, ok: false, error: failure }));
    io.err(`roadmap-lens ${command.name}: ${failure.message}`);
    if (process.env['ROADMAP_LENS_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
    return EXIT_FAILED;
  }
}

/**
 * Runs the process's command line and sets its exit code. dist/cli.js (cliLauncher.ts) calls this
 * once it has loaded this bundle (dist/cliMain.js) with V8's cached code.
 */
export function runCli(): void {
  trace('bundle loaded');
  process.on('exit', () => trace('exit'));
  const io: CliIo = {
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${terminalSafe(line)}\n`),
    err: (line) => process.stderr.write(`${terminalSafe(line)}\n`),
  };
  // `roadmap-lens validate | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  // Git runs in process groups of its own (a terminal's Ctrl-C does not reach them): stop them
  // before going, so no git blocked on something is left behind under PID 1.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      void killRunningGitProcesses(1000, true).finally(() => process.exit(code));
    });
  }
  // exitCode, not exit(): a large --json output must finish writing to a pipe first.
  main(process.argv.slice(2), io).then(
    (code) => {
      trace(`done: ${gitProcessesStarted()} git processes`);
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`roadmap-lens: ${terminalSafe(describeFailure(error).message)}\n`);
      process.exitCode = EXIT_FAILED;
    },
  );
}

if (require.main === module) runCli();
