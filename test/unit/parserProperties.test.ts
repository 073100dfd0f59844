// Property-based tests (fast-check) for the parsers that read other people's text: the reference
// matcher agrees with a naive reference implementation of its documented rules, and the parsers of
// git output never throw on arbitrary bytes. (The roadmap parser's and the trailer parser's own
// properties live in roadmapBadInput.test.ts and trailers.test.ts.)
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseBlame } from '../../src/core/gitOutput/blameParser';
import { parseChangedFiles } from '../../src/core/gitOutput/changedFilesParser';
import { CommitIndex } from '../../src/core/commitIndex/commitIndex';
import { CommitLinker } from '../../src/core/linking/commitLinks';
import { GitLogParser, isFullSha } from '../../src/core/gitOutput/gitLogParser';
import { ReferenceMatcher, type ReferenceMatch } from '../../src/core/linking/referenceMatcher';
import { parseRefLine } from '../../src/core/gitOutput/refListParser';
import { parseTrailers } from '../../src/core/gitOutput/trailers';

const RUNS = 500;

// ---- The naive matcher: the documented rules, written the slow and obvious way (O(n·k)). ----

/** Letters and digits, judged per UTF-16 unit (a lone surrogate is not a letter). */
function isAlnum(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  return /[\p{L}\p{N}]/u.test(text[i] ?? '');
}
/** ASCII-only case folding (keeps offsets). */
function foldAscii(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase());
}
interface Key {
  readonly text: string;
  readonly itemId: string;
  readonly viaAlias: boolean;
  sharedWith?: string[];
}
/** Ids first (the first item with an id wins), then refs that no id or earlier ref took. */
function keysOf(items: readonly { id: string; aliases: readonly string[] }[]): Key[] {
  const byFolded = new Map<string, Key>();
  for (const item of items) {
    const k = item.id.trim();
    if (k && !byFolded.has(foldAscii(k))) byFolded.set(foldAscii(k), { text: k, itemId: item.id, viaAlias: false });
  }
  for (const item of items) {
    for (const ref of item.aliases) {
      const k = ref.trim();
      const known = k ? byFolded.get(foldAscii(k)) : undefined;
      if (k && !known) byFolded.set(foldAscii(k), { text: k, itemId: item.id, viaAlias: true });
      // A ref several items declare belongs to all of them (an id still wins over any ref).
      else if (known?.viaAlias && known.itemId !== item.id && !(known.sharedWith ?? []).includes(item.id))
        (known.sharedWith ??= []).push(item.id);
    }
  }
  return [...byFolded.values()];
}
function naiveFindAll(items: readonly { id: string; aliases: readonly string[] }[], text: string): ReferenceMatch[] {
  const keys = keysOf(items);
  const folded = foldAscii(text);
  const out: ReferenceMatch[] = [];
  let i = 0;
  while (i < text.length) {
    // A key starts where a word cannot be continuing: not between two letters/digits.
    const canStart = !(isAlnum(text, i - 1) && isAlnum(text, i));
    let best: Key | undefined;
    if (canStart) {
      for (const key of keys) {
        const end = i + key.text.length;
        if (folded.slice(i, end) !== foldAscii(key.text)) continue;
        // It ends at a boundary, and is not followed by a separator + digit (`CHK-123` is not `CHK-12`, nor `CHK`).
        const glued = isAlnum(text, end - 1) && isAlnum(text, end);
        const continues = '-._'.includes(text[end] ?? 'x') && /[0-9]/.test(text[end + 1] ?? '');
        if (glued || continues) continue;
        if (!best || key.text.length > best.text.length) best = key;
      }
    }
    if (best) {
      const end = i + best.text.length;
      const m = { itemId: best.itemId, text: text.slice(i, end), start: i, end, viaAlias: best.viaAlias };
      out.push(best.sharedWith ? { ...m, sharedWith: best.sharedWith } : m);
      i = end;
    } else {
      i++;
    }
  }
  return out;
}

const PIECES = [
  'CHK',
  'chk',
  'Chk',
  '-',
  '12',
  '1',
  '2',
  '123',
  '.',
  '_',
  'PAY',
  '#',
  '#1',
  'é',
  'É',
  'x',
  ' ',
  '/',
  '\n',
  'ß',
  '日本',
  '\u{1F600}',
  '(',
  ')',
];
const piece = fc.constantFrom(...PIECES);
const token = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
const itemsArb = fc.array(fc.record({ id: token, aliases: fc.array(token, { maxLength: 2 }) }), {
  minLength: 1,
  maxLength: 6,
});
const textArb = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
  fc.string({ maxLength: 60 }),
);

describe('parser properties (fast-check)', () => {
  it('the reference matcher agrees with a naive implementation of its rules', () => {
    fc.assert(
      fc.property(itemsArb, textArb, (items, text) => {
        assert.deepEqual(new ReferenceMatcher(items).findAll(text), naiveFindAll(items, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('the reference matcher never throws, on any text and any keys (full Unicode)', () => {
    const anyItems = fc.array(
      fc.record({
        id: fc.string({ unit: 'binary', maxLength: 12 }),
        aliases: fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 3 }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(anyItems, fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(), (items, text, at) => {
        const m = new ReferenceMatcher(items);
        const all = m.findAll(text);
        let last = 0;
        for (const r of all) {
          assert.ok(
            r.start >= last && r.end > r.start && r.end <= text.length,
            'ordered, non-overlapping, inside the text',
          );
          last = r.end;
        }
        m.at(text, at % (text.length + 1));
        m.itemIds(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('the git log parser never throws on arbitrary bytes, however they are batched', () => {
    const nonce = 'RL0123456789abcdef0123:';
    const sha = fc.constantFrom('a'.repeat(40), 'b'.repeat(40), 'xyz', '');
    const recordish = fc
      .tuple(sha, fc.array(sha, { maxLength: 3 }), fc.string({ unit: 'binary' }))
      .map(([s, p, msg]) => `${nonce}${s}\0${p.join(' ')}\0A\0a@b\x001700000000\0${msg}\n\0`);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('utf8')),
      fc.array(fc.oneof(recordish, fc.string({ unit: 'binary' })), { maxLength: 6 }).map((r) => r.join('')),
    );
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 5 }), (raw, cuts) => {
        const fields = raw.split('\0');
        const parser = new GitLogParser(nonce);
        const commits = [];
        let from = 0;
        for (const cut of [...cuts.map((c) => c % (fields.length + 1)).sort((a, b) => a - b), fields.length]) {
          commits.push(...parser.push(fields.slice(from, Math.max(from, cut))));
          from = Math.max(from, cut);
        }
        commits.push(...parser.end());
        for (const c of commits)
          assert.ok(isFullSha(c.sha) && c.parents.every(isFullSha), 'only well-formed commits come out');
      }),
      { numRuns: RUNS },
    );
  });

  it('the other git output parsers never throw on arbitrary bytes', () => {
    const items = [{ id: 'CHK-12', aliases: ['PAY-1'] }];
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const full = items.map((i) => ({
      ...i,
      kind: 'feature',
      title: i.id,
      metrics: [],
      links: [],
      paths: [],
      branches: [],
      location: { file: '', range },
      idLocation: { file: '', range },
    }));
    const linker = new CommitLinker({ items: full, matcher: new ReferenceMatcher(full) });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 300 }), (b, s) => {
        const text = Buffer.from(b).toString('utf8');
        for (const input of [text, s]) {
          parseBlame(input);
          parseChangedFiles(input, new Set(['a'.repeat(40)]));
          for (const line of input.split('\n')) parseRefLine(line, ['origin']);
          parseTrailers(input);
          const r = CommitIndex.deserialize(new TextEncoder().encode(input), linker);
          assert.equal(typeof r.ok, 'boolean');
        }
        assert.equal(typeof CommitIndex.deserialize(b, linker).ok, 'boolean');
      }),
      { numRuns: RUNS },
    );
  });
});
