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

  it("realistic variety: hundreds of publishers, thousands of Zipf-distributed keywords, still valid", () => {
    const publishers = new Set<string>();
    const keywordCounts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const { publisherId, ...ds } = generateDataset(3, i, undefined, "realistic");
      publishers.add(publisherId);
      for (const k of ds.keyword) keywordCounts.set(k.value, (keywordCounts.get(k.value) ?? 0) + 1);
      if (i < 200) {
        const r = validateDataset(ds);
        expect(r.ok ? [] : r.violations, `dataset ${i}`).toEqual([]);
      }
    }
    expect(publishers.size).toBe(500);
    expect(keywordCounts.size).toBeGreaterThan(1000);
    const counts = [...keywordCounts.values()].sort((a, b) => b - a);
    // Zipf: the most common keyword is far more common than the median one
    expect(counts[0]! / counts[Math.floor(counts.length / 2)]!).toBeGreaterThan(50);
    expect(generateDataset(3, 7, undefined, "realistic")).toEqual(generateDataset(3, 7, undefined, "realistic"));
  }, 60_000);
});
