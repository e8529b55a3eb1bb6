/** D1 storage of pushed harvest jobs and their per-dataset outcomes (migration 0061). */
import type { HarvestPushItem, HarvestPushJob } from "@regie/shared/contracts/catalogue";
import type { RdfMediaType } from "../rdf/parse";
import { firstRow } from "../storage/d1";

export interface StoredPushJob extends Omit<HarvestPushJob, "items"> {
  publisherId: string;
  mediaType: RdfMediaType;
  prefix: string;
}

interface Row {
  id: string;
  publisher_id: string;
  status: HarvestPushJob["status"];
  media_type: RdfMediaType;
  prefix: string;
  total: number;
  processed: number;
  added: number;
  updated: number;
  rejected: number;
  created_at: string;
  finished_at: string | null;
  error: string | null;
}

const job = (r: Row): StoredPushJob => ({
  id: r.id,
  publisherId: r.publisher_id,
  status: r.status,
  mediaType: r.media_type,
  prefix: r.prefix,
  total: r.total,
  processed: r.processed,
  added: r.added,
  updated: r.updated,
  rejected: r.rejected,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  error: r.error,
});

export class HarvestPushRepo {
  constructor(private readonly db: D1Database) {}

  async create(j: StoredPushJob): Promise<void> {
    await this.db
      .prepare(`INSERT INTO harvest_push_jobs (id, publisher_id, status, media_type, prefix, total, created_at) VALUES (?1, ?2, 'running', ?3, ?4, ?5, ?6)`)
      .bind(j.id, j.publisherId, j.mediaType, j.prefix, j.total, j.createdAt)
      .run();
  }

  get(id: string): Promise<StoredPushJob | null> {
    return firstRow(this.db, `SELECT * FROM harvest_push_jobs WHERE id = ?1`, [id], job);
  }

  async items(id: string): Promise<HarvestPushItem[]> {
    const { results } = await this.db
      .prepare(`SELECT position, iri, outcome, dataset_id AS id, detail FROM harvest_push_items WHERE job_id = ?1 ORDER BY position`)
      .bind(id)
      .all<Omit<HarvestPushItem, "violations" | "warnings"> & { detail: string }>();
    return results.map(({ detail, ...r }) => ({ ...r, ...(JSON.parse(detail) as Pick<HarvestPushItem, "violations" | "warnings">) }));
  }

  /** An item's row: a plain INSERT, so a chunk written twice fails (primary key) and its batch with it. */
  itemStatement(jobId: string, item: HarvestPushItem) {
    return this.db
      .prepare(`INSERT INTO harvest_push_items (job_id, position, iri, outcome, dataset_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
      .bind(jobId, item.position, item.iri, item.outcome, item.id, JSON.stringify({ violations: item.violations, warnings: item.warnings }));
  }

  /** The job's progress after a chunk from `from` to `to` (only if no other run moved it meanwhile). */
  progressStatement(j: StoredPushJob, from: number, to: number, counts: { added: number; updated: number; rejected: number }, now: string) {
    return this.db
      .prepare(
        `UPDATE harvest_push_jobs SET processed = ?3, added = added + ?4, updated = updated + ?5, rejected = rejected + ?6,
         status = CASE WHEN ?3 >= total THEN 'done' ELSE status END, finished_at = CASE WHEN ?3 >= total THEN ?7 ELSE finished_at END
         WHERE id = ?1 AND processed = ?2`,
      )
      .bind(j.id, from, to, counts.added, counts.updated, counts.rejected, now);
  }

  async fail(id: string, error: string, now: string): Promise<void> {
    await this.db
      .prepare(`UPDATE harvest_push_jobs SET status = 'failed', error = ?2, finished_at = ?3 WHERE id = ?1 AND status = 'running'`)
      .bind(id, error.slice(0, 500), now)
      .run();
  }
}
