// Adds a `Key: value` trailer to a commit message the way `git interpret-trailers` would place it:
// into the final trailer block when the message already ends with one, else after a blank line.
// Pure text in, text out, so the Source Control command stays a one-liner and this is unit-tested.

import { parseTrailers, trailersWithKeys } from '../gitOutput/trailers';

/**
 * `message` with `key: value` appended as a trailer, unchanged when a trailer with one of
 * `equivalentKeys` (case-insensitive, `key` included) already names `value`. An empty message
 * keeps an empty subject line for the user to type.
 */
export function addTrailer(
  message: string,
  key: string,
  value: string,
  equivalentKeys: readonly string[] = [],
): string {
  const keys = new Set([key, ...equivalentKeys].map((k) => k.toLowerCase()));
  const body = message.replace(/\s+$/u, '');
  const block = parseTrailers(body);
  const wanted = value.toUpperCase();
  const present = trailersWithKeys(block, [...keys]).some((t) =>
    t.value.split(/[\s,]+/).some((v) => v.toUpperCase() === wanted),
  );
  if (present) return message;
  const line = `${key}: ${value}`;
  if (body.length === 0) return `\n\n${line}`;
  return block.trailers.length > 0 ? `${body}\n${line}` : `${body}\n\n${line}`;
}
