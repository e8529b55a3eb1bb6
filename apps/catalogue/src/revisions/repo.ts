/**
 * D1 storage of the revision history of datasets (migration 0045). Writes are statements for the caller's batch,
 * so a revision is written in the same transaction as the change it records. The document of a publish or update
 * is bound (the datasets row no longer holds it: it lives in a document partition, src/storage/docs), as JSON
 * arrays of at most REVISION_CHUNK_BYTES each (half of D1's 2,000,000-byte value limit; a single bigger document
 * goes alone), and the revision number comes from the datasets row just written (the batch's statements run in
 * order). The newest KEPT_REVISIONS per dataset are kept; older ones are pruned in the same batch, so a dataset's
 * history is at most 50 × 1,000,000 bytes and, with documents of a few KB, about 100 KB.
 */
import type { DatasetRevision, DatasetRevisionSummary } from "@regie/shared/contracts/catalogue";

export const KEPT_REVISIONS = 50;
/**
 * The dataset's newest kept revision says the same (apart from `revision` and `modified`): a harvest run that
 * brings a dataset unchanged, or a PUT of the same document, adds no revision (the history would fill with noise).
 */
const SAME_AS_LAST = `SELECT 1 FROM dataset_revisions AS r WHERE r.dataset_id = d.id AND r.doc IS NOT NULL
  AND r.n = (SELECT max(n) FROM dataset_revisions WHERE dataset_id = d.id)
  AND json_remove(r.doc, '$.revision', '$.modified') = json_remove(json_extract(j.value, '$[2]'), '$.revision', '$.modified')`;
/** bytes of documents bound in one revision statement (D1: 2,000,000 bytes a value) */
export const REVISION_CHUNK_BYTES = 1_000_000;

const utf8 = new TextEncoder();

/** [[id, action, doc], …] in JSON arrays of at most `max` bytes (UTF-8) each (one item alone when it is bigger). */
export function revisionChunks(items: { id: string; action: string; doc: string }[], max = REVISION_CHUNK_BYTES): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 2;
  for (const i of items) {
    const one = JSON.stringify([i.id, i.action, i.doc]);
    const bytes = utf8.encode(one).length;
    if (part.length && size + bytes + 1 > max) {
      out.push(`[${part.join(",")}]`);
      part = [];
      size = 2;
    }
    part.push(one);
    size += bytes + 1;
  }
  if (part.length) out.push(`[${part.join(",")}]`);
  return out;
}

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
   * After inserts or updates of datasets in the same batch: records each one's document (`doc`, its JSON) as the
   * revision its row now has. One statement per REVISION_CHUNK_BYTES of documents plus one prune, however many
   * datasets (a harvest page of 2,000 documents of ≈ 4 KB: 9 statements).
   */
  changed(items: { id: string; action: "published" | "updated"; doc: string }[], at: string, src: RevisionSource): D1PreparedStatement[] {
    if (items.length === 0) return [];
    const insert = `INSERT OR REPLACE INTO dataset_revisions (dataset_id, n, at, action, via, publisher_id, source_id, doc)
      SELECT d.id, d.revision, ?2, json_extract(j.value, '$[1]'), ?3, ?4, ?5, json_extract(j.value, '$[2]')
      FROM json_each(?1) AS j JOIN datasets AS d ON d.id = json_extract(j.value, '$[0]') WHERE NOT EXISTS (${SAME_AS_LAST})`;
    return [
      ...revisionChunks(items).map((chunk) => this.db.prepare(insert).bind(chunk, at, src.via, src.publisherId, src.sourceId ?? null)),
      this.prune(JSON.stringify(items.map((i) => i.id))),
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
