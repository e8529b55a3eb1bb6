// Where a new dataset's document goes (src/storage/docs/placement.ts): spread by the id's hash, never above a
// partition's capacity, refused only when every partition is full, and the same answer in every isolate.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashId, placeNew } from "../../src/storage/docs/placement";

describe("document placement", () => {
  it("never passes a partition's capacity and refuses only when all are full", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(6), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 40 }),
        (start, capacity, ids) => {
          const counts = start.map((c) => Math.min(c, capacity));
          const room = counts.reduce((sum, c) => sum + capacity - c, 0);
          const before = [...counts];
          const parts = placeNew(ids, counts, capacity);
          for (const c of counts) expect(c).toBeLessThanOrEqual(capacity);
          expect(parts.filter((p) => p !== null)).toHaveLength(Math.min(room, ids.length));
          // refused ones come only after the partitions filled up
          const firstRefused = parts.indexOf(null);
          if (firstRefused >= 0) expect(parts.slice(firstRefused).every((p) => p === null)).toBe(true);
          // each placement counted once in its partition
          for (let i = 0; i < counts.length; i++) expect(counts[i]! - before[i]!).toBe(parts.filter((p) => p === i).length);
        },
      ),
    );
  });

  it("spreads ids over every partition with room, starting at the id's hash", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `dataset-${i}`);
    const counts = [0, 0, 0, 0];
    placeNew(ids, counts, 1_000);
    for (const c of counts) expect(c).toBeGreaterThan(60);
    expect(placeNew(["x"], [0, 0, 0, 0], 10)).toEqual([hashId("x") % 4]);
    // a full home partition sends the id to the next one
    const home = hashId("x") % 4;
    const full = [0, 0, 0, 0];
    full[home] = 10;
    expect(placeNew(["x"], full, 10)).toEqual([(home + 1) % 4]);
  });

  it("hashes stably (FNV-1a, the same value in every isolate and release)", () => {
    expect(hashId("")).toBe(0x811c9dc5);
    expect(hashId("a")).toBe(0xe40c292c);
    expect(hashId("foobar")).toBe(0xbf9cf968);
  });
});
