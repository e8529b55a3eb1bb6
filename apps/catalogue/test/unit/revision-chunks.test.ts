/** Revision statements bind the written documents in JSON arrays under a byte bound (src/revisions/repo.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { revisionChunks } from "../../src/revisions/repo";

const item = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  action: fc.constantFrom("published", "updated"),
  doc: fc.string({ maxLength: 400, unit: "binary" }),
});

describe("revisionChunks", () => {
  it("keeps every item once, in order, and each chunk within the bound unless one item alone is bigger", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.integer({ min: 50, max: 2000 }), (items, max) => {
        const chunks = revisionChunks(items, max);
        const back = chunks.flatMap((c) => JSON.parse(c) as [string, string, string][]);
        expect(back).toEqual(items.map((i) => [i.id, i.action, i.doc]));
        for (const c of chunks) if ((JSON.parse(c) as unknown[]).length > 1) expect(new TextEncoder().encode(c).length).toBeLessThanOrEqual(max);
        expect(chunks.every((c) => (JSON.parse(c) as unknown[]).length > 0)).toBe(true);
      }),
    );
  });

  it("puts a document bigger than the bound in a chunk of its own", () => {
    const chunks = revisionChunks(
      [
        { id: "a", action: "published", doc: "x".repeat(300) },
        { id: "b", action: "updated", doc: "{}" },
      ],
      100,
    );
    expect(chunks.map((c) => (JSON.parse(c) as unknown[]).length)).toEqual([1, 1]);
  });
});
