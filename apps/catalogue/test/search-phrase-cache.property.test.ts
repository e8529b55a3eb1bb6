/**
 * The shards' per-phrase row lists: the intersection of sorted lists (src/search/shard/text.ts) equals a set
 * intersection, with each list's frequencies carried to the rows kept; the cache (src/search/shard/phrase-cache.ts)
 * evicts least recently used lists by bytes, never holds more than its bound, and forgets everything on a new
 * version or a clear. Pure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PhraseCache, phraseListBytes } from "../src/search/shard/phrase-cache";
import { intersect, type PhraseList } from "../src/search/shard/text";

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

  it("the cache loads a phrase once per version, evicts least recently used by bytes, and forgets on a new version", () => {
    const one = list(Array.from({ length: 100 }, (_, i) => i)); // 100 × (4 + 8) + 64 bytes
    const bytes = phraseListBytes(one);
    expect(bytes).toBe(1264);
    const cache = new PhraseCache(3 * bytes);
    let loads = 0;
    const get = (v: string, p: string) => cache.get(v, p, () => (loads++, list(Array.from({ length: 100 }, (_, i) => i))));
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
    // a new version (a write the shard followed): nothing read before is served
    get("v2", "a");
    expect([loads, cache.size]).toEqual([6, 1]);
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
    get("v2", "a");
    expect(loads).toBe(7);
  });

  it("never holds more bytes than its bound, whatever the sizes asked", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.nat(300)), { maxLength: 60 }), (asks) => {
        const cache = new PhraseCache(4096);
        for (const [p, n] of asks) cache.get("v", `${p}${n % 3}`, () => list(Array.from({ length: n }, (_, i) => i)));
        expect(cache.bytes).toBeLessThanOrEqual(4096);
      }),
    );
  });
});
