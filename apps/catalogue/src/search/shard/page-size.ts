/**
 * How many rows the next page of a shard's build asks D1 for: as many as fit in PAGE_BYTES (4 MiB) at the largest
 * row seen so far with 50% headroom, between MIN_ROWS and MAX_ROWS; the first page asks FIRST_ROWS. The statement
 * itself stops a page at PAGE_BYTES (ShardFeed.rows), so this only keeps it from reading rows it cannot return. Pure.
 */
import type { FeedRow } from "../../storage/shard-feed";

export const PAGE_BYTES = 4 * 1024 * 1024;
export const FIRST_ROWS = 250;
export const MIN_ROWS = 50;
export const MAX_ROWS = 5000;

/** The bytes a row costs on the wire, estimated from its strings (UTF-16 length; numbers and keys ≈ 200 bytes). */
export function rowBytes(r: FeedRow): number {
  return 200 + r.title_text.length + r.keywords_text.length + r.description_text.length + r.facets.length + r.title_sort.length + r.publisher_id.length;
}

export class PageSizer {
  private largest = 0;

  /** `fixed`: a test seam, every page that many rows. */
  constructor(private readonly fixed?: number) {}

  next(): number {
    if (this.fixed) return this.fixed;
    if (!this.largest) return FIRST_ROWS;
    return Math.max(MIN_ROWS, Math.min(MAX_ROWS, Math.floor(PAGE_BYTES / (this.largest * 1.5))));
  }

  /** Notes a page's rows; returns its estimated bytes. */
  observe(page: readonly FeedRow[]): number {
    let total = 0;
    for (const r of page) {
      const n = rowBytes(r);
      total += n;
      if (n > this.largest) this.largest = n;
    }
    return total;
  }
}
