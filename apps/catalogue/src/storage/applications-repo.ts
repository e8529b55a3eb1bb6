/** D1 storage of data access applications (the whole application as JSON, with status and owner as columns). */
import type { AccessApplication, ApplicationStatus } from "@regie/shared/contracts/catalogue";

export class ApplicationsRepo {
  constructor(private readonly db: D1Database) {}

  async insert(a: AccessApplication) {
    await this.db
      .prepare(`INSERT INTO access_applications (id, researcher, status, doc, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
      .bind(a.id, a.researcher, a.status, JSON.stringify(a), a.createdAt, a.updatedAt)
      .run();
  }

  /** Writes a new state only if nobody changed the application since `expectedUpdatedAt`; false otherwise. */
  async update(a: AccessApplication, expectedStatus: ApplicationStatus): Promise<boolean> {
    const res = await this.db
      .prepare(`UPDATE access_applications SET status = ?2, doc = ?3, updated_at = ?4 WHERE id = ?1 AND status = ?5`)
      .bind(a.id, a.status, JSON.stringify(a), a.updatedAt, expectedStatus)
      .run();
    return (res.meta.changes ?? 0) > 0;
  }

  async get(id: string): Promise<AccessApplication | null> {
    const row = await this.db.prepare(`SELECT doc FROM access_applications WHERE id = ?1`).bind(id).first<{ doc: string }>();
    return row ? (JSON.parse(row.doc) as AccessApplication) : null;
  }

  async list(filter: { researcher?: string; status?: ApplicationStatus }): Promise<AccessApplication[]> {
    const { results } = await this.db
      .prepare(
        `SELECT doc FROM access_applications WHERE (?1 IS NULL OR researcher = ?1) AND (?2 IS NULL OR status = ?2) ORDER BY created_at DESC, id LIMIT 500`,
      )
      .bind(filter.researcher ?? null, filter.status ?? null)
      .all<{ doc: string }>();
    return results.map((r) => JSON.parse(r.doc) as AccessApplication);
  }
}
