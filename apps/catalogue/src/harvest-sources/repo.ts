/** D1 storage of harvest sources, their jobs, the IRIs a job has seen and the datasets a source brought (migration 0021). */
import type { HarvestJob, HarvestSource, Violation } from "@regie/shared/contracts/catalogue";
import { allRows, firstRow } from "../storage/d1";

interface SourceRow {
  id: string;
  publisher_id: string;
  url: string;
  kind: "dcat" | "ckan";
  title: string | null;
  interval_minutes: number;
  created_at: string;
  next_run_at: string;
}

interface JobRow {
  id: string;
  source_id: string;
  status: HarvestJob["status"];
  started_at: string;
  finished_at: string | null;
  cursor: string | null;
  phase: "fetch" | "withdraw";
  pages: number;
  added: number;
  updated: number;
  withdrawn: number;
  rejected: number;
  rejections: string;
  error: string | null;
}

export type StoredSource = Omit<HarvestSource, "lastJob">;
export type StoredJob = HarvestJob & { cursor: string | null; phase: "fetch" | "withdraw" };
/** One step of a job: where it leaves the job, what it adds to the counts, its rejections and the IRIs it saw. */
export type JobStep = Pick<StoredJob, "cursor" | "phase" | "pages" | "added" | "updated" | "withdrawn"> & {
  rejections: { iri: string; violations: Violation[] }[];
  seen: string[];
};

const source = (r: SourceRow): StoredSource => ({
  id: r.id,
  publisherId: r.publisher_id,
  url: r.url,
  kind: r.kind,
  title: r.title,
  intervalMinutes: r.interval_minutes,
  createdAt: r.created_at,
  nextRunAt: r.next_run_at,
});
const job = (r: JobRow): StoredJob => ({
  id: r.id,
  sourceId: r.source_id,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  cursor: r.cursor,
  phase: r.phase,
  pages: r.pages,
  added: r.added,
  updated: r.updated,
  withdrawn: r.withdrawn,
  rejected: r.rejected,
  rejections: JSON.parse(r.rejections) as HarvestJob["rejections"],
  error: r.error,
});

/** Rejections kept per job (the count goes on): a job record stays far below D1's 2 MB per value. */
export const MAX_KEPT_REJECTIONS = 200;

export class HarvestSourcesRepo {
  constructor(private readonly db: D1Database) {}

  async create(s: StoredSource): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO harvest_sources (id, publisher_id, url, kind, title, interval_minutes, created_at, next_run_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(s.id, s.publisherId, s.url, s.kind, s.title, s.intervalMinutes, s.createdAt, s.nextRunAt)
      .run();
  }

  get(id: string): Promise<StoredSource | null> {
    return firstRow(this.db, `SELECT * FROM harvest_sources WHERE id = ?1`, [id], source);
  }

  listByPublisher(publisherId: string): Promise<StoredSource[]> {
    return allRows(this.db, `SELECT * FROM harvest_sources WHERE publisher_id = ?1 ORDER BY created_at, id LIMIT 200`, [publisherId], source);
  }

  /** Sources due at `now`, or with a job still running, oldest first. */
  due(now: string, limit: number): Promise<StoredSource[]> {
    return allRows(
      this.db,
      `SELECT * FROM harvest_sources s WHERE s.next_run_at <= ?1 OR EXISTS (SELECT 1 FROM harvest_jobs j WHERE j.source_id = s.id AND j.status = 'running') ORDER BY s.next_run_at LIMIT ?2`,
      [now, limit],
      source,
    );
  }

  /** Newest first. started_at has whole seconds, so jobs started in one second are ordered by insertion (rowid), not by their random ids. */
  jobs(sourceId: string, limit = 50): Promise<StoredJob[]> {
    return allRows(this.db, `SELECT * FROM harvest_jobs WHERE source_id = ?1 ORDER BY started_at DESC, rowid DESC LIMIT ?2`, [sourceId, limit], job);
  }

  runningJob(sourceId: string): Promise<StoredJob | null> {
    return firstRow(this.db, `SELECT * FROM harvest_jobs WHERE source_id = ?1 AND status = 'running' ORDER BY started_at, rowid LIMIT 1`, [sourceId], job);
  }

  /** Starts a job and moves the source's next run on, in one batch. */
  async startJob(s: StoredSource, id: string, now: string, nextRunAt: string): Promise<void> {
    await this.db.batch([
      this.db
        .prepare(`INSERT INTO harvest_jobs (id, source_id, status, started_at, cursor) VALUES (?1, ?2, 'running', ?3, ?4)`)
        .bind(id, s.id, now, s.kind === "ckan" ? "0" : s.url),
      this.db.prepare(`UPDATE harvest_sources SET next_run_at = ?2 WHERE id = ?1`).bind(s.id, nextRunAt),
    ]);
  }

  /** Takes the job for this invocation (until `until`); false when another invocation holds it. */
  async lease(jobId: string, now: string, until: string): Promise<boolean> {
    const r = await this.db
      .prepare(`UPDATE harvest_jobs SET lease_until = ?3 WHERE id = ?1 AND status = 'running' AND (lease_until IS NULL OR lease_until < ?2)`)
      .bind(jobId, now, until)
      .run();
    return (r.meta.changes ?? 0) === 1;
  }

  async release(jobId: string): Promise<void> {
    await this.db.prepare(`UPDATE harvest_jobs SET lease_until = NULL WHERE id = ?1`).bind(jobId).run();
  }

  /** Statements recording one step's progress (run in the same batch as its dataset writes). */
  progressStatements(j: StoredJob, step: JobStep) {
    const kept = [...j.rejections, ...step.rejections].slice(0, MAX_KEPT_REJECTIONS);
    return [
      this.db
        .prepare(
          `UPDATE harvest_jobs SET cursor = ?2, phase = ?3, pages = pages + ?4, added = added + ?5, updated = updated + ?6, withdrawn = withdrawn + ?7, rejected = rejected + ?8, rejections = ?9 WHERE id = ?1`,
        )
        .bind(j.id, step.cursor, step.phase, step.pages, step.added, step.updated, step.withdrawn, step.rejections.length, JSON.stringify(kept)),
      ...(step.seen.length
        ? [this.db.prepare(`INSERT OR IGNORE INTO harvest_job_seen (job_id, iri) SELECT ?1, value FROM json_each(?2)`).bind(j.id, JSON.stringify(step.seen))]
        : []),
    ];
  }

  rememberStatement(sourceId: string, items: { iri: string; id: string }[]) {
    return this.db
      .prepare(
        `INSERT OR REPLACE INTO harvested_datasets (source_id, iri, dataset_id) SELECT ?1, json_extract(value, '$.iri'), json_extract(value, '$.id') FROM json_each(?2)`,
      )
      .bind(sourceId, JSON.stringify(items));
  }

  forgetStatement(sourceId: string, iris: string[]) {
    return this.db
      .prepare(`DELETE FROM harvested_datasets WHERE source_id = ?1 AND iri IN (SELECT value FROM json_each(?2))`)
      .bind(sourceId, JSON.stringify(iris));
  }

  /** Datasets the source brought that this job has not seen at it (vanished), at most `limit`. */
  async vanished(sourceId: string, jobId: string, limit: number): Promise<{ iri: string; datasetId: string }[]> {
    const { results } = await this.db
      .prepare(
        `SELECT h.iri, h.dataset_id AS datasetId FROM harvested_datasets h WHERE h.source_id = ?1 AND NOT EXISTS (SELECT 1 FROM harvest_job_seen s WHERE s.job_id = ?2 AND s.iri = h.iri) ORDER BY h.iri LIMIT ?3`,
      )
      .bind(sourceId, jobId, limit)
      .all<{ iri: string; datasetId: string }>();
    return results;
  }

  async finish(jobId: string, now: string, error: string | null): Promise<void> {
    await this.db.batch([
      this.db
        .prepare(`UPDATE harvest_jobs SET status = ?2, finished_at = ?3, error = ?4, lease_until = NULL, cursor = NULL WHERE id = ?1`)
        .bind(jobId, error ? "failed" : "done", now, error),
      this.db.prepare(`DELETE FROM harvest_job_seen WHERE job_id = ?1`).bind(jobId),
    ]);
  }

  getJob(id: string): Promise<StoredJob | null> {
    return firstRow(this.db, `SELECT * FROM harvest_jobs WHERE id = ?1`, [id], job);
  }
}
