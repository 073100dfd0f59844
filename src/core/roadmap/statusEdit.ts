// The one-line edit that sets an item's `status:` (the drift quick fix "mark it shipped"): the
// value is replaced where it is written, in its own quoting, or a `status:` line is added after the
// item's keys. Everything else in the file (comments, order, line endings) stays as written.

import { isScalar, parseDocument } from 'yaml';
import { findItem, findPair, insertPair, range, withEol, type TagEditResult } from './tagEdit';

/** A status as a plain YAML scalar: known statuses and any word a team uses (`in-review`). */
const PLAIN_STATUS = /^[A-Za-z][A-Za-z0-9 _-]{0,40}$/;

export function setStatusEdit(text: string, itemId: string, status: string): TagEditResult {
  if (!PLAIN_STATUS.test(status) || status.trim() !== status)
    return { ok: false, reason: 'unsupported-format', message: `"${status}" is not a status Roadmap Lens writes.` };
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0)
    return {
      ok: false,
      reason: 'roadmap-invalid',
      message: `The roadmap has YAML errors (${doc.errors[0]?.message.split('\n')[0] ?? 'syntax error'}); fix them first.`,
    };
  const item = findItem(doc.contents, itemId);
  if (!item) return { ok: false, reason: 'item-not-found', message: `No item with id ${itemId} in this file.` };
  const pair = findPair(item, 'status');
  const value = pair?.value;
  if (pair && isScalar(value) && value.value !== null) {
    const r = range(value);
    if (!r) return { ok: false, reason: 'unsupported-format', message: `${itemId}'s status has no position.` };
    const written = text.slice(r[0], r[1]);
    const quote = written.startsWith('"') ? '"' : written.startsWith("'") ? "'" : '';
    // Block scalars (`status: |`) are not statuses anyone writes; refuse rather than guess.
    if (/^[|>]/.test(written))
      return { ok: false, reason: 'unsupported-format', message: `${itemId}'s status is a block scalar.` };
    return { ok: true, edits: [{ offset: r[0], length: r[1] - r[0], newText: `${quote}${status}${quote}` }] };
  }
  if (pair) {
    // `status:` with no value (null) or a list: replace what follows the key on its line.
    const keyEnd = range(pair.key)?.[1];
    const valueR = range(value);
    if (keyEnd === undefined) return { ok: false, reason: 'unsupported-format', message: 'status has no position.' };
    const colon = text.indexOf(':', keyEnd);
    const end = valueR ? valueR[1] : colon + 1;
    return { ok: true, edits: [{ offset: colon + 1, length: end - colon - 1, newText: ` ${status}` }] };
  }
  return withEol(insertPair(text, item, `status: ${status}`), text);
}
