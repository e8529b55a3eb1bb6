import { describe, expect, it } from "vitest";
import { searchQueryFromUrl } from "../../src/researcher/search";

describe("search URL -> catalogue query", () => {
  it("keeps the words, repeated facet values, sort and cursor, with a fixed page size", () => {
    const parsed = searchQueryFromUrl(
      new URL("http://x/onderzoek?q=+kanker+&healthCategory=PHDR&healthCategory=EHRS&publisher=iknl&sort=title&cursor=abc&page=3"),
    );
    expect(parsed).toEqual({ query: { q: "kanker", healthCategory: ["PHDR", "EHRS"], publisher: ["iknl"], sort: "title", cursor: "abc", limit: 10 }, page: 3 });
  });

  it("drops empty values and refuses an unknown sort", () => {
    expect(searchQueryFromUrl(new URL("http://x/onderzoek?q=&theme="))).toEqual({ query: { limit: 10 }, page: 1 });
    expect(searchQueryFromUrl(new URL("http://x/onderzoek?sort=random"))).toBeUndefined();
  });
});
