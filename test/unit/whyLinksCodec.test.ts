// The why-links cache file (src/core/indexFile/whyLinksCodec.ts) is untrusted input: a round trip
// gives back what was stored; a file of another version, for another key, truncated, damaged, or
// naming a merge it does not carry is a miss with a reason, never an exception. whyLinksCover says
// whether the links answer for a blame (else `why` reads the commit graph).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BlameKey } from '../../src/core/indexFile/blameCodec';
import {
  decodeWhyLinks,
  encodeWhyLinks,
  whyLinksCover,
  WHY_LINKS_VERSION,
  type WhyLinks,
} from '../../src/core/indexFile/whyLinksCodec';

const KEY: BlameKey = { head: 'a'.repeat(40), path: 'src/cart.ts', digest: 'd'.repeat(64) };
const sha = (n: number): string => n.toString(16).padStart(40, 'c');

const LINKS: WhyLinks = {
  outside: new Set([sha(9)]),
  merges: new Map([
    [sha(1), [sha(3)]],
    [sha(2), []],
  ]),
  parentCounts: new Map([
    [sha(1), 1],
    [sha(2), 1],
    [sha(3), 2],
  ]),
  messages: new Map([
    [sha(1), 'save the cart'],
    [sha(2), 'CHK-12: first lines\n\nRefs: CHK-13'],
    [sha(3), "Merge branch 'feature/chk-13-saved'"],
  ]),
};

function plain(l: WhyLinks): unknown {
  return {
    outside: [...l.outside].sort(),
    merges: [...l.merges].sort(),
    parentCounts: [...l.parentCounts].sort(),
    messages: [...l.messages].sort(),
  };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('whyLinksCodec', () => {
  it('gives back what was stored', () => {
    const decoded = decodeWhyLinks(encodeWhyLinks(KEY, LINKS), KEY);
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
    assert.deepEqual(plain(decoded.links), plain(LINKS));
  });

  it('round-trips any messages (UTF-8, control characters, empty)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (messages) => {
        const links: WhyLinks = {
          outside: new Set(),
          merges: new Map(messages.map((_, i) => [sha(i + 1), []])),
          parentCounts: new Map(messages.map((_, i) => [sha(i + 1), 1])),
          messages: new Map(messages.map((m, i) => [sha(i + 1), m])),
        };
        const decoded = decodeWhyLinks(encodeWhyLinks(KEY, links), KEY);
        assert.ok(decoded.ok);
        assert.deepEqual(plain(decoded.links), plain(links));
      }),
    );
  });

  it('is a plain miss for another key (HEAD, path or content)', () => {
    const stored = encodeWhyLinks(KEY, LINKS);
    for (const other of [
      { ...KEY, head: 'b'.repeat(40) },
      { ...KEY, path: 'src/other.ts' },
      { ...KEY, digest: 'e'.repeat(64) },
    ]) {
      const decoded = decodeWhyLinks(stored, other);
      assert.ok(!decoded.ok && decoded.otherKey === true);
    }
  });

  const good = text(encodeWhyLinks(KEY, LINKS));
  const damaged: readonly [string, string][] = [
    ['garbage', 'not json at all'],
    ['truncated', good.slice(0, Math.floor(good.length / 2))],
    ['empty', ''],
    ['another version', good.replace(`"version":${WHY_LINKS_VERSION}`, '"version":99')],
    ['another format', good.replace('roadmap-lens-why-links', 'roadmap-lens-blame')],
    ['a number for the commits', good.replace(/"commits":\[.*\]\}$/, '"commits":7}')],
    ['a short commit name', good.replace(sha(2), 'abc')],
    ['an uppercase commit name', good.replaceAll(sha(1), sha(1).toUpperCase())],
    ['a negative parent count', good.replace(`["${sha(3)}",2`, `["${sha(3)}",-1`)],
    ['a fractional parent count', good.replace(`["${sha(3)}",2`, `["${sha(3)}",1.5`)],
    ['a message that is not a string', good.replace('"save the cart"', '42')],
    ['a merge it does not carry', good.replace(`,["${sha(3)}"]]`, `,["${sha(7)}"]]`)],
    ['a commit listed twice', good.replace(`"commits":[`, `"commits":[["${sha(2)}",1,"x",[]],`)],
    ['a row of the wrong length', good.replace(`"commits":[`, `"commits":[["${sha(5)}",1],`)],
    ['not an object', '[1,2,3]'],
    ['invalid UTF-8', '\u0000'],
  ];
  for (const [name, content] of damaged) {
    it(`refuses ${name} with a reason, never throwing`, () => {
      const input = name === 'invalid UTF-8' ? new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) : bytes(content);
      const decoded = decodeWhyLinks(input, KEY);
      assert.ok(!decoded.ok, name);
      assert.ok(decoded.reason.length > 0 && !decoded.otherKey);
    });
  }

  it('never throws on arbitrary bytes or on random edits of a good file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        decodeWhyLinks(b, KEY);
      }),
    );
    fc.assert(
      fc.property(fc.nat(good.length), fc.string({ maxLength: 4 }), (at, insert) => {
        const edited = bytes(good.slice(0, at) + insert + good.slice(at + 1));
        const decoded = decodeWhyLinks(edited, KEY);
        if (decoded.ok) assert.ok(whyLinksCover(decoded.links, []));
      }),
    );
  });

  it('covers a blame only when it answers for every blamed commit', () => {
    assert.ok(whyLinksCover(LINKS, [sha(1), sha(2), sha(9)]));
    assert.ok(!whyLinksCover(LINKS, [sha(1), sha(4)]), 'a commit it does not know');
    assert.ok(!whyLinksCover(LINKS, [sha(3)]), 'a merge it carries only as a merge');
  });
});
