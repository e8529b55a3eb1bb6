import { describe, expect, it } from "vitest";
import { FIRST_ROWS, MAX_ROWS, MIN_ROWS, PAGE_BYTES, PageSizer, rowBytes } from "../../src/search/shard/page-size";
import type { FeedRow } from "../../src/storage/shard-feed";

const row = (textBytes: number): FeedRow =>
  ({
    ord: 1,
    publisher_id: "org-001",
    access_rights: "PUBLIC",
    facets: "{}",
    modified: "2026-01-01",
    title_sort: "t",
    min_age: null,
    max_age: null,
    temporal_start: null,
    temporal_end: null,
    individuals: null,
    title_text: "x".repeat(textBytes),
    keywords_text: "",
    description_text: "",
  }) as FeedRow;

describe("shard build pages are sized by bytes", () => {
  it("asks FIRST_ROWS first, then as many rows as fit in PAGE_BYTES at the largest row seen with headroom", () => {
    const sizer = new PageSizer();
    expect(sizer.next()).toBe(FIRST_ROWS);
    sizer.observe([row(500), row(1800)]);
    const n = sizer.next();
    expect(n).toBe(Math.floor(PAGE_BYTES / (rowBytes(row(1800)) * 1.5)));
    expect(n * rowBytes(row(1800))).toBeLessThan(PAGE_BYTES);
  });
  it("stays between MIN_ROWS and MAX_ROWS, so a page of the largest rows seen stays far below 10 MB", () => {
    const small = new PageSizer();
    small.observe([row(10)]);
    expect(small.next()).toBe(MAX_ROWS);
    const big = new PageSizer();
    big.observe([row(150_000)]);
    expect(big.next()).toBe(MIN_ROWS);
    expect(MIN_ROWS * rowBytes(row(150_000))).toBeLessThan(10_000_000);
    expect(MAX_ROWS * rowBytes(row(10))).toBeLessThan(PAGE_BYTES);
  });
  it("a fixed page size (the test seam) wins", () => {
    const fixed = new PageSizer(50);
    fixed.observe([row(10)]);
    expect(fixed.next()).toBe(50);
  });
  it("observe answers the page's estimated bytes", () => {
    expect(new PageSizer().observe([row(100), row(200)])).toBe(rowBytes(row(100)) + rowBytes(row(200)));
  });
});
