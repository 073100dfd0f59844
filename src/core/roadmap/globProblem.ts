// Checks a branch or path glob before it is used, so a typo becomes a diagnostic instead of a
// pattern that silently never matches.
import { MAX_GLOB_LENGTH, parseGlob } from '../glob/globSyntax';

function unbalanced(pattern: string): string | undefined {
  const closers: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
  const stack: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    // Inside [...] everything but the closing bracket is literal; `[:alpha:]` is one unit there.
    if (stack[stack.length - 1] === ']' && c !== ']') {
      if (c === '[' && pattern.charAt(i + 1) === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end > 0) i = end + 1;
      }
      continue;
    }
    const closer = closers[c];
    if (closer !== undefined) stack.push(closer);
    else if (c === ']' || c === '}' || c === ')') {
      if (stack[stack.length - 1] !== c) return `unmatched \`${c}\``;
      stack.pop();
    }
  }
  const open = stack[stack.length - 1];
  if (open === undefined) return undefined;
  const opener = Object.keys(closers).find((k) => closers[k] === open) ?? open;
  return `unclosed \`${opener}\``;
}

/** Why `pattern` is not a usable glob, or undefined when it is fine. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim().length === 0) return 'an empty pattern matches nothing';
  if (pattern !== pattern.trim()) return 'leading or trailing spaces';
  if (pattern.endsWith('\\') && !pattern.endsWith('\\\\')) return 'ends with an escape character';
  // Most branch names and paths are literal: nothing to parse.
  if (!/[*?[\]{}()!+@\\]/.test(pattern)) return pattern.length > MAX_GLOB_LENGTH ? parseProblem(pattern) : undefined;
  const balance = unbalanced(pattern);
  if (balance !== undefined) return balance;
  return parseProblem(pattern);
}

/** What the bounded-time matcher (core/glob) refuses: nested repeated groups, overlong patterns. */
function parseProblem(pattern: string): string | undefined {
  const parsed = parseGlob(pattern);
  return parsed.ok ? undefined : parsed.problem;
}
