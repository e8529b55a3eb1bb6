import { describe, expect, it } from "vitest";
import { stem, toMatchExpression } from "../../src/search/text-query";

describe("user text -> FTS5 MATCH", () => {
  it("maps Dutch and English forms onto one prefix stem", () => {
    expect(toMatchExpression("oncologie")).toBe('"oncolog"*');
    expect(toMatchExpression("Oncology")).toBe('"oncolog"*');
    expect(stem("cardiologie")).toBe(stem("cardiology"));
  });
  it("keeps only letters and digits, so no FTS syntax gets through", () => {
    for (const evil of ['a" OR "b', "x* NEAR(y)", "title:secret", "-- drop", "^start", "a AND b", "(x)", '""']) {
      const m = toMatchExpression(evil);
      if (m === null) continue;
      expect(m).toMatch(/^("[\p{L}\p{N}]+"\* ?)+$/u);
    }
    expect(toMatchExpression("a OR b")).toBe('"a"* "or"* "b"*');
    expect(toMatchExpression("***")).toBeNull();
    expect(toMatchExpression("")).toBeNull();
  });
  it("removes diacritics and caps the number of words", () => {
    expect(toMatchExpression("Café")).toBe('"cafe"*');
    expect(toMatchExpression(Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "))!.split(" ")).toHaveLength(8);
  });
});
