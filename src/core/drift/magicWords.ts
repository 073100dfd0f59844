// Magic words in commit messages, as teams already write them: GitHub's close / fix / resolve (all
// tenses), Linear's implement / complete (and theirs for close / fix / resolve), and Jira smart
// commits (`PAY-12 #close`, `#done`). A merged commit that *closes* an item is evidence it shipped;
// `Refs` / `Part of` / `Related to` only link. Bounded: long messages are read up to MAX_MESSAGE.

export type MagicKind = 'closes' | 'links';

export interface MagicReference {
  /** As written: `#12`, `acme/shop#12`, `PAY-12`. */
  readonly ref: string;
  readonly kind: MagicKind;
  /** The word that made it one (`fixes`, `#close`, `part of`), lower-case. */
  readonly word: string;
}

const MAX_MESSAGE = 64 * 1024;

const REF = String.raw`(?:[\w.-]{1,100}\/[\w.-]{1,100})?#\d{1,9}|[A-Za-z][A-Za-z0-9_]{0,19}-\d{1,9}`;
const REF_LIST = String.raw`(${REF})((?:\s*(?:,|\band\b|&)\s*(?:${REF}))*)`;
const CLOSING =
  /\b(close[sd]?|closing|fix(?:e[sd])?|fixing|resolve[sd]?|resolving|complete[sd]?|completing|implement(?:s|ed|ing)?)\b/;
const LINKING = /\b(refs?|references?|part of|related to|relates to|see also|contributes to|towards)\b/;
const VERB_THEN_REFS = new RegExp(
  String.raw`\b(close[sd]?|closing|fix(?:e[sd])?|fixing|resolve[sd]?|resolving|complete[sd]?|completing|implement(?:s|ed|ing)?|refs?|references?|part of|related to|relates to|see also|contributes to|towards)\b:?[ \t]+${REF_LIST}`,
  'gi',
);
/** Jira smart commit: one or more issue keys, then a transition command. */
const SMART_COMMIT = /\b((?:[A-Z][A-Z0-9_]{0,19}-\d{1,9}[ \t]+){1,20})#(close|closed|done|resolve|resolved|fixed)\b/g;
const ONE_REF = new RegExp(REF, 'g');
const KEY = /[A-Z][A-Z0-9_]{0,19}-\d{1,9}/g;

export function magicReferences(message: string): MagicReference[] {
  const text = message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE) : message;
  const out: MagicReference[] = [];
  const seen = new Map<string, MagicReference>();
  const add = (ref: string, kind: MagicKind, word: string): void => {
    const key = ref.toUpperCase();
    const prior = seen.get(key);
    // "Refs #12 … fixes #12": closing wins.
    if (prior && (prior.kind === 'closes' || kind === 'links')) return;
    const entry = { ref, kind, word };
    if (prior) out[out.indexOf(prior)] = entry;
    else out.push(entry);
    seen.set(key, entry);
  };
  for (const m of text.matchAll(VERB_THEN_REFS)) {
    const word = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const kind: MagicKind = CLOSING.test(word) && !LINKING.test(word) ? 'closes' : 'links';
    const refs = `${m[2] ?? ''}${m[3] ?? ''}`.match(ONE_REF) ?? [];
    for (const ref of refs) add(ref, kind, word);
  }
  for (const m of text.matchAll(SMART_COMMIT)) {
    for (const key of (m[1] ?? '').match(KEY) ?? []) add(key, 'closes', `#${(m[2] ?? '').toLowerCase()}`);
  }
  return out;
}

/** Only the references a commit closes. */
export function closedReferences(message: string): string[] {
  return magicReferences(message)
    .filter((r) => r.kind === 'closes')
    .map((r) => r.ref);
}
