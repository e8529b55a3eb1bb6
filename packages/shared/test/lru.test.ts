import { describe, expect, it } from "vitest";
import { capacityFrom, LruMap } from "../src/util/lru";

describe("LruMap", () => {
  it("keeps at most `capacity` entries and drops the least recently used first", () => {
    const m = new LruMap<string, number>(3);
    m.set("a", 1).set("b", 2).set("c", 3);
    expect(m.get("a")).toBe(1); // a is now the most recently used; b the least
    m.set("d", 4);
    expect(m.size).toBe(3);
    expect(m.has("b")).toBe(false);
    expect([m.get("a"), m.get("c"), m.get("d")]).toEqual([1, 3, 4]);
  });

  it("overwriting an entry does not evict anything and refreshes it", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1).set("b", 2).set("a", 10).set("c", 3);
    expect(m.has("b")).toBe(false);
    expect(m.get("a")).toBe(10);
    expect(m.size).toBe(2);
  });

  it("delete frees a place; clear empties it", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1).set("b", 2);
    expect(m.delete("a")).toBe(true);
    m.set("c", 3);
    expect([m.has("b"), m.has("c")]).toEqual([true, true]);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get("b")).toBeUndefined();
  });

  it("deleteWhere drops exactly the entries its predicate picks and gives their weight back", () => {
    const lru = new LruMap<string, number>(10, { weigh: (v) => v, maxWeight: 100 });
    for (const [k, v] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
    ] as const)
      lru.set(k, v);
    expect(lru.deleteWhere((v, k) => v % 2 === 0 || k === "c")).toBe(3);
    expect([lru.size, lru.weight, lru.has("a"), lru.has("b"), lru.has("c"), lru.has("d")]).toEqual([1, 1, true, false, false, false]);
    expect(lru.deleteWhere(() => false)).toBe(0);
  });

  it("refuses a capacity that is not a positive integer; configuration falls back instead", () => {
    expect(() => new LruMap(0)).toThrow();
    expect(() => new LruMap(1.5)).toThrow();
    expect(capacityFrom("250", 1000)).toBe(250);
    expect(capacityFrom(undefined, 1000)).toBe(1000);
    expect(capacityFrom("0", 1000)).toBe(1000);
    expect(capacityFrom("lots", 1000)).toBe(1000);
  });

  describe("bounded by weight", () => {
    const bytes = (v: string) => v.length;

    it("keeps the total weight at or below maxWeight, dropping the least recently used first", () => {
      const m = new LruMap<string, string>(100, { weigh: bytes, maxWeight: 10 });
      m.set("a", "xxxx").set("b", "yyyy");
      expect(m.weight).toBe(8);
      m.get("a"); // b is now the least recently used
      m.set("c", "zzzz");
      expect([m.has("a"), m.has("b"), m.has("c")]).toEqual([true, false, true]);
      expect(m.weight).toBe(8);
      m.set("d", "0123456789"); // exactly maxWeight: everything else goes
      expect([m.size, m.weight, m.get("d")]).toEqual([1, 10, "0123456789"]);
    });

    it("does not keep an entry heavier than maxEntryWeight, and drops the older value under its key", () => {
      const m = new LruMap<string, string>(100, { weigh: bytes, maxWeight: 100, maxEntryWeight: 5 });
      m.set("a", "xx").set("b", "yy");
      m.set("a", "much too long");
      expect([m.has("a"), m.has("b"), m.size, m.weight]).toEqual([false, true, 1, 2]);
    });

    it("re-weighs an entry that is set again, and delete / clear give its weight back", () => {
      const m = new LruMap<string, string[]>(100, { weigh: (v) => v.length, maxWeight: 5 });
      const list = ["x"];
      m.set("a", list).set("b", ["y", "y"]);
      list.push("x", "x"); // changed in place: re-weighed when set again
      m.set("a", list);
      expect([m.weight, m.size]).toEqual([5, 2]);
      list.push("x");
      m.set("a", list); // 4 + 2 > 5: b (least recently used) goes
      expect([m.weight, m.has("b")]).toEqual([4, false]);
      m.delete("a");
      expect([m.weight, m.size]).toEqual([0, 0]);
      m.set("c", ["z"]).clear();
      expect(m.weight).toBe(0);
    });

    it("still holds at most `capacity` entries whatever their weight", () => {
      const m = new LruMap<number, string>(3, { weigh: () => 0, maxWeight: 1 });
      for (let i = 0; i < 10; i++) m.set(i, "v");
      expect([...[7, 8, 9].map((k) => m.has(k)), m.size]).toEqual([true, true, true, 3]);
    });

    it("refuses nonsensical limits and weights", () => {
      expect(() => new LruMap(2, { weigh: bytes, maxWeight: 0 })).toThrow();
      expect(() => new LruMap(2, { weigh: bytes, maxWeight: 5, maxEntryWeight: 6 })).toThrow();
      const m = new LruMap<string, string>(2, { weigh: () => NaN, maxWeight: 5 });
      expect(() => m.set("a", "x")).toThrow();
      const plain = new LruMap<string, string>(2);
      expect([plain.weight, plain.maxWeight, plain.maxEntryWeight]).toEqual([0, Infinity, Infinity]);
    });
  });
});
