/**
 * D1 storage of the revision history of datasets (migration 0045). Writes are statements for the caller's batch,
 * so a revision is written in the same transaction as the change it records. The document of a publish or update
 * is copied inside SQLite from the datasets row just written (INSERT … SELECT; the batch's statements run in
 * order), so it is not bound a second time and the statement stays small. The newest KEPT_REVISIONS per dataset are kept; older ones are pruned in the
 * same batch, so a dataset's history is at most 50 × 1,000,000 bytes and, with documents of a few KB, about 100 KB.
 */
import type { DatasetRevision, DatasetRevisionSummary } from "@regie/shared/contracts/catalogue";

export const KEPT_REVISIONS = 50;
/**
 * The dataset's newest kept revision says the same (apart from `revision` and `modified`): a harvest run that
 * brings a dataset unchanged, or a PUT of the same document, adds no revision (the history would fill with noise).
 */
const SAME_AS_LAST = `SELECT 1 FROM dataset_revisions AS r WHERE r.dataset_id = d.id AND r.doc IS NOT NULL
  AND r.n = (SELECT max(n) FROM dataset_revisions WHERE dataset_id = d.id)
  AND json_remove(r.doc, '$.revision', '$.modified') = json_remove(d.doc, '$.revision', '$.modified')`;

export interface RevisionSource {
  via: "api" | "harvest" | "harvest-source";
  publisherId: string;
  sourceId?: string | null;
}

interface Row {
  n: number;
  at: string;
  action: DatasetRevision["action"];
  via: DatasetRevision["via"];
  publisher_id: string;
  source_id: string | null;
  doc?: string | null;
}

const summary = (r: Row): DatasetRevisionSummary => ({
  number: r.n,
  at: r.at,
  action: r.action,
  via: r.via,
  publisherId: r.publisher_id,
  sourceId: r.source_id,
});

export class RevisionsRepo {
  constructor(private readonly db: D1Database) {}

  /** Keeps the newest KEPT_REVISIONS of each dataset in `ids` (a JSON array). */
  private prune(ids: string) {
    return this.db
      .prepare(
        `DELETE FROM dataset_revisions WHERE dataset_id IN (SELECT value FROM json_each(?1))
         AND n <= (SELECT max(r.n) FROM dataset_revisions AS r WHERE r.dataset_id = dataset_revisions.dataset_id) - ?2`,
      )
      .bind(ids, KEPT_REVISIONS);
  }

  /**
   * After inserts or updates of datasets in the same batch: records each one's document as the revision its row
   * now has. Two statements for the whole batch, however many datasets (a harvest page of 2,000 included).
   */
  changed(items: { id: string; action: "published" | "updated" }[], at: string, src: RevisionSource): D1PreparedStatement[] {
    if (items.length === 0) return [];
    const ids = JSON.stringify(items.map((i) => i.id));
    const created = JSON.stringify(items.filter((i) => i.action === "published").map((i) => i.id));
    return [
      this.db
        .prepare(
          `INSERT OR REPLACE INTO dataset_revisions (dataset_id, n, at, action, via, publisher_id, source_id, doc)
           SELECT d.id, d.revision, ?3, CASE WHEN d.id IN (SELECT value FROM json_each(?2)) THEN 'published' ELSE 'updated' END, ?4, ?5, ?6, d.doc
           FROM datasets AS d WHERE d.id IN (SELECT value FROM json_each(?1)) AND NOT EXISTS (${SAME_AS_LAST})`,
        )
        .bind(ids, created, at, src.via, src.publisherId, src.sourceId ?? null),
      this.prune(ids),
    ];
  }

  /** Withdrawals: each dataset's revision `last + 1`, with no document. */
  withdrawn(items: { id: string; last: number }[], at: string, src: RevisionSource): D1PreparedStatement[] {
    if (items.length === 0) return [];
    return [
      this.db
        .prepare(
          `INSERT OR REPLACE INTO dataset_revisions (dataset_id, n, at, action, via, publisher_id, source_id, doc)
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') + 1, ?2, 'withdrawn', ?3, ?4, ?5, NULL FROM json_each(?1)`,
        )
        .bind(JSON.stringify(items.map((i) => [i.id, i.last])), at, src.via, src.publisherId, src.sourceId ?? null),
      this.prune(JSON.stringify(items.map((i) => i.id))),
    ];
  }

  /** The newest revision number of each id that has a history (an id published again continues its numbering). */
  async lastNumbers(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const { results } = await this.db
      .prepare(`SELECT dataset_id AS id, max(n) AS n FROM dataset_revisions WHERE dataset_id IN (SELECT value FROM json_each(?1)) GROUP BY dataset_id`)
      .bind(JSON.stringify(ids))
      .all<{ id: string; n: number }>();
    return new Map(results.map((r) => [r.id, r.n]));
  }

  /** Newest first; keyset: `before` is the number of the previous page's last revision. */
  async list(id: string, limit: number, before?: number): Promise<{ items: DatasetRevisionSummary[]; next: number | null }> {
    const { results } = await this.db
      .prepare(`SELECT n, at, action, via, publisher_id, source_id FROM dataset_revisions WHERE dataset_id = ?1 AND n < ?2 ORDER BY n DESC LIMIT ?3`)
      .bind(id, before ?? Number.MAX_SAFE_INTEGER, limit + 1)
      .all<Row>();
    const page = results.slice(0, limit);
    return { items: page.map(summary), next: results.length > limit ? page[page.length - 1]!.n : null };
  }

  async get(id: string, n: number): Promise<DatasetRevision | null> {
    const row = await this.db
      .prepare(`SELECT n, at, action, via, publisher_id, source_id, doc FROM dataset_revisions WHERE dataset_id = ?1 AND n = ?2`)
      .bind(id, n)
      .first<Row>();
    if (!row) return null;
    return { ...summary(row), document: row.doc ? JSON.parse(row.doc) : null };
  }

  async exists(id: string): Promise<boolean> {
    return !!(await this.db.prepare(`SELECT 1 AS x FROM dataset_revisions WHERE dataset_id = ?1 LIMIT 1`).bind(id).first());
  }
}
