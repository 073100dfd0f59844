// Scalars written by the import, as YAML source: plain when that reads back as the same string,
// else double-quoted (JSON escapes are valid YAML); multi-line text as a `|-` block. Checked by a
// property test against yaml's own parser. Hand-rolled because 10,000 items × 8 fields through
// yaml's stringify would cost more than the rest of the import.

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const UNSAFE = /: |\s#|[:\s]$/;

/** Characters YAML cannot carry unescaped (C0/C1 controls, line separators, BOM, lone surrogates). */
function needsEscape(s: string, allowTab: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 && allowTab) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|<<)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d|0[xo]|\.(?:inf|nan)$)/i;

/** One-line source for `value` after `key: ` in block context (or inside a flow list when `flow`). */
export function scalarSource(value: string, flow = false): string {
  if (
    value.length > 0 &&
    !INDICATOR_START.test(value) &&
    !UNSAFE.test(value) &&
    !needsEscape(value, false) &&
    !RESERVED.test(value) &&
    !NUMBER_LIKE.test(value) &&
    !(flow && /[,[\]{}]/.test(value))
  )
    return value;
  return JSON.stringify(value);
}

/**
 * `key: value` lines at `indent`, with an optional comment on the key's line. Multi-line values
 * become `|-` blocks (content indented two more), unless a line would need an indentation indicator.
 */
export function pairSource(key: string, value: string, indent: string, comment?: string): string {
  const tail = comment ? ` # ${comment}` : '';
  if (value.includes('\n')) {
    const lines = value.split('\n');
    const blockSafe = !/^\s/.test(lines[0] ?? '') && lines.every((l) => !needsEscape(l, true) && !/\s$/.test(l));
    if (blockSafe) {
      const body = lines.map((l) => (l.length === 0 ? '' : `${indent}  ${l}`)).join('\n');
      return `${indent}${key}: |-${tail}\n${body}`;
    }
  }
  return `${indent}${key}: ${scalarSource(value)}${tail}`;
}

/** A flow list source: `[a, "b, c"]`. */
export function flowListSource(values: readonly string[]): string {
  return `[${values.map((v) => scalarSource(v, true)).join(', ')}]`;
}

/** FNV-1a (32 bit) of a text, as 8 hex digits: marks a why as "as imported" without storing it twice. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
