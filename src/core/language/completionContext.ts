// What is being typed at the cursor, for completion: the id-like word before it, whether a commit
// message's cursor is in its trailer area, and which roadmap key a YAML value belongs to.

/** Letters, digits and the characters ids and refs use (`CHK-12`, `PAY_881`, `#1234`, `v1.2`). */
const WORD_CHAR = /[\p{L}\p{N}_.#-]/u;

export interface TypedWord {
  /** Where the word starts (UTF-16 column); the word ends at the cursor. */
  readonly start: number;
  readonly text: string;
}

/** The id-like word that ends at `character` (possibly empty). */
export function wordBefore(lineText: string, character: number): TypedWord {
  let start = Math.min(character, lineText.length);
  // A word is at most as long as any sensible id: a minified line must not cost a long walk.
  const limit = Math.max(0, start - 200);
  while (start > limit && WORD_CHAR.test(lineText[start - 1] ?? '')) start--;
  return { start, text: lineText.slice(start, character) };
}

/** The trailer keys that name roadmap items, as `git interpret-trailers` would write them. */
export const TRAILER_KEY = 'Roadmap';

export type MessagePlace =
  /** Anywhere in the subject or body: insert the id. */
  | 'text'
  /** A fresh line in the trailer block (or after the body's blank line): insert `Roadmap: ID`. */
  | 'trailer-line'
  /** After `Roadmap:` (or another trailer key that links items): insert the id. */
  | 'trailer-value';

const TRAILER_LINE = /^[A-Za-z][\w-]*:\s/;

/**
 * Where in a commit message the cursor is. `lines` is the message up to and including the cursor's
 * line; `wordStart` is where the typed word starts on that line. Git's `#` comment lines are ignored.
 */
export function messagePlace(
  lines: readonly string[],
  wordStart: number,
  trailerKeys: readonly string[] = [TRAILER_KEY],
): MessagePlace {
  const current = lines[lines.length - 1] ?? '';
  const before = current.slice(0, wordStart);
  const keys = trailerKeys.map((k) => k.toLowerCase());
  const key = /^\s*([A-Za-z][\w-]*)\s*:\s*(?:[^,\s]+\s*,\s*)*$/.exec(before)?.[1];
  if (key !== undefined && keys.includes(key.toLowerCase())) return 'trailer-value';
  if (before.trim() !== '') return 'text';
  // The subject is line 0; trailers need a blank line between them and the subject.
  const body = lines.slice(0, -1).filter((l) => !l.startsWith('#'));
  if (body.length < 2) return 'text';
  let i = body.length - 1;
  while (i > 0 && TRAILER_LINE.test(body[i] ?? '')) i--;
  // Everything since the last blank line is trailers (or nothing): this line joins that block.
  return (body[i] ?? '').trim() === '' && i > 0 ? 'trailer-line' : 'text';
}

export type YamlValueKey = 'parent' | 'kind' | 'status' | 'branches';

/**
 * The roadmap key whose value is being typed at `wordStart` on the last of `lines` (the file up to
 * the cursor's line): `parent: CH`, `kind: fe`, `branches: [a, b`, or a `- ` entry of a block list
 * under `branches:`. Undefined elsewhere (keys, titles, why, comments).
 */
export function yamlValueKey(lines: readonly string[], wordStart: number): YamlValueKey | undefined {
  const current = lines[lines.length - 1] ?? '';
  const before = current.slice(0, wordStart);
  if (before.includes('#')) return undefined;
  const inline = /^\s*(?:-\s+)?([A-Za-z_]+)\s*:\s*(\[(?:[^\],]*,)*\s*)?["']?$/.exec(before);
  if (inline) return known(inline[1] ?? '', inline[2] !== undefined);
  const entry = /^(\s*)-\s+["']?$/.exec(before);
  if (!entry) return undefined;
  const indent = (entry[1] ?? '').length;
  // The key that owns this block list: the nearest line above with less (or equal, for
  // `key:\n- a` written flush) indentation that ends in `key:`.
  for (let l = lines.length - 2, seen = 0; l >= 0 && seen < 200; l--, seen++) {
    const text = lines[l] ?? '';
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const ind = text.length - text.trimStart().length;
    if (ind > indent || (ind === indent && /^\s*-/.test(text))) continue;
    const owner = /^\s*(?:-\s+)?([A-Za-z_]+)\s*:\s*$/.exec(text);
    return owner ? known(owner[1] ?? '', true) : undefined;
  }
  return undefined;
}

function known(key: string, list: boolean): YamlValueKey | undefined {
  if (key === 'parent' && !list) return 'parent';
  if ((key === 'kind' || key === 'status') && !list) return key;
  if (key === 'branches') return 'branches';
  return undefined;
}
