/** D1 storage of permits: the document as JSON, indexed by issue time for the public register. */
import type { StoredPermit } from "./permit";

export class PermitsRepo {
  constructor(private readonly db: D1Database) {}

  /** The insert, applied only when the application's stored document is `applicationDoc` (the approval's batch). */
  insertStatement(p: StoredPermit, applicationDoc: string): D1PreparedStatement {
    return this.db
      .prepare(
        `INSERT INTO permits (id, application_id, kind, issued_at, doc) SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM access_applications WHERE id = ?2 AND doc = ?6)`,
      )
      .bind(p.id, p.applicationId, p.kind, p.issuedAt, JSON.stringify(p), applicationDoc);
  }

  async get(id: string): Promise<StoredPermit | null> {
    const row = await this.db.prepare(`SELECT doc FROM permits WHERE id = ?1`).bind(id).first<{ doc: string }>();
    return row ? (JSON.parse(row.doc) as StoredPermit) : null;
  }

  /** Newest first; `limit` at most 100 per page. */
  async list(limit: number, offset: number): Promise<{ items: StoredPermit[]; total: number }> {
    const [page, count] = await this.db.batch<{ doc?: string; n?: number }>([
      this.db.prepare(`SELECT doc FROM permits ORDER BY issued_at DESC, id LIMIT ?1 OFFSET ?2`).bind(limit, offset),
      this.db.prepare(`SELECT count(*) AS n FROM permits`),
    ]);
    return { items: page!.results.map((r) => JSON.parse(r.doc!) as StoredPermit), total: count!.results[0]?.n ?? 0 };
  }
}
