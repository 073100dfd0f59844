// The paths a git config file includes (`[include] path = …`, `[includeIf "…"] path = …`), read
// from the file's text. Git follows includes while it reads its config, before any `-c` on the
// command line applies and before `git config --no-includes` could help, so the git layer checks
// the included files itself (git/configIncludes.ts). Conditions are not evaluated: every include
// is checked, whatever its condition. Values follow git's syntax: quotes, `\"`, `\\`, `\t`, `\n`,
// comments after `#`/`;` outside quotes, lines continued with a trailing backslash.

const INCLUDE_SECTIONS: ReadonlySet<string> = new Set(['include', 'includeif']);

/** Each include path as written (not yet expanded or resolved), in file order. */
export function configIncludePaths(text: string): string[] {
  const out: string[] = [];
  let section = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: skip blanks.
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) break;
      const header = text.slice(i + 1, close);
      section = (/^[^\s"]*/.exec(header)?.[0] ?? '').toLowerCase();
      // `[section.sub]` (old syntax) names section `section`.
      section = section.split('.')[0] ?? '';
      i = close + 1;
      continue;
    }
    if (c === undefined) break;
    if (c === '\n' || c === '#' || c === ';') {
      i = skipLine(text, i);
      continue;
    }
    const keyMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(i, i + 256));
    if (!keyMatch) {
      i = skipLine(text, i);
      continue;
    }
    const key = keyMatch[0].toLowerCase();
    i += keyMatch[0].length;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '=') {
      i = skipLine(text, i);
      continue;
    }
    const value = readValue(text, i + 1);
    i = value.end;
    if (INCLUDE_SECTIONS.has(section) && key === 'path' && value.text.length > 0) out.push(value.text);
  }
  return out;
}

function skipLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', b: '\b', '"': '"', '\\': '\\' };

/** A value from just after `=` to the end of its (possibly continued) line. */
function readValue(text: string, start: number): { text: string; end: number } {
  let out = '';
  let pendingSpace = '';
  let quoted = false;
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  for (; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\n') return { text: out, end: i + 1 };
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (!quoted && (c === '#' || c === ';')) return { text: out, end: skipLine(text, i) };
    if (!quoted && (c === ' ' || c === '\t')) {
      pendingSpace += c;
      continue;
    }
    out += pendingSpace;
    pendingSpace = '';
    if (c === '"') {
      quoted = !quoted;
    } else if (c === '\\') {
      const next = text[i + 1] ?? '';
      i++;
      if (next === '\n') continue;
      if (next === '\r' && text[i + 1] === '\n') {
        i++;
        continue;
      }
      out += ESCAPES[next] ?? next;
    } else {
      out += c;
    }
  }
  return { text: out, end: i };
}
