// The one place commands are registered. Each feature exports its handlers as a small table
// (`CommandHandlers<'copyId' | 'copyWhy'>`); activate() spreads the tables into one and hands it
// to registerCommands, whose type demands a handler for every id in Commands and InternalCommands: a command contributed
// in package.json but never handled does not compile. test/unit/manifest.test.ts checks that
// Commands and package.json name the same ids and that nothing else registers commands, so the
// chain is closed both ways.

import * as vscode from 'vscode';
import { Commands, InternalCommands } from './commandIds';

const ALL_COMMANDS = { ...Commands, ...InternalCommands };

export type CommandName = keyof typeof ALL_COMMANDS;

/** Handlers get whatever VS Code passes: a tree node, a Source Control, an id, or nothing. */
export type CommandHandler = (...args: unknown[]) => unknown;

export type CommandHandlers<K extends CommandName = CommandName> = { readonly [P in K]: CommandHandler };

export function registerCommands(context: vscode.ExtensionContext, handlers: CommandHandlers): void {
  for (const name of Object.keys(ALL_COMMANDS) as CommandName[]) {
    context.subscriptions.push(vscode.commands.registerCommand(ALL_COMMANDS[name], handlers[name]));
  }
}

/**
 * The same handlers, each run once `loaded` resolves: a command that needs the roadmap can be
 * invoked (palette, keybinding, another extension) while a large roadmap is still being parsed,
 * and must then wait for it rather than act on an empty model.
 */
export function afterLoad<K extends CommandName>(
  loaded: () => Promise<void>,
  handlers: CommandHandlers<K>,
): CommandHandlers<K> {
  const wrapped = {} as { [P in K]: CommandHandler };
  for (const name of Object.keys(handlers) as K[]) {
    const handler = handlers[name];
    wrapped[name] = async (...args: unknown[]) => {
      await loaded();
      return handler(...args);
    };
  }
  return wrapped;
}
