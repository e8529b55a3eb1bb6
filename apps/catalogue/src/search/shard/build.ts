/**
 * An index shard's first build (or full rebuild) from D1, as a bulk load: pages of its rows by ordinal, bounded by
 * bytes in the statement itself (ShardFeed.rows) and sized to fit (./page-size.ts), the next page read from D1 while the current one is written (one transaction per page),
 * rows inserted without the per-row delete that following the change log needs, and FTS5's segments merged into
 * one ('optimize') and the long terms' postings packed (./packed.ts) at the end, so queries read one b-tree and one
 * value per term. Where the time goes is recorded (BuildStats).
 */
import type { FeedRow, ShardFeed } from "../../storage/shard-feed";
import type { BuildStats } from "./info";
import { PAGE_BYTES, PageSizer } from "./page-size";

/** What the build writes through: the shard's SQLite transaction, a row's insert, the final merge and packing. */
export interface BuildTarget {
  transaction(fn: () => void): void;
  insert(row: FeedRow): void;
  optimize(): void;
  /** packs the long terms' postings (./packed.ts); returns the terms packed */
  pack(): number;
}

/** Loads the shard's rows after ordinal `after` (-1: all). */
export async function bulkLoad(feed: ShardFeed, target: BuildTarget, fixedPage?: number, after = -1): Promise<BuildStats> {
  const t0 = performance.now();
  const sizer = new PageSizer(fixedPage);
  const stats: BuildStats = {
    rows: 0,
    pages: 0,
    ms: 0,
    readWaitMs: 0,
    writeMs: 0,
    optimizeMs: 0,
    packMs: 0,
    packedTerms: 0,
    maxPageRows: 0,
    maxPageBytes: 0,
    resumedAfter: after,
    at: new Date().toISOString(),
  };
  let limit = sizer.next();
  let pending: Promise<FeedRow[]> = feed.rows(after, limit, PAGE_BYTES);
  for (;;) {
    const w0 = performance.now();
    const page: FeedRow[] = await pending;
    stats.readWaitMs += performance.now() - w0;
    if (page.length === 0) break;
    const bytes = sizer.observe(page);
    limit = sizer.next();
    // the next page is on its way while this one is written (a page can end by bytes, so only an empty one is the end)
    pending = feed.rows(page[page.length - 1]!.ord, limit, PAGE_BYTES);
    pending.catch(() => undefined); // awaited below; a failed write must not leave it unhandled
    const a0 = performance.now();
    target.transaction(() => {
      for (const r of page) target.insert(r);
    });
    stats.writeMs += performance.now() - a0;
    stats.rows += page.length;
    stats.pages++;
    stats.maxPageRows = Math.max(stats.maxPageRows, page.length);
    stats.maxPageBytes = Math.max(stats.maxPageBytes, bytes);
  }
  const o0 = performance.now();
  if (stats.rows > 0) target.optimize();
  stats.optimizeMs = performance.now() - o0;
  const p0 = performance.now();
  if (stats.rows > 0) stats.packedTerms = target.pack();
  stats.packMs = performance.now() - p0;
  stats.ms = performance.now() - t0;
  for (const k of ["ms", "readWaitMs", "writeMs", "optimizeMs", "packMs"] as const) stats[k] = Math.round(stats[k]);
  return stats;
}
