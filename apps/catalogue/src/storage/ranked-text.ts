/**
 * The reference model's full-text read (src/search/service.ts, the first design; no route uses it): FTS5 hits of
 * the catalogue D1 ranked by bm25, and one page of them, in one statement.
 */
import type { DatasetSummary } from "@regie/shared/contracts/catalogue";

const VERSION = `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`;
/**
 * FTS5 hits ranked by bm25 (column weights title 10, keywords 4, description 1; lower is better; ties by ordinal),
 * as one string of `position:ordinal` pairs in one row with the catalogue version (an aggregate's order is not
 * guaranteed, positions are), and one page of them: the
 * hits whose ordinal is set in the filter ?2 (hex, 4 ordinals a digit, lowest bit first; see toHex in search/bitset.ts), skipping
 * ?3 and taking ?4 (their summaries are then read through the directory). One statement, one snapshot, and one row
 * crosses the D1 boundary instead of one per hit. MATERIALIZED: the FTS query runs once for both uses.
 */
const RANKED_TEXT = `WITH ranked AS MATERIALIZED (
  SELECT rowid AS ord, bm25(datasets_fts, 10.0, 4.0, 1.0) AS score FROM datasets_fts WHERE datasets_fts MATCH ?1
)
SELECT (${VERSION}) AS v,
  (SELECT group_concat(n || ':' || ord) FROM (SELECT ord, row_number() OVER (ORDER BY score, ord) AS n FROM ranked)) AS ords,
  (SELECT json_group_array(json_array(p.n, p.ord)) FROM (
     SELECT ord, row_number() OVER (ORDER BY score, ord) AS n FROM ranked
     WHERE ((instr('0123456789abcdef', substr(CAST(?2 AS BLOB), (ord >> 2) + 1, 1)) - 1) >> (ord & 3)) & 1
     ORDER BY score, ord LIMIT ?4 OFFSET ?3
   ) AS p) AS page`;
/** `"2:17,1:5"` -> [5, 17]: the ordinals in the order of their positions. */
export function inPositionOrder(pairs: string): number[] {
  const list = pairs.split(",").map((p) => {
    const i = p.indexOf(":");
    return [Number(p.slice(0, i)), Number(p.slice(i + 1))] as const;
  });
  for (let i = 1; i < list.length; i++) {
    if (list[i]![0] < list[i - 1]![0]) {
      list.sort((a, b) => a[0] - b[0]);
      break;
    }
  }
  return list.map((p) => p[1]);
}

export interface RankedText {
  version: string;
  ords: number[];
  /** summaries of the requested page, when one was asked for */
  page?: { ords: number[]; items: DatasetSummary[] };
}

/** The hits of `match` in rank order with the version; given `page`, that page's ordinals and their summaries. */
export async function rankedText(
  db: D1Database,
  match: string,
  page: { filter: string; offset: number; limit: number } | undefined,
  summaries: (ords: number[]) => Promise<{ items: DatasetSummary[] }>,
): Promise<RankedText> {
  const row = await db
    .prepare(RANKED_TEXT)
    .bind(match, page?.filter ?? "", page?.offset ?? 0, page ? page.limit : 0)
    .first<{ v: string; ords: string | null; page: string | null }>();
  // [position, ordinal]; the aggregate's order is not guaranteed, the position is
  const pairs = (JSON.parse(row?.page ?? "[]") as [number, number][]).sort((a, b) => a[0] - b[0]);
  const version = row?.v ?? "0:0";
  const ords = row?.ords ? inPositionOrder(row.ords) : [];
  if (!page) return { version, ords };
  const pageOrds = pairs.map((p) => p[1]);
  return { version, ords, page: { ords: pageOrds, items: pageOrds.length ? (await summaries(pageOrds)).items : [] } };
}
