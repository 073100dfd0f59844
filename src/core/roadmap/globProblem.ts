// Checks a branch or path glob before it is used, so a typo becomes a diagnostic instead of a
// pattern that silently never matches.
import picomatch from 'picomatch';

function unbalanced(pattern: string): string | undefined {
  const closers: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
  const stack: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    // Inside [...] everything but the closing bracket is literal.
    if (stack[stack.length - 1] === ']' && c !== ']') continue;
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
  // Most branch names and paths are literal: nothing for picomatch to compile.
  if (!/[*?[\]{}()!+@\\]/.test(pattern)) return undefined;
  const balance = unbalanced(pattern);
  if (balance !== undefined) return balance;
  try {
    // picomatch answers a pattern it cannot compile with a regex that never matches.
    const re = picomatch.makeRe(pattern);
    if (re.source === '$^') return 'not a valid glob';
  } catch (error) {
    return error instanceof Error ? error.message : 'not a valid glob';
  }
  return undefined;
}
