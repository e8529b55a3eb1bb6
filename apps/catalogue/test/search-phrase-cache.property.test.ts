/**
 * The shards' per-phrase row lists: the intersection of sorted lists (src/search/shard/text.ts) equals a set
 * intersection, with each list's frequencies carried to the rows kept; the cache (src/search/shard/phrase-cache.ts)
 * evicts least recently used lists by bytes, never holds more than its bound, and after a write forgets exactly the
 * lists the changed rows can have changed (everything past MAX_SELECTIVE_CHANGES rows). Pure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SELECTIVE_CHANGES, PhraseCache, holds, phraseListBytes, type RowChange } from "../src/search/shard/phrase-cache";
import { gallop, intersect, type PhraseList } from "../src/search/shard/text";

const list = (slots: number[]): PhraseList => {
  const sorted = [...new Set(slots)].sort((a, b) => a - b);
  return { slots: Int32Array.from(sorted), freqs: Float64Array.from(sorted, (s) => s * 10 + 1), rows: sorted.length + 3 };
};

describe("phrase row lists", () => {
  it("intersect = set intersection, frequencies carried, row counts per phrase kept", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(60), { maxLength: 40 }), { minLength: 1, maxLength: 5 }), (raw) => {
        const lists = raw.map(list);
        const got = intersect(lists);
        const want = [...lists[0]!.slots].filter((s) => lists.every((l) => l.slots.includes(s)));
        expect([...got.slots]).toEqual(want);
        expect(got.freqs.map((f) => [...f])).toEqual(lists.map(() => want.map((s) => s * 10 + 1)));
        expect(got.hits).toEqual(lists.map((l) => l.rows));
      }),
      { numRuns: 300 },
    );
  });

  it("gallop finds the first slot >= the one asked from any start, as a linear scan does", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2000), { maxLength: 600 }), fc.nat(700), fc.integer({ min: -5, max: 2010 }), (raw, from, slot) => {
        const xs = Int32Array.from([...new Set(raw)].sort((a, b) => a - b));
        let want = Math.min(from, xs.length);
        while (want < xs.length && xs[want]! < slot) want++;
        expect(gallop(xs, Math.min(from, xs.length), slot)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it("the cache loads a phrase once, evicts least recently used by bytes, and forgets everything on a clear", () => {
    const one = list(Array.from({ length: 100 }, (_, i) => i)); // 100 × (4 + 8) + 64 bytes
    const bytes = phraseListBytes(one);
    expect(bytes).toBe(1264);
    const cache = new PhraseCache(3 * bytes);
    let loads = 0;
    const get = (_: string, p: string) => cache.get(p, () => (loads++, list(Array.from({ length: 100 }, (_, i) => i))));
    get("v1", "a");
    get("v1", "b");
    get("v1", "c");
    expect([loads, cache.size, cache.bytes]).toEqual([3, 3, 3 * bytes]);
    get("v1", "a"); // a is now the most recent: b goes first
    expect(loads).toBe(3);
    get("v1", "d");
    expect([loads, cache.size, cache.bytes]).toEqual([4, 3, 3 * bytes]);
    get("v1", "a");
    get("v1", "c");
    get("v1", "d");
    expect(loads).toBe(4);
    get("v1", "b");
    expect(loads).toBe(5);
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
    get("v2", "a");
    expect(loads).toBe(6);
  });

  it("never holds more bytes than its bound, whatever the sizes asked", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.nat(300)), { maxLength: 60 }), (asks) => {
        const cache = new PhraseCache(4096);
        for (const [p, n] of asks) cache.get(`${p}${n % 3}`, () => list(Array.from({ length: n }, (_, i) => i)));
        expect(cache.bytes).toBeLessThanOrEqual(4096);
      }),
    );
  });

  it("holds = membership in an ascending list", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(80), { maxLength: 50 }), fc.nat(90), (raw, slot) => {
        expect(holds(list(raw).slots, slot)).toBe(raw.includes(slot));
      }),
    );
  });

  it("a write forgets exactly the lists holding a changed row or whose prefix starts a term a changed row now holds", () => {
    const phrases = ["a", "ab", "abc", "b", "ba", "c", "kank", "kanker", "z"];
    const change: fc.Arbitrary<RowChange> = fc.record({
      slot: fc.nat(40),
      terms: fc.array(fc.constantFrom("a", "abd", "abcd", "bz", "c", "kanker", "kankers", "y", "zz"), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...phrases), fc.array(fc.nat(40), { maxLength: 12 })), { maxLength: 9 }),
        fc.array(change, { minLength: 1, maxLength: 6 }),
        (cached, changes) => {
          const cache = new PhraseCache();
          const held = new Map(cached.map(([p, slots]) => [p, slots]));
          for (const [p, slots] of held) cache.get(p, () => list(slots));
          cache.forget(changes);
          const touched = (p: string, slots: number[]) => changes.some((c) => slots.includes(c.slot) || c.terms.some((t) => t.startsWith(p)));
          const kept = [...held].filter(([p, slots]) => !touched(p, slots)).map(([p]) => p);
          expect(cache.size).toBe(kept.length);
          // what is kept is served without a load; what went is read again
          for (const [p, slots] of held) {
            let loaded = false;
            cache.get(p, () => ((loaded = true), list(slots)));
            expect(loaded, p).toBe(!kept.includes(p));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a write of more than MAX_SELECTIVE_CHANGES rows forgets everything", () => {
    const cache = new PhraseCache();
    cache.get("unrelated", () => list([1000]));
    cache.forget(Array.from({ length: MAX_SELECTIVE_CHANGES }, (_, i) => ({ slot: i, terms: ["x"] })));
    expect(cache.size).toBe(1);
    cache.forget(Array.from({ length: MAX_SELECTIVE_CHANGES + 1 }, (_, i) => ({ slot: i, terms: ["x"] })));
    expect(cache.size).toBe(0);
  });
});
