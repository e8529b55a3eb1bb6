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

  it("refuses a capacity that is not a positive integer; configuration falls back instead", () => {
    expect(() => new LruMap(0)).toThrow();
    expect(() => new LruMap(1.5)).toThrow();
    expect(capacityFrom("250", 1000)).toBe(250);
    expect(capacityFrom(undefined, 1000)).toBe(1000);
    expect(capacityFrom("0", 1000)).toBe(1000);
    expect(capacityFrom("lots", 1000)).toBe(1000);
  });
});
