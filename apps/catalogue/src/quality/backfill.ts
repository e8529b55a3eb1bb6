/**
 * Scores datasets stored before migration 0050 (quality IS NULL), a page at a time from the Cron Trigger: each page
 * is read, scored (./score.ts) and written back in one batch with the catalogue version bump, so the index shards
 * follow it like any change. Bounds per invocation: PAGES × PAGE rows ≈ 400 written statements plus 4 reads, half of
 * D1's 1,000 queries per invocation; a page reads at most PAGE documents (a few kB each, far below D1's limits).
 */
import { Dataset } from "@regie/shared/contracts/catalogue";
import { DatasetsRepo } from "../storage/datasets-repo";
import { qualityScore } from "./score";

const PAGE = 100;
const PAGES = 4;

/** Scores up to PAGES × PAGE unscored datasets; returns how many were scored. */
export async function backfillQuality(db: D1Database, pages = PAGES, page = PAGE): Promise<number> {
  const repo = new DatasetsRepo(db);
  let done = 0;
  for (let p = 0; p < pages; p++) {
    const { results } = await db
      .prepare(`SELECT ord, doc FROM datasets WHERE quality IS NULL ORDER BY ord LIMIT ?1`)
      .bind(page)
      .all<{ ord: number; doc: string }>();
    if (!results.length) break;
    const statements = results.map((r) => {
      const parsed = Dataset.safeParse(JSON.parse(r.doc));
      // a document that no longer parses still gets a score, so that the backfill moves on: 0 sorts it last
      const score = parsed.success ? qualityScore(parsed.data) : 0;
      const sql = `UPDATE datasets SET quality = ?2, summary = json_set(summary, '$.quality', ?2) WHERE ord = ?1 AND quality IS NULL`;
      return db.prepare(sql).bind(r.ord, score);
    });
    await repo.commit(statements);
    done += results.length;
    if (results.length < page) break;
  }
  return done;
}
