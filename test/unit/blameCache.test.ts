import * as assert from 'node:assert/strict';
import { BlameCache, contentHash } from '../../src/core/attribution/blameCache';

const key = (path: string, text: string, head: string | undefined = 'h1') => ({
  head,
  path,
  contentHash: contentHash(text),
});

describe('blameCache', () => {
  it('hashes content: same text same hash, any change a different one', () => {
    assert.equal(contentHash('a\nb\n'), contentHash('a\nb\n'));
    assert.notEqual(contentHash('a\nb\n'), contentHash('a\nb\r\n'));
    assert.notEqual(contentHash('ab'), contentHash('ba'));
    assert.notEqual(contentHash(''), contentHash('\0'));
  });

  it('returns what was stored for the same head, path and content only', () => {
    const cache = new BlameCache<string>();
    cache.set(key('a.ts', 'x'), 'A');
    assert.equal(cache.get(key('a.ts', 'x')), 'A');
    assert.equal(cache.get(key('a.ts', 'y')), undefined);
    assert.equal(cache.get(key('b.ts', 'x')), undefined);
    assert.equal(cache.get(key('a.ts', 'x', 'h2')), undefined);
  });

  it('drops everything when HEAD changes', () => {
    const cache = new BlameCache<string>();
    cache.set(key('a.ts', 'x'), 'A');
    cache.set(key('b.ts', 'x'), 'B');
    cache.setHead('h2');
    assert.equal(cache.size, 0);
    cache.set(key('a.ts', 'x', 'h3'), 'A3');
    assert.equal(cache.get(key('a.ts', 'x', 'h3')), 'A3');
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new BlameCache<string>({ maxEntries: 2 });
    cache.set(key('a', ''), 'A');
    cache.set(key('b', ''), 'B');
    assert.equal(cache.get(key('a', '')), 'A');
    cache.set(key('c', ''), 'C');
    assert.equal(cache.get(key('b', '')), undefined);
    assert.equal(cache.get(key('a', '')), 'A');
    assert.equal(cache.get(key('c', '')), 'C');
  });

  it('bounds the total weight and refuses a single entry heavier than the limit', () => {
    const cache = new BlameCache<string>({ maxWeight: 10 });
    cache.set(key('a', ''), 'A', 6);
    cache.set(key('b', ''), 'B', 6);
    assert.equal(cache.get(key('a', '')), undefined);
    assert.equal(cache.get(key('b', '')), 'B');
    cache.set(key('huge', ''), 'H', 11);
    assert.equal(cache.get(key('huge', '')), undefined);
    assert.equal(cache.get(key('b', '')), 'B');
  });

  it('invalidates one path (all its contents) on save', () => {
    const cache = new BlameCache<string>();
    cache.set(key('a', '1'), 'A1');
    cache.set(key('a', '2'), 'A2');
    cache.set(key('ab', '1'), 'AB');
    cache.invalidatePath('a');
    assert.equal(cache.size, 1);
    assert.equal(cache.get(key('ab', '1')), 'AB');
  });
});
