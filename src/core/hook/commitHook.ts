// The `prepare-commit-msg` hook Roadmap Lens installs: its script, how to tell it from a hook
// someone else wrote, and what it does to a message (add `Roadmap: <current item>` when the
// message names no item yet). Pure: the git layer writes files, the CLI runs git.

import { addTrailer } from '../linking/commitTrailer';

export const HOOK_NAME = 'prepare-commit-msg';
/** The hook that was there before ours, kept next to it and run first. */
export const PREVIOUS_HOOK_NAME = 'prepare-commit-msg.roadmap-lens-previous';
const MARKER = '# roadmap-lens-hook v1';

/** What installing or removing the hook did. */
export type HookOutcome =
  | { readonly kind: 'installed'; readonly path: string; readonly chained: boolean }
  | { readonly kind: 'updated'; readonly path: string }
  | { readonly kind: 'uninstalled'; readonly path: string; readonly restored: boolean }
  | { readonly kind: 'refused'; readonly message: string };

/** Single-quoted for sh: safe for any path, including spaces, quotes and `$`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook script: runs the previous hook (if any) first and stops the commit when it fails, then
 * asks `roadmap-lens hook run` to add the trailer. Our step never fails a commit.
 * `node` and `cli` are absolute paths; ELECTRON_RUN_AS_NODE lets an editor's runtime act as node.
 */
export function hookScript(node: string, cli: string): string {
  return [
    '#!/bin/sh',
    MARKER,
    '# Installed by Roadmap Lens: adds a `Roadmap: <item>` trailer for the current roadmap item',
    '# when the commit message names no item yet. `roadmap-lens hook uninstall` removes it and',
    '# restores the hook that was here before.',
    `previous="$(dirname "$0")/${PREVIOUS_HOOK_NAME}"`,
    'if [ -x "$previous" ]; then',
    '  "$previous" "$@" || exit $?',
    'fi',
    `ELECTRON_RUN_AS_NODE=1 ${shellQuote(node)} ${shellQuote(cli)} hook run "$@" >/dev/null 2>&1 || true`,
    'exit 0',
    '',
  ].join('\n');
}

export function isOurHook(text: string): boolean {
  return text.split('\n', 3).includes(MARKER);
}

/** Git's scissors line: everything below it is dropped from the message (`commit -v`). */
const SCISSORS = /^# -+ >8 -+$/;

/** The part of a message git keeps: no `#` comment lines, nothing below the scissors. */
export function messageContent(message: string, commentChar = '#'): string {
  const kept: string[] = [];
  for (const line of message.split('\n')) {
    if (SCISSORS.test(line.replace(/\r$/, ''))) break;
    if (!line.startsWith(commentChar)) kept.push(line);
  }
  return kept.join('\n');
}

export type HookDecision =
  | { readonly kind: 'unchanged'; readonly reason: 'names-item' | 'no-current-item' }
  | { readonly kind: 'changed'; readonly message: string };

/**
 * The message with the trailer for `currentId`, or why it stays as it is. `namesItem` tells
 * whether text names a known item (id or ref), so a message that already mentions one, a merge of
 * a branch named after one, or an amend that has the trailer, is left alone: never twice.
 */
export function prepareMessage(
  message: string,
  currentId: string | undefined,
  namesItem: (text: string) => boolean,
  trailerKey = 'Roadmap',
): HookDecision {
  const content = messageContent(message);
  if (namesItem(content)) return { kind: 'unchanged', reason: 'names-item' };
  if (currentId === undefined) return { kind: 'unchanged', reason: 'no-current-item' };
  // Keep git's comment block (status, help text) below the message, as git wrote it.
  const lines = message.split('\n');
  let split = lines.length;
  while (split > 0) {
    const line = lines[split - 1] ?? '';
    if (line.trim() !== '' && !line.startsWith('#')) break;
    split--;
  }
  const head = lines.slice(0, split).join('\n');
  const tail = lines.slice(split);
  const withTrailer = addTrailer(head, trailerKey, currentId);
  const note =
    head.trim() === ''
      ? [`# Roadmap Lens added the trailer above for ${currentId}; delete it as well to abort the commit.`]
      : [];
  const rest = tail.length > 0 ? [...note, ...tail] : note.length > 0 ? ['', ...note] : [''];
  return { kind: 'changed', message: [withTrailer, ...rest].join('\n') };
}
