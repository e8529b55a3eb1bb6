import { describe, expect, it } from "vitest";
import { generateDataset } from "../../src/generator/generate";
import { validateDataset } from "../../src/validation/rules";

describe("synthetic dataset generator", () => {
  it("is deterministic and every dataset passes the publishing validator", () => {
    expect(generateDataset(1, 5)).toEqual(generateDataset(1, 5));
    expect(generateDataset(1, 5)).not.toEqual(generateDataset(1, 6));
    for (let i = 0; i < 300; i++) {
      const { publisherId: _p, ...ds } = generateDataset(3, i);
      void _p;
      const r = validateDataset(ds);
      expect(r.ok ? [] : r.violations, `dataset ${i}`).toEqual([]);
    }
  });
  it("varies publishers, categories and languages", () => {
    const all = Array.from({ length: 200 }, (_, i) => generateDataset(3, i));
    expect(new Set(all.map((d) => d.publisherId)).size).toBe(5);
    expect(new Set(all.flatMap((d) => d.healthCategory)).size).toBeGreaterThan(10);
    expect(all.some((d) => d.title.en) && all.some((d) => !d.title.en)).toBe(true);
  });
});
