/**
 * What an index shard reads from D1 to follow the catalogue: the version, the change log (migration 0003) and the
 * rows of its own ordinals (ord % count = shard), in pages by ordinal (keyset), so that no statement's result
 * grows with the catalogue: a change-log page is at most FEED_PAGE rows of ≈1–2 kB, a build page is sized by bytes
 * (../search/shard/page-size.ts), both well under 10 MB.
 */
import type { IndexRow } from "../search/index-state";

export const FEED_PAGE = 1000;
const VERSION = `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`;
const COLUMNS = `d.ord, d.publisher_id, d.access_rights, d.facets, d.modified, d.title_sort, d.min_age, d.max_age, d.temporal_start, d.temporal_end, d.individuals, d.quality, d.title_text, d.keywords_text, d.description_text`;

export interface FeedRow extends IndexRow {
  title_text: string;
  keywords_text: string;
  description_text: string;
}

export class ShardFeed {
  constructor(
    private readonly db: D1Database,
    readonly shard: number,
    readonly count: number,
    readonly page = FEED_PAGE,
  ) {}

  /** The catalogue version and where the change log starts, read together. */
  async head(): Promise<{ version: string; logFrom: number | null }> {
    const [v, from] = await this.db.batch([this.db.prepare(VERSION), this.db.prepare(`SELECT value FROM catalogue_meta WHERE key = 'changes_from'`)]);
    return { version: (v!.results[0] as { v: string } | undefined)?.v ?? "0:0", logFrom: (from!.results[0] as { value: number } | undefined)?.value ?? null };
  }

  /**
   * A page of this shard's rows after ordinal `after`: `limit` rows at most, and ending before the rows' text and
   * facet values (SQLite length(), + 200 per row for the rest) pass `maxBytes` in all; the first row always comes
   * (one row alone is bounded by D1's value limit). So the result is bounded by bytes whatever the rows hold.
   * Empty past the last row.
   */
  async rows(after: number, limit: number, maxBytes: number): Promise<FeedRow[]> {
    // the window runs over the page's `limit` rows only (a window over the whole rest of the table would read it all)
    const { results } = await this.db
      .prepare(
        `WITH page AS (SELECT ${COLUMNS} FROM datasets AS d WHERE d.ord > ?1 AND d.ord % ?2 = ?3 ORDER BY d.ord LIMIT ?4)
         SELECT * FROM (SELECT *, row_number() OVER w AS n,
           sum(length(title_text) + length(keywords_text) + length(description_text) + length(facets) + 200) OVER w AS running
         FROM page WINDOW w AS (ORDER BY ord ROWS UNBOUNDED PRECEDING))
         WHERE n = 1 OR running <= ?5 ORDER BY ord`,
      )
      .bind(after, this.count, this.shard, limit, maxBytes)
      .all<FeedRow & { n: number; running: number }>();
    return results.map(({ n: _n, running: _r, ...row }) => row as FeedRow);
  }

  /** A page of this shard's ordinals changed at or after `counter` (after ordinal `after`): rows as they are now, null for deleted. */
  async changes(counter: number, after: number): Promise<{ ord: number; row: FeedRow | null }[]> {
    const { results } = await this.db
      .prepare(
        `SELECT c.ord AS changed, ${COLUMNS} FROM (SELECT DISTINCT ord FROM dataset_changes WHERE counter >= ?1 AND ord > ?2 AND ord % ?3 = ?4 ORDER BY ord LIMIT ?5) AS c
         LEFT JOIN datasets AS d ON d.ord = c.ord ORDER BY c.ord`,
      )
      .bind(counter, after, this.count, this.shard, this.page)
      .all<FeedRow & { changed: number; ord: number | null }>();
    return results.map(({ changed, ...row }) => ({ ord: changed, row: row.ord === null ? null : (row as FeedRow) }));
  }
}
